// `npm run bench`, the benchmark in one run: generates a synthetic dataset in the documented
// load-dataset format (by default 1,000,000 forecasts, 100,000 people, 20,000 claims, one of them
// with 10,000 forecasts) and loads it into a fresh temporary database with the real service, in a
// process of its own (timed, its peak RSS taken); then serves the real app in a child process on
// 127.0.0.1 (ephemeral port, fixed clock, no logger) beside a bare Express route, and runs every
// phase of stages.ts. Prints every figure as tables, and the targets met or missed (--json: one
// JSON object). Everything it writes lives in one temporary folder, removed at the end.
// npm run bench -- [--size default|small|tiny] [--seconds 10] [--connections 10] [--mix 10]
//   [--mix-seconds 30] [--readers 20] [--rounds 5] [--paste-mb 20] [--json]  (see options.ts)
import fs from "node:fs";
import path from "node:path";
import { run } from "../cli";
import { benchArgs } from "./args";
import { type DatasetStats, generateDataset, NOW, type Targets, type WriteTargets } from "./dataset";
import { loadInChild } from "./loader";
import { timed } from "./measure";
import { type Options, OPTIONS, SIZES, USAGE } from "./options";
import { mixTable, pasteTable, probeTable, resolveTable, sizeTable, storedLine, urlTable } from "./report";
import { EDITOR, type Measured, serveAndMeasure } from "./stages";
import { machine, megabytes, peakRssMb, withTempDir } from "./system";
import { targetChecks, targetTable } from "./targets";

type Log = (line: string) => void;

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

const size = (o: Options) => ({ claims: o.claims, people: o.people, forecasts: o.forecasts, bigClaim: o["big-claim"] });

/** Generates the dataset and writes it as JSON; the data itself is garbage once this returns. */
function generate(file: string, o: Options) {
  const { value, seconds } = timed(() => {
    const { data, stats, topTag } = generateDataset(size(o));
    fs.writeFileSync(file, JSON.stringify(data));
    return { stats, topTag };
  });
  return { ...value, seconds, peakRssMb: peakRssMb() };
}

function logPrepared(p: Prepared, o: Options, log: Log): void {
  const { stats, load, generate: made } = p;
  log(
    `dataset: ${stats.claims} claims (${stats.resolvedClaims} resolved, ${stats.annulledClaims} annulled, ${stats.reResolvedClaims} re-resolved; the big claim open with ${p.targets.bigClaimForecasts} forecasts), ${stats.people} people, ${stats.forecasts} forecasts (${stats.updates} updates, ${stats.afterTheFact} after the fact), ${stats.events} events, ${stats.tags} tags; ${p.datasetMegabytes} MB of JSON`,
  );
  log(`generator: ${made.seconds.toFixed(2)} s with writing the JSON, peak RSS ${made.peakRssMb} MB`);
  log(
    `load-dataset (own process): ${load.seconds.toFixed(2)} s (${Math.round(o.forecasts / load.seconds)} forecasts/s), database ${load.dbMegabytes} MB, loader peak RSS ${load.peakRssMb} MB`,
  );
}

async function prepare(dir: string, o: Options, log: Log): Promise<Prepared> {
  const jsonFile = path.join(dir, "dataset.json");
  const { stats, topTag, ...generated } = generate(jsonFile, o);
  const datasetMegabytes = megabytes(jsonFile);
  const dbFile = path.join(dir, "bench.db");
  const loaded = await loadInChild({ dbFile, jsonFile, size: size(o), topTag, editor: EDITOR });
  stats.people = loaded.people;
  const load = { seconds: loaded.seconds, peakRssMb: loaded.peakRssMb, dbMegabytes: megabytes(dbFile) };
  const made = { seconds: generated.seconds, peakRssMb: generated.peakRssMb };
  fs.rmSync(jsonFile);
  const { targets, writes } = loaded;
  const prepared = { stats, topTag, datasetMegabytes, dbFile, targets, writes, generate: made, load };
  logPrepared(prepared, o, log);
  return prepared;
}

function resultOf(p: Prepared, s: Measured, o: Options) {
  return {
    dataset: { ...p.stats, megabytes: p.datasetMegabytes, tag: p.topTag, ...p.targets },
    generate: { seconds: Number(p.generate.seconds.toFixed(2)), peakRssMb: p.generate.peakRssMb },
    load: {
      seconds: Number(p.load.seconds.toFixed(2)),
      forecastsPerSecond: Math.round(o.forecasts / p.load.seconds),
      dbMegabytes: p.load.dbMegabytes,
      peakRssMb: p.load.peakRssMb,
    },
    server: s.server,
    seconds: o.seconds,
    connections: o.connections,
    bare: s.bare,
    results: s.results,
    sizes: s.sizes,
    afterWrite: s.probe,
    resolve: s.resolve,
    mix: s.mix,
    paste: s.paste,
    targets: targetChecks(s, p.load),
    ...machine(),
  };
}

function report(p: Prepared, s: Measured, o: Options, log: Log): void {
  const result = resultOf(p, s, o);
  if (o.json) return void process.stdout.write(`${JSON.stringify(result)}\n`);
  log(`\n${urlTable([s.bare, ...s.results])}\n`);
  log(`${sizeTable(s.sizes)}\n`);
  log(`${probeTable(s.probe, s.results.find((r) => r.name === "tag board")?.path ?? "tag board")}\n`);
  if (s.resolve) log(`${resolveTable(s.resolve)}\n`);
  if (s.mix) log(`${mixTable(s.mix)}\n${storedLine(s.mix)}\n`);
  if (s.paste) log(`${pasteTable(s.paste)}\n`);
  log(
    `generate ${result.generate.seconds.toFixed(2)} s (peak RSS ${result.generate.peakRssMb} MB); load ${result.load.seconds.toFixed(2)} s (loader peak RSS ${result.load.peakRssMb} MB); server peak RSS ${s.server.peakRssMb ?? "?"} MB (${s.server.peakRssMbAfterSignUp ?? "?"} MB after the sign-ups, ${s.server.peakRssMbBeforePaste ?? "?"} MB before the paste) (${result.cores} cores, ${result.cpu}, node ${result.node})\n`,
  );
  log(targetTable(result.targets));
}

async function main(o: Options): Promise<void> {
  const log: Log = (line) => {
    if (!o.json) process.stdout.write(`${line}\n`);
  };
  await withTempDir("hindsight-bench-leaderboard-", async (dir) => {
    const prepared = await prepare(dir, o, log);
    report(prepared, await serveAndMeasure(prepared, NOW, o, log), o, log);
  });
}

if (require.main === module) {
  const options = benchArgs(USAGE, { whole: OPTIONS, json: true, sizes: SIZES });
  if (options) run(() => main(options));
}
