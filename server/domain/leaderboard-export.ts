// The leaderboard's rows as CSV and JSON. Columns are a stable interface (DESIGN.md): keep in sync.
import type { RankedRow } from "./scoring";

export const LEADERBOARD_COLUMNS = [
  "handle",
  "resolved",
  "adjusted_brier",
  "brier",
  "log_score",
  "peer_score",
  "accuracy",
] as const;

export interface LeaderboardRecord {
  handle: string;
  resolved: number;
  adjusted_brier: number;
  brier: number;
  log_score: number;
  peer_score: number | null;
  accuracy: number;
}

// Six decimals: more than any page shows, few enough to read; the full value is recomputable.
const round = (v: number) => Math.round(v * 1e6) / 1e6;

export function leaderboardRecords(rows: readonly RankedRow[]): LeaderboardRecord[] {
  return rows.map((r) => ({
    handle: r.handle,
    resolved: r.resolved,
    adjusted_brier: round(r.adjustedBrier),
    brier: round(r.brier),
    log_score: round(r.logScore),
    peer_score: r.peerScore === null ? null : round(r.peerScore),
    accuracy: round(r.accuracy),
  }));
}

/** RFC 4180 quoting; a cell starting with = + - @ gets a leading ' so spreadsheets do not run it. */
function cell(v: string | number | null): string {
  if (v === null) return "";
  if (typeof v === "number") return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function leaderboardCsv(rows: readonly RankedRow[]): string {
  const lines = [LEADERBOARD_COLUMNS.join(",")];
  for (const r of leaderboardRecords(rows)) lines.push(LEADERBOARD_COLUMNS.map((c) => cell(r[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
