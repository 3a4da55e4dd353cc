// The synthetic comment thread of the import benchmark, in the seed format, from one seeded
// generator, and its timed import into a fresh database through the real import-thread service.
import fs from "node:fs";
import { DateTime } from "luxon";
import { migrate, openDb } from "../../db/connection";
import { decodeImport, importThread } from "../../server/services/import-thread";
import { timed } from "./measure";
import { seededRandom } from "./random";
import { handle } from "./words";

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
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

interface Author {
  handle: string;
  header: (n: number) => string;
}

function authors(count: number, rnd: () => number): Author[] {
  return Array.from({ length: count }, (_, i) => {
    const name = handle(i);
    if (rnd() < 0.03) return { handle: name, header: (n) => `${n}. ${name} unregistered\n\n` };
    const posts = Math.floor(rnd() * 20000).toLocaleString("en-US");
    const since = `${MONTHS[Math.floor(rnd() * 12)]} ${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}, ${2008 + Math.floor(rnd() * 7)}`;
    return { handle: name, header: (n) => `${n}. ${name}\n\nPosts: ${posts}; Member since: ${since}\n\n` };
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
export function writeThread(file: string, count: number): void {
  const fd = fs.openSync(file, "w");
  try {
    for (const chunk of threadChunks(count)) fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Imports the thread file into a fresh database, timed as `npm run import-thread` works: read the
 * file, decode it, parse, store in one transaction.
 */
export function importThreadFile(dbFile: string, threadFile: string) {
  const db = openDb(dbFile);
  try {
    migrate(db);
    const { value, seconds } = timed(() =>
      importThread(db, decodeImport(fs.readFileSync(threadFile)), {}, DateTime.utc()),
    );
    return { ...value, seconds };
  } finally {
    db.close();
  }
}
