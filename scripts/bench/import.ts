// Import benchmark: writes a big thread in the seed format to a temporary file, then reads and imports
// it into a fresh temporary database with the real service, and prints the time, comments per second
// and the peak RSS of the process.
// npm run bench:import -- [--comments 100000] [--json]
import path from "node:path";
import { run } from "../cli";
import { benchArgs, type Parsed } from "./args";
import { importThreadFile, writeThread } from "./thread";
import { machine, megabytes, peakRssMb, withTempDir } from "./system";

const USAGE = "usage: npm run bench:import -- [--comments 100000] [--json]";
const OPTIONS = { comments: { default: 100_000, max: 1_000_000 } };

async function main(o: Parsed<typeof OPTIONS>): Promise<void> {
  await withTempDir("hindsight-bench-import-", (dir) => {
    const file = path.join(dir, "thread.txt");
    writeThread(file, o.comments);
    const summary = importThreadFile(path.join(dir, "bench.db"), file);
    if (summary.comments !== o.comments) {
      throw new Error(`imported ${summary.comments} comments, expected ${o.comments}`);
    }
    const { cores, node } = machine();
    const result = {
      comments: summary.comments,
      people: summary.people,
      candidates: summary.candidates,
      megabytes: megabytes(file),
      seconds: Number(summary.seconds.toFixed(2)),
      commentsPerSecond: Math.round(o.comments / summary.seconds),
      peakRssMb: peakRssMb(),
      cores,
      node,
    };
    process.stdout.write(
      o.json
        ? `${JSON.stringify(result)}\n`
        : `imported ${result.comments} comments (${result.megabytes} MB, ${result.people} people, ${result.candidates} candidates) in ${result.seconds.toFixed(2)} s: ${result.commentsPerSecond} comments/s, peak RSS ${result.peakRssMb} MB (${result.cores} cores, node ${result.node})\n`,
    );
  });
}

if (require.main === module) {
  const options = benchArgs(USAGE, { whole: OPTIONS, json: true });
  if (options) run(() => main(options));
}
