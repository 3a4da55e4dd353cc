// The text tables of the mixed phase, the after-write probe and the page sizes.
import type { Latency, MixResult } from "./mix";
import type { PageSize, ProbeRow } from "./probe";

/** An aligned text table: the first column left-aligned, the others right-aligned. */
export function textTable(head: readonly string[], rows: readonly string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const errorText = (errors: Record<string, number>): string => {
  const entries = Object.entries(errors);
  return entries.length === 0 ? "0" : entries.map(([k, n]) => `${n} ${k}`).join(", ");
};

function latencyRow(l: Latency): string[] {
  return [
    l.name,
    String(l.requests),
    l.requestsPerSecond.toFixed(1),
    l.p50.toFixed(1),
    l.p99.toFixed(1),
    l.max.toFixed(1),
    String(l.bad),
    errorText(l.errors),
  ];
}

export function mixTable(m: MixResult): string {
  const head = ["mixed traffic", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "non-2xx/3xx", "errors"];
  const gap = head.map(() => "");
  return textTable(head, [...m.byPage.map(latencyRow), gap, latencyRow(m.reads), latencyRow(m.writes)]);
}

export function probeTable(rows: readonly ProbeRow[], tagPath: string): string {
  const head = ["board", "rounds", "write ms (med/max)", "/leaderboard ms (med/max)", `${tagPath} ms (med/max)`];
  const pair = (p: { median: number; max: number }) => `${p.median.toFixed(1)} / ${p.max.toFixed(1)}`;
  return textTable(
    head,
    rows.map((r) => [
      r.after,
      String(r.rounds),
      r.writeMs ? pair(r.writeMs) : "-",
      pair(r.boardMs),
      pair(r.tagBoardMs),
    ]),
  );
}

export function sizeTable(sizes: readonly PageSize[]): string {
  return textTable(
    ["page", "bytes", "KB", "alone ms"],
    sizes.map((s) => [s.path, String(s.bytes), (s.bytes / 1024).toFixed(1), s.aloneMs.toFixed(1)]),
  );
}
