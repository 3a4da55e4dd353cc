// Shared plumbing for the command-line entry points: database from HINDSIGHT_DB, one-line errors.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { migrate, openDb, type Db } from "../db/connection";

export const dbPath = (): string => process.env.HINDSIGHT_DB ?? "data/hindsight.db";

/** Commands write in bulk (a dataset, a thread, a rescore): they get a bigger page cache than the server. */
export function openMigrated(): Db {
  const db = openDb(dbPath(), { cacheMb: 256 });
  migrate(db);
  return db;
}

/** A user's mistake: print one line to stderr and exit 1, never a stack trace. */
export class CliError extends Error {}

export function run(main: () => void | Promise<void>): void {
  Promise.resolve()
    .then(main)
    .catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(`error: ${message.split("\n")[0]}\n`);
      if (!(err instanceof CliError) && process.env.DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
      process.exitCode = 1;
    });
}

/**
 * node:util parseArgs with one-line errors: an unknown option or a missing value is the user's
 * mistake, shown with the usage, never parseArgs' multi-line explanation.
 */
export function parseCommand<T extends ParseArgsConfig>(config: T, usage: string) {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new CliError(`${(err as Error).message.split(". ")[0]}; ${usage}`);
  }
}
