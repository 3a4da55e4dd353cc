// The leaderboard read from stored scores (migration 0006): one indexed page of person_scores, or
// a filtered board summed in SQL from forecast_scores. test/services/stored-board.test.ts holds it
// equal, row for row, to the board recomputed from every forecast (recomputed-scores.ts).
import type { Db } from "../../db/connection";
import type { ScoreFilter } from "../../db/forecasts";
import {
  countPeopleWithResolved,
  filteredForecastScoresOfPeople,
  filteredScoresPage,
  forecastScoresOfPeople,
  personScoresOf,
  personScoresPage,
  type BoardPage,
  type PersonSums,
  type StoredForecastScore,
} from "../../db/stored-scores";
import { calibration, median, rankLeaderboard, type RankedRow, type SortKey } from "../domain/scoring";
import { BOARD_MIN_RESOLVED } from "../domain/query-schemas";

/** A person's row on a board: their scores, handle and kind. */
export interface LeaderboardRow extends RankedRow {
  kind: string;
}

export interface PageOptions {
  min: number;
  sort: SortKey;
  /** 1-based */
  page: number;
  perPage: number;
  /**
   * Also each person's median lead time and calibration, read from every one of their scored
   * forecasts. The board's pages and exports show neither, and the people at the top of a board are
   * the ones with thousands of forecasts, so by default they are left out (medianLeadMs null,
   * calibration buckets all empty) and a board page reads only sums.
   */
  detail?: boolean;
}

export interface BoardResult {
  rows: LeaderboardRow[];
  /** People on the whole board (all pages) */
  total: number;
}

/** A person's scores from their stored sums: every mean is sum / count (docs/scoring.md). */
export function meansOf(p: PersonSums) {
  return {
    resolved: p.resolved,
    brier: p.sumBrier / p.resolved,
    adjustedBrier: p.adjustedBrier,
    logScore: p.sumLog / p.resolved,
    accuracy: p.sumHit / p.resolved,
    // Claims with a lone forecaster have no peer score: they count neither way.
    peerScore: p.peerCount === 0 ? null : p.sumPeer / p.peerCount,
  };
}

function toRow(p: PersonSums, own: readonly StoredForecastScore[]): LeaderboardRow {
  return {
    personId: p.personId,
    ...meansOf(p),
    medianLeadMs: median(own.map((s) => s.leadMs)),
    calibration: calibration(own),
    handle: p.handle,
    kind: p.kind,
  };
}

/**
 * Median lead time and calibration need each forecast, not sums: they are read for the people of
 * this page only, under the same filter. SQL orders the page; rankLeaderboard then re-applies the
 * exact tie rules of the in-memory board (scores equal within 1e-12, the handle collation) inside
 * it. A near-tie that straddles two pages keeps SQL's order, which differs only in the last bits.
 */
function rowsOf(db: Db, sums: readonly PersonSums[], filter: ScoreFilter, opts: PageOptions): LeaderboardRow[] {
  if (opts.detail !== true) {
    const rows = sums.map((p) => ({ ...toRow(p, []), medianLeadMs: null }));
    return rankLeaderboard(rows, { min: opts.min, sort: opts.sort });
  }
  const scored = filteredForecastScoresOfPeople(
    db,
    sums.map((p) => p.personId),
    filter,
  );
  const byPerson = new Map<number, StoredForecastScore[]>();
  for (const s of scored) {
    const own = byPerson.get(s.personId);
    if (own === undefined) byPerson.set(s.personId, [s]);
    else own.push(s);
  }
  const rows = sums.map((p) => toRow(p, byPerson.get(p.personId) ?? []));
  return rankLeaderboard(rows, { min: opts.min, sort: opts.sort });
}

function pageOf(opts: PageOptions): BoardPage {
  if (!(Number.isInteger(opts.page) && opts.page >= 1))
    throw new RangeError(`page must be 1 or more, got ${opts.page}`);
  if (!(Number.isInteger(opts.perPage) && opts.perPage >= 1))
    throw new RangeError(`perPage must be 1 or more, got ${opts.perPage}`);
  return { min: opts.min, sort: opts.sort, limit: opts.perPage, offset: (opts.page - 1) * opts.perPage };
}

/** One page of the whole board, read from person_scores in board order. */
export function leaderboardPage(db: Db, opts: PageOptions): BoardResult {
  const { rows, total } = personScoresPage(db, pageOf(opts));
  return { rows: rowsOf(db, rows, {}, opts), total };
}

/** The home page's top of the default board (decision 0004: at least BOARD_MIN_RESOLVED resolved). */
export interface HomeBoard {
  rows: LeaderboardRow[];
  min: number;
  /** When no one is on it: how many people have fewer resolved forecasts than `min`, but at least one. */
  belowMin: number;
}

export function homeBoard(db: Db, perPage: number): HomeBoard {
  const { rows } = leaderboardPage(db, { min: BOARD_MIN_RESOLVED, sort: "adjusted_brier", page: 1, perPage });
  return { rows, min: BOARD_MIN_RESOLVED, belowMin: rows.length === 0 ? countPeopleWithResolved(db, 1) : 0 };
}

/** One page of a board filtered by tag, source, publisher or period; the whole board if the filter is empty. */
export function filteredLeaderboard(db: Db, filter: ScoreFilter, opts: PageOptions): BoardResult {
  if (Object.values(filter).every((v) => v === undefined)) return leaderboardPage(db, opts);
  const { rows, total } = filteredScoresPage(db, filter, pageOf(opts));
  return { rows: rowsOf(db, rows, filter, opts), total };
}

/**
 * A person's scores as their profile shows them: the stored sums, and their own stored rows for the
 * median lead time and calibration. Null when none of their forecasts has counted yet.
 */
export function personSummary(db: Db, personId: number): LeaderboardRow | null {
  const sums = personScoresOf(db, personId);
  if (sums === undefined) return null;
  return toRow(sums, forecastScoresOfPeople(db, [personId]));
}
