// Keeps the stored scores (migration 0006, docs/decisions/0003) equal to what the pure scoring
// module computes from the forecasts and current resolutions. Every write that can change a
// claim's scores calls rescoreClaims inside its own transaction, so that readers never see a
// forecast or a verdict without its scores.
import type { Db } from "../../db/connection";
import { bumpScoresVersion } from "../../db/data-version";
import { meansOf } from "./stored-board";
import { writeTransaction } from "./write-transaction";
import { scorableForecastInputs } from "../../db/forecasts";
import { peopleNames } from "../../db/people";
import { currentResolutionInputs } from "../../db/resolutions";
import {
  allClaimCalibration,
  allClaimScores,
  allForecastScores,
  allPersonScores,
  countStoredScores,
  deleteAllStoredScores,
  deleteClaimCalibration,
  deleteClaimScores,
  deleteForecastScoresOfClaims,
  forecastInputsForClaims,
  insertClaimCalibration,
  insertClaimScores,
  insertForecastScores,
  personIdsScoredOnClaims,
  scoredPersonIds,
  updatePersonScores,
  type ClaimScoreRow,
  type PersonSums,
  type StoredForecastScore,
} from "../../db/stored-scores";
import {
  claimBucketSums,
  scoreAll,
  scoreClaim,
  type BucketSums,
  type ClaimScore,
  type PersonScore,
} from "../domain/scoring";
import type { ForecastInput } from "../domain/types";

type SourcedInput = ForecastInput & { sourceId: number | null };

interface ClaimsScored {
  forecasts: StoredForecastScore[];
  claims: ClaimScoreRow[];
}

function claimRow(c: ClaimScore): ClaimScoreRow {
  const { claimId, verdict, knownAt, crowdMedian, crowdBrier } = c;
  return { claimId, verdict, knownAt, counted: c.counted.length, crowdMedian, crowdBrier };
}

function scoreClaims(db: Db, claimIds: readonly number[]): ClaimsScored {
  const forecasts = forecastInputsForClaims(db, claimIds);
  const byClaim = new Map<number, SourcedInput[]>();
  for (const f of forecasts) {
    const group = byClaim.get(f.claimId);
    if (group === undefined) byClaim.set(f.claimId, [f]);
    else group.push(f);
  }
  const sourceOf = new Map(forecasts.map((f) => [f.id, f.sourceId]));
  // Unresolved claims have no current resolution and so no rows; annulled ones score nobody.
  const scored = currentResolutionInputs(db, claimIds).map((r) => scoreClaim(byClaim.get(r.claimId) ?? [], r));
  return {
    forecasts: scored.flatMap((c) => c.counted.map((s) => ({ ...s, sourceId: sourceOf.get(s.forecastId) ?? null }))),
    claims: scored.map(claimRow),
  };
}

/**
 * Replaces the stored scores of these claims with a fresh scoring of their forecasts against their
 * current resolutions, then re-sums everyone whose rows changed — those scored on the claims
 * before (a re-resolution or a merge can drop them) and after. Runs in the caller's transaction:
 * a write and its scores commit or roll back together. Unresolved claims cost one query and change
 * nothing, so a caller may pass every claim it touched without checking.
 */
export function rescoreClaims(db: Db, claimIds: readonly number[]): void {
  if (claimIds.length === 0) return;
  if (!db.inTransaction) throw new Error("rescoreClaims must run inside the write's transaction");
  const unique = [...new Set(claimIds)];
  const before = personIdsScoredOnClaims(db, unique);
  deleteForecastScoresOfClaims(db, unique);
  // A claim merged away or unresolved loses its row: only current resolutions have one.
  deleteClaimScores(db, unique);
  deleteClaimCalibration(db, unique);
  const { forecasts, claims } = scoreClaims(db, unique);
  insertForecastScores(db, forecasts);
  insertClaimScores(db, claims);
  insertClaimCalibration(db, claimBucketSums(forecasts));
  updatePersonScores(db, [...new Set([...before, ...forecasts.map((r) => r.personId)])]);
  // Open claims (most writes: forecasts on them) change no score, and leave cached boards be.
  if (before.length > 0 || claims.length > 0) bumpScoresVersion(db);
}

/** Wipes the three tables and scores every resolved claim again. Runs in the caller's transaction. */
export function rebuildAllScores(db: Db): void {
  if (!db.inTransaction) throw new Error("rebuildAllScores must run inside a transaction");
  deleteAllStoredScores(db);
  const { forecasts, claims } = scoreClaims(
    db,
    currentResolutionInputs(db).map((r) => r.claimId),
  );
  insertForecastScores(db, forecasts);
  insertClaimScores(db, claims);
  insertClaimCalibration(db, claimBucketSums(forecasts));
  updatePersonScores(db, scoredPersonIds(db));
  bumpScoresVersion(db);
}

/**
 * A database made before migration 0006 (or filled by a writer that does not rescore yet) has
 * resolved claims but empty score tables: score everything once. Returns whether it did.
 */
export function ensureScoresStored(db: Db): boolean {
  const stored = countStoredScores(db);
  if (stored.forecasts > 0 || stored.people > 0 || stored.claims > 0) return false;
  if (currentResolutionInputs(db).length === 0) return false;
  writeTransaction(db, () => rebuildAllScores(db))();
  return true;
}

/** One way in which the stored scores disagree with a full recomputation. */
export interface ScoreDifference {
  table: "forecast_scores" | "person_scores" | "claim_scores" | "claim_calibration";
  /** forecast_id, person_id or claim_id; for claim_calibration claim_id × 10 + bucket */
  id: number;
  field: string;
  stored: string | number | null;
  expected: string | number | null;
}

// The same sums taken in another order (SQL against JavaScript) may differ in the last bits.
const TOLERANCE = 1e-12;

function same(a: string | number | null, b: string | number | null): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= TOLERANCE;
  return a === b;
}

type Fields = Record<string, string | number | null>;

function compareRows(table: ScoreDifference["table"], stored: Map<number, Fields>, expected: Map<number, Fields>) {
  const out: ScoreDifference[] = [];
  for (const [id, want] of expected) {
    const got = stored.get(id);
    if (got === undefined) out.push({ table, id, field: "(row)", stored: null, expected: "present" });
    else
      for (const [field, value] of Object.entries(want)) {
        const have = got[field] ?? null;
        if (!same(have, value)) out.push({ table, id, field, stored: have, expected: value });
      }
  }
  for (const id of stored.keys())
    if (!expected.has(id)) out.push({ table, id, field: "(row)", stored: "present", expected: null });
  return out;
}

function forecastFields(s: Omit<StoredForecastScore, "sourceId">): Fields {
  const { forecastId: _id, ...fields } = s;
  return fields;
}

/**
 * Compares everything stored with a full recomputation by the pure module (scoreAll over all
 * forecasts and current resolutions): the check behind `npm run rescore` and the property test.
 * Returns the differences; an empty list means the stored scores are right.
 */
export function diffStoredScores(db: Db): ScoreDifference[] {
  const full = scoreAll(scorableForecastInputs(db), currentResolutionInputs(db));
  const expectedForecasts = new Map(
    [...full.claims.values()].flatMap((c) => c.counted).map((s) => [s.forecastId, forecastFields(s)]),
  );
  const storedForecasts = new Map(
    allForecastScores(db).map(({ sourceId: _s, ...s }) => [s.forecastId, forecastFields(s)]),
  );
  const names = peopleNames(db);
  const expectedPeople = new Map(
    full.people.map((p) => [p.personId, personFields(p, names.get(p.personId)?.handle ?? null)]),
  );
  const storedPeople = new Map(allPersonScores(db).map((p) => [p.personId, storedPersonFields(p)]));
  const expectedClaims = new Map([...full.claims.values()].map((c) => [c.claimId, claimFields(claimRow(c))]));
  const storedClaims = new Map(allClaimScores(db).map((c) => [c.claimId, claimFields(c)]));
  const bucketKey = (r: { claimId: number; bucket: number }) => r.claimId * 10 + r.bucket;
  const bucketFields = (r: BucketSums): Fields => ({ count: r.count, yes: r.yes, sumProbability: r.sumProbability });
  const expectedBuckets = new Map(
    claimBucketSums([...full.claims.values()].flatMap((c) => c.counted)).map((r) => [bucketKey(r), bucketFields(r)]),
  );
  const storedBuckets = new Map(allClaimCalibration(db).map((r) => [bucketKey(r), bucketFields(r)]));
  return [
    ...compareRows("forecast_scores", storedForecasts, expectedForecasts),
    ...compareRows("person_scores", storedPeople, expectedPeople),
    ...compareRows("claim_scores", storedClaims, expectedClaims),
    ...compareRows("claim_calibration", storedBuckets, expectedBuckets),
  ];
}

function claimFields(c: ClaimScoreRow): Fields {
  const { claimId: _id, ...fields } = c;
  return fields;
}

function personFields(p: PersonScore, handle: string | null): Fields {
  const { resolved, brier, adjustedBrier, logScore, accuracy, peerScore } = p;
  return { handle, resolved, brier, adjustedBrier, logScore, accuracy, peerScore };
}

function storedPersonFields(p: PersonSums): Fields {
  return { handle: p.handle, ...meansOf(p) };
}

/**
 * `npm run rescore`: compares what is stored with a full recomputation, then rebuilds everything
 * from nothing, in one transaction. A rebuild that still differs is a bug in this module: it
 * throws, and the transaction rolls back to the scores that were there.
 */
export function rebuildAndReport(db: Db, opts: { write: boolean }): ScoreDifference[] {
  return writeTransaction(db, () => {
    const differences = diffStoredScores(db);
    if (!opts.write) return differences;
    rebuildAllScores(db);
    const left = diffStoredScores(db);
    if (left.length > 0)
      throw new Error(`the rebuild still differs from a full recomputation: ${describeDifference(left[0])}`);
    return differences;
  })();
}

export function describeDifference(d: ScoreDifference | undefined): string {
  if (d === undefined) return "";
  if (d.table === "claim_calibration") {
    const where = `claim ${Math.floor(d.id / 10)} bucket ${d.id % 10}`;
    return `${d.table} ${where} ${d.field}: stored ${String(d.stored)}, expected ${String(d.expected)}`;
  }
  const key = { forecast_scores: "forecast", person_scores: "person", claim_scores: "claim" }[d.table];
  return `${d.table} ${key} ${d.id} ${d.field}: stored ${String(d.stored)}, expected ${String(d.expected)}`;
}
