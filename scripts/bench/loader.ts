// Loading the generated dataset in a child process of its own, as `npm run load-dataset` runs: its
// time and peak RSS are the loader's alone, not the generator's. The child also creates the editor
// account (through the accounts service) whose session the benchmark uses for /editor and re-resolutions.
// Run directly (by loadInChild, through fork), this file is that child: `loader.js DB JSON SIZE TAG USER PASSWORD`.
import { fork } from "node:child_process";
import { openDb } from "../../db/connection";
import { createAccount } from "../../server/services/accounts";
import { type DatasetSize, loadDatasetFile, NOW, type Targets, type WriteTargets } from "./dataset";
import { peakRssMb } from "./system";

export interface Loaded {
  seconds: number;
  people: number;
  targets: Targets;
  writes: WriteTargets;
  /** The loader process's peak resident set size, in MB. */
  peakRssMb: number;
}

interface Job {
  dbFile: string;
  jsonFile: string;
  size: DatasetSize;
  topTag: string;
  editor: { username: string; password: string };
}

async function loadAndCreateEditor(job: Job): Promise<Loaded> {
  const loaded = loadDatasetFile(job.dbFile, job.jsonFile, job.size, job.topTag);
  const db = openDb(job.dbFile);
  try {
    const made = await createAccount(db, { ...job.editor, role: "editor" }, NOW);
    if (!made.ok) throw new Error(`creating the editor account: ${made.message}`);
  } finally {
    db.close();
  }
  return { ...loaded, peakRssMb: peakRssMb() };
}

/** Loads the JSON file into a fresh database in a child process: what the loader reports. */
export function loadInChild(job: Job): Promise<Loaded> {
  const args = [
    job.dbFile,
    job.jsonFile,
    JSON.stringify(job.size),
    job.topTag,
    job.editor.username,
    job.editor.password,
  ];
  const child = fork(__filename, args, { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    let result: Loaded | undefined;
    child.on("message", (m: Loaded) => (result = m));
    child.once("error", reject);
    child.once("exit", (code) =>
      result ? resolve(result) : reject(new Error(`the loader exited without a result (code ${code})`)),
    );
  });
}

if (require.main === module && process.send) {
  const [dbFile = "", jsonFile = "", size = "{}", topTag = "", username = "", password = ""] = process.argv.slice(2);
  const job: Job = { dbFile, jsonFile, size: JSON.parse(size) as DatasetSize, topTag, editor: { username, password } };
  loadAndCreateEditor(job).then(
    (loaded) => process.send?.(loaded, () => process.disconnect()),
    (err: unknown) => {
      process.stderr.write(`loader: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
