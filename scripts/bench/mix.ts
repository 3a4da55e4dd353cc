// The mixed-traffic phase: `connections` workers, each sending one request at a time until the
// deadline — an anonymous read of one of the usual pages, or (PERCENT % of the time) a forecast
// POSTed by one of the signed-in readers on a random open claim, as the claim page's form sends it
// (the redirect that follows is not fetched). Reads and writes are timed and counted apart, and the
// forecasts acknowledged (303) are counted, for the caller to compare with what the database stored.
import type { Client, Session } from "./http";
import { seededRandom } from "./random";

export interface Latency {
  name: string;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers other than 2xx or 3xx. */
  bad: number;
  /** Requests that got no answer, by kind (ECONNRESET, ETIMEDOUT…). */
  errors: Record<string, number>;
}

export interface MixResult {
  percent: number;
  seconds: number;
  connections: number;
  readers: number;
  reads: Latency;
  writes: Latency;
  /** Each read page on its own. */
  byPage: Latency[];
  /** Forecast POSTs answered 303: the app said the forecast was logged. */
  acknowledged: number;
  /** Forecasts by the readers the database holds after the phase that it did not before (null: not checked). */
  stored: number | null;
}

export interface MixPlan {
  percent: number;
  seconds: number;
  connections: number;
  readPaths: readonly string[];
  openClaimIds: readonly number[];
  readers: readonly Session[];
}

interface Tally {
  ms: number[];
  bad: number;
  /** Answers 303 (for a forecast POST: logged). */
  redirects: number;
  errors: Record<string, number>;
}

const WRITE = "POST /claims/:id/forecasts";
const empty = (): Tally => ({ ms: [], bad: 0, redirects: 0, errors: {} });
const round1 = (v: number): number => Math.round(v * 10) / 10;

/** The value at quantile q of the sorted values (nearest rank); 0 when there are none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

function latency(name: string, tallies: readonly Tally[], seconds: number): Latency {
  const ms = tallies.flatMap((t) => t.ms).sort((a, b) => a - b);
  const errors: Record<string, number> = {};
  for (const t of tallies) for (const [k, n] of Object.entries(t.errors)) errors[k] = (errors[k] ?? 0) + n;
  const requests = ms.length + Object.values(errors).reduce((a, b) => a + b, 0);
  return {
    name,
    requests,
    requestsPerSecond: round1(requests / seconds),
    p50: round1(quantile(ms, 0.5)),
    p99: round1(quantile(ms, 0.99)),
    max: round1(ms[ms.length - 1] ?? 0),
    bad: tallies.reduce((a, t) => a + t.bad, 0),
    errors,
  };
}

/** Sends one request and notes its time and outcome in the tally of its kind. */
async function noted(tally: Tally, send: () => Promise<{ status: number; ms: number }>): Promise<void> {
  try {
    const res = await send();
    tally.ms.push(res.ms);
    if (res.status < 200 || res.status >= 400) tally.bad += 1;
    if (res.status === 303) tally.redirects += 1;
  } catch (err) {
    const kind = (err as { code?: string }).code ?? (err as Error).message;
    tally.errors[kind] = (tally.errors[kind] ?? 0) + 1;
  }
}

/** One forecast by a random reader on a random open claim, 1–99 % in steps of 0.5. */
export function postForecast(client: Client, plan: MixPlan, rnd: () => number) {
  const claim = plan.openClaimIds[Math.floor(rnd() * plan.openClaimIds.length)];
  const session = plan.readers[Math.floor(rnd() * plan.readers.length)];
  if (claim === undefined || !session) throw new Error("the mixed phase needs open claims and readers");
  const probability = String(1 + Math.floor(rnd() * 197) / 2);
  return client.send(`/claims/${claim}/forecasts`, { session, form: { probability, _csrf: session.csrf } });
}

async function worker(client: Client, plan: MixPlan, tallies: Map<string, Tally>, seed: number, deadline: number) {
  const rnd = seededRandom(seed);
  const tally = (name: string): Tally => tallies.get(name) ?? empty();
  while (performance.now() < deadline) {
    const path =
      rnd() * 100 < plan.percent ? WRITE : (plan.readPaths[Math.floor(rnd() * plan.readPaths.length)] ?? "/");
    const t = tally(path);
    tallies.set(path, t);
    await noted(t, () => (path === WRITE ? postForecast(client, plan, rnd) : client.send(path)));
  }
}

/** Runs the mixed traffic for plan.seconds (each worker then finishes the request it is waiting for). */
export async function runMix(client: Client, plan: MixPlan): Promise<MixResult> {
  const tallies = new Map<string, Tally>();
  const started = performance.now();
  const deadline = started + plan.seconds * 1000;
  await Promise.all(
    Array.from({ length: plan.connections }, (_, i) => worker(client, plan, tallies, 7000 + i, deadline)),
  );
  const seconds = (performance.now() - started) / 1000;
  const readTallies = plan.readPaths.map((p) => tallies.get(p) ?? empty());
  const writes = tallies.get(WRITE) ?? empty();
  return {
    percent: plan.percent,
    seconds: round1(seconds),
    connections: plan.connections,
    readers: plan.readers.length,
    reads: latency("all reads", readTallies, seconds),
    writes: latency(WRITE, [writes], seconds),
    byPage: plan.readPaths.map((p, i) => latency(p, readTallies.slice(i, i + 1), seconds)),
    acknowledged: writes.redirects,
    stored: null,
  };
}
