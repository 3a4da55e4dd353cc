// The speculation detector on hostile comments: 100 kB of text built to make a careless pattern
// slow ("if … then" thousands of times, one word repeated, no full stop). Each should take about as
// long per kilobyte as ordinary text; the corpus of real comments is timed for comparison.
// npm run bench:detector -- [--runs 3]
import { run } from "../cli";
import { readCorpus } from "../measure-speculation";
import { findCandidates } from "../../server/domain/speculation";
import { benchArgs, type Parsed } from "./args";
import { median } from "./measure";
import { machine } from "./system";

const USAGE = "usage: npm run bench:detector -- [--runs 3]";
const OPTIONS = { runs: { default: 3, max: 50 } };

const HOSTILE: ReadonlyArray<readonly [string, string]> = [
  ["'if … then' repeated", "if it rains then we stay ".repeat(4000)],
  ["'if you … you' repeated", "if you go you ".repeat(7000)],
  ["'if' repeated", "if ".repeat(33000)],
  ["hedges repeated", "maybe it probably will ".repeat(4300)],
  ["'never' repeated", "never ".repeat(16500)],
  ["a question per line", "will it?\n".repeat(11000)],
  ["one word, no stop", "a".repeat(100000)],
  ["'Mr.' repeated", `will ${"Mr. ".repeat(25000)}`],
  ["a run of stops", `will ${".".repeat(100000)}`],
  ["a short word per line", `will\n${"word\n".repeat(20000)}`],
  ["'no is planned' on one line", "no is planned ".repeat(7200)],
];

function timeMs(texts: readonly string[]): number {
  const started = performance.now();
  for (const text of texts) findCandidates(text);
  return performance.now() - started;
}

function main(o: Parsed<typeof OPTIONS>): void {
  const corpus = readCorpus().flatMap((f) => f.comments.map((c) => c.text));
  const corpusKb = corpus.reduce((n, t) => n + t.length, 0) / 1000;
  const perKb = (ms: number, kb: number): string => `${((ms / kb) * 1000).toFixed(0)} µs/kB`;
  const corpusMs = median(Array.from({ length: o.runs }, () => timeMs(corpus)));
  console.log(
    `real comments (${corpus.length}, ${corpusKb.toFixed(0)} kB): ${corpusMs.toFixed(0)} ms, ${perKb(corpusMs, corpusKb)}`,
  );
  for (const [name, text] of HOSTILE) {
    const ms = median(Array.from({ length: o.runs }, () => timeMs([text])));
    console.log(
      `${name} (${(text.length / 1000).toFixed(0)} kB): ${ms.toFixed(0)} ms, ${perKb(ms, text.length / 1000)}`,
    );
  }
  const { cores, node } = machine();
  console.log(`(${cores} cores, node ${node}; median of ${o.runs} runs)`);
}

if (require.main === module) {
  const options = benchArgs(USAGE, { whole: OPTIONS });
  if (options) run(() => main(options));
}
