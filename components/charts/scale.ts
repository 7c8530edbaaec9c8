// Axis arithmetic for the hand-written SVG charts: "nice" round ticks (1, 2, 2.5, 5 × 10^n) that
// cover the data, so the axis reads 0, 50, 100, 150 rather than 0, 47, 94, 141.

export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Ticks from 0 to at least `max`, about `count` of them; whole numbers for counts. */
export function niceTicks(max: number, count = 4, integer = true): number[] {
  if (!(max > 0)) return [0, 1];
  let step = niceStep(max / count);
  if (integer) step = Math.max(1, Math.ceil(step));
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

/** 1234 → "1.2k", 2500000 → "2.5M": short labels for an axis. */
export function compactNumber(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${trim(n / 1e9)}B`;
  if (abs >= 1e6) return `${trim(n / 1e6)}M`;
  if (abs >= 1e4) return `${trim(n / 1e3)}k`;
  return String(Math.round(n * 100) / 100);
}

function trim(x: number): string {
  return (Math.round(x * 10) / 10).toString();
}

/** Indexes of about `want` evenly spaced labels out of `n` slots (first and last included). */
export function labelIndexes(n: number, want: number): number[] {
  if (n <= 0) return [];
  if (n <= want) return Array.from({ length: n }, (_, i) => i);
  const step = Math.ceil((n - 1) / (want - 1));
  const out: number[] = [];
  for (let i = 0; i < n; i += step) out.push(i);
  return out;
}
