// Writes a run's results: bench/results/<timestamp>.json and .md, and latest.json / latest.md.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./processes";

export const RESULTS_DIR = path.join(ROOT, "bench/results");

export function writeResults(name: string, json: unknown, markdown: string): { json: string; md: string } {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const base = path.join(RESULTS_DIR, `${name}-${stamp}`);
  fs.writeFileSync(`${base}.json`, JSON.stringify(json, null, 2) + "\n");
  fs.writeFileSync(`${base}.md`, markdown);
  fs.writeFileSync(path.join(RESULTS_DIR, `${name === "bench" ? "latest" : `${name}-latest`}.json`), JSON.stringify(json, null, 2) + "\n");
  fs.writeFileSync(path.join(RESULTS_DIR, `${name === "bench" ? "latest" : `${name}-latest`}.md`), markdown);
  return { json: `${base}.json`, md: `${base}.md` };
}

export function table(head: string[], rows: (string | number | null | undefined)[][]): string {
  const cell = (x: string | number | null | undefined) => (x === null || x === undefined ? "–" : typeof x === "number" ? x.toLocaleString("en-US") : x);
  return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
}
