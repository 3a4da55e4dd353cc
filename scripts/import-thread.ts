// npm run import-thread -- FILE [--json] [--title T] [--url U] [--publisher P] [--published YYYY-MM-DD]
// Imports a thread into HINDSIGHT_DB: a pasted page (the format of db/seed-data/2014-rumor-thread.txt),
// a Disqus or WordPress export, or a Reddit or Hacker News (Algolia) thread's JSON, detected from
// the content; a file not in UTF-8 is converted from its encoding, with a warning naming it.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { Presets, SingleBar } from "cli-progress";
import { DateTime } from "luxon";
import { parseDay } from "../server/domain/dates";
import {
  checkImportSize,
  decodeImport,
  ImportError,
  importThread,
  type ImportOptions,
  type ImportProgress,
  type DecodedText,
  type ImportSummary,
} from "../server/services/import-thread";
import { normalizeText } from "../server/domain/text-normalizer";
import { CliError, dbPath, openMigrated, run } from "./cli";

const USAGE =
  "usage: npm run import-thread -- FILE [--json] [--title T] [--url U] [--publisher P] [--published YYYY-MM-DD]";

/** Below this many comments an import takes well under a second: a bar would only flicker. */
const PROGRESS_BAR_FROM = 2000;

/** At most this many skipped lines are listed in the human summary; --json lists them all. */
const SKIPPED_SHOWN = 20;

interface Args {
  file: string;
  json: boolean;
  options: ImportOptions;
}

const OPTIONS = {
  json: { type: "boolean", default: false },
  title: { type: "string" },
  url: { type: "string" },
  publisher: { type: "string" },
  published: { type: "string" },
} as const;

function readArgs(): Args {
  const { values, positionals } = parseCommandLine();
  const [file] = positionals;
  if (file === undefined || positionals.length !== 1) throw new CliError(USAGE);
  return { file, json: values.json, options: checkOptions(values) };
}

/** node:util's parseArgs, with its message for an unknown or incomplete option cut to one line. */
function parseCommandLine() {
  try {
    return parseArgs({ options: OPTIONS, allowPositionals: true });
  } catch (err) {
    throw new CliError(`${(err as Error).message.split(". ")[0]}. ${USAGE}`);
  }
}

/** A text option through the same normalizer as the forms: NFC, no control characters, not empty. */
function cleanOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const done = normalizeText(value, name);
  if (!done.ok) throw new CliError(done.message);
  if (done.text === "") throw new CliError(`${name} must not be empty`);
  return done.text;
}

function checkOptions(values: { title?: string; url?: string; publisher?: string; published?: string }): ImportOptions {
  const { url, published } = values;
  const title = cleanOption("--title", values.title);
  const publisher = cleanOption("--publisher", values.publisher);
  if (published !== undefined && parseDay(published) === null) {
    throw new CliError(`--published must be a real date YYYY-MM-DD, not "${published}"`);
  }
  if (url !== undefined && !isWebUrl(url)) throw new CliError(`--url must be an http:// or https:// URL, not "${url}"`);
  return {
    ...(title === undefined ? {} : { title }),
    ...(url === undefined ? {} : { url }),
    ...(publisher === undefined ? {} : { publisher }),
    ...(published === undefined ? {} : { published }),
  };
}

function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** The file's text; the size is checked before reading, so a huge file is never loaded. */
function readThread(file: string): DecodedText {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new CliError(`${file}: no such file`);
  if (!stat.isFile()) throw new CliError(`${file}: not a file`);
  try {
    checkImportSize(stat.size);
    return decodeImport(fs.readFileSync(file));
  } catch (err) {
    if (err instanceof ImportError) throw new CliError(`${file}: ${err.message} Nothing was imported.`);
    throw err;
  }
}

/** A bar on stderr for a big import when a person is watching; nothing otherwise. */
function progressBar(enabled: boolean): { onProgress?: ImportProgress; stop: () => void } {
  if (!enabled) return { stop: () => {} };
  let bar: SingleBar | undefined;
  const onProgress: ImportProgress = (done, total) => {
    if (done === 0 && total > PROGRESS_BAR_FROM) {
      bar = new SingleBar(
        { stream: process.stderr, format: "storing comments [{bar}] {percentage}% | {value}/{total} | {eta}s left" },
        Presets.shades_classic,
      );
      bar.start(total, 0);
    } else bar?.update(done);
  };
  return { onProgress, stop: () => bar?.stop() };
}

const FORMAT_NAMES: Record<ImportSummary["format"], string> = {
  paste: "pasted page",
  disqus: "Disqus export",
  wordpress: "WordPress export",
  reddit: "Reddit thread",
  "hacker-news": "Hacker News thread",
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The human summary: what was added, what was already there, what was left out and why. */
function describe(s: ImportSummary, db: string): string[] {
  const from = s.format === "paste" ? "" : ` from a ${FORMAT_NAMES[s.format]}`;
  const where = `"${s.title}" (source #${s.sourceId} in ${db})${from}`;
  const lines =
    s.comments === 0
      ? [
          `Nothing new in ${where}: ${s.alreadyStored === 1 ? "its comment was" : `all ${s.alreadyStored} comments were`} already stored.`,
        ]
      : [
          `${s.createdSource ? "Imported" : "Added to"} ${where}: ${plural(s.comments, "comment")} by ${plural(s.people, "person", "people")}, ${plural(s.candidates, "speculative sentence")} to review.`,
          ...(s.alreadyStored > 0
            ? [`${plural(s.alreadyStored, "comment was", "comments were")} already stored.`]
            : []),
        ];
  if (s.skipped.length > 0) {
    lines.push(`Left out ${plural(s.skipped.length, s.format === "paste" ? "line" : "item")}:`);
    for (const k of s.skipped.slice(0, SKIPPED_SHOWN))
      lines.push(k.line === null ? `  ${k.reason}: ${k.excerpt}` : `  line ${k.line}, ${k.reason}: ${k.excerpt}`);
    if (s.skipped.length > SKIPPED_SHOWN) lines.push(`  … and ${s.skipped.length - SKIPPED_SHOWN} more (see --json)`);
  }
  for (const w of s.warnings) lines.push(`Warning: ${w}`);
  return lines;
}

function main(): void {
  const args = readArgs();
  const text = readThread(args.file);
  const db = openMigrated();
  const bar = progressBar(!args.json && process.stderr.isTTY === true);
  try {
    const summary = importThread(db, text, args.options, DateTime.utc(), bar.onProgress);
    bar.stop();
    const out = args.json ? JSON.stringify(summary) : describe(summary, dbPath()).join("\n");
    process.stdout.write(`${out}\n`);
  } catch (err) {
    if (err instanceof ImportError) throw new CliError(`${args.file}: ${err.message} Nothing was imported.`);
    throw err;
  } finally {
    bar.stop();
    db.close();
  }
}

run(main);
