import { insertSearchEntry } from "./search";
import { stmt, type Db, type Slice } from "./connection";
import type { ForecastInput } from "../server/domain/types";
import type { PersonKind } from "./people";

/** A forecast with everything a page shows beside it: who, on what, and the words it came from. */
export interface ForecastView {
  id: number;
  claimId: number;
  claimText: string;
  personId: number;
  handle: string;
  personKind: PersonKind;
  probability: number;
  madeAt: string;
  commentId: number | null;
  commentSiteNumber: string | null;
  sourceId: number | null;
  sourceTitle: string | null;
  quote: string | null;
  reasoning: string | null;
  recordedBy: string | null;
}

const SELECT_VIEW = `SELECT f.id, f.claim_id AS claimId, cl.text AS claimText, f.person_id AS personId,
    p.handle, p.kind AS personKind, f.probability, f.made_at AS madeAt, f.comment_id AS commentId,
    cm.site_number AS commentSiteNumber, f.source_id AS sourceId, s.title AS sourceTitle,
    f.quote, f.reasoning, a.username AS recordedBy
  FROM forecasts f
  JOIN claims cl ON cl.id = f.claim_id
  JOIN people p ON p.id = f.person_id
  LEFT JOIN comments cm ON cm.id = f.comment_id
  LEFT JOIN sources s ON s.id = f.source_id
  LEFT JOIN accounts a ON a.id = f.recorded_by`;

export interface NewForecast {
  claimId: number;
  personId: number;
  probability: number;
  madeAt: string;
  commentId: number | null;
  /** The source the evidence is in: the comment's thread, or the article for a publisher's rumor. */
  sourceId: number | null;
  quote: string | null;
  reasoning: string | null;
  recordedBy: number | null;
  createdAt: string;
}

export function insertForecast(db: Db, f: NewForecast): number {
  const info = stmt(
    db,
    `INSERT INTO forecasts (claim_id, person_id, probability, made_at, comment_id, source_id, quote, reasoning, recorded_by, created_at)
       VALUES (@claimId, @personId, @probability, @madeAt, @commentId, @sourceId, @quote, @reasoning, @recordedBy, @createdAt)`,
  ).run(f);
  const id = Number(info.lastInsertRowid);
  if (f.quote) insertSearchEntry(db, "quote", id, { body: f.quote });
  return id;
}

/** One page of a claim's forecasts, oldest first (a claim can hold tens of thousands). */
export function forecastsForClaim(db: Db, claimId: number, page: Slice): ForecastView[] {
  return stmt(
    db,
    `${SELECT_VIEW} WHERE f.claim_id = ? AND f.withdrawn_at IS NULL ORDER BY f.made_at, f.id LIMIT ? OFFSET ?`,
  ).all(claimId, page.limit, page.offset) as ForecastView[];
}

export function countForecastsOfClaim(db: Db, claimId: number): number {
  return stmt(db, `SELECT count(*) FROM forecasts WHERE claim_id = ? AND withdrawn_at IS NULL`)
    .pluck()
    .get(claimId) as number;
}

/** When the claim's first forecast was made (as text, the way the page always compared them), or null. */
export function firstForecastAt(db: Db, claimId: number): string | null {
  return stmt(db, `SELECT min(made_at) FROM forecasts WHERE claim_id = ? AND withdrawn_at IS NULL`)
    .pluck()
    .get(claimId) as string | null;
}

/**
 * The id of each given person's latest forecast on each given claim (the one that stands: earlier ones
 * were replaced by it), one index seek per pair (migration 0018).
 */
export function latestForecastIds(db: Db, pairs: readonly { claimId: number; personId: number }[]): Set<number> {
  const ids = stmt(
    db,
    `SELECT (SELECT g.id FROM forecasts g
               WHERE g.claim_id = json_extract(j.value, '$[0]') AND g.person_id = json_extract(j.value, '$[1]')
                 AND g.withdrawn_at IS NULL
               ORDER BY g.made_at DESC, g.id DESC LIMIT 1)
     FROM json_each(?) j`,
  )
    .pluck()
    .all(JSON.stringify(pairs.map((p) => [p.claimId, p.personId]))) as (number | null)[];
  return new Set(ids.filter((id): id is number => id !== null));
}

/** A person's latest forecast on a claim (their current number), or undefined. */
export function latestForecastOf(db: Db, claimId: number, personId: number): ForecastView | undefined {
  return stmt(
    db,
    `${SELECT_VIEW} WHERE f.claim_id = ? AND f.person_id = ? AND f.withdrawn_at IS NULL
     ORDER BY f.made_at DESC, f.id DESC LIMIT 1`,
  ).get(claimId, personId) as ForecastView | undefined;
}

/** One page of a person's forecasts, newest first. */
export function forecastsForPerson(db: Db, personId: number, page: Slice): ForecastView[] {
  return stmt(
    db,
    `${SELECT_VIEW} WHERE f.person_id = ? AND f.withdrawn_at IS NULL ORDER BY f.made_at DESC, f.id DESC LIMIT ? OFFSET ?`,
  ).all(personId, page.limit, page.offset) as ForecastView[];
}

export function countForecastsOfPerson(db: Db, personId: number): number {
  return stmt(db, `SELECT count(*) FROM forecasts WHERE person_id = ? AND withdrawn_at IS NULL`)
    .pluck()
    .get(personId) as number;
}

/** The forecasts read from these comments (one page of a thread), oldest first. */
export function forecastsForComments(db: Db, commentIds: readonly number[]): ForecastView[] {
  return stmt(
    db,
    `${SELECT_VIEW} WHERE f.comment_id IN (SELECT value FROM json_each(?)) AND f.withdrawn_at IS NULL ORDER BY f.id`,
  ).all(JSON.stringify(commentIds)) as ForecastView[];
}

/** The forecasts read from an article itself (its publisher's rumor), not from its comments. */
export function articleForecasts(db: Db, sourceId: number, slice: Slice): ForecastView[] {
  return stmt(
    db,
    `${SELECT_VIEW} WHERE f.source_id = ? AND f.comment_id IS NULL AND f.withdrawn_at IS NULL ORDER BY f.id LIMIT ? OFFSET ?`,
  ).all(sourceId, slice.limit, slice.offset) as ForecastView[];
}

export function forecastsForSource(db: Db, sourceId: number): ForecastView[] {
  return stmt(db, `${SELECT_VIEW} WHERE f.source_id = ? AND f.withdrawn_at IS NULL ORDER BY f.id`).all(
    sourceId,
  ) as ForecastView[];
}

/** Narrows which forecasts a leaderboard scores. Every field is optional; dates are YYYY-MM-DD. */
export interface ScoreFilter {
  tag?: string;
  sourceId?: number;
  publisher?: string;
  /** Claims whose outcome became known on or after this date … */
  resolvedFrom?: string;
  /** … and before the end of this date. */
  resolvedTo?: string;
}

/** The forecasts on claims with a scorable current resolution, as the scoring code takes them. */
export function scorableForecastInputs(db: Db): ForecastInput[] {
  return stmt(
    db,
    `SELECT f.id, f.claim_id AS claimId, f.person_id AS personId, f.probability, f.made_at AS madeAt
     FROM forecasts f
     JOIN current_resolutions r ON r.claim_id = f.claim_id AND r.verdict <> 'ANNULLED'
     WHERE f.withdrawn_at IS NULL
     ORDER BY f.id`,
  ).all() as ForecastInput[];
}

export function countForecasts(db: Db): number {
  // All rows (read from the smallest index) less the withdrawn ones (their own small index): a
  // filter on withdrawn_at over every row would read the whole table, 70 ms at a million.
  return stmt(
    db,
    `SELECT (SELECT count(*) FROM forecasts) - (SELECT count(*) FROM forecasts WHERE withdrawn_at IS NOT NULL)`,
  )
    .pluck()
    .get() as number;
}

/** Ids of the forecasts read from a given source, or from any source of a given publisher. */
export function forecastIdsFromSources(db: Db, filter: { sourceId?: number; publisher?: string }): Set<number> {
  const ids = stmt(
    db,
    `SELECT f.id FROM forecasts f JOIN sources s ON s.id = f.source_id
     WHERE f.withdrawn_at IS NULL AND (@sourceId IS NULL OR s.id = @sourceId) AND (@publisher IS NULL OR s.publisher = @publisher)`,
  )
    .pluck()
    .all({ sourceId: filter.sourceId ?? null, publisher: filter.publisher ?? null }) as number[];
  return new Set(ids);
}

/** A forecast as an editor corrects it: the view, plus whether (and why) it was withdrawn. */
export interface ForecastRecord extends ForecastView {
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawReason: string | null;
}

const SELECT_RECORD = `SELECT f.id, f.claim_id AS claimId, cl.text AS claimText, f.person_id AS personId,
    p.handle, p.kind AS personKind, f.probability, f.made_at AS madeAt, f.comment_id AS commentId,
    cm.site_number AS commentSiteNumber, f.source_id AS sourceId, s.title AS sourceTitle,
    f.quote, f.reasoning, a.username AS recordedBy,
    f.withdrawn_at AS withdrawnAt, w.username AS withdrawnBy, f.withdraw_reason AS withdrawReason
  FROM forecasts f
  JOIN claims cl ON cl.id = f.claim_id
  JOIN people p ON p.id = f.person_id
  LEFT JOIN comments cm ON cm.id = f.comment_id
  LEFT JOIN sources s ON s.id = f.source_id
  LEFT JOIN accounts a ON a.id = f.recorded_by
  LEFT JOIN accounts w ON w.id = f.withdrawn_by`;

/** Any forecast, withdrawn or not. */
export function findForecast(db: Db, id: number): ForecastRecord | undefined {
  return stmt(db, `${SELECT_RECORD} WHERE f.id = ?`).get(id) as ForecastRecord | undefined;
}

/** The withdrawn forecasts of a claim, newest withdrawal first (few: each is an editor's correction). */
export function withdrawnForecastsOfClaim(db: Db, claimId: number): ForecastRecord[] {
  return stmt(
    db,
    `${SELECT_RECORD} WHERE f.claim_id = ? AND f.withdrawn_at IS NOT NULL ORDER BY f.withdrawn_at DESC, f.id DESC`,
  ).all(claimId) as ForecastRecord[];
}

/** Corrects the probability read from a comment; returns false if the forecast is withdrawn or gone. */
export function updateForecastProbability(db: Db, id: number, probability: number): boolean {
  return (
    stmt(db, `UPDATE forecasts SET probability = ? WHERE id = ? AND withdrawn_at IS NULL`).run(probability, id)
      .changes === 1
  );
}

/** Withdraws a forecast (never scored again); returns false if it was already withdrawn. */
export function markForecastWithdrawn(db: Db, id: number, by: number, reason: string, now: string): boolean {
  return (
    stmt(
      db,
      `UPDATE forecasts SET withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ? WHERE id = ? AND withdrawn_at IS NULL`,
    ).run(now, by, reason, id).changes === 1
  );
}
