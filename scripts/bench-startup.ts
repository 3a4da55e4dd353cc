// Cold start: from spawning `node dist/server/main.js` on an empty database to the first 200 on /.
// npm run bench:startup [-- --runs 5]
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "../db/paths";
import { run } from "./cli";

async function once(port: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-bench-"));
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, "dist/server/main.js")], {
    env: { ...process.env, PORT: String(port), HINDSIGHT_DB: path.join(dir, "h.db") },
    stdio: "ignore",
  });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return performance.now() - started;
      if (performance.now() - started > 30000) throw new Error("the server did not answer within 30 s");
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

run(async () => {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 100) throw new Error("--runs must be a whole number from 1 to 100");
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once(3900 + i));
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(
    `cold start to first page, ${runs} runs: median ${median.toFixed(0)} ms, min ${(times[0] ?? 0).toFixed(0)} ms, max ${(times.at(-1) ?? 0).toFixed(0)} ms (${os.cpus().length} cores, node ${process.version})`,
  );
});
