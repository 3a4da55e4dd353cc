// Finds sentences in comments that speculate about the future and suggests a probability for
// each, from one documented table of hedges. Suggestions only: an editor attaches a candidate to
// a claim with a stance or dismisses it; nothing here becomes a forecast on its own.
//
// A sentence is a candidate only when it has at least one cue from HEDGE_TABLE that is asserted:
// cues inside a question, a hope or wish, an embedded question ("I don't know if …", "whether …")
// or a guess about the present ("there are probably …") do not count, and neither does a lone
// "if" (a condition or a request, not a forecast). Negations and hedges attach to the verb they
// govern ("I don't think it will …" is low, "not possible" is low, not a hedge). So jokes,
// greetings, questions, requests and counterfactuals about the writer ("If I were a CEO I would …")
// are not candidates, and neither are guesses about the past ("could have been").
//
// Sentences come from compromise's sentence tokenizer, after soft line breaks are unwrapped: a
// comment wrapped over two lines ("I don't think such a low volume client / will be affected
// much.") is one sentence.
//
// The detector lives in speculation/, one idea a module: hedge-table.ts (the cues), cues.ts (finding
// them, linearly), markers.ts (what governs a cue), analysis.ts (one sentence, phase by phase),
// suggestion.ts (combining cues into a probability), sentences.ts (cutting a comment into
// sentences). This module is the entry point and keeps the names every importer uses.
import { analyseSentence } from "./speculation/analysis";
import { ANY_CUE_IN_BODY } from "./speculation/cues";
import { splitSentences } from "./speculation/sentences";
import type { Suggestion } from "./speculation/suggestion";

export { analyseSentence, suggestProbability, type NotForecast, type SentenceAnalysis } from "./speculation/analysis";
export { withoutScanningLookarounds } from "./speculation/cues";
export { HEDGE_TABLE, hedgeTableMarkdown, type HedgeKind, type HedgeRule } from "./speculation/hedge-table";
export { MAX_SENTENCE_CHARS, splitSentences, unwrapLines } from "./speculation/sentences";
export type { Suggestion } from "./speculation/suggestion";

export interface Candidate extends Suggestion {
  sentence: string;
  /** 0-based position of the sentence in splitSentences(body). */
  index: number;
}

/** The sentences of a body that speculate, each with its suggestion. */
export function findCandidates(body: string): Candidate[] {
  // Most comments have no cue at all: they are turned away before the (slower) tokenizer runs.
  if (!ANY_CUE_IN_BODY.test(body.replace(/[‘’]/g, "'").replace(/\s+/g, " "))) return [];
  return splitSentences(body).flatMap((sentence, index) => {
    const { suggestion, forecast } = analyseSentence(sentence);
    return suggestion && forecast ? [{ ...suggestion, sentence, index }] : [];
  });
}
