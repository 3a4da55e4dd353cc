// Import benchmark: writes a big thread in the seed format to a temporary file, then reads and imports
// it into a fresh temporary database with the real service, and prints the time, comments per second
// and the peak RSS of the process.
// node dist/scripts/bench-import.js [--comments 100000] [--json]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { migrate, openDb } from "../db/connection";
import { decodeImport, importThread } from "../server/services/import-thread";
import { CliError, run } from "./cli";
import { seededRandom } from "./seeded-random";

const PLAIN = [
  "Here have a cookie, laden with mercury chips and lead butter.",
  "Not confirmed yet...",
  "In other news, Apple's and Samsung's CEO meet up in New York - rumors ensue.",
  "gogle is flop",
  "Why ?",
  "I already start changing my cores skills set from Microsoft centric to Unix centric.",
  "Both Android and iOS have unix core.",
  "Посмотрим. 🤔 «Может быть».",
  "Legendary Nokia already dead and credit goes to MS & Stephan Flop",
];
const SPECULATIVE = [
  "now MS will try to bribe xiaomi and then kill it off ... just like they have always done in their glorious past..",
  "Probably to put Office + services on MIUI like the just announced deal they have stricken with Samsung.",
  "Maybe to extract royalties from Xiaomi like they did with other Android manufacturers",
  "Don't tell me Xiaomi is considering Windows Phones now.",
  "If they ever make WPs, I hope they don't use MediaTeks.",
  "Xiaomi won't ship a Windows phone, no way.",
  "I doubt Microsoft is going to buy them.",
  "is MS planning to buy Xiaomi's too?",
  "Yep the future looks good for the OS.",
  "Mark my words: Cortana will be on their speakers by 2018.",
];
const WORDS = ["mi", "nokia", "lumia", "droid", "pixel", "redmond", "beijing", "metro", "miui", "surface"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

interface Author {
  handle: string;
  header: (n: number) => string;
}

function authors(count: number, rnd: () => number): Author[] {
  return Array.from({ length: count }, (_, i) => {
    const handle = `${WORDS[i % WORDS.length]}${WORDS[Math.floor(i / WORDS.length) % WORDS.length]}_${i}`;
    if (rnd() < 0.03) return { handle, header: (n) => `${n}. ${handle} unregistered\n\n` };
    const posts = Math.floor(rnd() * 20000).toLocaleString("en-US");
    const since = `${MONTHS[Math.floor(rnd() * 12)]} ${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}, ${2008 + Math.floor(rnd() * 7)}`;
    return { handle, header: (n) => `${n}. ${handle}\n\nPosts: ${posts}; Member since: ${since}\n\n` };
  });
}

function body(rnd: () => number): string {
  if (rnd() < 0.05) return "";
  const pick = (pool: readonly string[]) => pool[Math.floor(rnd() * pool.length)] ?? "";
  const sentences = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () =>
    rnd() < 0.25 ? pick(SPECULATIVE) : pick(PLAIN),
  );
  const split = sentences.length > 2 && rnd() < 0.3 ? 2 : sentences.length;
  return [sentences.slice(0, split).join(" "), sentences.slice(split).join(" ")].filter((p) => p !== "").join("\n\n");
}

/** Site numbers in the order a page shows them: replies follow their parent, so some come early. */
function siteOrder(count: number, rnd: () => number): number[] {
  const order = Array.from({ length: count }, (_, i) => i + 1);
  for (let i = 0; i + 1 < count; i += 1) {
    if (rnd() < 0.1) {
      const j = Math.min(count - 1, i + 1 + Math.floor(rnd() * 20));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
  }
  return order;
}

/** A thread of `count` comments by about count / 20 (at most 5,000) distinct commenters, in pieces. */
export function* threadChunks(count: number, seed = 2014): Generator<string> {
  const rnd = seededRandom(seed);
  const people = authors(Math.max(1, Math.min(5000, Math.ceil(count / 20))), rnd);
  yield "A benchmark thread: Microsoft and Xiaomi, again\n\n";
  yield "Rumors say that the two companies are talking. Nothing official has been said on the matter.\n\n";
  yield "source: Bench News via Generator\n\n";
  for (const n of siteOrder(count, rnd)) {
    const author = people[Math.floor(rnd() * people.length)] ?? people[0];
    if (author) yield `${author.header(n)}${body(rnd)}\n\n`;
  }
  yield "Latest Stories\n\nThis copy is for your personal, non-commercial use only.\n";
}

export function generateThread(count: number, seed = 2014): string {
  return [...threadChunks(count, seed)].join("");
}

/** Writes the thread to a file piece by piece, so the generator's garbage does not count as the import's. */
function writeThread(file: string, count: number): void {
  const fd = fs.openSync(file, "w");
  try {
    for (const chunk of threadChunks(count)) fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
}

function main(): void {
  const { values } = parseArgs({
    options: { comments: { type: "string", default: "100000" }, json: { type: "boolean", default: false } },
  });
  const count = Number(values.comments);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
    throw new CliError("--comments must be a whole number from 1 to 1000000");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-bench-import-"));
  const file = path.join(dir, "thread.txt");
  writeThread(file, count);
  const db = openDb(path.join(dir, "bench.db"));
  try {
    migrate(db);
    // Timed as `npm run import-thread` works: read the file, decode it, parse, store in one transaction.
    const started = performance.now();
    const summary = importThread(db, decodeImport(fs.readFileSync(file)), {}, DateTime.utc());
    const seconds = (performance.now() - started) / 1000;
    if (summary.comments !== count) throw new Error(`imported ${summary.comments} comments, expected ${count}`);
    const result = {
      comments: summary.comments,
      people: summary.people,
      candidates: summary.candidates,
      megabytes: Number((fs.statSync(file).size / 1024 / 1024).toFixed(1)),
      seconds: Number(seconds.toFixed(2)),
      commentsPerSecond: Math.round(count / seconds),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      cores: os.cpus().length,
      node: process.version,
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else
      process.stdout.write(
        `imported ${result.comments} comments (${result.megabytes} MB, ${result.people} people, ${result.candidates} candidates) in ${result.seconds.toFixed(2)} s: ${result.commentsPerSecond} comments/s, peak RSS ${result.peakRssMb} MB (${result.cores} cores, node ${result.node})\n`,
      );
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) run(main);
