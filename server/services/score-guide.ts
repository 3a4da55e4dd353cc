// The "How scores work" page's worked example: a real resolved claim from the database, scored at
// request time by the same pure functions that fill the stored tables, so the page's numbers are
// never typed in and cannot drift from the code.
import { findClaim, type Claim } from "../../db/claims";
import type { Db } from "../../db/connection";
import { findPerson } from "../../db/people";
import { currentResolutionInputs } from "../../db/resolutions";
import { exampleScoredClaimId, forecastInputsForClaims, personScoresOf } from "../../db/stored-scores";
import {
  ADJUSTMENT_K,
  adjustedBrier,
  calibration,
  scoreClaim,
  type CalibrationBucket,
  type ClaimScore,
  type ScoredForecast,
} from "../domain/scoring";

export interface ExampleRow extends ScoredForecast {
  handle: string;
}

export interface ScoreGuide {
  claim: Claim;
  score: ClaimScore;
  rows: ExampleRow[];
  /** Handles of those who answered at or after known-at: shown, never scored. */
  afterTheFact: { handle: string; probability: number; madeAt: string }[];
  /** The first counted forecaster's whole record, for the adjusted Brier. */
  person: {
    id: number;
    handle: string;
    resolved: number;
    sumBrier: number;
    brier: number;
    adjustedBrier: number;
  } | null;
  k: number;
  /** The example's forecasts in calibration buckets. */
  buckets: CalibrationBucket[];
  /** For the peer score's worked line: the sum of everyone's log scores on the claim. */
  logSum: number;
}

function handleOf(db: Db, personId: number): string {
  return findPerson(db, personId)?.handle ?? `person ${personId}`;
}

export function scoreGuide(db: Db): ScoreGuide | null {
  const claimId = exampleScoredClaimId(db);
  const claim = claimId === undefined ? undefined : findClaim(db, claimId);
  const resolution = claimId === undefined ? undefined : currentResolutionInputs(db, [claimId])[0];
  if (claim === undefined || resolution === undefined) return null;
  const score = scoreClaim(forecastInputsForClaims(db, [claim.id]), resolution);
  const rows = score.counted.map((s) => ({ ...s, handle: handleOf(db, s.personId) }));
  const first = rows[0];
  const sums = first === undefined ? undefined : personScoresOf(db, first.personId);
  const person =
    first === undefined || sums === undefined
      ? null
      : {
          id: first.personId,
          handle: first.handle,
          resolved: sums.resolved,
          sumBrier: sums.sumBrier,
          brier: sums.sumBrier / sums.resolved,
          adjustedBrier: adjustedBrier(sums.sumBrier, sums.resolved),
        };
  return {
    claim,
    score,
    rows,
    afterTheFact: score.afterTheFact.map((f) => ({
      handle: handleOf(db, f.personId),
      probability: f.probability,
      madeAt: f.madeAt,
    })),
    person,
    k: ADJUSTMENT_K,
    buckets: calibration(score.counted),
    logSum: score.counted.reduce((acc, s) => acc + s.logScore, 0),
  };
}
