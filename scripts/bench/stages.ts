// The phases of `npm run bench` once the database is loaded, in order: the bare route and the app
// in child processes on loopback; readers signed up; every page under autocannon (each one's
// throughput as a share of the bare route's); page sizes; the first board after a write; resolving
// the big claim; mixed traffic with its stored = acknowledged check; a big paste during reads; the
// server's peak RSS. Every phase is bounded in time, and the servers are stopped whatever happens.
import type { ChildProcess } from "node:child_process";
import { startBareServer, stopBareServer } from "./bare";
import type { Targets, WriteTargets } from "./dataset";
import { type Client, httpClient, logIn, signUp, type Session } from "./http";
import { drain, measureUrl, measureUrls, type Target, type UrlResult } from "./measure";
import { type MixPlan, type MixResult, runMix } from "./mix";
import type { Options } from "./options";
import { pasteDuringReads, type PasteResult } from "./paste";
import { forecastsRecordedBy, resolveBigClaim, type ResolveResult } from "./phases";
import { pageSizes, type PageSize, probeAfterWrites, type ProbeRow } from "./probe";
import { baseUrl, serverPeakRss, startAppServer, stopAppServer } from "./server";
import type { DateTime } from "luxon";

export const EDITOR = { username: "bench-editor", password: "bench editor password" };
export const READER_PREFIX = "bench-reader-";
/** The period board: claims whose outcome was known in these two years. */
export const PERIOD = { from: "2019-01-01", to: "2020-12-31" };

export interface Loaded {
  dbFile: string;
  topTag: string;
  targets: Targets;
  writes: WriteTargets;
}

export interface Measured {
  bare: UrlResult;
  results: UrlResult[];
  sizes: PageSize[];
  probe: ProbeRow[];
  resolve: ResolveResult | null;
  mix: MixResult | null;
  paste: PasteResult | null;
  /** The server's peak RSS after the readers signed up (scrypt), before the paste, and in all. */
  server: { peakRssMbAfterSignUp: number | null; peakRssMbBeforePaste: number | null; peakRssMb: number | null };
}

type Log = (line: string) => void;

/** The claim page measured: the big claim's, or the most-forecast resolved claim's without one. */
const claimOf = (t: Targets) =>
  t.bigClaimId === null
    ? { id: t.claimId, forecasts: t.claimForecasts }
    : { id: t.bigClaimId, forecasts: t.bigClaimForecasts };

/** The app's pages under autocannon, in the order the issue lists them. */
export function pageTargets(l: Loaded, reader: Session | null): Target[] {
  const claim = claimOf(l.targets);
  const pages: (Target | null)[] = [
    { name: "board, visitor", path: "/leaderboard" },
    reader ? { name: "board, signed in", path: "/leaderboard", headers: { cookie: reader.cookie } } : null,
    { name: "tag board", path: `/leaderboard?tag=${encodeURIComponent(l.topTag)}` },
    { name: "period board", path: `/leaderboard?from=${PERIOD.from}&to=${PERIOD.to}` },
    { name: `claim, ${claim.forecasts} forecasts`, path: `/claims/${claim.id}` },
    { name: `busiest person, ${l.targets.personForecasts} forecasts`, path: `/people/${l.targets.personId}` },
    { name: "home", path: "/" },
  ];
  return pages.filter((p): p is Target => p !== null);
}

/** Signs the readers up through /signup (a few at a time: each one hashes a password). */
async function signUpReaders(client: Client, count: number): Promise<Session[]> {
  const readers: Session[] = [];
  for (let i = 0; i < count; i += 4) {
    const batch = Array.from({ length: Math.min(4, count - i) }, (_, k) =>
      signUp(client, `${READER_PREFIX}${i + k}`, "bench reader password"),
    );
    readers.push(...(await Promise.all(batch)));
  }
  return readers;
}

/** The bare route, then every page: throughput as a share of the bare route's. */
async function perUrl(base: string, l: Loaded, reader: Session, o: Options, log: Log) {
  const onDone = (name: string) => {
    if (!o.json) process.stderr.write(`  done ${name}\n`);
  };
  log(`autocannon: ${o.connections} connections, ${o.seconds} s per URL`);
  const { child, port } = await startBareServer();
  let bare: UrlResult;
  try {
    bare = await measureUrl(baseUrl(port), { name: "bare route", path: "/" }, o.seconds, o.connections);
    onDone("bare route");
  } finally {
    await stopBareServer(child);
  }
  const results = await measureUrls(base, pageTargets(l, reader), { ...o, onDone });
  const share = (r: UrlResult) => Math.round((r.requestsPerSecond / bare.requestsPerSecond) * 1000) / 10;
  bare.percentOfBare = 100;
  for (const r of results) r.percentOfBare = share(r);
  return { bare, results };
}

/** Mixed traffic, then how many of the acknowledged forecasts the database holds. */
async function mixed(client: Client, base: string, l: Loaded, plan: MixPlan, log: Log): Promise<MixResult> {
  log(
    `mixed traffic: ${plan.connections} connections, ${plan.seconds} s, ${plan.percent} % forecast POSTs by ${plan.readers.length} signed-in readers`,
  );
  const before = forecastsRecordedBy(l.dbFile, READER_PREFIX);
  const mix = await runMix(client, plan);
  await drain(base);
  mix.stored = forecastsRecordedBy(l.dbFile, READER_PREFIX) - before;
  return mix;
}

async function writes(base: string, l: Loaded, o: Options, readers: Session[], log: Log) {
  const client = httpClient(base, o.connections, Math.max(30, o.seconds * 3) * 1000);
  try {
    const editor = await logIn(client, EDITOR.username, EDITOR.password);
    const pages = [...pageTargets(l, null).map((t) => ({ path: t.path })), { path: "/editor", session: editor }];
    const sizes = await pageSizes(client, pages);
    const readPaths = [...new Set(pageTargets(l, null).map((t) => t.path))];
    const openClaimIds = l.writes.openClaimIds;
    const plan: MixPlan = {
      percent: o.mix,
      seconds: o["mix-seconds"],
      connections: o.connections,
      readPaths,
      openClaimIds,
      readers,
    };
    const tagPath = readPaths[1] ?? "/leaderboard";
    const probe = await probeAfterWrites(client, {
      rounds: o.rounds,
      tagPath,
      plan,
      editor,
      resolved: l.writes.resolved,
    });
    const big = l.targets.bigClaimId === null ? null : claimOf(l.targets);
    const resolve = big ? await resolveBigClaim(client, editor, big) : null;
    if (resolve) log(`resolved the big claim (${resolve.forecasts} forecasts) in ${resolve.resolveMs} ms`);
    const mix = o.mix > 0 ? await mixed(client, base, l, plan, log) : null;
    return { sizes, probe, resolve, mix, editor };
  } finally {
    client.close();
  }
}

async function paste(base: string, editor: Session, o: Options, log: Log): Promise<PasteResult | null> {
  if (o["paste-mb"] === 0) return null;
  log(`paste: ${o["paste-mb"]} MB of thread text asked for, GET / by a visitor meanwhile`);
  const editorClient = httpClient(base, 1, 600_000);
  const visitorClient = httpClient(base, 1, 60_000);
  try {
    return await pasteDuringReads(editorClient, visitorClient, editor, o["paste-mb"]);
  } finally {
    editorClient.close();
    visitorClient.close();
  }
}

async function phases(child: ChildProcess, base: string, l: Loaded, o: Options, log: Log): Promise<Measured> {
  const signing = httpClient(base, 4, 60_000);
  const readers = await signUpReaders(signing, o.readers).finally(() => signing.close());
  const reader = readers[0];
  if (!reader) throw new Error("no reader signed up");
  const peakRssMbAfterSignUp = await serverPeakRss(child);
  const { bare, results } = await perUrl(base, l, reader, o, log);
  const w = await writes(base, l, o, readers, log);
  const peakRssMbBeforePaste = await serverPeakRss(child);
  const pasted = await paste(base, w.editor, o, log);
  return {
    bare,
    results,
    ...w,
    paste: pasted,
    server: { peakRssMbAfterSignUp, peakRssMbBeforePaste, peakRssMb: null },
  };
}

/** Serves the database and runs every phase; the server is stopped whatever happens. */
export async function serveAndMeasure(l: Loaded, now: DateTime, o: Options, log: Log): Promise<Measured> {
  const { child, port } = await startAppServer(l.dbFile, now);
  try {
    const measured = await phases(child, baseUrl(port), l, o, log);
    measured.server.peakRssMb = await stopAppServer(child);
    return measured;
  } catch (err) {
    await stopAppServer(child);
    throw err;
  }
}
