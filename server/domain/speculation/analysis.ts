// Whether one sentence is a forecast: its cues, less the ones that are not asserted.
import { ANY_CUE, EVERY_MATCH, type Found } from "./cues";
import { HEDGE_TABLE } from "./hedge-table";
import {
  ADVICE_STANCE,
  ASKS_OPINION,
  clausesLookingAhead,
  contrastAfter,
  EMBEDDED_QUESTION,
  ENDS_WITH_QUESTION,
  FUTURE_MARKER_NO_WILL,
  FUTURE_TENSE,
  GENERIC_OPENING,
  genericYou,
  globalOf,
  HOPE,
  ifClauses,
  ifThenForecast,
  IMPERATIVE,
  isTagQuestion,
  JUDGED,
  KEEP_INFORMED,
  LIKELY_NOW,
  MODAL_JUDGEMENT,
  MODAL_NOW,
  MODALS,
  nearPresentVerb,
  OPENS_AS_QUESTION,
  OWN_IMMINENT,
  OWN_STEP,
  PAST_BELIEF,
  PAST_MARKER,
  POSSIBLE_NOW,
  READERS_REACT,
  REFUSAL,
  REFUSAL_SEEN,
  type Span,
  spanOf,
  STANCES,
  UNREAL_CONDITION,
  withoutAside,
  YOU_HAVE_TO,
  YOU_WILL,
} from "./markers";
import { combine, NEGATED_STANCES, round2, type Suggestion } from "./suggestion";

/** Why a sentence with cues is not a forecast; null when it is one. */
export type NotForecast = "question" | "hope" | "embedded question" | "condition or request" | "present guess" | null;

export interface SentenceAnalysis {
  /**
   * What an editor starts from if they take the sentence as a forecast: from the asserted cues when
   * it is one, else from every cue found (a question's is 0.50). Null when the sentence has no cue.
   */
  suggestion: Suggestion | null;
  /** True when the sentence is a candidate: findCandidates returns exactly these. */
  forecast: boolean;
  /** Why it is not, when it has cues but is not a forecast. */
  reason: NotForecast;
}

/** Drops the cues governed by a marker (a hope, an embedded question) up to the next contrast. */
function dropGoverned(text: string, found: Found[], marker: RegExp): Found[] {
  const spans = [...text.matchAll(globalOf(marker))].map((m): [number, number] => [
    m.index,
    contrastAfter(text, m.index),
  ]);
  return found.filter(
    (f) => f.rule.survivesQuestion === true || spans.every(([from, to]) => f.at < from || f.at >= to),
  );
}

/**
 * The suggestion for one sentence, and whether it is a forecast. A sentence with no cue has no
 * suggestion. A question with a cue keeps a suggestion of 0.5 (the writer asks, and does not
 * assert) but is no forecast, unless its cue presumes the outcome ("how long before …?").
 */
export function analyseSentence(sentence: string): SentenceAnalysis {
  const text = sentence.replace(/[‘’]/g, "'").trim();
  const none: SentenceAnalysis = { suggestion: null, forecast: false, reason: null };
  if (!ANY_CUE.test(text)) return none;
  const all: Found[] = HEDGE_TABLE.flatMap((rule, i) =>
    rule.pattern.test(text)
      ? [...text.matchAll(EVERY_MATCH[i] as RegExp)].map((m) => ({ rule, at: m.index, end: m.index + m[0].length }))
      : [],
  ).sort((a, b) => a.at - b.at);
  if (all.length === 0) return none;
  let found = all;
  const question =
    (ENDS_WITH_QUESTION.test(withoutAside(text)) && !isTagQuestion(text)) ||
    OPENS_AS_QUESTION.test(text) ||
    ASKS_OPINION.test(text);
  const suggestionOf = (cues: readonly Found[], asked: boolean, presumed = false): Suggestion => ({
    probability: round2(asked && !presumed ? 0.5 : combine(cues.map((f) => f.rule))),
    cues: [...new Set(cues.map((f) => f.rule.cue))],
    negated: cues.some((f) => f.rule.kind === "negation" || NEGATED_STANCES.has(f.rule.cue)),
    question: asked,
  });
  if (question) {
    const presumed = found.some((f) => f.rule.survivesQuestion === true);
    return {
      suggestion: suggestionOf(found, true, presumed),
      forecast: presumed,
      reason: presumed ? null : "question",
    };
  }
  let reason: NotForecast = null;
  const step = (next: Found[], why: NotForecast): void => {
    if (next.length < found.length && reason === null) reason = why;
    found = next;
  };
  step(dropGoverned(text, found, HOPE), "hope");
  step(dropGoverned(text, found, EMBEDDED_QUESTION), "embedded question");
  if (UNREAL_CONDITION.test(text)) {
    step(
      found.filter((f) => f.rule.kind !== "hedge" && f.rule.kind !== "conditional"),
      "condition or request",
    );
  }
  const within = (f: Found, span: Span | null): boolean => span !== null && f.at >= span.index && f.at < span.end;
  /** Drops the cues inside what a marker found (a match or a span), for the reason given. */
  const dropWithin = (m: RegExpExecArray | Span | null, why: NotForecast): void => {
    const span = m === null || "end" in m ? m : spanOf(m);
    if (span !== null)
      step(
        found.filter((f) => !within(f, span)),
        why,
      );
  };
  dropWithin(ADVICE_STANCE.exec(text), "present guess");
  dropWithin(genericYou(text), "condition or request");
  dropWithin(YOU_HAVE_TO.exec(text), "condition or request");
  const you = YOU_WILL.exec(text);
  if (you && /\b(?:if|once)\b/i.test(text.slice(0, you.index))) {
    const end = you.index + you[0].length;
    step(
      found.filter((f) => (f.at < you.index || f.at >= end) && f.rule.kind !== "conditional"),
      "condition or request",
    );
  }
  for (const marker of [OWN_IMMINENT, READERS_REACT, KEEP_INFORMED])
    dropWithin(marker.exec(text), "condition or request");
  if (REFUSAL_SEEN.test(text) && !FUTURE_MARKER_NO_WILL.test(text)) dropWithin(REFUSAL.exec(text), "present guess");
  // A hedge inside a condition is part of what is supposed, not a stance: "if you are planning on
  // merging …". A future tense there can be the main clause's, when no comma closes the condition.
  const conditions = ifClauses(text);
  step(
    found.filter(
      (f) =>
        f.rule.kind === "conditional" ||
        FUTURE_TENSE.has(f.rule.cue) ||
        !conditions.some(([from, to]) => f.at > from && f.at < to),
    ),
    "condition or request",
  );
  if (GENERIC_OPENING.test(text))
    step(
      found.filter((f) => f.rule.kind !== "hedge" && f.rule.kind !== "conditional"),
      "present guess",
    );
  const belief = PAST_BELIEF.exec(text);
  dropWithin(belief, "present guess");
  const own = OWN_STEP.exec(text);
  if (own) {
    const end = own.index + own[0].length;
    step(
      found.filter((f) => (f.at < own.index || f.at >= end) && f.rule.kind !== "conditional"),
      "condition or request",
    );
  }
  const judgement = MODAL_JUDGEMENT.exec(text);
  if (judgement)
    step(
      found.filter((f) => !JUDGED.has(f.rule.cue) && f.rule.cue !== "a date ahead" && !within(f, spanOf(judgement))),
      "present guess",
    );
  // A date ahead in a sentence about the past ("released this week") is no forecast, nor is
  // "could" there, the past of "can" ("Apple did not notice it could simulate …").
  if (PAST_MARKER.test(text))
    step(
      found.filter(
        (f) => f.rule.cue !== "a date ahead" && !(f.rule.cue === "could" && !FUTURE_MARKER_NO_WILL.test(text)),
      ),
      "present guess",
    );
  // "Let me inform you soon": the writer's promise to report, not an outcome.
  if (/^let (?:me|us)\b/i.test(text))
    step(
      found.filter((f) => f.rule.kind !== "future"),
      "condition or request",
    );
  // An instruction or request: its hedges and conditions soften the request, they forecast nothing.
  if (IMPERATIVE.test(text)) {
    step(
      found.filter((f) => f.rule.kind !== "hedge" && f.rule.kind !== "conditional"),
      "condition or request",
    );
  }
  // A stance on a present or past verb is a guess about now, unless its clause looks ahead: "it was
  // probably introduced in 1.6.0 - I'm going to need time" guesses about the past. A future tense
  // inside a belief reported in the past does not look ahead for the writer.
  const masked = belief
    ? text.slice(0, belief.index) + " ".repeat(belief[0].length) + text.slice(belief.index + belief[0].length)
    : text;
  const modalNow = MODAL_NOW.test(text);
  const clauses = clausesLookingAhead(masked);
  step(
    found.filter((f) => {
      if (clauses.some(([from, to, ahead]) => ahead && f.at >= from && f.at < to)) return true;
      if (STANCES.has(f.rule.cue) && !/^\s+to\b/i.test(text.slice(f.end)) && nearPresentVerb(text, f.at, f.end))
        return false;
      if (modalNow && MODALS.has(f.rule.cue)) return false;
      if (f.rule.cue === "possible" && POSSIBLE_NOW.test(text)) return false;
      return !(f.rule.cue === "likely" && LIKELY_NOW.test(text.slice(f.end)));
    }),
    "present guess",
  );
  // A lone "if" poses a condition, asks ("if the same issue persists") or requests ("if you want
  // …, please …"): a forecast needs something asserted about the outcome, or "if … then".
  if (found.every((f) => f.rule.kind === "conditional") && !ifThenForecast(text)) {
    if (found.length > 0 && reason === null) reason = "condition or request";
    found = [];
  }
  if (found.length === 0) return { suggestion: suggestionOf(all, false), forecast: false, reason };
  return { suggestion: suggestionOf(found, false), forecast: true, reason: null };
}

/**
 * The suggestion for one sentence, or null when it has no cue at all. A question with a cue
 * suggests 0.5: the writer asks, and does not assert. Whether the sentence is a candidate (a
 * forecast, not a hope, a request or a question) is analyseSentence's `forecast`.
 */
export function suggestProbability(sentence: string): Suggestion | null {
  return analyseSentence(sentence).suggestion;
}
