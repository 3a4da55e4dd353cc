// Plain data shared by the pure domain modules. Times are ISO-8601 UTC strings, as stored.

export type Verdict = "YES" | "NO" | "ANNULLED";

/** One forecast as the scoring code needs it. `probability` is P(YES), 0.01–0.99. */
export interface ForecastInput {
  id: number;
  claimId: number;
  personId: number;
  probability: number;
  madeAt: string;
}

/** The claim's current (newest) resolution; unresolved claims have none and are never scored. */
export interface ResolutionInput {
  claimId: number;
  verdict: Verdict;
  /** When the outcome became public: only forecasts strictly before it count. */
  knownAt: string;
}
