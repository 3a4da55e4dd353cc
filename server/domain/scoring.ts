// Scoring as a pure function of (forecasts, resolutions): the contract in DESIGN.md "Scoring".
// No database, no clock: every time it needs arrives as data, so each rule can be unit-tested.
import { parseInstant } from "./dates";
import type { ForecastInput, ResolutionInput, Verdict } from "./types";

export type Outcome = 0 | 1;

export function outcomeOf(verdict: Verdict): Outcome | null {
  if (verdict === "YES") return 1;
  if (verdict === "NO") return 0;
  return null;
}

// Forms refuse anything outside 1–99 %; a value outside [0, 1] here means corrupt data, and a
// silently wrong score (or ln(0) = -Infinity) on the leaderboard is worse than a loud error.
function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be within 0..1, got ${p}`);
}

export function brier(p: number, o: Outcome): number {
  checkProbability(p);
  return (p - o) ** 2;
}

export function logScore(p: number, o: Outcome): number {
  checkProbability(p);
  return Math.log(o === 1 ? p : 1 - p);
}

export function hit(p: number, o: Outcome): 0 | 0.5 | 1 {
  checkProbability(p);
  if (p === 0.5) return 0.5;
  return p > 0.5 === (o === 1) ? 1 : 0;
}

export function median(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid];
  if (upper === undefined) return null;
  if (sorted.length % 2 === 1) return upper;
  const lower = sorted[mid - 1] ?? upper;
  return (lower + upper) / 2;
}

// Stored times may carry different offsets (or be bare dates), so order is decided on instants,
// never on the strings. An unreadable time is corrupt data: refuse rather than guess its place.
// Stored times all have this one form; Date.parse reads it ~50× faster than luxon, and the round
// trip refuses what Date.parse would roll over (2019-02-30 → March). Anything else goes to luxon.
const STORED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function instantMs(iso: string): number {
  if (STORED.test(iso)) {
    const ms = Date.parse(iso);
    if (!Number.isNaN(ms) && new Date(ms).toISOString() === iso) return ms;
  }
  const d = parseInstant(iso);
  if (d === null) throw new RangeError(`not an ISO-8601 instant: ${JSON.stringify(iso)}`);
  return d.toMillis();
}

/** Later forecast first: by instant, and on the same instant the higher id was recorded later. */
function isLater(a: { ms: number; f: ForecastInput }, b: { ms: number; f: ForecastInput }): boolean {
  return a.ms !== b.ms ? a.ms > b.ms : a.f.id > b.f.id;
}

/**
 * Whether a forecast was made at or after known-at, when the outcome was already public: shown,
 * never scored. The same instant rule countedForecasts applies, for pages that read stored scores.
 */
export function isAfterTheFact(madeAt: string, knownAt: string): boolean {
  return instantMs(madeAt) >= instantMs(knownAt);
}

export function countedForecasts(
  forecasts: readonly ForecastInput[],
  knownAt: string,
): { counted: ForecastInput[]; afterTheFact: ForecastInput[] } {
  const t = instantMs(knownAt);
  const timed = forecasts.map((f) => ({ f, ms: instantMs(f.madeAt) }));
  // Keyed by claim too, so a caller that passes several claims' forecasts cannot merge them.
  const latest = new Map<string, { f: ForecastInput; ms: number }>();
  for (const x of timed) {
    if (x.ms >= t) continue;
    const key = `${x.f.claimId}:${x.f.personId}`;
    const seen = latest.get(key);
    if (seen === undefined || isLater(x, seen)) latest.set(key, x);
  }
  const counted = [...latest.values()].map((x) => x.f).sort((a, b) => a.claimId - b.claimId || a.personId - b.personId);
  const afterTheFact = timed
    .filter((x) => x.ms >= t)
    .sort((a, b) => a.ms - b.ms || a.f.id - b.f.id)
    .map((x) => x.f);
  return { counted, afterTheFact };
}

export function peerScores(logScores: ReadonlyMap<number, number>): Map<number, number> {
  const peers = new Map<number, number>();
  const n = logScores.size;
  if (n < 2) return peers;
  let total = 0;
  for (const l of logScores.values()) total += l;
  // Σ_{j≠i} (l_i − l_j) = n·l_i − Σ_j l_j, which is why the peer scores of a claim sum to zero.
  for (const [personId, l] of logScores) peers.set(personId, (100 * (n * l - total)) / (n - 1));
  return peers;
}

export interface ScoredForecast {
  forecastId: number;
  claimId: number;
  personId: number;
  probability: number;
  madeAt: string;
  knownAt: string;
  outcome: Outcome;
  brier: number;
  logScore: number;
  hit: 0 | 0.5 | 1;
  peerScore: number | null;
  leadMs: number;
}

export interface ClaimScore {
  claimId: number;
  verdict: Verdict;
  knownAt: string;
  counted: ScoredForecast[];
  afterTheFact: ForecastInput[];
  crowdMedian: number | null;
  crowdBrier: number | null;
}

function scoreCounted(counted: readonly ForecastInput[], knownAt: string, o: Outcome): ScoredForecast[] {
  const t = instantMs(knownAt);
  const logs = new Map(counted.map((f) => [f.personId, logScore(f.probability, o)]));
  const peers = peerScores(logs);
  return counted.map((f) => ({
    forecastId: f.id,
    claimId: f.claimId,
    personId: f.personId,
    probability: f.probability,
    madeAt: f.madeAt,
    knownAt,
    outcome: o,
    brier: brier(f.probability, o),
    logScore: logScore(f.probability, o),
    hit: hit(f.probability, o),
    peerScore: peers.get(f.personId) ?? null,
    leadMs: t - instantMs(f.madeAt),
  }));
}

export function scoreClaim(forecasts: readonly ForecastInput[], resolution: ResolutionInput): ClaimScore {
  const { claimId, verdict, knownAt } = resolution;
  const own = forecasts.filter((f) => f.claimId === claimId);
  const { counted, afterTheFact } = countedForecasts(own, knownAt);
  const o = outcomeOf(verdict);
  // An annulled claim still shows who answered too late, but nobody wins or loses by it.
  if (o === null) return { claimId, verdict, knownAt, counted: [], afterTheFact, crowdMedian: null, crowdBrier: null };
  const scored = scoreCounted(counted, knownAt, o);
  const crowdMedian = median(scored.map((s) => s.probability));
  const crowdBrier = crowdMedian === null ? null : brier(crowdMedian, o);
  return { claimId, verdict, knownAt, counted: scored, afterTheFact, crowdMedian, crowdBrier };
}

export interface CalibrationBucket {
  lower: number;
  upper: number;
  count: number;
  yesShare: number | null;
  /** The mean forecast in the bucket: the "predicted" share a calibration chart sets against yesShare. */
  meanProbability: number | null;
}

/** How many forecasts of one probability there were and how many of them came true. */
export interface ProbabilityCount {
  probability: number;
  count: number;
  yes: number;
}

// The bucket is decided by p itself: 0.09996 is below 10 %, so it belongs in [0, 0.1) even though it
// rounds to 10.0 %. The 1e-9 only absorbs floating-point error in p·10 (0.7 − 0.4 = 0.2999…93, whose
// ·10 falls a hair under 3); no probability a form accepts is that close under a boundary. The top
// bucket is closed so that p = 1 has a home.
export function bucketIndex(p: number): number {
  return Math.min(9, Math.floor(p * 10 + 1e-9));
}

/** Ten buckets from counts per probability: what calibration() computes, for counts summed in SQL. */
export function calibrationFromCounts(rows: readonly ProbabilityCount[]): CalibrationBucket[] {
  // Merged per probability and summed in probability order, so that the same forecasts in any order
  // (stored rows, a recomputation, SQL's GROUP BY) give the same mean to the last bit.
  const merged = new Map<number, { count: number; yes: number }>();
  for (const r of rows) {
    const seen = merged.get(r.probability);
    if (seen === undefined) merged.set(r.probability, { count: r.count, yes: r.yes });
    else {
      seen.count += r.count;
      seen.yes += r.yes;
    }
  }
  const sums = Array.from({ length: 10 }, () => ({ count: 0, yes: 0, p: 0 }));
  for (const p of [...merged.keys()].sort((a, b) => a - b)) {
    const bucket = sums[bucketIndex(p)];
    const m = merged.get(p);
    if (bucket === undefined || m === undefined) continue;
    bucket.count += m.count;
    bucket.yes += m.yes;
    bucket.p += p * m.count;
  }
  return sums.map((c, i) => ({
    lower: i / 10,
    upper: (i + 1) / 10,
    count: c.count,
    yesShare: c.count === 0 ? null : c.yes / c.count,
    meanProbability: c.count === 0 ? null : c.p / c.count,
  }));
}

/** One claim's counted forecasts in one bucket, as stored (migration 0019) and summed for the site or a tag. */
export interface BucketSums {
  bucket: number;
  count: number;
  yes: number;
  sumProbability: number;
}

/** Per claim and bucket: what claim_calibration stores for these scored forecasts. */
export function claimBucketSums(scored: readonly ScoredForecast[]): (BucketSums & { claimId: number })[] {
  const rows = new Map<string, BucketSums & { claimId: number }>();
  for (const s of scored) {
    const bucket = bucketIndex(s.probability);
    const key = `${s.claimId}:${bucket}`;
    const row = rows.get(key) ?? { claimId: s.claimId, bucket, count: 0, yes: 0, sumProbability: 0 };
    row.count += 1;
    row.yes += s.outcome;
    row.sumProbability += s.probability;
    rows.set(key, row);
  }
  return [...rows.values()];
}

/** Ten buckets from sums per bucket (the site's or a tag's, added up in SQL). */
export function calibrationFromSums(rows: readonly BucketSums[]): CalibrationBucket[] {
  return Array.from({ length: 10 }, (_, i) => {
    const mine = rows.filter((r) => r.bucket === i);
    const count = mine.reduce((n, r) => n + r.count, 0);
    const yes = mine.reduce((n, r) => n + r.yes, 0);
    const p = mine.reduce((n, r) => n + r.sumProbability, 0);
    return {
      lower: i / 10,
      upper: (i + 1) / 10,
      count,
      yesShare: count === 0 ? null : yes / count,
      meanProbability: count === 0 ? null : p / count,
    };
  });
}

export function calibration(scored: readonly Pick<ScoredForecast, "probability" | "outcome">[]): CalibrationBucket[] {
  return calibrationFromCounts(scored.map((s) => ({ probability: s.probability, count: 1, yes: s.outcome })));
}

export interface PersonScore {
  personId: number;
  resolved: number;
  brier: number;
  adjustedBrier: number;
  logScore: number;
  accuracy: number;
  peerScore: number | null;
  medianLeadMs: number | null;
  calibration: CalibrationBucket[];
}

/** As if everyone had also made this many coin-flip (50 %) forecasts: one lucky call cannot top the board. */
export const ADJUSTMENT_K = 2;

export function adjustedBrier(sumBrier: number, resolved: number, k: number = ADJUSTMENT_K): number {
  return (sumBrier + k * 0.25) / (resolved + k);
}

function sum(values: readonly number[]): number {
  return values.reduce((acc, v) => acc + v, 0);
}

export function scorePerson(personId: number, scored: readonly ScoredForecast[]): PersonScore | null {
  const own = scored.filter((s) => s.personId === personId);
  const resolved = own.length;
  if (resolved === 0) return null;
  const sumBrier = sum(own.map((s) => s.brier));
  // Lone-forecaster claims have no peer score; they must not count as a 0 in the mean.
  const peers = own.flatMap((s) => (s.peerScore === null ? [] : [s.peerScore]));
  return {
    personId,
    resolved,
    brier: sumBrier / resolved,
    adjustedBrier: adjustedBrier(sumBrier, resolved),
    logScore: sum(own.map((s) => s.logScore)) / resolved,
    accuracy: sum(own.map((s) => s.hit)) / resolved,
    peerScore: peers.length === 0 ? null : sum(peers) / peers.length,
    medianLeadMs: median(own.map((s) => s.leadMs)),
    calibration: calibration(own),
  };
}

function groupByClaim(forecasts: readonly ForecastInput[]): Map<number, ForecastInput[]> {
  const groups = new Map<number, ForecastInput[]>();
  for (const f of forecasts) {
    const group = groups.get(f.claimId);
    if (group === undefined) groups.set(f.claimId, [f]);
    else group.push(f);
  }
  return groups;
}

export function scoreAll(
  forecasts: readonly ForecastInput[],
  resolutions: readonly ResolutionInput[],
): { claims: Map<number, ClaimScore>; people: PersonScore[] } {
  const byClaim = groupByClaim(forecasts);
  const claims = new Map<number, ClaimScore>();
  // Callers pass only each claim's current resolution; unresolved claims simply have none here.
  for (const r of resolutions) claims.set(r.claimId, scoreClaim(byClaim.get(r.claimId) ?? [], r));
  return { claims, people: scorePeople([...claims.values()].flatMap((c) => c.counted)) };
}

/**
 * Per-person scores from already-scored forecasts, sorted by person id. A leaderboard filter
 * (source, publisher) picks which scored forecasts count here; it must never change how each
 * claim was scored (the counted forecast, n, the peer scores), so filtering happens after scoreClaim.
 */
export function scorePeople(scored: readonly ScoredForecast[]): PersonScore[] {
  const byPerson = new Map<number, ScoredForecast[]>();
  for (const s of scored) {
    const own = byPerson.get(s.personId);
    if (own) own.push(s);
    else byPerson.set(s.personId, [s]);
  }
  return [...byPerson.keys()]
    .sort((a, b) => a - b)
    .flatMap((id) => {
      const person = scorePerson(id, byPerson.get(id) ?? []);
      return person === null ? [] : [person];
    });
}

// The tuple is the single list of sort keys: query parsing validates against it.
export const SORT_KEYS = ["adjusted_brier", "brier", "log_score", "peer_score", "accuracy", "resolved"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface RankedRow extends PersonScore {
  handle: string;
}

/** direction 1 = lower is better, -1 = higher is better. */
const SORTS: Record<SortKey, { value: (r: PersonScore) => number | null; direction: 1 | -1 }> = {
  adjusted_brier: { value: (r) => r.adjustedBrier, direction: 1 },
  brier: { value: (r) => r.brier, direction: 1 },
  log_score: { value: (r) => r.logScore, direction: -1 },
  peer_score: { value: (r) => r.peerScore, direction: -1 },
  accuracy: { value: (r) => r.accuracy, direction: -1 },
  resolved: { value: (r) => r.resolved, direction: -1 },
};

// The same score summed in a different order can differ in the last bit; such rows look tied on
// the page, so they must be ordered by the tie rules, not by rounding noise.
const TIE_EPSILON = 1e-12;

function compareScores(a: number | null, b: number | null, direction: 1 | -1): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1; // no score sorts last
  return Math.abs(a - b) <= TIE_EPSILON ? 0 : (a - b) * direction;
}

function compareHandles(a: string, b: string): number {
  return a.localeCompare(b, "en", { sensitivity: "accent" });
}

export function rankLeaderboard<T extends RankedRow>(rows: readonly T[], opts: { min: number; sort: SortKey }): T[] {
  const { value, direction } = SORTS[opts.sort];
  return rows
    .filter((r) => r.resolved >= opts.min)
    .sort(
      (a, b) =>
        compareScores(value(a), value(b), direction) || b.resolved - a.resolved || compareHandles(a.handle, b.handle),
    );
}
