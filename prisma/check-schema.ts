// Checks that prisma/migrations build exactly the database prisma/schema.prisma describes:
// database A gets the migrations, database B gets Prisma's SQL for the schema from scratch, and
// their `pg_dump --schema-only` of the public schema must match. (Prisma's own drift check needs
// introspection, which the pg adapter cannot do offline.) Run by CI.
import { execFileSync } from "node:child_process";
import pg from "pg";
import { migrate } from "../server/db/migrate";

const server = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbUrl = (name: string) => {
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
};
const admin = new pg.Client({ connectionString: server });
await admin.connect();
for (const n of ["autoflow_schema_a", "autoflow_schema_b"]) {
  await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${n}`);
}
try {
  await migrate(dbUrl("autoflow_schema_a"));
  const sql = execFileSync("npx", ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
    env: { ...process.env, DATABASE_URL: dbUrl("autoflow_schema_b"), CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const b = new pg.Client({ connectionString: dbUrl("autoflow_schema_b") });
  await b.connect();
  await b.query(sql);
  await b.end();
  const dump = (name: string) =>
    execFileSync("pg_dump", ["--schema-only", "--schema=public", "--no-owner", "--exclude-table=autoflow_migration", dbUrl(name)], { encoding: "utf8" })
      .split("\n")
      .filter((l) => l.trim() && !l.startsWith("--") && !l.startsWith("SET ") && !l.startsWith("SELECT pg_catalog") && !l.startsWith("\\"))
      // Column order differs when a migration adds a column; compare columns without the comma.
      .map((l) => l.replace(/,$/, ""))
      .sort();
  const a = dump("autoflow_schema_a");
  const bb = dump("autoflow_schema_b");
  const onlyA = a.filter((l) => !bb.includes(l));
  const onlyB = bb.filter((l) => !a.includes(l));
  // Partial indexes written by hand in migrations cannot be expressed in schema.prisma.
  const allowed = (l: string) => /WHERE/.test(l);
  const problems = [...onlyA.filter((l) => !allowed(l)).map((l) => `only in migrations: ${l}`), ...onlyB.map((l) => `only in schema.prisma: ${l}`)];
  if (problems.length) {
    console.error("prisma/schema.prisma and prisma/migrations differ:\n" + problems.join("\n"));
    process.exitCode = 1;
  } else console.log("schema check: migrations match prisma/schema.prisma");
} finally {
  for (const n of ["autoflow_schema_a", "autoflow_schema_b"]) await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
  await admin.end();
}
