// Measuring: timing, medians, single requests and autocannon runs against the app on loopback,
// and the table the leaderboard benchmark prints.
import autocannon from "autocannon";

/** Runs `work` and says how long it took, in seconds. */
export function timed<T>(work: () => T): { value: T; seconds: number } {
  const started = performance.now();
  const value = work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

/** The middle value (the upper one of the two middles for an even count); 0 when there is none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

/** Benchmarks only ever send requests to this machine. */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (host !== "127.0.0.1" && host !== "[::1]" && host !== "localhost") {
    throw new Error(`refusing to send benchmark requests to ${host}: loopback addresses only`);
  }
}

/** A URL to measure: its path, a name for the table, and headers (a session cookie) if any. */
export interface Target {
  name: string;
  path: string;
  headers?: Record<string, string>;
}

export interface UrlResult {
  name: string;
  path: string;
  /** Requests per second as a percentage of the bare route's (null before it is known). */
  percentOfBare: number | null;
  /** Median of 3 requests sent one at a time, after a warm-up request: what one visitor waits. */
  aloneMs: number;
  bytes: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p97_5: number; p99: number; max: number };
  status2xx: number;
  non2xx: number;
  errors: number;
  /** What the errors were, e.g. { ECONNRESET: 1 }. */
  errorKinds: Record<string, number>;
  timeouts: number;
}

/** Asks for the URL once to warm up, then 3 times one at a time: the median time and the body size. */
async function alone(url: string, headers: Record<string, string>): Promise<{ ms: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 4; i += 1) {
    const started = performance.now();
    const res = await fetch(url, { headers });
    const body = await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    if (i > 0) times.push(performance.now() - started);
    bytes = body.byteLength;
  }
  return { ms: median(times), bytes };
}

/**
 * Waits until the server has answered every request still queued from the previous URL: autocannon
 * stops sending at the deadline, but a busy server keeps working through what it already received.
 */
export async function drain(base: string): Promise<void> {
  assertLoopback(base);
  await fetch(`${base}/style.css`).then((r) => r.arrayBuffer());
}

/** One autocannon run, and what its request errors were. */
function load(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  connections: number,
): Promise<{ result: autocannon.Result; errorKinds: Record<string, number> }> {
  const errorKinds: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      // A slow page under load queues behind its neighbours: give it time rather than count it failed.
      { url, headers, connections, duration: seconds, timeout: Math.max(30, seconds * 3) },
      (err: unknown, result) =>
        err ? reject(err instanceof Error ? err : new Error("autocannon failed")) : resolve({ result, errorKinds }),
    );
    instance.on("reqError", (err: Error & { code?: string }) => {
      const kind = err.code ?? err.message;
      errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    });
  });
}

/** Measures one URL: alone first, then under load from `connections` connections for `seconds`. */
export async function measureUrl(base: string, t: Target, seconds: number, connections: number): Promise<UrlResult> {
  assertLoopback(base + t.path);
  await drain(base);
  const headers = t.headers ?? {};
  const single = await alone(base + t.path, headers);
  const { result: r, errorKinds } = await load(base + t.path, headers, seconds, connections);
  return {
    name: t.name,
    path: t.path,
    percentOfBare: null,
    aloneMs: round1(single.ms),
    bytes: single.bytes,
    requests: r.requests.total,
    requestsPerSecond: round1(r.requests.total / r.duration),
    latencyMs: { p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, max: r.latency.max },
    status2xx: r["2xx"],
    non2xx: r.non2xx,
    errors: r.errors,
    errorKinds,
    timeouts: r.timeouts,
  };
}

/** Measures the URLs one after the other, then waits for the server to finish what it was sent. */
export async function measureUrls(
  base: string,
  targets: readonly Target[],
  opts: { seconds: number; connections: number; onDone?: (name: string) => void },
): Promise<UrlResult[]> {
  const results: UrlResult[] = [];
  for (const t of targets) {
    results.push(await measureUrl(base, t, opts.seconds, opts.connections));
    opts.onDone?.(t.name);
  }
  await drain(base);
  return results;
}

/** Polls the URL until it answers 200: the milliseconds since `started` (a performance.now() value). */
export async function msUntilOk(url: string, started: number, limitMs: number): Promise<number> {
  assertLoopback(url);
  for (;;) {
    const ok = await fetch(url).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return performance.now() - started;
    if (performance.now() - started > limitMs) throw new Error(`the server did not answer within ${limitMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function tableRow(r: UrlResult): string[] {
  const errors = Object.entries(r.errorKinds)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
  return [
    r.name,
    r.path,
    r.aloneMs.toFixed(1),
    r.requestsPerSecond.toFixed(1),
    r.percentOfBare === null ? "-" : `${r.percentOfBare.toFixed(1)} %`,
    String(r.latencyMs.p50),
    String(r.latencyMs.p97_5),
    String(r.latencyMs.p99),
    String(r.status2xx),
    String(r.non2xx),
    r.errors === 0 ? "0" : `${r.errors} (${errors})`,
  ];
}

/** The head and rows of the results table (report.ts aligns them). */
export function urlRows(results: readonly UrlResult[]): { head: string[]; rows: string[][] } {
  const head = ["page", "URL", "alone ms", "req/s", "% of bare", "p50 ms", "p97.5 ms", "p99 ms", "2xx", "non-2xx"];
  return { head: [...head, "errors"], rows: results.map(tableRow) };
}
