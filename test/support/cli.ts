import { spawnSync } from "node:child_process";
import path from "node:path";
import { ROOT } from "../../db/paths";

/** Runs a compiled script as a child process, as `npm run` would, against the given database file. */
export function runScript(name: string, args: string[], dbFile: string, input?: string) {
  const res = spawnSync(process.execPath, [path.join(ROOT, "dist", "scripts", `${name}.js`), ...args], {
    env: { ...process.env, HINDSIGHT_DB: dbFile, DEBUG: "" },
    encoding: "utf8",
    input,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}
