// The one place configuration is read and checked. Every entry point (web, worker, CLI, tests)
// calls `env()`; a bad value fails at start with a message naming the variable.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  AUTOFLOW_SECRET: z.string().min(16, "AUTOFLOW_SECRET must be at least 16 characters").optional(),
  AUTOFLOW_DATA_DIR: z.string().default(".data"),
  ADMIN_EMAIL: z.string().email().default("admin@autoflow.local"),
  ADMIN_PASSWORD: z.string().min(8, "ADMIN_PASSWORD must be at least 8 characters").optional(),
  SMTP_URL: z.string().url().optional(),
  AMQP_URL: z.string().url().optional(),
  AUTOFLOW_EVENT_QUEUE: z.string().min(1).default("autoflow.events"),
  AUTOFLOW_HTTP_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((s) => s.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean)),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  // Slots for run jobs of rules with a slow action (http); separate from WORKER_CONCURRENCY.
  WORKER_SLOW_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(4),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Monitoring: executions, action logs, events and fires older than this many days are deleted
  // (in small batches by the `retention` task); alert rules are checked every N seconds.
  AUTOFLOW_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(30),
  AUTOFLOW_ALERT_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(10),
  // Abuse limits (seed 10.4); 0 turns a limit off. See server/domain/limits/.
  AUTOFLOW_RECIPIENT_DAILY_CAP: z.coerce.number().int().min(0).default(20),
  AUTOFLOW_CONFIRM_RECIPIENTS: z.coerce.number().int().min(0).default(1000),
  AUTOFLOW_RATE_EMAIL_PER_SECOND: z.coerce.number().min(0).default(50),
  AUTOFLOW_RATE_SMS_PER_SECOND: z.coerce.number().min(0).default(10),
  AUTOFLOW_RATE_HTTP_PER_SECOND: z.coerce.number().min(0).default(0),
  AUTOFLOW_RATE_PUBLISH_PER_SECOND: z.coerce.number().min(0).default(0),
  AUTOFLOW_RATE_CONNECTION_PER_SECOND: z.coerce.number().min(0).default(0),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const raw = Object.fromEntries(
    Object.entries(process.env).map(([k, v]) => [k, v === "" ? undefined : v]),
  );
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests change the environment between suites; this forgets the cached copy. */
export function resetEnvCache(): void {
  cached = undefined;
}

export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. `npm start` starts an embedded Postgres and sets it; " +
        "when running a single process (`autoflow web|worker`), set DATABASE_URL.",
    );
  }
  return url;
}
