// The claim page's view model: every forecast with what became of it under the scoring contract.
import { auditForClaim, type AuditEntry } from "../../db/audit";
import type { Db } from "../../db/connection";
import { disputesForClaim, type Dispute } from "../../db/disputes";
import { claimsByIds, findClaim, type Claim } from "../../db/claims";
import { forecastsForClaim, type ForecastView } from "../../db/forecasts";
import { resolutionHistory, type Resolution } from "../../db/resolutions";
import type { ClaimScore, ScoredForecast } from "../domain/scoring";
import type { Verdict } from "../domain/types";
import { scoreEverything, scoreOneClaim } from "./scores";

/** What the contract made of a forecast: scored, replaced by the person's later one, too late, or waiting. */
export type ForecastStatus = "counted" | "superseded" | "after the fact" | "annulled" | "open";

export interface ForecastRow extends ForecastView {
  status: ForecastStatus;
  score: ScoredForecast | null;
  /** The claim's crowd (median of counted forecasts) Brier, shown beside the person's. */
  crowdBrier: number | null;
}

export interface ClaimPage {
  claim: Claim;
  audit: AuditEntry[];
  disputes: Dispute[];
  rows: ForecastRow[];
  history: Resolution[];
  current: Resolution | null;
  score: ClaimScore | null;
}

export function claimPage(db: Db, id: number): ClaimPage | undefined {
  const claim = findClaim(db, id);
  if (!claim) return undefined;
  const forecasts = forecastsForClaim(db, id);
  const history = resolutionHistory(db, id);
  const current = history[0] ?? null;
  const score = current ? (scoreOneClaim(forecasts, current) ?? null) : null;
  return {
    claim,
    rows: forecasts.map((f) => forecastRow(f, current?.verdict ?? null, score)),
    history,
    current,
    score,
    audit: auditForClaim(db, id),
    disputes: disputesForClaim(db, id),
  };
}

/** Shared by the claim and person pages, so both always say the same of a forecast. */
export function forecastRow(
  f: ForecastView,
  verdict: Verdict | null,
  score: ClaimScore | null | undefined,
): ForecastRow {
  const crowdBrier = score?.crowdBrier ?? null;
  if (!verdict) return { ...f, status: "open", score: null, crowdBrier };
  if (score?.afterTheFact.some((a) => a.id === f.id))
    return { ...f, status: "after the fact", score: null, crowdBrier };
  if (verdict === "ANNULLED" || !score) return { ...f, status: "annulled", score: null, crowdBrier };
  const scored = score.counted.find((s) => s.forecastId === f.id) ?? null;
  return { ...f, status: scored ? "counted" : "superseded", score: scored, crowdBrier };
}

/** Rows for forecasts on many claims (a person's, a source's). Peer scores compare everyone on a claim, so all claims are scored. */
/** Rows for forecasts on many claims (a person's, a source's), each scored against its whole claim. */
export function forecastRows(db: Db, forecasts: readonly ForecastView[], scores = scoreEverything(db)): ForecastRow[] {
  const verdicts = new Map(
    claimsByIds(db, [...new Set(forecasts.map((f) => f.claimId))]).map((c) => [c.id, c.verdict]),
  );
  return forecasts.map((f) => forecastRow(f, verdicts.get(f.claimId) ?? null, scores.claims.get(f.claimId)));
}
