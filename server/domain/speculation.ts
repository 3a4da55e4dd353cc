// Finds sentences in comments that speculate about the future and suggests a probability for
// each, from one documented table of hedges. Suggestions only: an editor attaches a candidate to
// a claim with a stance or dismisses it; nothing here becomes a forecast on its own.
//
// A sentence is a candidate only when it has at least one cue from HEDGE_TABLE. So jokes,
// greetings, off-topic remarks and bare questions ("Why ?") are never candidates, and neither are
// counterfactuals about the writer ("If I were a CEO I would …") or guesses about the past
// ("could have been"), which the patterns exclude.

export type HedgeKind = "certain" | "future" | "likely" | "outlook" | "hedge" | "conditional" | "doubt" | "negation";

export interface HedgeRule {
  cue: string;
  /** Matched against the sentence with curly apostrophes straightened. Never global (/g). */
  pattern: RegExp;
  /** Chance the speculated thing happens when this cue decides the suggestion. */
  probability: number;
  kind: HedgeKind;
  note: string;
}

// Modal guesses about the past ("might have been", "could have declined") are not forecasts.
// A regular past participle ends in "-ed" after a non-"e" letter, so "might have need of" counts.
const PAST_PARTICIPLES = [
  "been",
  "had",
  "done",
  "gone",
  "made",
  "known",
  "seen",
  "said",
  "taken",
  "got",
  "gotten",
  "come",
  "bought",
  "thought",
  "sold",
  "lost",
  "won",
  "told",
  "kept",
  "held",
  "brought",
  "paid",
  "built",
  "sent",
  "spent",
  "found",
  "given",
  String.raw`\w*[^\We]ed`,
];
const NOT_PAST = String.raw`(?!(?:\s+not)?\s+have\s+(?:${PAST_PARTICIPLES.join("|")})\b)`;
const rule = (cue: string, pattern: RegExp, probability: number, kind: HedgeKind, note: string): HedgeRule => ({
  cue,
  pattern,
  probability,
  kind,
  note,
});

/** The one table of hedges. The README prints it with hedgeTableMarkdown(). */
export const HEDGE_TABLE: readonly HedgeRule[] = [
  rule("for sure", /\bfor sure\b/i, 0.9, "certain", "stated as settled"),
  rule("definitely", /\bdefinitely\b/i, 0.9, "certain", "stated as settled"),
  rule("certainly", /\bcertainly\b/i, 0.9, "certain", "stated as settled"),
  rule("no doubt", /\bno doubt\b/i, 0.9, "certain", "stated as settled"),
  rule("mark my words", /\bmark my words\b/i, 0.9, "certain", "stated as settled"),
  rule(
    "I bet",
    /\bI(?:'d| would)? (?:bet|put money on)\b/i,
    0.8,
    "certain",
    "confident, but a wager (also 'I'd put money on it')",
  ),
  rule(
    "a matter of time",
    /\b(?:a|only|just) matter of time\b/i,
    0.8,
    "certain",
    "it will happen, the question is when",
  ),
  rule(
    "will",
    /(?<!\b(?:free|good|ill|political|the|own|my|your|his|her|their) )\bwill\b/i,
    0.75,
    "future",
    "plain prediction; not 'free will'",
  ),
  rule("'ll", /\b\w+'ll\b/i, 0.75, "future", "plain prediction (they'll, it'll)"),
  rule(
    "going to",
    /(?<!\b(?:was|were) )\bgoing to\b(?!\s+(?:the|a|an|my|your|his|her|its|our|their|this|that|these|those)\b)/i,
    0.75,
    "future",
    "not 'going to the …' (a trip), not 'was going to' (the past)",
  ),
  rule("gonna", /\bgonna\b/i, 0.75, "future", "plain prediction"),
  rule("planning to", /\bplanning to\b/i, 0.75, "future", "an intention attributed to someone"),
  rule("plans to", /\bplans to\b/i, 0.75, "future", "an intention attributed to someone"),
  rule("about to", /\babout to\b/i, 0.75, "future", "imminent"),
  rule("just wait", /\bjust wait (?:until|till|for)\b/i, 0.75, "future", "'just wait until you see …'"),
  rule("probably", /\bprobably\b/i, 0.7, "likely", "more likely than not"),
  rule("likely", /\blikely\b/i, 0.7, "likely", "more likely than not; 'unlikely' is a doubt"),
  rule(
    "I reckon",
    /\bI (?:reckon|expect|predict)\b/i,
    0.7,
    "likely",
    "a stated expectation (also 'I expect', 'I predict')",
  ),
  rule("odds are", /\bodds are\b(?!\s+(?:slim|low|small|against))/i, 0.7, "likely", "not 'odds are slim'"),
  rule(
    "the future looks good",
    /\bfuture (?:looks|is looking|seems) (?:very |really )?(?:good|bright|great|promising)\b/i,
    0.65,
    "outlook",
    "optimism, not a specific prediction",
  ),
  rule("maybe", /\bmaybe\b/i, 0.6, "hedge", "raises the possibility"),
  rule("perhaps", /\bperhaps\b/i, 0.6, "hedge", "raises the possibility"),
  rule("might", new RegExp(String.raw`\bmight\b${NOT_PAST}`, "i"), 0.6, "hedge", "not 'might have been' (the past)"),
  rule("possibly", /\bpossibly\b/i, 0.6, "hedge", "raises the possibility"),
  rule("possible", /(?<!\bas )\bpossible\b/i, 0.6, "hedge", "not 'as soon as possible'"),
  rule("could", new RegExp(String.raw`\bcould\b${NOT_PAST}`, "i"), 0.6, "hedge", "not 'could have been' (the past)"),
  rule(
    "if … (then)",
    /(?<!\bas )\bif\b(?!\s+(?:I|we)\s+(?:were|was|had been)\b)/i,
    0.5,
    "conditional",
    "poses the possibility without a stance; not 'if I were …'",
  ),
  rule("I doubt", /\bI (?:really |seriously |highly )?doubt\b/i, 0.3, "doubt", "leans against"),
  rule("unlikely", /\bunlikely\b/i, 0.3, "doubt", "leans against"),
  rule("don't tell me", /\bdon't tell me\b/i, 0.3, "doubt", "incredulous: leans against"),
  rule(
    "slim odds",
    /\bodds\b.{0,60}\b(?:slim|low|small|against|close to zero|zero)\b/i,
    0.2,
    "doubt",
    "'the odds of … are close to zero'",
  ),
  rule("won't", /\bwon't\b/i, 0.25, "negation", "predicts it does not happen"),
  rule("will not", /\bwill not\b/i, 0.25, "negation", "predicts it does not happen"),
  rule("not going to", /(?:\bnot|n't) (?:going to|gonna)\b/i, 0.25, "negation", "predicts it does not happen"),
  rule(
    "never",
    /\bnever\b(?!\s+(?:had|has|have|did|was|were|been|thought|said|\w*[^\We]ed)\b)/i,
    0.1,
    "negation",
    "emphatic; not 'never liked' (the past)",
  ),
  rule("not happening", /\bnot (?:happening|gonna happen|going to happen)\b/i, 0.1, "negation", "emphatic"),
  rule("no way", /\bno way\b/i, 0.1, "negation", "emphatic"),
  rule("no chance", /\bno chance\b/i, 0.1, "negation", "emphatic"),
];

export interface Suggestion {
  /** Suggested chance that the speculated thing happens, rounded to 2 decimals. */
  probability: number;
  /** Cues found, in order of appearance. */
  cues: string[];
  negated: boolean;
  question: boolean;
}

export interface Candidate extends Suggestion {
  sentence: string;
  /** 0-based position of the sentence in splitSentences(body). */
  index: number;
}

// Cues that say how sure the writer is. "will"/"going to" only mark a prediction: when a hedge is
// present it is the hedge that counts ("maybe they will" is 0.6, "I doubt they will" 0.3).
const MODIFIERS: ReadonlySet<HedgeKind> = new Set(["certain", "likely", "outlook", "hedge", "doubt"]);

function mostConfident(rules: readonly HedgeRule[]): HedgeRule | undefined {
  return rules.reduce<HedgeRule | undefined>(
    (best, r) => (best === undefined || Math.abs(r.probability - 0.5) > Math.abs(best.probability - 0.5) ? r : best),
    undefined,
  );
}

/**
 * Combination, in order: the most confident modifier (largest |p − 0.5|), flipped to 1 − p when
 * the sentence is negated ("probably won't" 0.3); else the strongest negation's own value
 * ("won't" 0.25, "will never" 0.1); else a plain prediction (0.75); else a conditional (0.5).
 */
function combine(found: readonly HedgeRule[]): number {
  const negation = mostConfident(found.filter((r) => r.kind === "negation"));
  const modifier = mostConfident(found.filter((r) => MODIFIERS.has(r.kind)));
  if (modifier) return negation ? 1 - modifier.probability : modifier.probability;
  if (negation) return negation.probability;
  return mostConfident(found.filter((r) => r.kind === "future"))?.probability ?? 0.5;
}

const round2 = (p: number): number => Math.round(p * 100) / 100;

// Every cue in one pattern: most sentences have none, and one search turns them away instead of one
// search per rule (a 100,000-comment import spends a third less time here). Built from the table,
// so it cannot drift from it; the rules carry only the "i" flag, which a unit test checks.
const ANY_CUE = new RegExp(HEDGE_TABLE.map((r) => `(?:${r.pattern.source})`).join("|"), "i");

/**
 * The suggestion for one sentence, or null when it has no cue (not speculation). A question
 * with a cue suggests 0.5: the writer asks, and does not assert.
 */
export function suggestProbability(sentence: string): Suggestion | null {
  const text = sentence.replace(/[‘’]/g, "'");
  if (!ANY_CUE.test(text)) return null;
  const found = HEDGE_TABLE.map((r) => ({ r, at: text.search(r.pattern) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at)
    .map(({ r }) => r);
  if (found.length === 0) return null;
  const question = /\?[\s"'”)\]]*$/.test(text);
  return {
    probability: round2(question ? 0.5 : combine(found)),
    cues: [...new Set(found.map((r) => r.cue))],
    negated: found.some((r) => r.kind === "negation"),
    question,
  };
}

// Words whose final period does not end a sentence.
const ABBREVIATION = /\b(?:mr|mrs|ms|dr|st|vs|etc|e\.g|i\.e|approx|inc|ltd|co)\.$/i;
const TERMINATOR = /[.!?…]+["'”’)\]]*(?=\s|$)|[。！？]+/gu;

/** True when the text after a terminator starts a new sentence. */
function endsSentence(terminator: string, before: string, after: string): boolean {
  if (/[!?。！？]/u.test(terminator)) return true;
  // Abbreviations, and list markers at the start of a line ("1. Office on every phone").
  if (ABBREVIATION.test(before) || /^\s*\d{1,3}\.$/.test(before)) return false;
  // "kill it off ... just like" and "I... think..." run on: a lower-case word continues.
  return !/^\s*\p{Ll}/u.test(after);
}

/** Sentences of a body, trimmed, in order; lines and paragraphs always end a sentence. */
export function splitSentences(body: string): string[] {
  const sentences: string[] = [];
  for (const line of body.split(/\n+/)) {
    let start = 0;
    for (const match of line.matchAll(TERMINATOR)) {
      const end = match.index + match[0].length;
      if (endsSentence(match[0], line.slice(start, end), line.slice(end))) {
        sentences.push(line.slice(start, end).trim());
        start = end;
      }
    }
    sentences.push(line.slice(start).trim());
  }
  return sentences.filter((s) => s !== "");
}

/** The sentences of a body that speculate, each with its suggestion. */
export function findCandidates(body: string): Candidate[] {
  return splitSentences(body).flatMap((sentence, index) => {
    const suggestion = suggestProbability(sentence);
    return suggestion ? [{ ...suggestion, sentence, index }] : [];
  });
}

/** The hedge table and its combination rules as markdown, for the README. */
export function hedgeTableMarkdown(): string {
  const rows = HEDGE_TABLE.map((r) => `| ${r.cue} | ${r.kind} | ${r.probability.toFixed(2)} | ${r.note} |`);
  return [
    "| cue | kind | probability | note |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
    "- A sentence with no cue is not a candidate.",
    "- Hedges (certain, likely, outlook, hedge, doubt) decide: the most confident one, i.e. the largest |p − 0.5|.",
    '- A negation flips that hedge to 1 − p ("probably won\'t" → 0.30); with no hedge, the negation\'s own value counts ("won\'t" 0.25, "will never" 0.10).',
    "- Otherwise a plain prediction (will, going to, …) gives 0.75, and a lone conditional 0.50.",
    "- A question with any cue gives 0.50: the writer asks, and does not assert.",
    "- Probabilities are rounded to 2 decimals.",
  ].join("\n");
}
