// What a connection holds, per type. The settings (`config`) are shown back to admins; the one
// secret of each type (password, API key, token, broker URL) is only ever written: it is stored
// encrypted in secret_enc and no read path returns it.
import { z } from "zod";

const port = z.coerce.number().int().min(1).max(65535);

export const connectionConfigSchemas = {
  smtp: z.strictObject({
    host: z.string().trim().min(1, "smtp needs a 'host'"),
    port: port.default(587),
    /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
    secure: z.boolean().optional(),
    user: z.string().trim().min(1).optional(),
    from: z.string().trim().min(1).optional(),
  }),
  sms_http: z.strictObject({
    url: z.url({ protocol: /^https?$/, error: "'url' must be an http(s) address of the SMS gateway" }),
    method: z.enum(["POST", "PUT"]).default("POST"),
    from: z.string().trim().min(1).optional(),
    /** A JSON document whose string values may be {{to}}, {{text}}, {{from}}, {{idempotencyKey}}. */
    bodyTemplate: z
      .string()
      .refine((s) => {
        try {
          JSON.parse(s);
          return true;
        } catch {
          return false;
        }
      }, "'bodyTemplate' must be JSON, e.g. {\"phone\": \"{{to}}\", \"message\": \"{{text}}\"}")
      .optional(),
  }),
  http: z.strictObject({
    baseUrl: z.url({ protocol: /^https?$/, error: "'baseUrl' must be an http(s) address" }).optional(),
    /** The header that carries the token; Authorization (as "Bearer <token>") when left out. */
    headerName: z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "'headerName' must be a header name").optional(),
  }),
  amqp: z.strictObject({}),
} as const;

export type ConnectionType = keyof typeof connectionConfigSchemas;
export const connectionTypes = Object.keys(connectionConfigSchemas) as ConnectionType[];

/** What the secret is called in each type, for forms and messages. */
export const secretNames: Record<ConnectionType, string> = {
  smtp: "password",
  sms_http: "apiKey",
  http: "token",
  amqp: "url",
};

const secretRequired: Record<ConnectionType, boolean> = { smtp: false, sms_http: false, http: true, amqp: true };

export type ConnectionConfig<T extends ConnectionType = ConnectionType> = z.output<(typeof connectionConfigSchemas)[T]>;

const name = z
  .string()
  .trim()
  .min(1, "a connection needs a 'name'")
  .max(100, "'name' is at most 100 characters")
  .refine((s) => !/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(s), "'name' must not look like an id");

const secret = z.string().min(1, "the secret must not be empty: leave it out to keep the current one").max(4096);

/** What is wrong with a secret for this type, or null. `undefined` means "not given". */
export function secretProblem(type: ConnectionType, value: string | null | undefined, creating: boolean): string | null {
  if (value === undefined || value === null) {
    const required = creating ? value === undefined : value === null;
    return required && secretRequired[type] ? `a ${type} connection needs its ${secretNames[type]} as 'secret'` : null;
  }
  if (type === "amqp" && !/^amqps?:\/\/\S+$/.test(value)) {
    return "the amqp secret is the broker URL, e.g. amqp://user:pass@host:5672/vhost";
  }
  return null;
}

/** Parses `config` for its type; exported for loadConnection, which re-checks stored rows. */
export function parseConnectionConfig<T extends ConnectionType>(type: T, config: unknown) {
  return connectionConfigSchemas[type].safeParse(config ?? {});
}

export const createConnectionInput = z
  .object({
    name,
    type: z.enum(connectionTypes as [ConnectionType, ...ConnectionType[]], { error: `'type' must be one of ${connectionTypes.join(", ")}` }),
    config: z.record(z.string(), z.unknown()).default({}),
    secret: secret.optional(),
  })
  .superRefine((v, ctx) => {
    const parsed = parseConnectionConfig(v.type, v.config);
    if (!parsed.success) for (const i of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["config", ...i.path.map(String)], message: i.message });
    const problem = secretProblem(v.type, v.secret, true);
    if (problem) ctx.addIssue({ code: "custom", path: ["secret"], message: problem });
  })
  .transform((v) => ({ ...v, config: parseConnectionConfig(v.type, v.config).data as Record<string, unknown> }));

/** An update names what changes; a missing secret keeps the stored one. The type is fixed. */
export const updateConnectionInput = z.object({
  name: name.optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  secret: secret.nullable().optional(),
});

export type CreateConnectionInput = z.input<typeof createConnectionInput>;
export type UpdateConnectionInput = z.input<typeof updateConnectionInput>;
