// Measures the speculation detector. First, comment level on the corpus of real threads in
// test/fixtures/speculation-corpus/ (a comment is flagged when findCandidates finds any candidate
// in it): precision and recall per file and pooled, for the development half (files before
// FIRST_HELD_OUT, tuned on) and the held-out half (the latest round, only measured). Then, sentence level, on the
// older hand-labelled fixtures in test/fixtures/speculation/.
// `--details` lists the development half's misses and false alarms; `--details=all` lists the
// held-out half's too (look only after tuning is done). The unit tests import the same functions,
// so the numbers printed are the numbers asserted.
import fs from "node:fs";
import path from "node:path";
import { analyseSentence, findCandidates, splitSentences } from "../server/domain/speculation";
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
  const flags = labelled.map((l) => ({ ...l, flagged: analyseSentence(l.sentence).forecast }));
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
    const flagged = analyseSentence(l.sentence).forecast;
    if (flagged !== l.speculative) console.log(`  ${flagged ? "false alarm" : "missed     "}  ${l.sentence}`);
  }
}

// --- The corpus of real threads, at comment level -------------------------------------------------

export const CORPUS_DIR = "test/fixtures/speculation-corpus";

export type Half = "dev" | "held-out";

export interface CorpusComment {
  text: string;
  speculative: boolean;
  url?: string;
}

export interface CorpusFile {
  /** File name, e.g. "02-issues-release-eta.json". */
  name: string;
  half: Half;
  source: string;
  url: string;
  comments: CorpusComment[];
}

/**
 * The first file number of the held-out half. Files 01–27 were the first corpus (odd files tuned
 * on, even files measured); once the even files' errors had been read they were tuned on too, so
 * they joined the development half. Since then each round of files, labelled by people who never
 * saw the detector and committed before it ran on them, was measured once as the held-out half and
 * then tuned on or studied, joining the development half when the next round came: the held-out
 * half is the latest round (round 6, files 170 on).
 */
export const FIRST_HELD_OUT = 170;

/** The split by file number, fixed before the detector ran on the held-out files. */
export function halfOf(name: string): Half {
  const digits = /^(\d{2,3})-/.exec(name)?.[1];
  if (digits === undefined) throw new Error(`${name}: corpus files are named NN-name.json or NNN-name.json`);
  const n = Number.parseInt(digits, 10);
  return n < FIRST_HELD_OUT ? "dev" : "held-out";
}

export function readCorpus(root: string = repoRoot()): CorpusFile[] {
  const dir = path.join(root, CORPUS_DIR);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((name) => {
      const data = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as Omit<CorpusFile, "name" | "half">;
      return { name, half: halfOf(name), source: data.source, url: data.url, comments: data.comments };
    });
}

export interface CommentScore {
  comments: number;
  speculative: number;
  flagged: number;
  truePositives: number;
  /** Of the flagged comments, the share labelled speculative (1 when nothing is flagged). */
  precision: number;
  /** Of the speculative comments, the share flagged (1 when none is speculative). */
  recall: number;
}

export const isFlagged = (text: string): boolean => findCandidates(text).length > 0;

export function scoreComments(comments: readonly CorpusComment[]): CommentScore {
  const flags = comments.map((c) => ({ speculative: c.speculative, flagged: isFlagged(c.text) }));
  const truePositives = flags.filter((f) => f.flagged && f.speculative).length;
  const flagged = flags.filter((f) => f.flagged).length;
  const speculative = flags.filter((f) => f.speculative).length;
  return {
    comments: comments.length,
    speculative,
    flagged,
    truePositives,
    precision: flagged === 0 ? 1 : truePositives / flagged,
    recall: speculative === 0 ? 1 : truePositives / speculative,
  };
}

/** Pooled over every comment of the half's files. */
export function scoreHalf(files: readonly CorpusFile[], half: Half): CommentScore {
  return scoreComments(files.filter((f) => f.half === half).flatMap((f) => f.comments));
}

export interface Agreement {
  comments: number;
  agree: number;
  /** Cohen's kappa: agreement beyond what the two labellers' rates of "speculative" give by chance. */
  kappa: number;
}

/** How often two labellings of the same comments agree, and Cohen's kappa. */
export function agreement(first: readonly boolean[], second: readonly boolean[]): Agreement {
  if (first.length !== second.length || first.length === 0) throw new Error("two labellings of the same comments");
  const n = first.length;
  const agree = first.filter((a, i) => a === second[i]).length;
  const rate = (labels: readonly boolean[]): number => labels.filter(Boolean).length / n;
  const chance = rate(first) * rate(second) + (1 - rate(first)) * (1 - rate(second));
  const observed = agree / n;
  return { comments: n, agree, kappa: chance === 1 ? 1 : (observed - chance) / (1 - chance) };
}

export const SECOND_LABELS = "test/fixtures/speculation-agreement/round3-second-labels.json";

/** The corpus's labels beside a second, blind labelling keyed "FILE-INDEX" (file number, comment index). */
export function secondLabelling(files: readonly CorpusFile[], root: string = repoRoot()): Agreement {
  const second = JSON.parse(fs.readFileSync(path.join(root, SECOND_LABELS), "utf8")) as Record<string, boolean>;
  const pairs = files.flatMap((f) =>
    f.comments.flatMap((c, i) => {
      const other = second[`${f.name.slice(0, f.name.indexOf("-"))}-${i}`];
      return other === undefined ? [] : [[c.speculative, other] as const];
    }),
  );
  if (pairs.length !== Object.keys(second).length) throw new Error(`${SECOND_LABELS}: keys that name no comment`);
  return agreement(
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  );
}

function commentRow(name: string, s: CommentScore): string {
  const fp = s.flagged - s.truePositives;
  const fn = s.speculative - s.truePositives;
  const cells = [s.comments, s.speculative, s.flagged, s.truePositives, fp, fn];
  return [
    name.padEnd(46),
    ...cells.map((c) => String(c).padStart(6)),
    s.precision.toFixed(2).padStart(10),
    s.recall.toFixed(2).padStart(8),
  ].join("");
}

function printCorpus(args: readonly string[]): void {
  const files = readCorpus();
  const header = [
    "file".padEnd(46),
    ...["n", "spec", "flag", "TP", "FP", "FN"].map((h) => h.padStart(6)),
    "precision".padStart(10),
    "recall".padStart(8),
  ];
  for (const half of ["dev", "held-out"] as const) {
    console.log(`\n${half === "dev" ? "Development half (tuned on)" : "Held-out half (measured only)"}, comment level`);
    console.log(header.join(""));
    for (const f of files.filter((file) => file.half === half)) {
      console.log(commentRow(f.name, scoreComments(f.comments)));
      const show = args.includes("--details=all") || (half === "dev" && args.includes("--details"));
      if (!show) continue;
      for (const c of f.comments) {
        const flagged = isFlagged(c.text);
        if (flagged === c.speculative) continue;
        console.log(`    ${flagged ? "false alarm" : "missed     "}  ${c.text.replace(/\s+/g, " ").slice(0, 160)}`);
      }
    }
    console.log(commentRow(`pooled (${half})`, scoreHalf(files, half)));
  }
  const a = secondLabelling(files);
  console.log(
    `\nA second, blind labelling (${SECOND_LABELS}): ${a.agree} of ${a.comments} comments agree, Cohen's kappa ${a.kappa.toFixed(2)}`,
  );
  console.log("");
}

function main(args: readonly string[]): void {
  printCorpus(args);
  console.log("Older fixtures, sentence level");
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
