// The import's parsers on hostile files: each input is built to make one careless pattern of the
// import path slow (a review found them quadratic), at --kb kilobytes (default 1 MB). Each should
// take about as long per megabyte at 1 MB as at 100 kB; an ordinary pasted thread is timed for
// comparison. npm run bench:import-hostile -- [--kb 1000] [--runs 3]
import { run } from "../cli";
import { parseComments } from "../../server/domain/formats/detect";
import { htmlToText } from "../../server/domain/formats/html-text";
import { decodeBytes } from "../../server/domain/text-encoding";
import { repairMojibake } from "../../server/domain/text-repair";
import { parseThread, postedTime, ThreadParseError } from "../../server/domain/thread-parser";
import { benchArgs, type Parsed } from "./args";
import { median } from "./measure";
import { machine } from "./system";

const USAGE = "usage: npm run bench:import-hostile -- [--kb 1000] [--runs 3]";
const OPTIONS = { kb: { default: 1000, max: 20000 }, runs: { default: 3, max: 50 } };

interface Case {
  name: string;
  /** The input of about `bytes` bytes, and the call that reads it. */
  build: (bytes: number) => { size: number; read: () => unknown };
}

const text = (s: string, read: (s: string) => unknown) => ({ size: Buffer.byteLength(s), read: () => read(s) });
const times = (unit: string, bytes: number) => Math.max(1, Math.floor(bytes / Buffer.byteLength(unit)));
const DISQUS_HEAD =
  '<?xml version="1.0"?>\n<disqus><thread dsq:id="t"><title>T</title><link>http://x.com/a</link><createdAt>2014-01-01T00:00:00Z</createdAt></thread>\n';
const disqusPost = (id: string, parent: string | null, deleted: boolean) =>
  `<post dsq:id="${id}"><message>m ${id}</message><createdAt>2014-01-01T00:00:00Z</createdAt>${deleted ? "<isDeleted>true</isDeleted>" : ""}<author><name>a</name><username>a</username></author><thread dsq:id="t"/>${parent === null ? "" : `<parent dsq:id="${parent}"/>`}</post>\n`;

/** A paste parse that may refuse the text (the hostile line is not a comment): the time is what counts. */
function paste(s: string): unknown {
  try {
    return parseThread(s);
  } catch (err) {
    if (err instanceof ThreadParseError) return null;
    throw err;
  }
}

const CASES: Case[] = [
  {
    name: "ordinary pasted thread (for comparison)",
    build: (bytes) => {
      const unit = (i: number) =>
        `${i}. user${i % 500}\nPosts: ${i}; Member since: Apr 15, 2014\nI think they will probably ship it by March, maybe later.\n\n`;
      const parts = ["Title\n\n"];
      for (let i = 1, n = 0; n < bytes; i += 1) {
        parts.push(unit(i));
        n += unit(i).length;
      }
      return text(parts.join(""), paste);
    },
  },
  {
    name: "not UTF-8, one long word (encoding sample)",
    build: (bytes) => {
      const b = Buffer.concat([Buffer.from([0xe9, 0x20]), Buffer.alloc(bytes, 0x61)]);
      return { size: b.length, read: () => decodeBytes(b) };
    },
  },
  {
    name: "“ then † on one line (dagger repair)",
    build: (bytes) => {
      const n = times("“†", bytes);
      return text(`T\n${"“".repeat(n)}${"†".repeat(n)}`, repairMojibake);
    },
  },
  {
    name: "source line with a run of spaces",
    build: (bytes) => text(`Title\nsource: a${" ".repeat(bytes)}b\n1. x\nPosts: 1\nbody\n`, paste),
  },
  {
    name: "Posted time with a run of spaces",
    build: (bytes) => text(`a${" ".repeat(bytes)}b`, postedTime),
  },
  {
    name: "'<p' repeated, never closed (HTML to text)",
    build: (bytes) => text("<p".repeat(times("<p", bytes)), htmlToText),
  },
  {
    name: "pasted comments all numbered 1",
    build: (bytes) => {
      const parts = ["Title\n"];
      for (let i = 0, n = 0; n < bytes; i += 1) {
        const c = `1. u${i}\nPosts: 1\nbody ${i}\n`;
        parts.push(c);
        n += c.length;
      }
      return text(parts.join(""), paste);
    },
  },
  {
    name: "Disqus: replies under a long chain of deleted comments",
    build: (bytes) => {
      const half = times(disqusPost("d00000", "d00000", true), bytes) >> 1 || 1;
      const parts = [DISQUS_HEAD];
      for (let i = 0; i < half; i += 1) parts.push(disqusPost(`d${i}`, i === 0 ? null : `d${i - 1}`, true));
      for (let i = 0; i < half; i += 1) parts.push(disqusPost(`k${i}`, `d${half - 1}`, false));
      parts.push("</disqus>");
      return text(parts.join(""), (s) => parseComments(s));
    },
  },
];

function timeMs(read: () => unknown): number {
  const started = performance.now();
  read();
  return performance.now() - started;
}

function main(o: Parsed<typeof OPTIONS>): void {
  for (const c of CASES) {
    const { size, read } = c.build(o.kb * 1000);
    const ms = median(Array.from({ length: o.runs }, () => timeMs(read)));
    const mb = size / 1e6;
    console.log(`${c.name} (${mb.toFixed(2)} MB): ${ms.toFixed(0)} ms, ${(ms / mb).toFixed(0)} ms/MB`);
  }
  const { cores, node } = machine();
  console.log(`(${cores} cores, node ${node}; median of ${o.runs} runs)`);
}

if (require.main === module) {
  const options = benchArgs(USAGE, { whole: OPTIONS });
  if (options) run(() => main(options));
}
