// The leaderboard's rows as CSV and JSON. Columns are a stable interface (DESIGN.md): keep in sync.
import { csvTable } from "./csv";
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

export function leaderboardCsv(rows: readonly RankedRow[]): string {
  return csvTable(LEADERBOARD_COLUMNS, leaderboardRecords(rows));
}
