// The reads behind the charts (views/charts): every forecast on one claim for its crowd line, a
// person's stored Brier by known-at, and the current forecasts of a few open claims for their crowd.
// Each is one indexed read whose size is bounded by one claim or one person, never by the site.
import { stmt, type Db } from "./connection";

/** A forecast as a chart needs it: who, how likely, when. */
export interface ForecastPoint {
  id: number;
  personId: number;
  probability: number;
  madeAt: string;
}

/** Every forecast on a claim (but withdrawn ones), in the order made (the covering index forecasts_claim_chart, migration 0019). */
export function forecastPointsOfClaim(db: Db, claimId: number): ForecastPoint[] {
  return stmt(
    db,
    `SELECT id, person_id AS personId, probability, made_at AS madeAt
     FROM forecasts WHERE claim_id = ? AND withdrawn_at IS NULL ORDER BY made_at, id`,
  ).all(claimId) as ForecastPoint[];
}

/** A person's counted forecasts' Brier scores, oldest known-at first (the covering index forecast_scores_person). */
export function brierByKnownAt(db: Db, personId: number): { knownAt: string; brier: number }[] {
  return stmt(db, `SELECT known_at AS knownAt, brier FROM forecast_scores WHERE person_id = ? ORDER BY known_at`).all(
    personId,
  ) as { knownAt: string; brier: number }[];
}

/** Every forecast on these claims (a page of a list), grouped by claim, each in the order made. */
export function forecastPointsOfClaims(db: Db, claimIds: readonly number[]): (ForecastPoint & { claimId: number })[] {
  if (claimIds.length === 0) return [];
  return stmt(
    db,
    `SELECT claim_id AS claimId, id, person_id AS personId, probability, made_at AS madeAt
     FROM forecasts WHERE claim_id IN (SELECT value FROM json_each(?)) AND withdrawn_at IS NULL
     ORDER BY claim_id, made_at, id`,
  ).all(JSON.stringify(claimIds)) as (ForecastPoint & { claimId: number })[];
}
