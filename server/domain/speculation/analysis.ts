// Whether one sentence is a forecast: every cue found, less the ones that are not asserted, phase
// by phase. A new rule goes into the phase it belongs to (its marker into markers.ts). Every phase
// but the last keeps or drops each cue by what the sentence says around it, so where a rule stands
// among them changes only the reason given (the first phase to drop a cue gives it); the lone
// condition looks at the cues left, so it comes last.
import { findCues, type Found } from "./cues";
import {
  ADVICE_STANCE,
  clausesLookingAhead,
  contrastAfter,
  EMBEDDED_QUESTION,
  FUTURE_MARKER_NO_WILL,
  FUTURE_TENSE,
  GENERIC_OPENING,
  genericYou,
  globalOf,
  HOPE,
  ifClauses,
  ifThenForecast,
  IMPERATIVE,
  isQuestion,
  JUDGED,
  KEEP_INFORMED,
  LIKELY_NOW,
  MODAL_JUDGEMENT,
  MODAL_NOW,
  MODALS,
  nearPresentVerb,
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
  YOU_HAVE_TO,
  YOU_WILL,
} from "./markers";
import { suggestionOf, type Suggestion } from "./suggestion";

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

/** Whether a cue stands inside a stretch of the sentence. */
const within = (f: Found, span: Span | null): boolean => span !== null && f.at >= span.index && f.at < span.end;

/** The cues of a sentence still taken as asserted, and why the first one dropped was not. */
class Asserted {
  reason: NotForecast = null;
  constructor(
    readonly text: string,
    public found: Found[],
  ) {}

  /** Keeps `next` of the cues; the first step that drops one gives the reason. */
  keep(next: Found[], why: NotForecast): void {
    if (next.length < this.found.length && this.reason === null) this.reason = why;
    this.found = next;
  }

  /** Drops the cues inside what a marker found (a match or a span), for the reason given. */
  dropWithin(m: RegExpExecArray | Span | null, why: NotForecast): void {
    const span = m === null || "end" in m ? m : spanOf(m);
    if (span !== null)
      this.keep(
        this.found.filter((f) => !within(f, span)),
        why,
      );
  }

  /** Drops the cues inside a match and every conditional cue with it ("if …, I will try it"). */
  dropWithinAndConditionals(m: RegExpExecArray, why: NotForecast): void {
    const span = spanOf(m);
    this.keep(
      this.found.filter((f) => !within(f, span) && f.rule.kind !== "conditional"),
      why,
    );
  }
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

/** A question asserts nothing: 0.5 and no forecast, unless a cue presumes the outcome ("how long before …?"). */
function asked(all: Found[]): SentenceAnalysis {
  const presumed = all.some((f) => f.rule.survivesQuestion === true);
  return {
    suggestion: suggestionOf(all, true, presumed),
    forecast: presumed,
    reason: presumed ? null : "question",
  };
}

/** Hopes and embedded questions: what they govern, up to a contrast, is wanted or asked about. */
function dropGovernedClauses(c: Asserted): void {
  c.keep(dropGoverned(c.text, c.found, HOPE), "hope");
  c.keep(dropGoverned(c.text, c.found, EMBEDDED_QUESTION), "embedded question");
}

/** An unreal condition, advice, and what "you" will find or must do: supposed or asked, not forecast. */
function dropConditionsAndAdvice(c: Asserted): void {
  const text = c.text;
  if (UNREAL_CONDITION.test(text)) {
    c.keep(
      c.found.filter((f) => f.rule.kind !== "hedge" && f.rule.kind !== "conditional"),
      "condition or request",
    );
  }
  c.dropWithin(ADVICE_STANCE.exec(text), "present guess");
  c.dropWithin(genericYou(text), "condition or request");
  c.dropWithin(YOU_HAVE_TO.exec(text), "condition or request");
  const you = YOU_WILL.exec(text);
  if (you && /\b(?:if|once)\b/i.test(text.slice(0, you.index)))
    c.dropWithinAndConditionals(you, "condition or request");
}

/** The writer's imminent step, readers' reactions, a promise of news, a refusal already seen. */
function dropWritersOwnWords(c: Asserted): void {
  const text = c.text;
  for (const marker of [OWN_IMMINENT, READERS_REACT, KEEP_INFORMED])
    c.dropWithin(marker.exec(text), "condition or request");
  if (REFUSAL_SEEN.test(text) && !FUTURE_MARKER_NO_WILL.test(text)) c.dropWithin(REFUSAL.exec(text), "present guess");
}

/** Hedges inside an "if …" clause or a generic statement: what is supposed, or what can happen. */
function dropSupposedOrGeneric(c: Asserted): void {
  // A hedge inside a condition is part of what is supposed, not a stance: "if you are planning on
  // merging …". A future tense there can be the main clause's, when no comma closes the condition.
  const conditions = ifClauses(c.text);
  c.keep(
    c.found.filter(
      (f) =>
        f.rule.kind === "conditional" ||
        FUTURE_TENSE.has(f.rule.cue) ||
        !conditions.some(([from, to]) => f.at > from && f.at < to),
    ),
    "condition or request",
  );
  if (GENERIC_OPENING.test(c.text))
    c.keep(
      c.found.filter((f) => f.rule.kind !== "hedge" && f.rule.kind !== "conditional"),
      "present guess",
    );
}

/** A belief reported in the past ("they thought it would …"): someone else's forecast, then. */
function dropReportedBelief(c: Asserted, belief: RegExpExecArray | null): void {
  c.dropWithin(belief, "present guess");
}

/** The writer's own next step ("I will try it"), and any "if" with it: not an outcome anyone scores. */
function dropOwnStep(c: Asserted): void {
  const own = OWN_STEP.exec(c.text);
  if (own) c.dropWithinAndConditionals(own, "condition or request");
}

/** A modal on a judgement ("might be interesting"), and a date ahead in a sentence about the past. */
function dropJudgementsAndThePast(c: Asserted): void {
  const text = c.text;
  const judgement = MODAL_JUDGEMENT.exec(text);
  if (judgement)
    c.keep(
      c.found.filter((f) => !JUDGED.has(f.rule.cue) && f.rule.cue !== "a date ahead" && !within(f, spanOf(judgement))),
      "present guess",
    );
  // A date ahead in a sentence about the past ("released this week") is no forecast, nor is
  // "could" there, the past of "can" ("Apple did not notice it could simulate …").
  if (PAST_MARKER.test(text))
    c.keep(
      c.found.filter(
        (f) => f.rule.cue !== "a date ahead" && !(f.rule.cue === "could" && !FUTURE_MARKER_NO_WILL.test(text)),
      ),
      "present guess",
    );
}

/** "Let me …" and instructions: a promise to report, or hedges that soften a request. */
function dropRequests(c: Asserted): void {
  // "Let me inform you soon": the writer's promise to report, not an outcome.
  if (/^let (?:me|us)\b/i.test(c.text))
    c.keep(
      c.found.filter((f) => f.rule.kind !== "future"),
      "condition or request",
    );
  // An instruction or request: its hedges and conditions soften the request, they forecast nothing.
  if (IMPERATIVE.test(c.text)) {
    c.keep(
      c.found.filter((f) => f.rule.kind !== "hedge" && f.rule.kind !== "conditional"),
      "condition or request",
    );
  }
}

/** A stance on a present or past verb, in a clause that does not look ahead: a guess about now. */
function dropPresentGuesses(c: Asserted, belief: RegExpExecArray | null): void {
  const text = c.text;
  // A stance on a present or past verb is a guess about now, unless its clause looks ahead: "it was
  // probably introduced in 1.6.0 - I'm going to need time" guesses about the past. A future tense
  // inside a belief reported in the past does not look ahead for the writer.
  const masked = belief
    ? text.slice(0, belief.index) + " ".repeat(belief[0].length) + text.slice(belief.index + belief[0].length)
    : text;
  const modalNow = MODAL_NOW.test(text);
  const clauses = clausesLookingAhead(masked);
  c.keep(
    c.found.filter((f) => {
      if (clauses.some(([from, to, ahead]) => ahead && f.at >= from && f.at < to)) return true;
      if (STANCES.has(f.rule.cue) && !/^\s+to\b/i.test(text.slice(f.end)) && nearPresentVerb(text, f.at, f.end))
        return false;
      if (modalNow && MODALS.has(f.rule.cue)) return false;
      if (f.rule.cue === "possible" && POSSIBLE_NOW.test(text)) return false;
      return !(f.rule.cue === "likely" && LIKELY_NOW.test(text.slice(f.end)));
    }),
    "present guess",
  );
}

/** A lone "if" with nothing asserted and no "then": a condition or a request, not a forecast. */
function dropLoneCondition(c: Asserted): void {
  // A lone "if" poses a condition, asks ("if the same issue persists") or requests ("if you want
  // …, please …"): a forecast needs something asserted about the outcome, or "if … then".
  if (c.found.every((f) => f.rule.kind === "conditional") && !ifThenForecast(c.text))
    c.keep([], "condition or request");
}

/** A forecast when a cue is still asserted; else not, with every cue's suggestion and the reason. */
function decide(all: Found[], c: Asserted): SentenceAnalysis {
  if (c.found.length === 0) return { suggestion: suggestionOf(all, false), forecast: false, reason: c.reason };
  return { suggestion: suggestionOf(c.found, false), forecast: true, reason: null };
}

/**
 * The suggestion for one sentence, and whether it is a forecast. A sentence with no cue has no
 * suggestion. A question with a cue keeps a suggestion of 0.5 (the writer asks, and does not
 * assert) but is no forecast, unless its cue presumes the outcome ("how long before …?").
 * Otherwise each phase in turn drops the cues it finds not asserted.
 */
export function analyseSentence(sentence: string): SentenceAnalysis {
  const text = sentence.replace(/[‘’]/g, "'").trim();
  const all = findCues(text);
  if (all.length === 0) return { suggestion: null, forecast: false, reason: null };
  if (isQuestion(text)) return asked(all);
  const c = new Asserted(text, all);
  // A belief reported in the past: one phase drops the cues inside it, a later one masks it.
  const belief = PAST_BELIEF.exec(text);
  dropGovernedClauses(c);
  dropConditionsAndAdvice(c);
  dropWritersOwnWords(c);
  dropSupposedOrGeneric(c);
  dropReportedBelief(c, belief);
  dropOwnStep(c);
  dropJudgementsAndThePast(c);
  dropRequests(c);
  dropPresentGuesses(c, belief);
  dropLoneCondition(c);
  return decide(all, c);
}

/**
 * The suggestion for one sentence, or null when it has no cue at all. A question with a cue
 * suggests 0.5: the writer asks, and does not assert. Whether the sentence is a candidate (a
 * forecast, not a hope, a request or a question) is analyseSentence's `forecast`.
 */
export function suggestProbability(sentence: string): Suggestion | null {
  return analyseSentence(sentence).suggestion;
}
