// Read-side benchmark at scale: generates a synthetic dataset in the documented load-dataset format,
// loads it into a fresh temporary database with the real service (timed), starts the real app in a
// child process on 127.0.0.1 (ephemeral port, fixed clock, no logger) and drives the busiest read
// pages with autocannon, one URL at a time. Everything it writes lives in one temporary folder,
// removed at the end.
// npm run bench -- [--claims 2000] [--people 5000] [--forecasts 100000] [--seconds 10] [--connections 10] [--json]
import fs from "node:fs";
import path from "node:path";
import { run } from "../cli";
import { benchArgs, type Parsed } from "./args";
import { type DatasetStats, generateDataset, loadDatasetFile, NOW, type Targets } from "./dataset";
import { measureUrls, table, type UrlResult } from "./measure";
import { baseUrl, startAppServer, stopAppServer } from "./server";
import { machine, megabytes, peakRssMb, withTempDir } from "./system";

const USAGE =
  "usage: npm run bench -- [--claims 2000] [--people 5000] [--forecasts 100000] [--seconds 10] [--connections 10] [--json]";
const OPTIONS = {
  claims: { default: 2000, max: 100_000 },
  people: { default: 5000, max: 1_000_000 },
  forecasts: { default: 100_000, max: 2_000_000 },
  seconds: { default: 10, max: 600 },
  connections: { default: 10, max: 1000 },
};
type Options = Parsed<typeof OPTIONS>;
type Log = (line: string) => void;

interface Prepared {
  stats: DatasetStats;
  topTag: string;
  datasetMegabytes: number;
  dbFile: string;
  targets: Targets;
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

function prepare(dir: string, o: Options, log: Log): Prepared {
  const { data, stats, topTag } = generateDataset(o);
  const file = path.join(dir, "dataset.json");
  fs.writeFileSync(file, JSON.stringify(data));
  const dbFile = path.join(dir, "bench.db");
  const loaded = loadDatasetFile(dbFile, file, o, topTag);
  stats.people = loaded.people;
  const load = { seconds: loaded.seconds, peakRssMb: peakRssMb(), dbMegabytes: megabytes(dbFile) };
  const datasetMegabytes = megabytes(file);
  log(
    `dataset: ${stats.claims} claims (${stats.resolvedClaims} resolved, ${stats.annulledClaims} annulled, ${stats.reResolvedClaims} re-resolved), ${stats.people} people, ${stats.forecasts} forecasts (${stats.updates} updates, ${stats.afterTheFact} after the fact), ${stats.events} events, ${stats.tags} tags; ${datasetMegabytes} MB of JSON`,
  );
  log(
    `load-dataset: ${load.seconds.toFixed(2)} s (${Math.round(o.forecasts / load.seconds)} forecasts/s), database ${load.dbMegabytes} MB, loader peak RSS ${load.peakRssMb} MB`,
  );
  return { stats, topTag, datasetMegabytes, dbFile, targets: loaded.targets, load };
}

async function serveAndMeasure(p: Prepared, o: Options, log: Log) {
  const { child, port } = await startAppServer(p.dbFile, NOW);
  let results: UrlResult[];
  try {
    const t = p.targets;
    log(
      `autocannon: ${o.connections} connections, ${o.seconds} s per URL; claim ${t.claimId} has ${t.claimForecasts} forecasts, person ${t.personId} has ${t.personForecasts}`,
    );
    const onDone = (urlPath: string) => {
      if (!o.json) process.stderr.write(`  done ${urlPath}\n`);
    };
    results = await measureUrls(baseUrl(port), pagePaths(t, p.topTag), { ...o, onDone });
  } catch (err) {
    await stopAppServer(child);
    throw err;
  }
  return { results, serverPeakRssMb: await stopAppServer(child) };
}

function report(p: Prepared, s: Awaited<ReturnType<typeof serveAndMeasure>>, o: Options, log: Log): void {
  const result = {
    dataset: { ...p.stats, megabytes: p.datasetMegabytes, tag: p.topTag, ...p.targets },
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
    ...machine(),
  };
  if (o.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    log(`\n${table(s.results)}\n`);
    log(
      `load ${result.load.seconds.toFixed(2)} s; server peak RSS ${s.serverPeakRssMb ?? "?"} MB (${result.cores} cores, ${result.cpu}, node ${result.node})`,
    );
  }
}

async function main(o: Options): Promise<void> {
  const log: Log = (line) => {
    if (!o.json) process.stdout.write(`${line}\n`);
  };
  await withTempDir("hindsight-bench-leaderboard-", async (dir) => {
    const prepared = prepare(dir, o, log);
    report(prepared, await serveAndMeasure(prepared, o, log), o, log);
  });
}

if (require.main === module) {
  const options = benchArgs(USAGE, { whole: OPTIONS, json: true });
  if (options) run(() => main(options));
}
