// The claim page's view model: one page of forecasts with what became of each under the scoring
// contract, read from the stored scores (migration 0006) rather than by scoring the claim per request.
import { auditForClaim, countAuditOfClaim, type AuditEntry } from "../../db/audit";
import type { Db, Slice } from "../../db/connection";
import { countDisputesOfClaim, disputesForClaim, type Dispute } from "../../db/disputes";
import { findClaim, type Claim } from "../../db/claims";
import {
  countForecastsOfClaim,
  firstForecastAt,
  forecastsForClaim,
  latestForecastIds,
  type ForecastView,
} from "../../db/forecasts";
import { currentResolutionInputs, resolutionHistory, type Resolution } from "../../db/resolutions";
import {
  claimScoresOf,
  forecastScoresByIds,
  type ClaimScoreRow,
  type StoredForecastScore,
} from "../../db/stored-scores";
import type { CrowdChart } from "../domain/charts";
import { isAfterTheFact, type ScoredForecast } from "../domain/scoring";
import { claimCrowd } from "./charts";
import type { CrowdEstimate } from "../domain/chart-series";
import type { ResolutionInput } from "../domain/types";

/**
 * What the contract made of a forecast: scored, replaced by the person's later one, too late, or
 * waiting. On a claim still open, a person's latest forecast is "open" and the earlier ones
 * "replaced": only the latest can count.
 */
export type ForecastStatus = "counted" | "superseded" | "after the fact" | "annulled" | "open" | "replaced";

export interface ForecastRow extends ForecastView {
  status: ForecastStatus;
  score: ScoredForecast | null;
  /** The claim's crowd (median of counted forecasts) Brier, shown beside the person's. */
  crowdBrier: number | null;
  /** The person's latest forecast on the claim: the one that stands. */
  current: boolean;
}

/** The newest disputes and history entries shown on the claim page; the rest are a link away. */
export const CLAIM_PAGE_RECENT = 20;

/** The newest entries of a list that can grow without bound, and how many there are in all. */
export interface Recent<T> {
  items: T[];
  total: number;
}

export interface ClaimPage {
  claim: Claim;
  audit: Recent<AuditEntry>;
  disputes: Recent<Dispute>;
  /** The forecasts of this page only. */
  rows: ForecastRow[];
  /** Forecasts on the claim, on every page. */
  forecastTotal: number;
  /** When the first forecast was made, for "settled … after the first forecast". */
  firstMadeAt: string | null;
  history: Resolution[];
  current: Resolution | null;
  /** The stored crowd: null while unresolved (or before the claim's scores were stored). */
  crowd: ClaimScoreRow | null;
  /** The crowd median over time with every forecast (sampled when many); null without forecasts. */
  crowdChart: CrowdChart | null;
  /** The crowd now: the median of each person's latest forecast; null without forecasts. */
  crowdNow: CrowdEstimate | null;
}

export function claimPage(db: Db, id: number, page: Slice): ClaimPage | undefined {
  const claim = findClaim(db, id);
  if (!claim) return undefined;
  const history = resolutionHistory(db, id);
  const recent = { limit: CLAIM_PAGE_RECENT, offset: 0 };
  const crowdOverTime = claimCrowd(db, id, history[0]?.knownAt ?? null);
  return {
    claim,
    rows: forecastRows(db, forecastsForClaim(db, id, page)),
    forecastTotal: countForecastsOfClaim(db, id),
    firstMadeAt: firstForecastAt(db, id),
    history,
    current: history[0] ?? null,
    crowd: claimScoresOf(db, [id])[0] ?? null,
    crowdChart: crowdOverTime.chart,
    crowdNow: crowdOverTime.now,
    audit: { items: auditForClaim(db, id, recent), total: countAuditOfClaim(db, id) },
    disputes: { items: disputesForClaim(db, id, recent), total: countDisputesOfClaim(db, id) },
  };
}

/** Shared by every list of forecasts, so the claim, person and source pages say the same of one. */
function forecastRow(
  f: ForecastView,
  current: boolean,
  resolution: ResolutionInput | undefined,
  scored: StoredForecastScore | undefined,
  crowd: ClaimScoreRow | undefined,
): ForecastRow {
  const base = { ...f, crowdBrier: crowd?.crowdBrier ?? null, current };
  if (!resolution) return { ...base, status: current ? "open" : "replaced", score: null };
  // Checked before the verdict: an annulled claim still says who answered too late.
  if (isAfterTheFact(f.madeAt, resolution.knownAt)) return { ...base, status: "after the fact", score: null };
  if (resolution.verdict === "ANNULLED") return { ...base, status: "annulled", score: null };
  if (scored === undefined) return { ...base, status: "superseded", score: null };
  const { sourceId: _source, ...score } = scored;
  return { ...base, status: "counted", score };
}

/**
 * Rows for one page of forecasts on any claims (a claim's, a person's, a source's): the status
 * follows the claim's current resolution, the scores and the crowd are read from the stored scores
 * of these forecasts and claims only, so a page costs the same however many claims are scored.
 */
export function forecastRows(db: Db, forecasts: readonly ForecastView[]): ForecastRow[] {
  const claimIds = [...new Set(forecasts.map((f) => f.claimId))];
  const resolutions = new Map(currentResolutionInputs(db, claimIds).map((r) => [r.claimId, r]));
  const crowds = new Map(claimScoresOf(db, claimIds).map((c) => [c.claimId, c]));
  const scores = new Map(
    forecastScoresByIds(
      db,
      forecasts.map((f) => f.id),
    ).map((s) => [s.forecastId, s]),
  );
  const latest = latestForecastIds(db, forecasts);
  return forecasts.map((f) =>
    forecastRow(f, latest.has(f.id), resolutions.get(f.claimId), scores.get(f.id), crowds.get(f.claimId)),
  );
}
