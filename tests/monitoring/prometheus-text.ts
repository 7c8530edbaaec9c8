// A strict reader of the Prometheus text exposition format (0.0.4), for tests: every line must
// be a HELP, a TYPE or a sample of a declared family; labels and values must parse.
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Parsed {
  types: Map<string, string>;
  help: Map<string, string>;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function parseValue(v: string): number {
  if (v === "+Inf") return Infinity;
  if (v === "-Inf") return -Infinity;
  if (v === "NaN") return NaN;
  const n = Number(v);
  if (v.trim() === "" || Number.isNaN(n)) throw new Error(`not a sample value: '${v}'`);
  return n;
}

function parseLabels(s: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < s.length) {
    const eq = s.indexOf("=", i);
    if (eq < 0) throw new Error(`bad labels: ${s}`);
    const name = s.slice(i, eq).trim();
    if (!LABEL.test(name)) throw new Error(`bad label name '${name}'`);
    if (s[eq + 1] !== '"') throw new Error(`label ${name} value is not quoted`);
    let j = eq + 2;
    let value = "";
    for (; j < s.length && s[j] !== '"'; j++) {
      if (s[j] === "\\") {
        const n = s[++j];
        value += n === "n" ? "\n" : n;
      } else value += s[j];
    }
    if (s[j] !== '"') throw new Error(`unterminated label value in ${s}`);
    if (name in labels) throw new Error(`label ${name} repeated`);
    labels[name] = value;
    i = j + 1;
    if (s[i] === ",") i++;
  }
  return labels;
}

function familyOf(name: string, types: Map<string, string>): string | undefined {
  if (types.has(name)) return name;
  for (const suffix of ["_bucket", "_sum", "_count"]) {
    if (name.endsWith(suffix) && ["histogram", "summary"].includes(types.get(name.slice(0, -suffix.length)) ?? "")) return name.slice(0, -suffix.length);
  }
  return undefined;
}

export function parsePrometheusText(text: string): Parsed {
  if (!text.endsWith("\n")) throw new Error("the exposition must end with a newline");
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  const samples: Sample[] = [];
  for (const [n, line] of text.split("\n").entries()) {
    if (line === "") continue;
    const at = `line ${n + 1}: ${line}`;
    if (line.startsWith("#")) {
      const m = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (!m) continue; // other comments are allowed
      if (!NAME.test(m[2])) throw new Error(`bad metric name, ${at}`);
      if (m[1] === "TYPE") {
        if (!["counter", "gauge", "histogram", "summary", "untyped"].includes(m[3])) throw new Error(`bad type, ${at}`);
        if (types.has(m[2])) throw new Error(`TYPE repeated, ${at}`);
        types.set(m[2], m[3]);
      } else help.set(m[2], m[3]);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( -?\d+)?$/.exec(line);
    if (!m) throw new Error(`not a sample, ${at}`);
    if (!familyOf(m[1], types)) throw new Error(`sample of an undeclared family, ${at}`);
    samples.push({ name: m[1], labels: m[3] ? parseLabels(m[3]) : {}, value: parseValue(m[4]) });
  }
  return { types, help, samples };
}
