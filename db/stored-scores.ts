// SQL of the stored scores (migration 0006): forecast_scores, one row per counted forecast,
// person_scores, each person's sums over those rows, and claim_scores, each resolved claim's crowd. The scoring itself stays in
// server/domain/scoring.ts; this module only writes its results and sums them.
import { stmt, type Db } from "./connection";
import { ADJUSTMENT_K, type BucketSums, type ScoredForecast, type SortKey } from "../server/domain/scoring";
import type { ForecastInput, Verdict } from "../server/domain/types";
import type { ScoreFilter } from "./forecasts";
import type { PersonKind } from "./people";

const ids = (values: Iterable<number>): string => JSON.stringify([...values]);

/** A scored forecast as stored: the pure module's fields plus the source it was read from. */
export interface StoredForecastScore extends ScoredForecast {
  sourceId: number | null;
}

/** Every forecast on the given claims (whether or not it will count), as the scoring code takes them. */
export function forecastInputsForClaims(
  db: Db,
  claimIds: readonly number[],
): (ForecastInput & { sourceId: number | null })[] {
  return stmt(
    db,
    `SELECT id, claim_id AS claimId, person_id AS personId, probability, made_at AS madeAt, source_id AS sourceId
     FROM forecasts WHERE claim_id IN (SELECT value FROM json_each(?)) AND withdrawn_at IS NULL ORDER BY id`,
  ).all(ids(claimIds)) as (ForecastInput & { sourceId: number | null })[];
}

/** The people who have stored rows on these claims: whose totals change when the claims are rescored. */
export function personIdsScoredOnClaims(db: Db, claimIds: readonly number[]): number[] {
  return stmt(db, `SELECT DISTINCT person_id FROM forecast_scores WHERE claim_id IN (SELECT value FROM json_each(?))`)
    .pluck()
    .all(ids(claimIds)) as number[];
}

export function deleteForecastScoresOfClaims(db: Db, claimIds: readonly number[]): void {
  stmt(db, `DELETE FROM forecast_scores WHERE claim_id IN (SELECT value FROM json_each(?))`).run(ids(claimIds));
}

export function insertForecastScores(db: Db, rows: readonly StoredForecastScore[]): void {
  const insert = stmt(
    db,
    `INSERT INTO forecast_scores (forecast_id, claim_id, person_id, source_id, probability, made_at, known_at,
       outcome, brier, log_score, hit, peer_score, lead_ms)
     VALUES (@forecastId, @claimId, @personId, @sourceId, @probability, @madeAt, @knownAt,
       @outcome, @brier, @logScore, @hit, @peerScore, @leadMs)`,
  );
  for (const r of rows) insert.run(r);
}

/**
 * Re-sums person_scores for these people from their forecast_scores rows. A person left with no
 * rows loses their row: the board lists only people with at least one counted forecast.
 */
export function updatePersonScores(db: Db, personIds: readonly number[]): void {
  const list = ids(personIds);
  stmt(db, `DELETE FROM person_scores WHERE person_id IN (SELECT value FROM json_each(?))`).run(list);
  stmt(
    db,
    `INSERT INTO person_scores (person_id, handle, resolved, sum_brier, sum_log, sum_hit, sum_peer, peer_count,
       adjusted_brier)
     SELECT fs.person_id, p.handle, count(*), sum(fs.brier), sum(fs.log_score), sum(fs.hit),
       total(fs.peer_score), count(fs.peer_score), (sum(fs.brier) + @k * 0.25) / (count(*) + @k)
     FROM forecast_scores fs JOIN people p ON p.id = fs.person_id
     WHERE fs.person_id IN (SELECT value FROM json_each(@list))
     GROUP BY fs.person_id`,
  ).run({ list, k: ADJUSTMENT_K });
}

export function deleteAllStoredScores(db: Db): void {
  stmt(db, `DELETE FROM claim_calibration`).run();
  stmt(db, `DELETE FROM person_scores`).run();
  stmt(db, `DELETE FROM forecast_scores`).run();
  stmt(db, `DELETE FROM claim_scores`).run();
}

/** A resolved claim as stored: its current verdict and known-at, how many counted, and the crowd. */
export interface ClaimScoreRow {
  claimId: number;
  verdict: Verdict;
  knownAt: string;
  counted: number;
  crowdMedian: number | null;
  crowdBrier: number | null;
}

export function deleteClaimScores(db: Db, claimIds: readonly number[]): void {
  stmt(db, `DELETE FROM claim_scores WHERE claim_id IN (SELECT value FROM json_each(?))`).run(ids(claimIds));
}

export function insertClaimScores(db: Db, rows: readonly ClaimScoreRow[]): void {
  const insert = stmt(
    db,
    `INSERT INTO claim_scores (claim_id, verdict, known_at, counted, crowd_median, crowd_brier)
     VALUES (@claimId, @verdict, @knownAt, @counted, @crowdMedian, @crowdBrier)`,
  );
  for (const r of rows) insert.run(r);
}

const SELECT_CLAIM_SCORE = `SELECT claim_id AS claimId, verdict, known_at AS knownAt, counted,
    crowd_median AS crowdMedian, crowd_brier AS crowdBrier
  FROM claim_scores`;

/** The stored rows of these claims; a claim without one is unresolved (or not rescored yet). */
export function claimScoresOf(db: Db, claimIds: readonly number[]): ClaimScoreRow[] {
  return stmt(db, `${SELECT_CLAIM_SCORE} WHERE claim_id IN (SELECT value FROM json_each(?))`).all(
    ids(claimIds),
  ) as ClaimScoreRow[];
}

/** Every stored claim row, for the check against a full recomputation. */
export function allClaimScores(db: Db): ClaimScoreRow[] {
  return stmt(db, `${SELECT_CLAIM_SCORE} ORDER BY claim_id`).all() as ClaimScoreRow[];
}

/** Every person id that has stored rows, so that a rebuild can re-sum them all. */
export function scoredPersonIds(db: Db): number[] {
  return stmt(db, `SELECT DISTINCT person_id FROM forecast_scores`).pluck().all() as number[];
}

export function countStoredScores(db: Db): { forecasts: number; people: number; claims: number } {
  return {
    forecasts: stmt(db, `SELECT count(*) FROM forecast_scores`).pluck().get() as number,
    people: stmt(db, `SELECT count(*) FROM person_scores`).pluck().get() as number,
    claims: stmt(db, `SELECT count(*) FROM claim_scores`).pluck().get() as number,
  };
}

const SELECT_FORECAST_SCORE = `SELECT forecast_id AS forecastId, claim_id AS claimId, person_id AS personId,
    source_id AS sourceId, probability, made_at AS madeAt, known_at AS knownAt, outcome, brier,
    log_score AS logScore, hit, peer_score AS peerScore, lead_ms AS leadMs
  FROM forecast_scores`;

/** Every stored forecast score, for the check against a full recomputation. */
export function allForecastScores(db: Db): StoredForecastScore[] {
  return stmt(db, `${SELECT_FORECAST_SCORE} ORDER BY forecast_id`).all() as StoredForecastScore[];
}

/** The stored rows of these people (a board page, a profile), oldest known-at first. */
export function forecastScoresOfPeople(db: Db, personIds: readonly number[]): StoredForecastScore[] {
  return stmt(
    db,
    `${SELECT_FORECAST_SCORE} WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY person_id, known_at, forecast_id`,
  ).all(ids(personIds)) as StoredForecastScore[];
}

/** The stored rows of these forecasts (a page of a claim's or a person's list); others did not count. */
export function forecastScoresByIds(db: Db, forecastIds: readonly number[]): StoredForecastScore[] {
  return stmt(db, `${SELECT_FORECAST_SCORE} WHERE forecast_id IN (SELECT value FROM json_each(?))`).all(
    ids(forecastIds),
  ) as StoredForecastScore[];
}

/** A person's sums as stored, or as aggregated for a filtered board: the same shape either way. */
export interface PersonSums {
  personId: number;
  handle: string;
  kind: PersonKind;
  resolved: number;
  sumBrier: number;
  sumLog: number;
  sumHit: number;
  sumPeer: number;
  peerCount: number;
  adjustedBrier: number;
}

// Prefixed with ps. so that the same list serves person_scores and the filtered board below.
const SUMS_COLUMNS = `ps.person_id AS personId, p.handle, p.kind, ps.resolved, ps.sum_brier AS sumBrier,
  ps.sum_log AS sumLog, ps.sum_hit AS sumHit, ps.sum_peer AS sumPeer, ps.peer_count AS peerCount,
  ps.adjusted_brier AS adjustedBrier`;

export function allPersonScores(db: Db): PersonSums[] {
  return stmt(
    db,
    `SELECT ${SUMS_COLUMNS} FROM person_scores ps JOIN people p ON p.id = ps.person_id ORDER BY ps.person_id`,
  ).all() as PersonSums[];
}

/** One person's stored sums, or undefined when nothing of theirs has been scored. */
export function personScoresOf(db: Db, personId: number): PersonSums | undefined {
  return stmt(
    db,
    `SELECT ${SUMS_COLUMNS} FROM person_scores ps JOIN people p ON p.id = ps.person_id WHERE ps.person_id = ?`,
  ).get(personId) as PersonSums | undefined;
}

/**
 * ORDER BY for each sort key: the key in its better-first direction (a missing peer score last),
 * then the tie rules of rankLeaderboard — resolved descending, then handle. Keep in sync with SORTS
 * in server/domain/scoring.ts. Only adjusted_brier has an index; the others are rarer and scan.
 */
const ORDER: Record<SortKey, string> = {
  adjusted_brier: `ps.adjusted_brier`,
  brier: `ps.sum_brier / ps.resolved`,
  log_score: `ps.sum_log / ps.resolved DESC`,
  peer_score: `ps.peer_count = 0, ps.sum_peer / ps.peer_count DESC`,
  accuracy: `ps.sum_hit / ps.resolved DESC`,
  resolved: `ps.resolved DESC`,
};
const orderBy = (sort: SortKey) => `ORDER BY ${ORDER[sort]}, ps.resolved DESC, ps.handle`;

export interface BoardPage {
  min: number;
  sort: SortKey;
  limit: number;
  offset: number;
}

/** One page of the unfiltered board, read from person_scores in board order. */
export function personScoresPage(db: Db, page: BoardPage): { rows: PersonSums[]; total: number } {
  const rows = stmt(
    db,
    `SELECT ${SUMS_COLUMNS} FROM person_scores ps JOIN people p ON p.id = ps.person_id
     WHERE ps.resolved >= @min ${orderBy(page.sort)} LIMIT @limit OFFSET @offset`,
  ).all({ min: page.min, limit: page.limit, offset: page.offset }) as PersonSums[];
  return { rows, total: countPeopleWithResolved(db, page.min) };
}

/** How many people have at least `min` resolved (counted) forecasts: the unfiltered board's length. */
export function countPeopleWithResolved(db: Db, min: number): number {
  return stmt(db, `SELECT count(*) FROM person_scores WHERE resolved >= ?`).pluck().get(min) as number;
}

// A filter narrows whose counted forecasts are summed, never how a claim was scored (that is
// fixed in forecast_scores): the same rule as scoreEverything in server/services/recomputed-scores.ts.
// Only the filters given are written into the query (as parameters, never as text), so that SQLite
// can serve each from its index: `x IS NULL OR …` would make it scan every stored score.
const FILTER_CLAUSES: { [K in keyof FilterParams]: string } = {
  tag: `fs.claim_id IN (SELECT ct.claim_id FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = @tag)`,
  from: `fs.known_at >= @from`,
  before: `fs.known_at < @before`,
  sourceId: `fs.source_id = @sourceId`,
  publisher: `fs.source_id IN (SELECT id FROM sources WHERE publisher = @publisher)`,
};

interface FilterParams {
  tag?: string;
  from?: string;
  before?: string;
  sourceId?: number;
  publisher?: string;
}

function filterParams(filter: ScoreFilter): FilterParams {
  const params: FilterParams = {
    tag: filter.tag,
    from: filter.resolvedFrom,
    // Known-at is stored as an instant; "to" includes the whole of that day.
    before: filter.resolvedTo === undefined ? undefined : `${filter.resolvedTo}T24`,
    sourceId: filter.sourceId,
    publisher: filter.publisher,
  };
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
}

function filterWhere(params: FilterParams): string {
  const keys = Object.keys(params) as (keyof FilterParams)[];
  return keys.length === 0 ? "1" : keys.map((k) => FILTER_CLAUSES[k]).join(" AND ");
}

// Shaped like person_scores (and aliased ps) so that SUMS_COLUMNS and ORDER serve both boards.
const filtered = (where: string) => `WITH ps AS (
    SELECT fs.person_id, p.handle, count(*) AS resolved, sum(fs.brier) AS sum_brier,
      sum(fs.log_score) AS sum_log, sum(fs.hit) AS sum_hit, total(fs.peer_score) AS sum_peer,
      count(fs.peer_score) AS peer_count, (sum(fs.brier) + @k * 0.25) / (count(*) + @k) AS adjusted_brier
    FROM forecast_scores fs JOIN people p ON p.id = fs.person_id
    WHERE ${where}
    GROUP BY fs.person_id
    HAVING count(*) >= @min
  )`;

/** One page of a board filtered by tag, period of known-at, source or publisher, summed in SQL. */
export function filteredScoresPage(
  db: Db,
  filter: ScoreFilter,
  page: BoardPage,
): { rows: PersonSums[]; total: number } {
  const filters = filterParams(filter);
  // The total rides along as a window over the whole grouped board, so the sums are made once.
  const found = stmt(
    db,
    `${filtered(filterWhere(filters))} SELECT ${SUMS_COLUMNS}, count(*) OVER () AS total
     FROM ps JOIN people p ON p.id = ps.person_id ${orderBy(page.sort)} LIMIT @limit OFFSET @offset`,
  ).all({ ...filters, k: ADJUSTMENT_K, min: page.min, limit: page.limit, offset: page.offset }) as (PersonSums & {
    total: number;
  })[];
  const total =
    found[0]?.total ??
    (stmt(db, `${filtered(filterWhere(filters))} SELECT count(*) FROM ps`)
      .pluck()
      .get({ ...filters, k: ADJUSTMENT_K, min: page.min }) as number);
  return { rows: found.map(({ total: _total, ...row }) => row), total };
}

/** The stored rows of these people that a filtered board sums (all of them for an empty filter). */
export function filteredForecastScoresOfPeople(
  db: Db,
  personIds: readonly number[],
  filter: ScoreFilter,
): StoredForecastScore[] {
  return stmt(
    db,
    `${SELECT_FORECAST_SCORE} fs WHERE fs.person_id IN (SELECT value FROM json_each(@people))
       AND ${filterWhere(filterParams(filter))}
     ORDER BY fs.person_id, fs.known_at, fs.forecast_id`,
  ).all({ ...filterParams(filter), people: ids(personIds) }) as StoredForecastScore[];
}

/**
 * A resolved (YES or NO) claim to explain the scores with, for the "How scores work" page: one with a
 * few counted forecasters (2–12, enough for a peer score, few enough for a table), the most of them
 * first; failing that, the scored claim with the most. Undefined when nothing is scored yet.
 */
export function exampleScoredClaimId(db: Db): number | undefined {
  return stmt(
    db,
    `SELECT claim_id FROM claim_scores WHERE verdict IN ('YES', 'NO') AND counted >= 1
     ORDER BY counted BETWEEN 2 AND 12 DESC, counted DESC, claim_id LIMIT 1`,
  )
    .pluck()
    .get() as number | undefined;
}

export function deleteClaimCalibration(db: Db, claimIds: readonly number[]): void {
  stmt(db, `DELETE FROM claim_calibration WHERE claim_id IN (SELECT value FROM json_each(?))`).run(ids(claimIds));
}

export function insertClaimCalibration(db: Db, rows: readonly (BucketSums & { claimId: number })[]): void {
  const insert = stmt(
    db,
    `INSERT INTO claim_calibration (claim_id, bucket, count, yes, sum_probability)
     VALUES (@claimId, @bucket, @count, @yes, @sumProbability)`,
  );
  for (const r of rows) insert.run(r);
}

/** Every stored calibration row: what `npm run rescore -- --check` compares with a recomputation. */
export function allClaimCalibration(db: Db): (BucketSums & { claimId: number })[] {
  return stmt(
    db,
    `SELECT claim_id AS claimId, bucket, count, yes, sum_probability AS sumProbability FROM claim_calibration`,
  ).all() as (BucketSums & { claimId: number })[];
}

/** The site's calibration sums per bucket, or those of the claims with a tag (about 200,000 rows at 1M forecasts). */
export function calibrationSums(db: Db, tag?: string): BucketSums[] {
  const where =
    tag === undefined
      ? ""
      : `WHERE claim_id IN (SELECT ct.claim_id FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = @tag)`;
  return stmt(
    db,
    `SELECT bucket, sum(count) AS count, sum(yes) AS yes, sum(sum_probability) AS sumProbability
     FROM claim_calibration ${where} GROUP BY bucket ORDER BY bucket`,
  ).all(tag === undefined ? {} : { tag }) as BucketSums[];
}

/** Counted forecasts on a resolved claim that were on the right side (hit = 1), from the stored scores. */
export function calledItCount(db: Db, claimId: number): number {
  return stmt(db, `SELECT count(*) FROM forecast_scores WHERE claim_id = ? AND hit = 1`).pluck().get(claimId) as number;
}
