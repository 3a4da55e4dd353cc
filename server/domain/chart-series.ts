// The series the charts draw, computed from plain rows: the crowd median of a claim over time and a
// person's running mean Brier. Pure: times arrive as milliseconds, already read from the stored text.
import { median } from "./scoring";

/** One forecast on a claim, in the order it was made (by instant, then id: the later id wins a tie). */
export interface TimedForecast {
  id: number;
  personId: number;
  probability: number;
  ms: number;
}

/** The crowd at one moment: the median of each person's latest forecast so far, and how many people. */
export interface CrowdStep {
  ms: number;
  median: number;
  people: number;
}

/**
 * Counts per value with a Fenwick tree over the sorted distinct values, so that the median of
 * thousands of changing forecasts is found in O(log n) per step instead of re-sorting every time.
 */
class CountTree {
  private readonly tree: Int32Array;
  private size = 0;

  constructor(private readonly values: readonly number[]) {
    this.tree = new Int32Array(values.length + 1);
  }

  get count(): number {
    return this.size;
  }

  add(index: number, delta: number): void {
    this.size += delta;
    for (let i = index + 1; i < this.tree.length; i += i & -i) this.tree[i] = (this.tree[i] ?? 0) + delta;
  }

  /** The k-th smallest value held (1-based). */
  kth(k: number): number {
    let pos = 0;
    let rest = k;
    for (let step = 1 << Math.floor(Math.log2(this.tree.length)); step > 0; step >>= 1) {
      const next = pos + step;
      const here = this.tree[next];
      if (next < this.tree.length && here !== undefined && here < rest) {
        pos = next;
        rest -= here;
      }
    }
    return this.values[pos] ?? Number.NaN;
  }

  median(): number {
    const n = this.size;
    if (n % 2 === 1) return this.kth((n + 1) / 2);
    return (this.kth(n / 2) + this.kth(n / 2 + 1)) / 2;
  }
}

/**
 * The crowd median after each moment a forecast was made, over forecasts made strictly before
 * `untilMs` (the known-at time: the same rule as counted forecasts, so the last step is the crowd the
 * claim was scored against). `forecasts` must be in the order they were made.
 */
export function crowdMedianSteps(forecasts: readonly TimedForecast[], untilMs: number | null): CrowdStep[] {
  const shown = untilMs === null ? forecasts : forecasts.filter((f) => f.ms < untilMs);
  const values = [...new Set(shown.map((f) => f.probability))].sort((a, b) => a - b);
  const indexOf = new Map(values.map((v, i) => [v, i]));
  const tree = new CountTree(values);
  const latest = new Map<number, number>();
  const steps: CrowdStep[] = [];
  shown.forEach((f, i) => {
    const before = latest.get(f.personId);
    if (before !== undefined) tree.add(before, -1);
    const index = indexOf.get(f.probability) ?? 0;
    tree.add(index, 1);
    latest.set(f.personId, index);
    // Forecasts made at the same instant are one step: the crowd never "was" the state between them.
    if (shown[i + 1]?.ms === f.ms) return;
    steps.push({ ms: f.ms, median: tree.median(), people: tree.count });
  });
  return steps;
}

/** A person's mean Brier over the claims known by each date. */
export interface BrierStep {
  ms: number;
  mean: number;
  resolved: number;
}

/** Running mean Brier, one step per known-at instant; `rows` must be in known-at order. */
export function runningMeanBrier(rows: readonly { ms: number; brier: number }[]): BrierStep[] {
  const steps: BrierStep[] = [];
  let sum = 0;
  rows.forEach((r, i) => {
    sum += r.brier;
    if (rows[i + 1]?.ms === r.ms) return;
    steps.push({ ms: r.ms, mean: sum / (i + 1), resolved: i + 1 });
  });
  return steps;
}

/**
 * At most `max` items, evenly spaced, keeping the first and the last: a chart of 10,000 forecasts
 * draws 400 of them and says so. Returns the items themselves when there are few enough.
 */
export function sampleEvenly<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  if (max <= 1) return items.slice(-1);
  const picked: T[] = [];
  for (let i = 0; i < max; i += 1) {
    const item = items[Math.round((i * (items.length - 1)) / (max - 1))];
    if (item !== undefined) picked.push(item);
  }
  return picked;
}

/** The crowd estimate of an open claim: the median of each person's latest forecast (in the order made). */
export function currentCrowd(forecasts: readonly { personId: number; probability: number }[]): CrowdEstimate | null {
  const latest = new Map<number, number>();
  for (const f of forecasts) latest.set(f.personId, f.probability);
  const value = median([...latest.values()]);
  return value === null ? null : { median: value, people: latest.size };
}

export interface CrowdEstimate {
  median: number;
  people: number;
}
