// The charts' view models, gathered for the page builders: reads from db/charts.ts, series and
// geometry from server/domain. However many forecasts a claim or person has, a chart draws at most
// CHART_POINTS of them and a line of at most CHART_STEPS steps (the table beside it lists the same).
import { brierByKnownAt, forecastPointsOfClaim, forecastPointsOfClaims, type ForecastPoint } from "../../db/charts";
import type { Db } from "../../db/connection";
import {
  crowdMedianSteps,
  currentCrowd,
  runningMeanBrier,
  sampleEvenly,
  type CrowdEstimate,
  type TimedForecast,
} from "../domain/chart-series";
import {
  brierChart,
  calibrationChart,
  crowdChart,
  type BrierChart,
  type CalibrationChart,
  type CrowdChart,
} from "../domain/charts";
import { calibrationFromSums, instantMs, type CalibrationBucket } from "../domain/scoring";
import { listTags } from "../../db/claims";
import { calibrationSums } from "../../db/stored-scores";

export const CHART_POINTS = 400;
export const CHART_STEPS = 120;

/** In the order made: by instant (stored text may differ in form), then id, as the scoring code orders them. */
function timed(
  points: readonly { id: number; personId: number; probability: number; madeAt: string }[],
): TimedForecast[] {
  return points
    .map((p) => ({ id: p.id, personId: p.personId, probability: p.probability, ms: instantMs(p.madeAt) }))
    .sort((a, b) => a.ms - b.ms || a.id - b.id);
}

/**
 * A claim's crowd from one read of its forecasts: the median over time with its forecasts as points
 * and known-at when resolved, and the estimate now (the median of each person's latest forecast).
 */
export function claimCrowd(
  db: Db,
  claimId: number,
  knownAt: string | null,
): { chart: CrowdChart | null; now: CrowdEstimate | null } {
  const forecasts = timed(forecastPointsOfClaim(db, claimId));
  const knownAtMs = knownAt === null ? null : instantMs(knownAt);
  const steps = crowdMedianSteps(forecasts, knownAtMs);
  const chart = crowdChart({
    forecasts: sampleEvenly(forecasts, CHART_POINTS),
    forecastTotal: forecasts.length,
    steps: sampleEvenly(steps, CHART_STEPS),
    stepTotal: steps.length,
    knownAtMs,
  });
  return { chart, now: currentCrowd(forecasts) };
}

export interface PersonCharts {
  calibration: CalibrationChart;
  brier: BrierChart | null;
}

/** A person's calibration (their buckets, already summed) and their running mean Brier by known-at. */
export function personCharts(db: Db, personId: number, buckets: readonly CalibrationBucket[]): PersonCharts {
  const steps = runningMeanBrier(
    brierByKnownAt(db, personId).map((r) => ({ ms: instantMs(r.knownAt), brier: r.brier })),
  );
  return {
    calibration: calibrationChart(buckets),
    brier: brierChart(sampleEvenly(steps, CHART_STEPS), steps.length),
  };
}

/** The crowd estimate of each of these claims (meant for open ones): the median of current forecasts. */
export function crowdEstimates(db: Db, claimIds: readonly number[]): Map<number, CrowdEstimate> {
  const byClaim = new Map<number, ForecastPoint[]>();
  for (const r of forecastPointsOfClaims(db, claimIds)) {
    const group = byClaim.get(r.claimId);
    if (group === undefined) byClaim.set(r.claimId, [r]);
    else group.push(r);
  }
  const out = new Map<number, CrowdEstimate>();
  // The rows come in the order made (made_at, then id: the order every "latest forecast" read uses),
  // so the last one per person is their current one: no timestamp needs parsing (10,000 on a big
  // claim cost 40 ms through luxon, on every uncached home page and claims list).
  for (const [claimId, points] of byClaim) {
    const crowd = currentCrowd(points);
    if (crowd !== null) out.set(claimId, crowd);
  }
  return out;
}

export interface SiteCalibration {
  chart: CalibrationChart;
  tag: string | null;
  /** Every tag, for the menu; a tag not among them has no claims. */
  tags: string[];
}

/** Everyone's calibration, or that of the forecasts on claims with one tag: read from claim_calibration. */
export function siteCalibration(db: Db, tag: string | undefined): SiteCalibration {
  return {
    chart: calibrationChart(calibrationFromSums(calibrationSums(db, tag))),
    tag: tag ?? null,
    tags: listTags(db),
  };
}
