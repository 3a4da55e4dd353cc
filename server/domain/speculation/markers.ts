// What a cue is governed by: the patterns that find a question, a hope, a condition, a request,
// the writer's own step or a guess about the present, which analysis.ts's steps drop cues by.
/** A question: ends in "?", or opens with a question word or an inverted auxiliary. */
const ENDS_WITH_QUESTION = /\?[\s"'”)\]!?.:]*(?:[:;]-?[()DPp]|[\p{Extended_Pictographic}\uFE0F\s])*$/u;
const AUX = String.raw`(?:will|would|won't|wouldn't|is|isn't|are|aren't|was|were|do|does|don't|doesn't|did|didn't|can|can't|could|should|shall|has|have|had)`;
const OPENS_AS_QUESTION = new RegExp(
  String.raw`^(?:(?:so|and|but|ok|okay|hi|hey|also|then|well|bump|hello)\b[,.!]*\s+)*(?:` +
    String.raw`${AUX}\s+(?:there|it|they|you|u|we|i|he|she|this|that|these|those|anyone|anybody|someone|somebody|any)\b` +
    String.raw`|(?:when|what|why|where|who|which|how)\s+(?:${AUX}|much|many|long|soon|often|come)\b` +
    String.raw`|any\s+(?:update|news|eta|plans?|chance|idea|word)s?\b)`,
  "i",
);
/** A tag question asserts what comes before it: "we are never going to see another one, are we?" */
const TAG_QUESTION =
  /(?:,\s*|\s+)(?:no|right|eh|innit|yeah|correct|(?:are|aren't|is|isn't|will|won't|do|don't|does|doesn't|can|can't|did|didn't|would|wouldn't|have|haven't|has|hasn't|shall)\s+(?:we|they|you|it|he|she|i|there))\s*\?[\s\W]{0,6}$/iu;
/** A tag question after a statement of some length (not "Is it?" alone). */
const isTagQuestion = (text: string): boolean => (TAG_QUESTION.exec(text)?.index ?? 0) >= 10;
/** A closing aside in brackets ("… for v0.6.0 (later this week?)."): its question is not the sentence's. */
const TRAILING_ASIDE = /\s*\([^()]*\?\)[.!]*\s*$/u;
/** The sentence without a closing bracketed question, when something of length comes before it. */
function withoutAside(text: string): string {
  const m = TRAILING_ASIDE.exec(text);
  return m !== null && m.index >= 10 ? text.slice(0, m.index) : text;
}
/** A question asked in the middle of a sentence: "Since it is on the Play Store, do you think it'll …". */
const ASKS_OPINION =
  /\b(?:do|would|did) (?:you|u|ya|y'all|you guys|people) (?:all )?(?:think|reckon|expect|believe|see)\b/i;

/** A question, asked at the end, at the start or in the middle: the writer asks, and does not assert. */
export const isQuestion = (text: string): boolean =>
  (ENDS_WITH_QUESTION.test(withoutAside(text)) && !isTagQuestion(text)) ||
  OPENS_AS_QUESTION.test(text) ||
  ASKS_OPINION.test(text);

/** A clause that embeds a question: its cues are asked about, not asserted. */
export const EMBEDDED_QUESTION =
  /\bwhether\b|\b(?:the |big |real )?questions? (?:is|are|remains)\b|\b(?:doesn't|does not|don't|do not) (?:necessarily )?mean (?:that )?|\b(?:about|around|over|as to) (?:how|whether|what|when|who|which)\b|\b(?:wonder(?:ing|ed)?|know|knows|sure|ask(?:ing|ed)?|tell(?: you| me| us)?|curious|idea|clue|decide|question|see|check|find out|to know)(?:\s+(?:yet|exactly|really|now))?\s+(?:if|whether|when|how|what|who|where|which)\b/i;

/** A hope or wish: what follows is wanted, not forecast. */
export const HOPE =
  /\b(?:(?:definitely|certainly|surely|really|probably) )?(?:hope[sd]?|hopeful|hoping|hopefully|wish(?:es|ed)?|would (?:really |so )?love|I'd (?:really )?love|would (?:really )?like|I'd like|long may|would be (?:nice|great|cool|awesome|good|amazing)|fingers crossed|pray(?:ing)?)\b/i;

/** Where a contrast opens a new clause ("I hope so, but I doubt it"). */
const CONTRAST = /[,;:—–-]\s*(?:but|though|although|however|yet)\b|\b(?:but|however)\b/gi;

/** Finite verbs of the present or past: a stance on one of them is a guess about now or before. */
const PRESENT_OR_PAST =
  /^(?:is|are|am|was|were|'s|'re|'m|has|have|had|did|does|do|isn't|aren't|wasn't|weren't|hasn't|haven't|didn't|doesn't|don't|means|seems|knows|cares|believes|thinks|wants|needs|need|want|know|mean|went|got|came|made|thought|said|knew|saw|took|gave|told|became|began|felt|left|meant|found|kept|ran|sold|bought|paid|sent|spent|wrote|\w+[^\We]ed)$/i;
/** Stance cues that can sit on any verb, present or future ("probably is", "probably will"). */
export const STANCES: ReadonlySet<string> = new Set([
  "probably",
  "perhaps",
  "possibly",
  "maybe",
  "for sure",
  "definitely",
  "certainly",
  "no doubt",
  "I doubt",
  "I don't think",
  "likely",
]);
/** "Possible" said of now: "it's possible", "is already possible" (not "possible devices"). */
export const POSSIBLE_NOW = /\b(?:is|are|'s|'re|was|were|isn't|aren't|wasn't)\s+(?:\w+\s+)?possible\b/i;
/** "Likely" on a present verb: "it most likely means …". */
export const LIKELY_NOW = /^\s+(?:means|is|are|was|were|has|had|seems|did|does)\b/i;
/** A modal on a present state: "could be struggling", "might not be the case". */
export const MODAL_NOW =
  /\b(?:might|could|may) (?:just |both |well )?(?:be \w+ing|be the case|be (?:true|false|right|wrong|correct|it)\b|not be (?:the case|true|it|right))\b/i;
/** A modal on a judgement, whatever the tense around it: "it might be interesting to …". */
export const MODAL_JUDGEMENT =
  /\b(?:might|could|may|will|would|'d) (?:just |also )?be (?:(?:very|really|quite|more|a bit) )?(?:interesting|worth|nice|useful|helpful|fun|better|easier|good|a good idea|more trouble|impossible|hard|difficult|tricky)\b|\b(?:will|would|'d) be (?:a |an )?(?:good|great|excellent|nice|cool|interesting|awesome|useful) (?:idea|thing|addition|feature)\b|\bmight as well\b|\b(?:might|could|may) (?:\w+ly )?be expected to\b|\b(?:might|could|may|would) (?:\w+ly )?work (?:as|for|well|better)\b|\b(?:might|may) want to\b|\b(?:could|might|may) (?:\w+ly )?be (?:described|called|seen|considered|said|argued)\b|\b(?:only )?time will tell\b|\bwill be up to\b|\bmay as well\b|\b(?:would|will|might|could|'d) (?:\w+ly )?make (?:more |a lot of |much )?sense\b|\b(?:might|could|may|would|'d)(?: \w+ly)? (?:make|be) (?:(?:him|her|them|it|us|you|me) look )?(?:(?:a|an|the) )?(?:(?:very|really|quite|bit|a bit|pretty|much|lot) )*(?:nice|good|great|better|best|ridiculous|fun|interesting|perfect|ideal|terrible|bad|worse|awful|strange|weird|silly|cool|decent|solid|brilliant|excellent|amazing|smart|wise|mistake|shame|pity|match|fit)\b/i;
/** Cues a judgement or an idiom takes over. */
export const JUDGED: ReadonlySet<string> = new Set(["might", "could", "may", "will", "'ll"]);
export const MODALS: ReadonlySet<string> = new Set(["might", "could", "may"]);

const MODAL_OR_TO = /^(?:\w+'d|would|could|might|may|will|\w+'ll|won't|be|to)$/i;

/** "They're", "I'm", "it's": a present verb inside a contraction (not a possessive "Google's"). */
const PRESENT_CONTRACTION = /^(?:\w+'re|\w+'m|(?:it|he|she|that|there|what|who|this|here)'s)$/i;

/** Where one clause ends and the next begins: a semicolon, a bracket, a dash between spaces. */
const CLAUSE_BREAK = /[;()]|\s[-–—]+\s|\.\.+/g;

/** Whether each clause of the sentence looks ahead, found once per sentence: [from, to, ahead]. */
export function clausesLookingAhead(text: string): [number, number, boolean][] {
  const clauses: [number, number, boolean][] = [];
  let from = 0;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    clauses.push([from, m.index, FUTURE_MARKER.test(text.slice(from, m.index))]);
    from = m.index + m[0].length;
  }
  clauses.push([from, text.length, FUTURE_MARKER.test(text.slice(from))]);
  return clauses;
}

/** True when a present or past finite verb stands within a few words of the cue at [at, end). */
export function nearPresentVerb(text: string, at: number, end: number): boolean {
  const before = text
    .slice(0, at)
    .split(/[\s,;:()]+/)
    .filter(Boolean)
    .slice(-6);
  const after = text
    .slice(end)
    .split(/[\s,;:()]+/)
    .filter(Boolean)
    .slice(0, 5);
  // A modal or "to" after the cue carries the verb ("I don't think it'd be approved"): not a state.
  const modal = after.findIndex((w) => MODAL_OR_TO.test(w));
  const words = [...before, ...(modal >= 0 ? after.slice(0, modal) : after)];
  return words.some((w) => {
    const word = w.replace(/[.!?"'”]+$/, "");
    return PRESENT_OR_PAST.test(word) || PRESENT_CONTRACTION.test(word);
  });
}

/** Words that put a sentence in the future even when its hedge sits on a present verb. */
const FUTURE_MARKER =
  /\b(?<!\b(?:good|free|ill) )(?:will|won't|'ll|going to|gonna|about to|soon|next|later|eventually|someday|tomorrow|tonight|future|upcoming|in (?:a|the) (?:day|week|month|year)s?)\b|'ll\b/i;

/** Words of a time ahead other than the future tense itself. */
export const FUTURE_MARKER_NO_WILL =
  /\b(?:soon|next|later|eventually|someday|tomorrow|tonight|future|upcoming|in (?:a|the) (?:day|week|month|year)s?)\b/i;

/** The past: a date ahead beside these is a report ("this week we released …"). */
export const PAST_MARKER = /\b(?:was|were|did|had|yesterday|ago|last)\b/i;

/** "If you look, you will see …": what the reader will find if they act, an instruction. */
export const YOU_WILL = /\b(?:you|u)(?: will|'ll) (?:see|find|get|notice|need|have to|be able|be asked|receive)\b/i;

/** A stance on advice ("we should probably support the latest CentOS"): a recommendation, not a forecast. */
export const ADVICE_STANCE =
  /\b(?:should|must|ought to|need to|needs to|have to|has to)(?:n't| not)? (?:probably|definitely|certainly|maybe|possibly|perhaps)\b/i;

/** "If you don't take risks, then you won't be rewarded": a maxim about "you", not a forecast. */
const GENERIC_YOU_IF = /\bif (?:you|u)\b/i;
const GENERIC_YOU_CUE = /\b(?:you|u)(?: will| won't|'ll| will not| might| may| could| would)\b/gi;
/** The span from an "if you …" to the "you will …" after it, or null. */
export function genericYou(text: string): Span | null {
  const ifAt = text.search(GENERIC_YOU_IF);
  if (ifAt < 0) return null;
  GENERIC_YOU_CUE.lastIndex = ifAt + 3;
  const you = GENERIC_YOU_CUE.exec(text);
  return you === null ? null : { index: ifAt, end: you.index + you[0].length };
}

/** A stretch of a sentence, [index, end). */
export interface Span {
  index: number;
  end: number;
}
export const spanOf = (m: RegExpExecArray | null): Span | null =>
  m === null ? null : { index: m.index, end: m.index + m[0].length };

/** "You'll have to spoof as Firefox": what the reader must do, an instruction. */
export const YOU_HAVE_TO = /\b(?:you|u)(?: will|'ll) (?:have to|need to|want to|must)\b/i;

/** An unreal condition ("if they would just announce it"): its hedges forecast nothing. */
export const UNREAL_CONDITION = /\bif\b[^.;]*?\b(?:would|were|had|could)\b/i;

/** A plain "I will try it": the writer's own next step, not an outcome anyone scores. */
export const OWN_STEP =
  /(?:^|\bI\s+|\bI'|\bwe\s+|\bwe')(?:will|ll|'ll|won't|m going to|re going to|am going to|are going to|m gonna|re gonna)\s+(?:(?:not|never|definitely|certainly|surely|also|just|probably|gladly|happily)\s+)?(?:try|consider|buy|switch|believe(?! it when)|scour|dig|debug|hunt|reproduce|review|triage|give it a (?:try|go|shot)|check|look into|have a look|take a look|let you know|keep you posted|get back|reply|report back|wait|see|say|have to|need|require|test|investigate|read|think about|ask|do my best|do (?:it|that|so|this)|update|post (?:updates|an update|it here)|be (?:happy|glad) to|gladly|happily|close (?:this|it|the (?:issue|ticket|pr)))\b/i;

/** The writer's own imminent step: "We are about to start using the library". */
export const OWN_IMMINENT =
  /\b(?:I|we)(?:'m|'re| am| are) (?:just |now )?about to\b|(?:^|\b(?:I|we)(?:'m|'re| am| are) )(?:still |also |now |just )?planning (?:to|on) (?!release|ship|publish|launch|add|support|drop|merge|remove|deprecate|port|upload|make a release)|\b(?:I|we)(?:'m|'re| am| are) (?:still |definitely |probably |just )?(?:going to|gonna) (?:get|buy|pre-?order|order|upgrade|play|watch|use|keep|stick with|stay|wait)\b|\b(?:I|we) (?:might|may|could) (?:need to|have to|end up|try|want to|consider)\b|\b(?:I|we)(?:'d| would) (?:certainly|definitely|probably|maybe|possibly)\b|\b(?:I|we)(?:'ll| will) (?:too |also |still )?(?:have to|take (?:it|this|that) with|continue to use|keep using|stick with)\b/i;

/** What readers will say of the writer's point: "many of you will think …", a figure of speech. */
export const READERS_REACT =
  /\b(?:you|many of you|some of you|most of you|people|some|others|everyone|someone)(?: will|'ll| might| may) (?:think|say|argue|disagree|ask|wonder|object|complain|laugh|tell me|point out)\b/i;

/** A promise to keep readers informed: "any updates will be shared", "we'll let you know". */
export const KEEP_INFORMED =
  /\b(?:updates?|news|announcements?|details|more information|more info) (?:will|'ll) be (?:shared|posted|announced|provided|published|given|made available)\b|(?:\bwill|'ll) (?:keep (?:you|everyone|everybody|this thread|the thread|people|y'all) (?:posted|updated|informed|in the loop)|let (?:you|everyone|everybody|people|u|y'all)(?: guys| all)? know|update (?:this|the) (?:issue|thread|ticket|post|page))\b/i;

/** A refusal or a failure reported, not forecast: "Apple won't allow it after all", "won't work on 0.10". */
export const REFUSAL =
  /\b(?:won't|will not) (?:allow|let|accept|approve|work|run|start|load|open|install|compile|build|connect|support)\b/i;
export const REFUSAL_SEEN =
  /\b(?:I've|I have|we've|we have|tried|after all|anymore|any more|still|keeps?|again)\b|\b(?:was|were|got|been) (?:rejected|refused|denied|removed|banned)\b|\b(?:won't|will not) work (?:on|with|in) v?\d/i;

/** The cues of a future tense, which may close a condition without a comma ("if it ships that will …"). */
export const FUTURE_TENSE: ReadonlySet<string> = new Set([
  "will",
  "'ll",
  "won't",
  "will not",
  "going to",
  "gonna",
  "not going to",
]);

/**
 * "If X then Y": a conditional forecast when Y has a future or a modal ("then they will …"), or
 * when X is something others may do ("if they let it go through, then they're pilloried"); "if you
 * take away the loans then we are left with …" is a judgement, "if they do then they have learned
 * nothing" a verdict on the present.
 */
export function ifThenForecast(text: string): boolean {
  const ifAt = text.search(/\bif\b/i);
  if (ifAt < 0) return false;
  const thenAt = text.slice(ifAt).search(/\bthen\b/i);
  if (thenAt < 0) return false;
  // Searches that each pass over the text once: a hostile comment cannot make this slow.
  return THEN_LOOKS_AHEAD.test(text.slice(ifAt + thenAt)) || OTHERS_MAY_DO.test(text.slice(ifAt, ifAt + thenAt));
}
const THEN_LOOKS_AHEAD =
  /\b(?:will|would(?! rather| prefer)|won't|wouldn't|going to|gonna|might|could|may)\b|'ll\b|'d\b(?! rather| prefer)/i;
const OTHERS_MAY_DO =
  /\bif (?!(?:you|u|one|they do|it does|so|not)\b)\w+ (?:\w+ )?(?:let|allow|block|approve|reject|sign|sell|buy|win|lose|go|get|announce|release|drop|stop)s?\b/i;

/** A generic statement ("Sometimes there may be value in …"): its hedges say what can happen, not what will. */
export const GENERIC_OPENING =
  /^(?:sometimes|often|usually|generally|in general|typically|normally|occasionally|at times)\b/i;

/** A belief reported in the past ("they thought they will exist for a while"): not the writer's forecast. */
export const PAST_BELIEF =
  /\b(?:thought|believed|assumed|expected|figured|said|claimed|promised|told (?:me|us|everyone))(?: that)? (?:\w+ ){0,3}?(?:will|would|'ll|'d|was going to|were going to)\b/i;

/** Where "if" opens a condition: up to the next comma, semicolon, bracket, "then", "but" or the end. */
export function ifClauses(text: string): [number, number][] {
  return [...text.matchAll(/\bif\b/gi)].map((m) => {
    const rest = text.slice(m.index);
    const close = /[,;:()]|\b(?:then|but)\b/i.exec(rest);
    return [m.index, close ? m.index + close.index : text.length];
  });
}

/** A sentence that opens with an instruction or a request. */
export const IMPERATIVE =
  /^(?:(?:so|and|but|ok|okay|also|just|then)\b[,.]?\s+)?(?:please|pls|plz|let me|let us|give|post|check|keep|make sure|let's|lets|try|use|read|watch|add|tell|send|share|look|feel free|don't forget|remember to|consider|stay tuned|join|vote|help|click|download|install|bookmark|ping|open|file|report)\b/i;

export function contrastAfter(text: string, from: number): number {
  for (const m of text.matchAll(CONTRAST)) if (m.index > from) return m.index;
  return text.length;
}

const GLOBAL = new Map<RegExp, RegExp>();
/** The marker made global, to find every clause it opens; made once per marker. */
export function globalOf(marker: RegExp): RegExp {
  let g = GLOBAL.get(marker);
  if (g === undefined) {
    g = new RegExp(marker.source, "gi");
    GLOBAL.set(marker, g);
  }
  return g;
}
