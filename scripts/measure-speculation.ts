// Measures the speculation detector against the labelled fixtures in test/fixtures/speculation/
// and prints precision and recall per fixture. `--details` also lists misses and false alarms.
// The unit tests import the same functions, so the numbers printed are the numbers asserted.
import fs from "node:fs";
import path from "node:path";
import { suggestProbability, splitSentences } from "../server/domain/speculation";
import { parseThread } from "../server/domain/thread-parser";

export interface LabelledSentence {
  sentence: string;
  speculative: boolean;
}

export interface DetectorScore {
  sentences: number;
  speculative: number;
  flagged: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Of the flagged sentences, the share labelled speculative (1 when nothing is flagged). */
  precision: number;
  /** Of the speculative sentences, the share flagged (1 when none is speculative). */
  recall: number;
}

export interface Fixture {
  name: string;
  /** Paths relative to the repository root. */
  thread: string;
  labels: string;
}

export const FIXTURES: readonly Fixture[] = [
  {
    name: "2014 seed thread",
    thread: "db/seed-data/2014-rumor-thread.txt",
    labels: "test/fixtures/speculation/2014-rumor-thread.labels.txt",
  },
  {
    name: "2016 written thread",
    thread: "test/fixtures/speculation/2016-office-thread.txt",
    labels: "test/fixtures/speculation/2016-office-thread.labels.txt",
  },
];

/** The repository root: the nearest folder upwards holding package.json (works from dist/ too). */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** `+ sentence` / `- sentence` lines; `#` notes and blank lines are ignored. */
export function readLabels(text: string): LabelledSentence[] {
  return text
    .split(/\r?\n/)
    .filter((line) => /^[+-] /.test(line))
    .map((line) => ({ sentence: line.slice(2).trim(), speculative: line.startsWith("+") }));
}

/** Every sentence of a thread in the order the labels list them: article, then comments. */
export function threadSentences(raw: string): string[] {
  const thread = parseThread(raw);
  return [thread.body, ...thread.comments.map((c) => c.body)].flatMap(splitSentences);
}

export function scoreDetector(labelled: readonly LabelledSentence[]): DetectorScore {
  const flags = labelled.map((l) => ({ ...l, flagged: suggestProbability(l.sentence) !== null }));
  const truePositives = flags.filter((f) => f.flagged && f.speculative).length;
  const flagged = flags.filter((f) => f.flagged).length;
  const speculative = flags.filter((f) => f.speculative).length;
  return {
    sentences: labelled.length,
    speculative,
    flagged,
    truePositives,
    falsePositives: flagged - truePositives,
    falseNegatives: speculative - truePositives,
    precision: flagged === 0 ? 1 : truePositives / flagged,
    recall: speculative === 0 ? 1 : truePositives / speculative,
  };
}

export interface Measured {
  fixture: Fixture;
  labelled: LabelledSentence[];
  /** The thread's sentences as the splitter sees them; the labels must list exactly these. */
  sentences: string[];
  score: DetectorScore;
}

export function measureFixture(fixture: Fixture, root: string = repoRoot()): Measured {
  const labelled = readLabels(fs.readFileSync(path.join(root, fixture.labels), "utf8"));
  const sentences = threadSentences(fs.readFileSync(path.join(root, fixture.thread), "utf8"));
  return { fixture, labelled, sentences, score: scoreDetector(labelled) };
}

function row(cells: readonly (string | number)[]): string {
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(22) : String(c).padStart(10))).join("");
}

function printDetails(m: Measured): void {
  for (const l of m.labelled) {
    const flagged = suggestProbability(l.sentence) !== null;
    if (flagged !== l.speculative) console.log(`  ${flagged ? "false alarm" : "missed     "}  ${l.sentence}`);
  }
}

function main(args: readonly string[]): void {
  const measured = FIXTURES.map((f) => measureFixture(f));
  console.log(row(["fixture", "sentences", "labelled+", "flagged", "TP", "FP", "FN", "precision", "recall"]));
  for (const m of measured) {
    const s = m.score;
    const cells = [s.sentences, s.speculative, s.flagged, s.truePositives, s.falsePositives, s.falseNegatives];
    console.log(row([m.fixture.name, ...cells, s.precision.toFixed(2), s.recall.toFixed(2)]));
    if (m.sentences.join("\n") !== m.labelled.map((l) => l.sentence).join("\n")) {
      console.log(`  warning: ${m.fixture.labels} does not list the thread's sentences exactly`);
    }
    if (args.includes("--details")) printDetails(m);
  }
}

if (require.main === module) main(process.argv.slice(2));
