// What the numbers were measured on: printed first and stored with every result.
import fs from "node:fs";
import os from "node:os";
import type pg from "pg";

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  postgres: string;
  postgresKind: "server" | "embedded";
  postgresSettings: Record<string, string>;
  loadAverageAtStart: number[];
  startedAt: string;
}

export async function machineInfo(client: pg.Client | pg.Pool, kind: "server" | "embedded"): Promise<MachineInfo> {
  const cpus = os.cpus();
  let model = cpus[0]?.model?.trim() ?? "unknown";
  try {
    // Some VMs report only the family in os.cpus(); /proc/cpuinfo may say more.
    const line = fs.readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => l.startsWith("model name"));
    if (line && line.split(":")[1].trim().length > model.length) model = line.split(":")[1].trim();
  } catch {
    // not Linux
  }
  const v = await client.query<{ v: string }>("SELECT version() AS v");
  const settings = await client.query<{ name: string; setting: string; unit: string | null }>(
    `SELECT name, setting, unit FROM pg_settings
      WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'max_connections', 'work_mem', 'wal_level', 'max_wal_size')`,
  );
  return {
    cpuModel: model,
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGb: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    postgres: v.rows[0].v.split(" on ")[0],
    postgresKind: kind,
    postgresSettings: Object.fromEntries(settings.rows.map((r) => [r.name, r.unit ? `${r.setting} ${r.unit}` : r.setting])),
    loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
    startedAt: new Date().toISOString(),
  };
}

export function formatMachine(m: MachineInfo): string {
  return [
    `cpu      ${m.cpuModel}, ${m.cores} cores`,
    `memory   ${m.memoryGb} GB`,
    `node     ${m.node} (${m.os})`,
    `postgres ${m.postgres} (${m.postgresKind}; ${Object.entries(m.postgresSettings).map(([k, v]) => `${k}=${v}`).join(", ")})`,
    `load     ${m.loadAverageAtStart.join(" ")} (1/5/15 min, at start)`,
  ].join("\n");
}
