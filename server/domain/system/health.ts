import { pool } from "../../db";

/** Liveness: the database answers, and how many worker processes beat in the last 10 s. */
export async function health() {
  const { rows } = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM worker_heartbeat WHERE last_seen_at > now() - interval '10 seconds'`,
  );
  return { db: "ok" as const, workers: rows[0].n };
}
