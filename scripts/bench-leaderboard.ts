// Read-side benchmark at scale: generates a synthetic dataset in the documented load-dataset format,
// loads it into a fresh temporary database with the real service (timed), starts the real app in a
// child process on 127.0.0.1 (ephemeral port, fixed clock, no logger) and drives the busiest read
// pages with autocannon, one URL at a time. The server runs in its own process so that the load
// generator does not share its event loop. Everything it writes lives in one temporary folder,
// removed at the end.
// node dist/scripts/bench-leaderboard.js [--claims 2000] [--people 5000] [--forecasts 100000]
//   [--seconds 10] [--connections 10] [--json]
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { DateTime } from "luxon";
import { listClaims, listTags } from "../db/claims";
import { migrate, openDb } from "../db/connection";
import { listPeople } from "../db/people";
import type { DatasetInput } from "../server/domain/dataset";
import { createApp } from "../server/app";
import { loadDataset } from "../server/services/load-dataset";
import { CliError, run } from "./cli";
import { seededRandom } from "./seeded-random";

/** The app's "now": after every generated resolution, before the open claims' resolve-by dates. */
const NOW = DateTime.fromISO("2026-06-01T12:00:00Z", { zone: "utc" });
const DAY_MS = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// The dataset

/** Picks 0..n-1 with weight 1/(rank+1)^s: a few popular claims and busy people, a long tail. */
function zipf(n: number, s: number, rnd: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i += 1) {
    total += 1 / (i + 1) ** s;
    cumulative[i] = total;
  }
  return () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? total) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const TAGS = [
  "smartphones",
  "mergers",
  "windows",
  "android",
  "cloud",
  "ai",
  "china",
  "patents",
  "laptops",
  "tablets",
  "ipo",
  "licensing",
  "speakers",
  "wearables",
  "chips",
  "retail",
  "regulation",
  "europe",
  "india",
  "software",
  "services",
  "gaming",
  "cars",
  "satellites",
];
const COMPANIES = ["Microsoft", "Xiaomi", "Nokia", "Huawei", "Samsung", "Google", "Apple", "Lenovo", "OnePlus", "Oppo"];
const ACTIONS = [
  "ships a phone running Windows",
  "buys a stake in",
  "preinstalls Office on devices of",
  "signs a patent cross-licence with",
  "launches a cloud region with",
  "puts its assistant on a speaker of",
  "announces a laptop with",
  "ends its partnership with",
];
const WORDS = ["mi", "nokia", "lumia", "droid", "pixel", "redmond", "beijing", "metro", "miui", "surface"];
const REASONS = [
  "They already ship Office on their tablets.",
  "The CEOs met twice this year.",
  "Regulators will not allow it.",
  "Margins are too thin for that.",
  "Their roadmap leaked last week.",
];

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const instant = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export interface DatasetStats {
  claims: number;
  resolvedClaims: number;
  annulledClaims: number;
  reResolvedClaims: number;
  lapsedClaims: number;
  events: number;
  resolutions: number;
  people: number;
  forecasts: number;
  /** Forecasts that revise an earlier forecast of the same person on the same claim. */
  updates: number;
  /** Forecasts made on or after the claim's final known-at day. */
  afterTheFact: number;
  tags: number;
}

/**
 * A dataset in the load-dataset format. Claims: about 90 % resolved (event-based, a few by lapse,
 * 2 % re-resolved), 8 % of those annulled, 1–3 tags each. People: 20 publishers, a quarter
 * readers, the rest commenters; everyone forecasts at least once (when forecasts ≥ people), then
 * activity and claim popularity follow Zipf laws. About 14 % of forecasts revise an earlier one
 * (which is then superseded) and about 10 % are made after the outcome was known (5 % on purpose,
 * the rest revisions that came too late).
 */
export function generateDataset(
  opts: { claims: number; people: number; forecasts: number },
  seed = 2018,
): { data: DatasetInput; stats: DatasetStats; topTag: string } {
  const rnd = seededRandom(seed);
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * Math.max(1, hi - lo));
  const now = NOW.toMillis();
  const pickTag = zipf(TAGS.length, 1, rnd);

  interface ClaimPlan {
    key: string;
    openMs: number;
    knownMs: number | null;
    outcome: 0 | 1;
  }
  const data: Required<DatasetInput> = { claims: [], events: [], forecasts: [], resolutions: [] };
  const stats: DatasetStats = {
    claims: opts.claims,
    resolvedClaims: 0,
    annulledClaims: 0,
    reResolvedClaims: 0,
    lapsedClaims: 0,
    events: 0,
    resolutions: 0,
    people: Math.min(opts.people, opts.forecasts),
    forecasts: opts.forecasts,
    updates: 0,
    afterTheFact: 0,
    tags: 0,
  };
  const usedTags = new Set<string>();
  const plans: ClaimPlan[] = [];
  const event = (claimKey: string, n: number, ms: number, title: string): string => {
    const key = `e-${claimKey}-${n}`;
    data.events.push({
      key,
      title,
      occurredOn: day(ms),
      datePrecision: rnd() < 0.1 ? "month" : "day",
      summary: "Reported by several outlets the same day.",
      evidenceQuote: rnd() < 0.5 ? "The companies confirmed the agreement in a joint statement." : null,
      evidenceUrl: rnd() < 0.5 ? `https://example.com/news/${key}` : null,
      source: null,
    });
    return key;
  };

  for (let i = 0; i < opts.claims; i += 1) {
    const key = `c${i}`;
    const resolved = rnd() < 0.9;
    const spanDays = between(180, 1800);
    // Resolved claims opened 2012–2020 and were settled by 2025; open ones run past NOW.
    const resolveByMs = resolved
      ? Date.UTC(2012, 0, 1) + (between(0, 9 * 365) + spanDays) * DAY_MS
      : now + between(30, 900) * DAY_MS;
    const openMs = resolveByMs - spanDays * DAY_MS;
    const a = COMPANIES[i % COMPANIES.length] ?? "Microsoft";
    const b = COMPANIES[(i * 7 + 3) % COMPANIES.length] ?? "Xiaomi";
    const tags = new Set<string>();
    for (let t = between(1, 4); t > 0; t -= 1) tags.add(TAGS[pickTag()] ?? "misc");
    for (const t of tags) usedTags.add(t);
    data.claims.push({
      key,
      text: `${a} ${ACTIONS[i % ACTIONS.length]} ${b} before ${day(resolveByMs)} (#${i})`,
      details: i % 3 === 0 ? "Counts only if announced officially by either company." : "",
      resolveBy: day(resolveByMs),
      tags: [...tags],
    });
    const outcome: 0 | 1 = rnd() < 0.45 ? 1 : 0;
    if (!resolved) {
      plans.push({ key, openMs, knownMs: null, outcome });
      continue;
    }
    stats.resolvedClaims += 1;
    const annulled = rnd() < 0.08;
    let knownMs: number;
    if (!annulled && outcome === 0 && rnd() < 0.1) {
      // Nothing happened by the date: the claim lapses.
      stats.lapsedClaims += 1;
      knownMs = Date.parse(day(resolveByMs));
      data.resolutions.push({ claim: key, verdict: "NO", basis: "lapse", rationale: "The date passed without it." });
    } else {
      knownMs = Date.parse(day(openMs + between(30, spanDays) * DAY_MS));
      if (rnd() < 0.02) {
        // First settled the wrong way on an early report, then re-resolved: the newest one counts.
        stats.reResolvedClaims += 1;
        const early = event(key, 0, knownMs - between(10, 60) * DAY_MS, "An early, wrong report");
        data.resolutions.push({
          claim: key,
          verdict: outcome === 1 ? "NO" : "YES",
          basis: "event",
          events: [early],
          rationale: "Settled on the first report.",
        });
      }
      const settling = event(key, 1, knownMs, `${a} and ${b}: what happened (#${i})`);
      const verdict = annulled ? "ANNULLED" : outcome === 1 ? "YES" : "NO";
      if (annulled) stats.annulledClaims += 1;
      data.resolutions.push({
        claim: key,
        verdict,
        basis: "event",
        events: [settling],
        rationale: annulled ? "The claim turned out to be ambiguous." : "The event settles it.",
      });
    }
    plans.push({ key, openMs, knownMs, outcome });
  }

  const people = Array.from({ length: stats.people }, (_, i) => {
    const kind: "publisher" | "reader" | "commenter" =
      i % 250 === 0 ? "publisher" : rnd() < 0.25 ? "reader" : "commenter";
    const handle =
      kind === "publisher"
        ? `Outlet ${i / 250} News`
        : `${WORDS[i % WORDS.length]}${WORDS[Math.floor(i / WORDS.length) % WORDS.length]}_${i}`;
    // How much better than a coin each person is: some are sharp, some are worse than chance.
    return { handle, kind, skill: rnd() * 0.45 - 0.1 };
  });
  // Activity ranks are shuffled against ids, so the busiest person is not simply the first one.
  const rankToPerson = Array.from({ length: people.length }, (_, i) => i);
  for (let i = rankToPerson.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rnd() * (i + 1));
    [rankToPerson[i], rankToPerson[j]] = [rankToPerson[j] ?? 0, rankToPerson[i] ?? 0];
  }
  // At the default size the busiest person makes about 1,300 forecasts and the most popular claim
  // draws about 1,100; the median claim about 35.
  const pickPerson = zipf(people.length, 0.6, rnd);
  const pickClaim = zipf(plans.length, 0.5, rnd);
  const made: { plan: ClaimPlan; person: number; ms: number }[] = [];

  for (let k = 0; k < opts.forecasts; k += 1) {
    let plan: ClaimPlan;
    let person: number;
    let ms: number;
    const previous = made[Math.floor(rnd() * made.length)];
    if (k >= people.length && previous && rnd() < 0.15) {
      // The same person revises an earlier forecast on the same claim.
      stats.updates += 1;
      ({ plan, person } = previous);
      ms = previous.ms + between(1, 240) * DAY_MS + between(0, DAY_MS);
    } else {
      plan = plans[pickClaim()] ?? (plans[0] as ClaimPlan);
      person = k < people.length ? k : (rankToPerson[pickPerson()] ?? 0);
      const end = plan.knownMs ?? now;
      ms =
        plan.knownMs !== null && rnd() < 0.05
          ? plan.knownMs + between(0, 400) * DAY_MS
          : between(plan.openMs, end - DAY_MS) + between(0, DAY_MS - 1000);
    }
    ms = Math.min(ms, now - DAY_MS);
    if (plan.knownMs !== null && ms >= plan.knownMs) stats.afterTheFact += 1;
    made.push({ plan, person, ms });
    const who = people[person] ?? people[0];
    if (!who) break;
    const lean = (plan.outcome === 1 ? 1 : -1) * who.skill;
    const raw = 0.5 + lean + (rnd() - 0.5) * 0.7;
    data.forecasts.push({
      claim: plan.key,
      person: who.handle,
      personKind: who.kind,
      probability: Math.min(0.99, Math.max(0.01, Math.round(raw * 100) / 100)),
      madeAt: instant(ms),
      quote: null,
      reasoning: rnd() < 0.25 ? (REASONS[Math.floor(rnd() * REASONS.length)] ?? null) : null,
      from: null,
    });
  }
  stats.events = data.events.length;
  stats.resolutions = data.resolutions.length;
  stats.tags = usedTags.size;
  return { data, stats, topTag: TAGS[0] ?? "smartphones" };
}

// ---------------------------------------------------------------------------------------------
// The server, in a child process

interface ServerReady {
  type: "ready";
  port: number;
}
interface ServerStopped {
  type: "stopped";
  peakRssMb: number;
}

/** Child mode: serve the database with the real app until the parent says "stop". */
function serve(file: string): void {
  const db = openDb(file);
  const app = createApp({ db, clock: () => NOW, security: { sessionSecret: "bench-leaderboard" } });
  const server = app.listen(0, "127.0.0.1", () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    process.send?.({ type: "ready", port } satisfies ServerReady);
  });
  process.on("message", (message) => {
    if (message !== "stop") return;
    server.closeAllConnections();
    server.close(() => {
      db.close();
      const stopped: ServerStopped = { type: "stopped", peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
      process.send?.(stopped, () => process.disconnect());
    });
  });
  // An orphan must not keep serving: when the parent goes away, so does the server.
  process.on("disconnect", () => process.exit(0));
}

function startServer(file: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(__filename, ["--serve", file], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the server exited early (code ${code})`)));
    child.once("message", (m: ServerReady) => resolve({ child, port: m.port }));
  });
}

function stopServer(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    let peak: number | null = null;
    const timer = setTimeout(() => child.kill("SIGKILL"), 10000);
    child.on("message", (m: ServerStopped) => {
      if (m.type === "stopped") peak = m.peakRssMb;
    });
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(peak);
    });
    if (child.connected) child.send("stop");
    else child.kill("SIGTERM");
  });
}

// ---------------------------------------------------------------------------------------------
// Measuring

export interface UrlResult {
  path: string;
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

async function alone(url: string): Promise<{ ms: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 4; i += 1) {
    const started = performance.now();
    const res = await fetch(url);
    const body = await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    if (i > 0) times.push(performance.now() - started);
    bytes = body.byteLength;
  }
  times.sort((a, b) => a - b);
  return { ms: times[1] ?? 0, bytes };
}

/**
 * Waits until the server has answered every request still queued from the previous URL: autocannon
 * stops sending at the deadline, but a busy server keeps working through what it already received.
 */
async function drain(base: string): Promise<void> {
  await fetch(`${base}/style.css`).then((r) => r.arrayBuffer());
}

async function measure(base: string, urlPath: string, seconds: number, connections: number): Promise<UrlResult> {
  await drain(base);
  const single = await alone(base + urlPath);
  const errorKinds: Record<string, number> = {};
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base + urlPath,
        connections,
        duration: seconds,
        // A slow page under load queues behind its neighbours: give it time rather than count it failed.
        timeout: Math.max(30, seconds * 3),
      },
      (err: unknown, result) =>
        err ? reject(err instanceof Error ? err : new Error("autocannon failed")) : resolve(result),
    );
    instance.on("reqError", (err: Error & { code?: string }) => {
      const kind = err.code ?? err.message;
      errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    });
  });
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    path: urlPath,
    aloneMs: round(single.ms),
    bytes: single.bytes,
    requests: r.requests.total,
    requestsPerSecond: round(r.requests.total / r.duration),
    latencyMs: { p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, max: r.latency.max },
    status2xx: r["2xx"],
    non2xx: r.non2xx,
    errors: r.errors,
    errorKinds,
    timeouts: r.timeouts,
  };
}

function wholeNumber(name: string, text: string | undefined, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new CliError(`--${name} must be a whole number from 1 to ${max}`);
  return n;
}

function table(results: readonly UrlResult[]): string {
  const head = ["URL", "alone ms", "req/s", "p50 ms", "p97.5 ms", "p99 ms", "2xx", "non-2xx", "errors"];
  const rows = results.map((r) => [
    r.path,
    r.aloneMs.toFixed(1),
    r.requestsPerSecond.toFixed(1),
    String(r.latencyMs.p50),
    String(r.latencyMs.p97_5),
    String(r.latencyMs.p99),
    String(r.status2xx),
    String(r.non2xx),
    r.errors === 0
      ? "0"
      : `${r.errors} (${Object.entries(r.errorKinds)
          .map(([k, n]) => `${n} ${k}`)
          .join(", ")})`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      claims: { type: "string", default: "2000" },
      people: { type: "string", default: "5000" },
      forecasts: { type: "string", default: "100000" },
      seconds: { type: "string", default: "10" },
      connections: { type: "string", default: "10" },
      json: { type: "boolean", default: false },
    },
  });
  const size = {
    claims: wholeNumber("claims", values.claims, 100_000),
    people: wholeNumber("people", values.people, 1_000_000),
    forecasts: wholeNumber("forecasts", values.forecasts, 2_000_000),
  };
  const seconds = wholeNumber("seconds", values.seconds, 600);
  const connections = wholeNumber("connections", values.connections, 1000);
  const log = (line: string) => {
    if (!values.json) process.stdout.write(`${line}\n`);
  };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-bench-leaderboard-"));
  let child: ChildProcess | undefined;
  try {
    const { data, stats, topTag } = generateDataset(size);
    const file = path.join(dir, "dataset.json");
    fs.writeFileSync(file, JSON.stringify(data));
    const datasetMegabytes = Number((fs.statSync(file).size / 1024 / 1024).toFixed(1));
    const dbFile = path.join(dir, "bench.db");

    // Timed as `npm run load-dataset` works: read the file, parse it, check and write in one transaction.
    const db = openDb(dbFile);
    let loadSeconds: number;
    let targets: { claimId: number; claimForecasts: number; personId: number; personForecasts: number };
    try {
      migrate(db);
      const started = performance.now();
      const summary = loadDataset(db, JSON.parse(fs.readFileSync(file, "utf8")), NOW);
      loadSeconds = (performance.now() - started) / 1000;
      if (summary.forecasts !== size.forecasts) throw new Error(`loaded ${summary.forecasts} forecasts`);
      stats.people = summary.people;
      // The page a visitor is most likely to open: the most-forecast resolved claim, the busiest person.
      const claim = listClaims(db, "resolved", size.claims).reduce((a, b) =>
        b.forecastCount > a.forecastCount ? b : a,
      );
      const person = listPeople(db).reduce((a, b) => (b.forecastCount > a.forecastCount ? b : a));
      if (!listTags(db).includes(topTag)) throw new Error(`no claim has the tag ${topTag}`);
      targets = {
        claimId: claim.id,
        claimForecasts: claim.forecastCount,
        personId: person.id,
        personForecasts: person.forecastCount,
      };
      db.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      db.close();
    }
    const loaderPeakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const dbMegabytes = Number((fs.statSync(dbFile).size / 1024 / 1024).toFixed(1));
    log(
      `dataset: ${stats.claims} claims (${stats.resolvedClaims} resolved, ${stats.annulledClaims} annulled, ${stats.reResolvedClaims} re-resolved), ${stats.people} people, ${stats.forecasts} forecasts (${stats.updates} updates, ${stats.afterTheFact} after the fact), ${stats.events} events, ${stats.tags} tags; ${datasetMegabytes} MB of JSON`,
    );
    log(
      `load-dataset: ${loadSeconds.toFixed(2)} s (${Math.round(size.forecasts / loadSeconds)} forecasts/s), database ${dbMegabytes} MB, loader peak RSS ${loaderPeakRssMb} MB`,
    );

    const server = await startServer(dbFile);
    child = server.child;
    const base = `http://127.0.0.1:${server.port}`;
    const paths = [
      "/leaderboard",
      "/api/leaderboard",
      `/api/leaderboard?tag=${encodeURIComponent(topTag)}`,
      "/leaderboard.csv",
      `/claims/${targets.claimId}`,
      `/people/${targets.personId}`,
      "/",
    ];
    log(
      `autocannon: ${connections} connections, ${seconds} s per URL; claim ${targets.claimId} has ${targets.claimForecasts} forecasts, person ${targets.personId} has ${targets.personForecasts}`,
    );
    const results: UrlResult[] = [];
    for (const p of paths) {
      results.push(await measure(base, p, seconds, connections));
      if (!values.json) process.stderr.write(`  done ${p}\n`);
    }
    await drain(base);
    const serverPeakRssMb = await stopServer(child);
    child = undefined;

    const result = {
      dataset: { ...stats, megabytes: datasetMegabytes, tag: topTag, ...targets },
      load: {
        seconds: Number(loadSeconds.toFixed(2)),
        forecastsPerSecond: Math.round(size.forecasts / loadSeconds),
        dbMegabytes,
        peakRssMb: loaderPeakRssMb,
      },
      server: { peakRssMb: serverPeakRssMb },
      seconds,
      connections,
      results,
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? "unknown",
      node: process.version,
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      log("");
      log(table(results));
      log("");
      log(
        `load ${result.load.seconds.toFixed(2)} s; server peak RSS ${serverPeakRssMb ?? "?"} MB (${result.cores} cores, ${result.cpu}, node ${result.node})`,
      );
    }
  } finally {
    if (child) await stopServer(child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const serving = process.argv[2] === "--serve" && process.send !== undefined;
  if (serving) serve(process.argv[3] ?? "");
  else run(main);
}
