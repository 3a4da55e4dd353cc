// The text tables of `npm run bench`: the pages, the mixed phase, the after-write probe, the big
// claim's resolution, the paste and the page sizes.
import { urlRows, type UrlResult } from "./measure";
import type { Latency, MixResult } from "./mix";
import { IMPORT_BODY_LIMIT, type PasteResult } from "./paste";
import type { ResolveResult } from "./phases";
import type { PageSize, ProbeRow } from "./probe";

/** An aligned text table: the first `left` columns left-aligned, the others right-aligned. */
export function textTable(head: readonly string[], rows: readonly string[][], left = 1): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i < left ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
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

export function urlTable(results: readonly UrlResult[]): string {
  const { head, rows } = urlRows(results);
  return textTable(head, rows, 2);
}

export function resolveTable(r: ResolveResult): string {
  return textTable(
    ["resolve the big claim", "ms"],
    [
      [`POST /claims/${r.claimId}/resolve (${r.forecasts} forecasts, by lapse)`, r.resolveMs.toFixed(1)],
      ["first /leaderboard after it", r.boardAfterMs.toFixed(1)],
      [`first /claims/${r.claimId} after it`, r.claimPageAfterMs.toFixed(1)],
    ],
  );
}

export function storedLine(m: MixResult): string {
  const same = m.stored === m.acknowledged ? "stored = acknowledged" : "STORED ≠ ACKNOWLEDGED";
  return `forecasts acknowledged (303) ${m.acknowledged}, stored ${m.stored ?? "?"}: ${same}`;
}

export function pasteTable(p: PasteResult): string {
  const what = `${p.textMegabytes} MB text, ${p.bodyMegabytes} MB URL-encoded, ${p.comments} comments`;
  const note = p.fits
    ? ""
    : `\n(${p.askedMegabytes} MB of text would not fit the import's ${IMPORT_BODY_LIMIT / 1024 / 1024} MiB body limit once URL-encoded: the largest paste that fits was sent)`;
  return `${textTable(
    ["GET / during the paste", "requests", "p50 ms", "p99 ms", "max ms", "non-200", "import s"],
    [
      [
        what,
        String(p.home.requests),
        p.home.p50.toFixed(1),
        p.home.p99.toFixed(1),
        p.home.max.toFixed(1),
        String(p.home.bad),
        p.importSeconds.toFixed(2),
      ],
    ],
  )}${note}`;
}
