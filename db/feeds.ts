// What the Atom feeds (server/routes/feeds.ts) list: each read is the newest `limit` rows, and the
// readers' private feed tokens (migration 0016).
import { stmt, type Db } from "./connection";
import type { Verdict } from "../server/domain/types";

export interface FeedClaim {
  id: number;
  text: string;
  details: string;
  resolveBy: string;
  createdAt: string;
  verdict: Verdict | null;
  knownAt: string | null;
  resolvedAt: string | null;
}

const CLAIM = `SELECT c.id, c.text, c.details, c.resolve_by AS resolveBy, c.created_at AS createdAt,
    r.verdict, r.known_at AS knownAt, r.created_at AS resolvedAt
  FROM claims c LEFT JOIN current_resolutions r ON r.claim_id = c.id`;

/** Published claims, newest first. */
export function newestClaims(db: Db, limit: number): FeedClaim[] {
  return stmt(db, `${CLAIM} WHERE c.state = 'published' ORDER BY c.created_at DESC, c.id DESC LIMIT ?`).all(
    limit,
  ) as FeedClaim[];
}

/** A tag's published claims, the most recently created or resolved first. */
export function claimsWithTagForFeed(db: Db, tag: string, limit: number): FeedClaim[] {
  return stmt(
    db,
    `${CLAIM} WHERE c.state = 'published' AND c.id IN (
        SELECT ct.claim_id FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = ?)
      ORDER BY coalesce(r.created_at, c.created_at) DESC, c.id DESC LIMIT ?`,
  ).all(tag, limit) as FeedClaim[];
}

export interface FeedResolution {
  id: number;
  claimId: number;
  claimText: string;
  verdict: Verdict;
  knownAt: string;
  rationale: string;
  /** A re-resolution replaced an earlier verdict. */
  supersedesId: number | null;
  createdAt: string;
}

const RESOLUTION = `SELECT r.id, r.claim_id AS claimId, c.text AS claimText, r.verdict, r.known_at AS knownAt,
    r.rationale, r.supersedes_id AS supersedesId, r.created_at AS createdAt
  FROM resolutions r JOIN claims c ON c.id = r.claim_id`;

/** Every resolution (a re-resolution is one more), newest first. */
export function newestResolutions(db: Db, limit: number): FeedResolution[] {
  return stmt(db, `${RESOLUTION} WHERE c.state = 'published' ORDER BY r.created_at DESC, r.id DESC LIMIT ?`).all(
    limit,
  ) as FeedResolution[];
}

/** The resolutions of the claims a person forecast, newest first. */
export function resolutionsOfClaimsForecastBy(db: Db, personId: number, limit: number): FeedResolution[] {
  return stmt(
    db,
    `${RESOLUTION} WHERE c.state = 'published' AND r.claim_id IN (SELECT claim_id FROM forecasts WHERE person_id = ? AND withdrawn_at IS NULL)
      ORDER BY r.created_at DESC, r.id DESC LIMIT ?`,
  ).all(personId, limit) as FeedResolution[];
}

/** The open claims a person forecast whose resolve-by date falls between the two days (inclusive), soonest first. */
export function openClaimsForecastByDueBetween(
  db: Db,
  personId: number,
  from: string,
  to: string,
  limit: number,
): FeedClaim[] {
  return stmt(
    db,
    `${CLAIM} WHERE c.state = 'published' AND r.verdict IS NULL AND c.resolve_by BETWEEN ? AND ?
        AND c.id IN (SELECT claim_id FROM forecasts WHERE person_id = ? AND withdrawn_at IS NULL)
      ORDER BY c.resolve_by, c.id LIMIT ?`,
  ).all(from, to, personId, limit) as FeedClaim[];
}

export interface FeedScoredForecast {
  forecastId: number;
  claimId: number;
  claimText: string;
  probability: number;
  madeAt: string;
  verdict: Verdict;
  brier: number;
  /** When the claim's current resolution was recorded. */
  resolvedAt: string;
}

/** A person's counted forecasts on resolved claims (the stored scores), most recently known first. */
export function scoredForecastsOfPerson(db: Db, personId: number, limit: number): FeedScoredForecast[] {
  return stmt(
    db,
    `SELECT fs.forecast_id AS forecastId, fs.claim_id AS claimId, c.text AS claimText, fs.probability,
        fs.made_at AS madeAt, r.verdict, fs.brier, r.created_at AS resolvedAt
      FROM forecast_scores fs JOIN claims c ON c.id = fs.claim_id
        JOIN current_resolutions r ON r.claim_id = fs.claim_id
      WHERE fs.person_id = ? ORDER BY fs.known_at DESC, fs.forecast_id DESC LIMIT ?`,
  ).all(personId, limit) as FeedScoredForecast[];
}

/** The account whose private feed this token opens, if it is the current one. */
export function accountIdForFeedToken(db: Db, token: string): number | undefined {
  return stmt(db, `SELECT account_id FROM feed_tokens WHERE token = ?`).pluck().get(token) as number | undefined;
}

export function feedTokenOf(db: Db, accountId: number): string | undefined {
  return stmt(db, `SELECT token FROM feed_tokens WHERE account_id = ?`).pluck().get(accountId) as string | undefined;
}

/** Replaces the account's token: the old one stops working at once. */
export function setFeedToken(db: Db, accountId: number, token: string, now: string): void {
  stmt(
    db,
    `INSERT INTO feed_tokens (account_id, token, created_at) VALUES (?, ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at`,
  ).run(accountId, token, now);
}
