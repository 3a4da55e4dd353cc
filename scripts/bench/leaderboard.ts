// Read-side benchmark at scale: generates a synthetic dataset in the documented load-dataset format,
// loads it into a fresh temporary database with the real service (in a process of its own, timed),
// starts the real app in a child process on 127.0.0.1 (ephemeral port, fixed clock, no logger) and
// drives the busiest read pages with autocannon, one URL at a time; then measures page sizes. With
// --mix PERCENT it then signs readers up through /signup and mixes their forecast POSTs into the reads
// (mix.ts), and times the first board after a write (probe.ts). Everything it writes lives in one
// temporary folder, removed at the end.
// npm run bench -- [--claims 2000] [--people 5000] [--forecasts 100000] [--size tiny|default|million]
//   [--seconds 10] [--connections 10] [--mix 0] [--readers 20] [--rounds 5] [--json]
import fs from "node:fs";
import path from "node:path";
import { run } from "../cli";
import { benchArgs, type Parsed } from "./args";
import { type DatasetStats, generateDataset, NOW, type Targets, type WriteTargets } from "./dataset";
import { httpClient, logIn, signUp, type Session } from "./http";
import { loadInChild } from "./loader";
import { drain, measureUrls, table, timed, type UrlResult } from "./measure";
import { type MixPlan, type MixResult, runMix } from "./mix";
import { pageSizes, type PageSize, probeAfterWrites, type ProbeRow } from "./probe";
import { mixTable, probeTable, sizeTable } from "./report";
import { baseUrl, startAppServer, stopAppServer } from "./server";
import { machine, megabytes, peakRssMb, withTempDir } from "./system";

const USAGE =
  "usage: npm run bench -- [--claims 2000] [--people 5000] [--forecasts 100000] [--size tiny|default|million] [--seconds 10] [--connections 10] [--mix 0] [--readers 20] [--rounds 5] [--json]";
const OPTIONS = {
  claims: { default: 2000, max: 100_000 },
  people: { default: 5000, max: 1_000_000 },
  forecasts: { default: 100_000, max: 2_000_000 },
  seconds: { default: 10, max: 600 },
  connections: { default: 10, max: 1000 },
  /** The percentage of forecast POSTs in the mixed phase; 0 skips it (and the after-write probe). */
  mix: { default: 0, min: 0, max: 100 },
  readers: { default: 20, max: 500 },
  rounds: { default: 5, max: 100 },
};
const SIZES = {
  tiny: { claims: 20, people: 30, forecasts: 200 },
  default: { claims: 2000, people: 5000, forecasts: 100_000 },
  million: { claims: 20_000, people: 100_000, forecasts: 1_000_000 },
};
type Options = Parsed<typeof OPTIONS>;
type Log = (line: string) => void;

/** The editor account the loader creates: it opens /editor and re-resolves claims. */
const EDITOR = { username: "bench-editor", password: "bench editor password" };

interface Prepared {
  stats: DatasetStats;
  topTag: string;
  datasetMegabytes: number;
  dbFile: string;
  targets: Targets;
  writes: WriteTargets;
  generate: { seconds: number; peakRssMb: number };
  load: { seconds: number; dbMegabytes: number; peakRssMb: number };
}

/** The pages measured: the leaderboards, the busiest claim and person, the home page. */
const pagePaths = (t: Targets, tag: string): string[] => [
  "/leaderboard",
  "/api/leaderboard",
  `/api/leaderboard?tag=${encodeURIComponent(tag)}`,
  "/leaderboard.csv",
  `/claims/${t.claimId}`,
  `/people/${t.personId}`,
  "/",
];

/** Generates the dataset and writes it as JSON; the data itself is garbage once this returns. */
function generate(file: string, o: Options) {
  const { value, seconds } = timed(() => {
    const { data, stats, topTag } = generateDataset(o);
    fs.writeFileSync(file, JSON.stringify(data));
    return { stats, topTag };
  });
  return { ...value, seconds, peakRssMb: peakRssMb() };
}

async function prepare(dir: string, o: Options, log: Log): Promise<Prepared> {
  const jsonFile = path.join(dir, "dataset.json");
  const { stats, topTag, ...generated } = generate(jsonFile, o);
  const datasetMegabytes = megabytes(jsonFile);
  const dbFile = path.join(dir, "bench.db");
  const loaded = await loadInChild({ dbFile, jsonFile, size: o, topTag, editor: EDITOR });
  stats.people = loaded.people;
  const load = { seconds: loaded.seconds, peakRssMb: loaded.peakRssMb, dbMegabytes: megabytes(dbFile) };
  const made = { seconds: generated.seconds, peakRssMb: generated.peakRssMb };
  log(
    `dataset: ${stats.claims} claims (${stats.resolvedClaims} resolved, ${stats.annulledClaims} annulled, ${stats.reResolvedClaims} re-resolved), ${stats.people} people, ${stats.forecasts} forecasts (${stats.updates} updates, ${stats.afterTheFact} after the fact), ${stats.events} events, ${stats.tags} tags; ${datasetMegabytes} MB of JSON`,
  );
  log(`generator: ${made.seconds.toFixed(2)} s with writing the JSON, peak RSS ${made.peakRssMb} MB`);
  log(
    `load-dataset (own process): ${load.seconds.toFixed(2)} s (${Math.round(o.forecasts / load.seconds)} forecasts/s), database ${load.dbMegabytes} MB, loader peak RSS ${load.peakRssMb} MB`,
  );
  fs.rmSync(jsonFile);
  const { targets, writes } = loaded;
  return { stats, topTag, datasetMegabytes, dbFile, targets, writes, generate: made, load };
}

interface Measured {
  results: UrlResult[];
  sizes: PageSize[];
  mix: MixResult | null;
  probe: ProbeRow[] | null;
  serverPeakRssMb: number | null;
}

async function perUrl(base: string, p: Prepared, o: Options, log: Log): Promise<UrlResult[]> {
  const t = p.targets;
  log(
    `autocannon: ${o.connections} connections, ${o.seconds} s per URL; claim ${t.claimId} has ${t.claimForecasts} forecasts, person ${t.personId} has ${t.personForecasts}`,
  );
  const onDone = (urlPath: string) => {
    if (!o.json) process.stderr.write(`  done ${urlPath}\n`);
  };
  return measureUrls(base, pagePaths(t, p.topTag), { ...o, onDone });
}

/** Signs the readers up through /signup (a few at a time: each one hashes a password). */
async function signUpReaders(client: ReturnType<typeof httpClient>, count: number): Promise<Session[]> {
  const readers: Session[] = [];
  for (let i = 0; i < count; i += 4) {
    const batch = Array.from({ length: Math.min(4, count - i) }, (_, k) =>
      signUp(client, `bench-reader-${i + k}`, "bench reader password"),
    );
    readers.push(...(await Promise.all(batch)));
  }
  return readers;
}

/** The mixed phase, then the after-write probe on a quiet server. */
async function mixed(base: string, p: Prepared, o: Options, editor: Session, log: Log) {
  const client = httpClient(base, o.connections, Math.max(30, o.seconds * 3) * 1000);
  try {
    const readers = await signUpReaders(client, o.readers);
    const readPaths = pagePaths(p.targets, p.topTag);
    const plan: MixPlan = { ...o, percent: o.mix, readPaths, openClaimIds: p.writes.openClaimIds, readers };
    log(
      `mixed traffic: ${o.connections} connections, ${o.seconds} s, ${o.mix} % forecast POSTs by ${o.readers} readers`,
    );
    const mix = await runMix(client, plan);
    await drain(base);
    const tagPath = readPaths[2] ?? "/api/leaderboard";
    const probe = await probeAfterWrites(client, {
      rounds: o.rounds,
      tagPath,
      plan,
      editor,
      resolved: p.writes.resolved,
    });
    return { mix, probe };
  } finally {
    client.close();
  }
}

async function serveAndMeasure(p: Prepared, o: Options, log: Log): Promise<Measured> {
  const { child, port } = await startAppServer(p.dbFile, NOW);
  const base = baseUrl(port);
  try {
    const results = await perUrl(base, p, o, log);
    const client = httpClient(base, 1, 60000);
    const editor = await logIn(client, EDITOR.username, EDITOR.password);
    const pages = [...pagePaths(p.targets, p.topTag).map((path) => ({ path })), { path: "/editor", session: editor }];
    const sizes = await pageSizes(client, pages);
    client.close();
    const { mix, probe } = o.mix > 0 ? await mixed(base, p, o, editor, log) : { mix: null, probe: null };
    return { results, sizes, mix, probe, serverPeakRssMb: await stopAppServer(child) };
  } catch (err) {
    await stopAppServer(child);
    throw err;
  }
}

function report(p: Prepared, s: Measured, o: Options, log: Log): void {
  const result = {
    dataset: { ...p.stats, megabytes: p.datasetMegabytes, tag: p.topTag, ...p.targets },
    generate: { seconds: Number(p.generate.seconds.toFixed(2)), peakRssMb: p.generate.peakRssMb },
    load: {
      seconds: Number(p.load.seconds.toFixed(2)),
      forecastsPerSecond: Math.round(o.forecasts / p.load.seconds),
      dbMegabytes: p.load.dbMegabytes,
      peakRssMb: p.load.peakRssMb,
    },
    server: { peakRssMb: s.serverPeakRssMb },
    seconds: o.seconds,
    connections: o.connections,
    results: s.results,
    sizes: s.sizes,
    mix: s.mix,
    afterWrite: s.probe,
    ...machine(),
  };
  if (o.json) return void process.stdout.write(`${JSON.stringify(result)}\n`);
  log(`\n${table(s.results)}\n`);
  log(`${sizeTable(s.sizes)}\n`);
  if (s.mix) log(`${mixTable(s.mix)}\n`);
  if (s.probe) log(`${probeTable(s.probe, pagePaths(p.targets, p.topTag)[2] ?? "")}\n`);
  log(
    `generate ${result.generate.seconds.toFixed(2)} s (peak RSS ${result.generate.peakRssMb} MB); load ${result.load.seconds.toFixed(2)} s (loader peak RSS ${result.load.peakRssMb} MB); server peak RSS ${s.serverPeakRssMb ?? "?"} MB (${result.cores} cores, ${result.cpu}, node ${result.node})`,
  );
}

async function main(o: Options): Promise<void> {
  const log: Log = (line) => {
    if (!o.json) process.stdout.write(`${line}\n`);
  };
  await withTempDir("hindsight-bench-leaderboard-", async (dir) => {
    const prepared = await prepare(dir, o, log);
    report(prepared, await serveAndMeasure(prepared, o, log), o, log);
  });
}

if (require.main === module) {
  const options = benchArgs(USAGE, { whole: OPTIONS, json: true, sizes: SIZES });
  if (options) run(() => main(options));
}
