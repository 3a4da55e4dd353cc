// Cold start: from spawning `node dist/server/main.js` on an empty database (on a free loopback
// port) to the first 200 on /. The median, minimum and maximum over the runs.
// npm run bench:startup -- [--runs 5]
import path from "node:path";
import { run } from "../cli";
import { benchArgs, type Parsed } from "./args";
import { median, msUntilOk } from "./measure";
import { baseUrl, freeLoopbackPort, spawnMainServer, stopMainServer } from "./server";
import { machine, withTempDir } from "./system";

const USAGE = "usage: npm run bench:startup -- [--runs 5]";
const OPTIONS = { runs: { default: 5, max: 100 } };

/** Milliseconds from spawning the server on an empty database to its first 200 on /. */
function coldStart(): Promise<number> {
  return withTempDir("hindsight-bench-", async (dir) => {
    const port = await freeLoopbackPort();
    const started = performance.now();
    const child = spawnMainServer(port, path.join(dir, "h.db"));
    try {
      return await msUntilOk(`${baseUrl(port)}/`, started, 30000);
    } finally {
      await stopMainServer(child);
    }
  });
}

async function main(o: Parsed<typeof OPTIONS>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < o.runs; i++) times.push(await coldStart());
  const { cores, node } = machine();
  const [min, max] = [Math.min(...times), Math.max(...times)];
  console.log(
    `cold start to first page, ${o.runs} runs: median ${median(times).toFixed(0)} ms, min ${min.toFixed(0)} ms, max ${max.toFixed(0)} ms (${cores} cores, node ${node})`,
  );
}

if (require.main === module) {
  const options = benchArgs(USAGE, { whole: OPTIONS });
  if (options) run(() => main(options));
}
