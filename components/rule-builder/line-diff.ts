// A line diff of two texts (two versions' pretty JSON): longest common subsequence after the
// common head and tail are set aside, which keeps the table small for documents that differ in
// a few places. Rule documents are at most 256 KB, so the quadratic middle stays affordable.

export type DiffOp = "same" | "add" | "remove";

export interface DiffLine {
  op: DiffOp;
  text: string;
  /** Line numbers in the old and the new text (1-based); absent on the side that lacks the line. */
  oldNo?: number;
  newNo?: number;
}

/** Above this many cells in the LCS table, fall back to "all removed, all added" for the middle. */
const MAX_CELLS = 4_000_000;

export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = oldText === "" ? [] : oldText.split("\n");
  const b = newText === "" ? [] : newText.split("\n");
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;

  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ op: "same", text: a[i]!, oldNo: i + 1, newNo: i + 1 });

  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const n = am.length;
  const m = bm.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    am.forEach((text, i) => out.push({ op: "remove", text, oldNo: head + i + 1 }));
    bm.forEach((text, j) => out.push({ op: "add", text, newNo: head + j + 1 }));
  } else {
    // lcs[i][j] = LCS length of am[i..] and bm[j..], in one flat array.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = am[i] === bm[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        out.push({ op: "same", text: am[i]!, oldNo: head + i + 1, newNo: head + j + 1 });
        i++;
        j++;
      } else if (j < m && (i === n || lcs[i * w + j + 1]! >= lcs[(i + 1) * w + j]!)) {
        out.push({ op: "add", text: bm[j]!, newNo: head + j + 1 });
        j++;
      } else {
        out.push({ op: "remove", text: am[i]!, oldNo: head + i + 1 });
        i++;
      }
    }
  }

  for (let k = 0; k < tail; k++) {
    const oi = a.length - tail + k;
    const ni = b.length - tail + k;
    out.push({ op: "same", text: a[oi]!, oldNo: oi + 1, newNo: ni + 1 });
  }
  return out;
}

export interface DiffHunk {
  lines: DiffLine[];
  /** Unchanged lines folded away before this hunk. */
  skippedBefore: number;
}

/** Changed lines with `context` unchanged lines around them; long unchanged runs are folded. */
export function diffHunks(lines: DiffLine[], context = 3): { hunks: DiffHunk[]; skippedAfter: number } {
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((l, i) => {
    if (l.op !== "same") for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true;
  });
  const hunks: DiffHunk[] = [];
  let skipped = 0;
  let current: DiffHunk | null = null;
  lines.forEach((l, i) => {
    if (!keep[i]) {
      skipped++;
      current = null;
      return;
    }
    if (!current) {
      current = { lines: [], skippedBefore: skipped };
      hunks.push(current);
      skipped = 0;
    }
    current.lines.push(l);
  });
  return { hunks, skippedAfter: skipped };
}

export function diffStats(lines: DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const l of lines) {
    if (l.op === "add") added++;
    else if (l.op === "remove") removed++;
  }
  return { added, removed };
}
