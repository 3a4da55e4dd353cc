// How the cues of a sentence combine into one suggested probability.
import type { Found } from "./cues";
import type { HedgeKind, HedgeRule } from "./hedge-table";

export interface Suggestion {
  /** Suggested chance that the speculated thing happens, rounded to 2 decimals. */
  probability: number;
  /** Cues found, in order of appearance. */
  cues: string[];
  negated: boolean;
  question: boolean;
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
  if (modifier) return negation && modifier.kind !== "doubt" ? 1 - modifier.probability : modifier.probability;
  if (negation) return negation.probability;
  return mostConfident(found.filter((r) => r.kind === "future"))?.probability ?? 0.5;
}

const round2 = (p: number): number => Math.round(p * 100) / 100;

/** Doubts that are a negation governing the verb after them ("I don't think it will …"). */
const NEGATED_STANCES: ReadonlySet<string> = new Set(["I don't think"]);

/** The suggestion from the cues given: 0.5 for a question, unless a cue presumes the outcome. */
export const suggestionOf = (cues: readonly Found[], asked: boolean, presumed = false): Suggestion => ({
  probability: round2(asked && !presumed ? 0.5 : combine(cues.map((f) => f.rule))),
  cues: [...new Set(cues.map((f) => f.rule.cue))],
  negated: cues.some((f) => f.rule.kind === "negation" || NEGATED_STANCES.has(f.rule.cue)),
  question: asked,
});
