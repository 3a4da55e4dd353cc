import { stmt, type Db } from "./connection";

/**
 * Each person's current (latest, not withdrawn) probability on a claim: what the crowd thinks now. One row per
 * person, however many times they changed their mind; the median of these is the crowd estimate.
 */
export function currentProbabilities(db: Db, claimId: number): number[] {
  return stmt(
    db,
    `SELECT probability FROM (
       SELECT probability, row_number() OVER (PARTITION BY person_id ORDER BY made_at DESC, id DESC) AS rn
         FROM forecasts WHERE claim_id = ? AND withdrawn_at IS NULL)
     WHERE rn = 1`,
  )
    .pluck()
    .all(claimId) as number[];
}

/** Counted forecasts on a resolved claim that were on the right side (hit = 1), from the stored scores. */
export function calledItCount(db: Db, claimId: number): number {
  return stmt(db, `SELECT count(*) FROM forecast_scores WHERE claim_id = ? AND hit = 1`).pluck().get(claimId) as number;
}
