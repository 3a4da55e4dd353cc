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
import nlp from "compromise/one";

export type HedgeKind = "certain" | "future" | "likely" | "outlook" | "hedge" | "conditional" | "doubt" | "negation";

export interface HedgeRule {
  cue: string;
  /** Matched against the sentence with curly apostrophes straightened. Never global (/g). */
  pattern: RegExp;
  /** Chance the speculated thing happens when this cue decides the suggestion. */
  probability: number;
  kind: HedgeKind;
  note: string;
  /** Still a forecast inside a question or an embedded question ("how long before they …?"). */
  survivesQuestion?: boolean;
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
const NOT_PAST = String.raw`(?!(?:\s+not)?\s+have\s+(?:${PAST_PARTICIPLES.join("|")})\b|'ve\b)`;
// Simple pasts that "never" can precede ("never made a film again" is the past).
const SIMPLE_PAST = [
  "made",
  "went",
  "came",
  "got",
  "did",
  "saw",
  "gave",
  "took",
  "knew",
  "wrote",
  "said",
  "told",
  "let",
  "put",
];
const rule = (
  cue: string,
  pattern: RegExp,
  probability: number,
  kind: HedgeKind,
  note: string,
  survivesQuestion = false,
): HedgeRule => ({ cue, pattern, probability, kind, note, ...(survivesQuestion ? { survivesQuestion } : {}) });

/** The one table of hedges. The README prints it with hedgeTableMarkdown(). */
export const HEDGE_TABLE: readonly HedgeRule[] = [
  rule("for sure", /\bfor sure\b/i, 0.9, "certain", "stated as settled"),
  rule("definitely", /\bdefinitely\b/i, 0.9, "certain", "stated as settled"),
  rule("certainly", /\bcertainly\b/i, 0.9, "certain", "stated as settled"),
  rule("no doubt", /\bno doubt\b/i, 0.9, "certain", "stated as settled"),
  rule("mark my words", /\bmark my words\b/i, 0.9, "certain", "stated as settled"),
  rule(
    "I bet",
    /\bI(?:'d| would)? (?:bet|put (?:my |me |good |the house |)money on)\b/i,
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
    "how long before",
    /\bhow long (?:before|until|till|til)\b/i,
    0.8,
    "certain",
    "'how long before they mess it up': presumes it happens; counts even as a question",
    true,
  ),
  rule(
    "will",
    /\bwill\b(?<!\b(?:free|good|ill|political|the|own|my|your|his|her|their) will)/i,
    0.75,
    "future",
    "plain prediction; not 'free will'",
  ),
  rule("'ll", /\b\w+'ll\b/i, 0.75, "future", "plain prediction (they'll, it'll)"),
  rule(
    "going to",
    /\bgoing to\b(?<!\b(?:was|were|by|from|of|after|before|without|avoid|keep|keeps|kept|try|tried|when) going to)(?<!\b(?:was|were) (?:always|never|probably|definitely|certainly|just|still|not|also) going to)(?!\s+(?:the|a|an|my|your|his|her|its|our|their|this|that|these|those)\b)/i,
    0.75,
    "future",
    "not 'going to the …' (a trip), not 'was going to' (the past), not 'by going to' (a way of doing)",
  ),
  rule("gonna", /\bgonna\b/i, 0.75, "future", "plain prediction"),
  rule(
    "is planned",
    /\b(?:is|are|'s|'re) (?:definitely |already |still )?planned\b(?<!(?:\b(?:no|not|never)\b|n't).*planned)/i,
    0.7,
    "future",
    "a plan reported ('Mobile is planned'); 'not planned', 'I don't think that's planned' are the present",
  ),
  rule(
    "a date ahead",
    /\b(?:next|this coming) (?:week|month|year|release|version|season|summer|spring|fall|autumn|winter|monday|tuesday|wednesday|thursday|friday|weekend)\b|\b(?:later (?:today|this (?:week|month|year))|(?:by|before|until|till|to) the end of (?:the |this |next )?(?:day|week|month|year|quarter|january|february|march|april|may|june|july|august|september|october|november|december))\b|\b(?:within|in) (?:the next )?(?:a |an |\d+ |one |two |three |four |a few |few |a couple of |several )(?:days?|weeks?|months?|years?)\b|\b(?:early|mid|late|end of) this (?:week|month|year|season|summer|spring|fall|autumn|winter)\b|\b(?:early|mid|late)[- ](?:january|february|march|april|may|june|july|august|september|october|november|december)\b|\b(?:before|after|by|until|till) (?:xmas|christmas|the summer|the end of the season|next season)\b|\btomorrow\b|\bupcoming\b|(?<!\bas |\bsee you |\bhow )\bsoon\b(?! as\b)|^(?:about|around|roughly|approximately|probably|maybe) (?:a |an |\d+ |one |two |three |four |a few |a couple of )(?:days?|weeks?|months?)\b/i,
    0.7,
    "future",
    "a time ahead ('next week', 'within two weeks', 'mid-October', 'soon', 'upcoming', an answer 'About two weeks.'); not in a sentence about the past",
  ),
  rule(
    "planning to",
    /\bplanning (?:to|on)\b/i,
    0.75,
    "future",
    "an intention attributed to someone (also 'planning on')",
  ),
  rule(
    "plans to",
    /(?<!\b(?:no|any|without|not have) )\bplans to\b|\b(?:we|they|I|he|she|it) (?:still |now |also )?plan to\b|^(?:the )?plan is\b|\b(?:we|they|I|he|she|it) (?:aim|intend) to\b|\b(?:aims|intends) to\b|\b(?:aiming|intending) to\b/i,
    0.75,
    "future",
    "an intention attributed to someone ('plans to', 'we plan to', 'Plan is end of February'); not 'no plans to'",
  ),
  rule(
    "about to",
    /\babout to\b(?<!\b(?:was|were) about to)/i,
    0.75,
    "future",
    "imminent; not 'were about to' (the past)",
  ),
  rule("just wait", /\bjust wait (?:until|till|for)\b/i, 0.75, "future", "'just wait until you see …'"),
  rule(
    "probably",
    /\b(?:probably|prolly|proberly|probly)\b/i,
    0.7,
    "likely",
    "more likely than not (also 'prolly', 'proberly')",
  ),
  rule(
    "likely",
    /(?<!\bnot (?:very |that |too )?)\blikely\b/i,
    0.7,
    "likely",
    "more likely than not; 'unlikely' and 'not likely' are doubts",
  ),
  rule(
    "I reckon",
    /\bI(?:'d| would)? (?:reckon|expect|predict)\b|\b(?:can )?safely assume\b|\bsafe (?:to assume|bet)\b/i,
    0.7,
    "likely",
    "a stated expectation (also 'I expect', 'I predict')",
  ),
  rule(
    "wouldn't be surprised",
    /\b(?:wouldn't|would not|won't|will not) be (?:surprised|shocked)\b/i,
    0.7,
    "likely",
    "'I wouldn't be surprised if …' expects it",
  ),
  rule(
    "favourites to",
    /\bfavou?rites? to (?:win|go|be|get|take|leave|lift|finish|land)\b|\bodds-on\b/i,
    0.7,
    "likely",
    "the bookmakers' view passed on ('favourites to go')",
  ),
  rule("odds are", /\bodds are\b(?!\s+(?:slim|low|small|against))/i, 0.7, "likely", "not 'odds are slim'"),
  rule(
    "expected to",
    /(?<!\bI )\b(?:expected|estimated|set|slated|poised|tipped|rumou?red|scheduled|due) to (?!(?:true|false|null|zero|default|the|a|an)\b|\d|["'“‘`])|\b(?:is|are) to (?:sign|join|leave|be|move|replace|launch|release|start|step down|announce|close|merge)\b/i,
    0.7,
    "likely",
    "reported as scheduled ('set to swoop', 'is to sign'); not a setting ('set to true')",
  ),
  rule(
    "a release date given",
    /\b(?:expected|estimated|planned|targeted|target|tentative) (?:release|launch|ship|shipping|delivery|completion) (?:date|is|in|on|by)\b|(?<!\bno )\bETA\s*(?::|is|would be|[-–—~])\s*(?:\d|next|end|tomorrow|today|tonight|soon|this|early|mid|late|in|around|about|approx|q[1-4]\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*day\b)/i,
    0.7,
    "likely",
    "a schedule given ('Expected release date: …', 'ETA: Friday'); not 'no ETA', not 'any ETA?', not 'ETA: Fansite …' (edited to add)",
  ),
  rule(
    "is shutting down",
    /\b(?:is|are|'s|'re) (?:discontinuing|shutting down|ending|dropping|retiring|deprecating|sunsetting|phasing out|winding down|pulling the plug|coming out|launching|arriving|landing)\b/i,
    0.7,
    "future",
    "a plan under way in the present progressive ('Travis is discontinuing its free tier', 'It's coming out in May')",
  ),
  rule(
    "isn't coming",
    /\b(?:isn't|aren't|is not|are not|'s not|'re not|is NOT) (?:coming out|launching|arriving|landing|coming back|happening)\b/i,
    0.25,
    "negation",
    "'It's NOT coming out in 2013!'",
  ),
  rule(
    "to be … after",
    /(?:^|\b(?:is|are) )to be (?:merged|released|shipped|included|fixed|added|published|deployed|removed|deprecated|dropped) (?:after|once|when|with|before|as part of|in)\b/i,
    0.75,
    "future",
    "a plan for a change ('To be merged after 0.9.12 is released')",
  ),
  rule(
    "rumour has it",
    /\brumou?rs? (?:has it|says?|is|are|suggests?) (?:that |circulating|spreading|flying|swirling|going around)|\brumou?rs? (?:abound|persist|suggest)\b|\baccording to (?:the )?rumou?rs?\b|\bI(?:'m| am) hearing\b|\b(?:there's |there is )?talk (?:of|that) (?:\w+ ){0,4}?(?:being|joining|leaving|moving|signing|taking|getting|going|replacing|buying|selling)\b|\bI(?:'ve| have)? heard (?:that (?!too\b|as well\b|before\b|one\b)|rumou?rs?\b|it's|it is)|\bword is (?:that )?\b/i,
    0.6,
    "hedge",
    "a rumour passed on ('rumours are circulating about …', 'rumours abound', 'I'm hearing November')",
  ),
  rule(
    "speculation about",
    /\bspeculation (?:about|that|of|over)\b|\bspeculat(?:e|es|ing) (?:that|about)\b/i,
    0.6,
    "hedge",
    "speculation passed on ('generates speculation about possible devices')",
  ),
  rule(
    "my prediction",
    /\bmy (?:[\w,]+ ){0,3}predictions?\b|\bpredictions? for (?:the )?(?:next|coming)\b/i,
    0.7,
    "likely",
    "a forecast announced as one",
  ),
  rule(
    "a stated chance",
    /\b\d{1,3}(?:\.\d+)?\s?% (?:chance|odds|probability)\b|\b(?:odds|chances?) of (?:\w+ing|a|an|the)\b/i,
    0.6,
    "hedge",
    "a chance given in words or numbers ('74% chance', 'the odds of winning')",
  ),
  rule(
    "I fear",
    /\bI(?:'m| am) afraid (?:that )?\w+(?: \w+){0,5} (?:would|will|might|could)\b|\bI (?:fear|worry) (?:that )?\w+/i,
    0.65,
    "likely",
    "a feared outcome ('I'm afraid my script would stop working')",
  ),
  rule(
    "should be fine",
    /\bshould (?:be (?:fine|ok|okay|good|enough|no problem|out|ready|available|live|around|up|back|done|affected)|work|happen|arrive|land)\b(?!\s+now\b)/i,
    0.7,
    "likely",
    "an expectation ('should be out next week'), not 'should' as advice ('a bug that should be fixed', 'should be released'), not 'should work now'",
  ),
  rule(
    "welcome the new …",
    /\b(?:welcome|say hello to|meet|all hail|bow down to) (?:to )?(?:the|our|your) (?:new|next|future)\b|\bI,? for one,? welcome\b/i,
    0.7,
    "likely",
    "a forecast said as a greeting ('Welcome the new CEO of Microsoft')",
  ),
  rule(
    "heading for",
    /\b(?:heading|headed|destined|doomed|on course|on track|bound) (?:for|to) (?!(?:true|false|null|zero|default|the (?:store|shop|pub|office|hospital)|bed|work|home)\b)|\bas good as (?:gone|done|dead|down|over|relegated|sold|signed|finished|confirmed)\b|\b(?:is|are|'s|'re|looks|seems|looking) (?:\w+ )?doomed\b/i,
    0.7,
    "likely",
    "an outcome the writer sees coming ('heading for relegation', 'destined for greatness', 'as good as down')",
  ),
  rule(
    "bodes well",
    /\bbodes? (?:well|ill|badly|poorly)\b|\bI can (?:easily |already |just )?see (?:it|that|this|them|him|her|us|they) (?!in\b)\w+ing\b/i,
    0.65,
    "outlook",
    "a sign read forward ('bodes well for his next team', 'I can see them hanging on')",
  ),
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
  rule(
    "may",
    new RegExp(
      String.raw`(?<!\b(?:in|of|since|until|by|early|late|mid|you|that I|which|that you|who) )\bmay\b(?!\s*\d)${NOT_PAST}`,
      "i",
    ),
    0.6,
    "hedge",
    "not the month, not permission ('you may'), not 'may have been' (the past)",
  ),
  rule(
    "possible",
    /(?<!\bas |\bif |\bnot |n't |\bnot be |n't be )\bpossible\b(?=\s*(?:[.,;:!?)"'—–-]|$)|\s+(?:that|in|by|for|with|to|but|and|or|if|though|at|on|within|someday|eventually|soon|later|now|yet|too|either|again)\b)/i,
    0.6,
    "hedge",
    "said of an outcome ('it's possible', 'possible that …'), not 'possible use cases' (a kind of thing); not 'as soon as possible', 'if possible'; 'not possible' is a negation",
  ),
  rule(
    "could",
    new RegExp(
      String.raw`\bcould\b(?<!\b(?:I|you|u|one) could)(?<!\bso (?:that )?(?:they|we|you|it|he|she|I|one|people) could)(?!\s+(?:you|u|we|I|someone|somebody|anyone|think|consider|look|try|also|always|just use|use|be bothered)\b)${NOT_PAST}`,
      "i",
    ),
    0.6,
    "hedge",
    "not 'could have been' (the past), not a request ('could you …'), an offer ('I could …') or a suggestion ('could think about')",
  ),
  rule(
    "if … (then)",
    /(?<!\b(?:as|like) )\bif\b(?!\s+(?:I|we)\s+(?:were|was|had been)\b)/i,
    0.5,
    "conditional",
    "poses the possibility without a stance; not 'if I were …', 'as if', 'like if'; alone it is no forecast",
  ),
  rule(
    "I doubt",
    /\bI (?:really |seriously |highly |very much )?doubt\b|\bI'll believe it when I see it\b/i,
    0.3,
    "doubt",
    "leans against (also 'I'll believe it when I see it')",
  ),
  rule(
    "I'd be surprised if",
    /\bI(?:'d| would) be (?:very |really |extremely |quite )?surprised if (?!.*(?:\bnot\b|n't))/i,
    0.3,
    "doubt",
    "'I'd be very surprised if this happened' leans against",
  ),
  rule(
    "I'd be surprised if not",
    /\bI(?:'d| would) be (?:very |really |extremely |quite )?surprised if\b(?=.*(?:\bnot\b|n't))/i,
    0.7,
    "likely",
    "'I'd be surprised if it isn't renewed' expects it",
  ),
  rule(
    "I have a feeling",
    /\bI(?:'ve| have)?(?: got)? a (?:strong |funny |sneaking |bad |good )?feeling (?:that )?\w+|\bmy gut (?:says|tells me|feeling)\b/i,
    0.65,
    "likely",
    "a hunch stated ('I have a feeling that they're considering …')",
  ),
  rule("unlikely", /\bunlikely\b|\bnot (?:very |that |too )?likely\b/i, 0.3, "doubt", "leans against"),
  rule(
    "a long way off",
    /\b(?:a )?long way (?:away|off)\b|\b(?:years|decades) (?:away|off)\b/i,
    0.3,
    "doubt",
    "not soon: leans against it happening in the time anyone is scoring",
  ),
  rule(
    "can't see it",
    /\b(?:can't|cannot|can not|don't|do not) see (?:it|that|this|them|him|her)(?: \w+ing\b|\b(?! in\b))|\b(?:can't|cannot|can not|don't|do not) see how\b(?=(?:\s+\S+){0,8}?\s+(?:will|would|could|can|going to|gonna|\S+'ll)\b)|\b(?:can't|cannot|can not|don't|do not) see a (?:path|way|future|scenario) (?:to|for|where|in which)\b|\b(?:wouldn't|would not|don't|do not) (?:count on it|hold (?:my|your|our) breath)\b/i,
    0.3,
    "doubt",
    "'I can't see it (happening)', 'can't see them sacking him': leans against",
  ),
  rule("don't tell me", /\bdon't tell me\b/i, 0.3, "doubt", "incredulous: leans against"),
  rule(
    "I don't think",
    /\bI (?:really )?(?:don't|do not) (?:think|believe|reckon|expect)\b|\b(?:don't|wouldn't|would not) expect\b|\bnot expecting\b/i,
    0.25,
    "doubt",
    "a negated stance governs the verb after it: 'I don't think it will …' leans against",
  ),
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
    "shouldn't be a problem",
    /\bshould(?:n't| not) (?:be (?:a problem|an issue|a big deal|affected|needed)|matter|shut ?down|stop working|break)\b/i,
    0.2,
    "negation",
    "predicts the trouble does not come",
  ),
  rule(
    "never",
    new RegExp(
      String.raw`(?<!\b(?:than|should|to|must|shall) )\bnever\b(?!\s+\w+[^s\W]s\b(?<!\b(?:was|has|is|does)))(?:(?<!\b(?:was|were|is|are|am|has|have|had|'ve|'s|'m)(?: just| also| still| really| \w+ly)? never)|(?=\s+(?:going to|gonna|\w+ing)\b))(?!\s+(?:a|the) (?:good|right|bad|best) time\b)(?!(?:\s+(?:even|really|actually|personally|once|ever|truly|quite|\w+ly))?\s+(?:has|have|was|were|would have|would've|could have|could've|${[...PAST_PARTICIPLES, ...SIMPLE_PAST].join("|")})\b)`,
      "i",
    ),
    0.1,
    "negation",
    "emphatic; not 'never liked' (the past), 'never a good time', 'better late than never'",
  ),
  rule("not happening", /\bnot (?:happening|gonna happen|going to happen)\b/i, 0.1, "negation", "emphatic"),
  rule("no way", /\bno way\b/i, 0.1, "negation", "emphatic"),
  rule("no chance", /\bno chance\b/i, 0.1, "negation", "emphatic"),
  rule(
    "not possible",
    /(?:(?:\bnot|n't)(?: be)? possible|\bimpossible)\b(?! to\b)(?<!\bnot (?:\w+ly )?impossible)(?<!\bmakes? (?:it|this|that|them) (?:im)?possible)/i,
    0.1,
    "negation",
    "'not possible', 'impossible'; not 'impossible to implement' (a judgement of now)",
  ),
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

// Every cue in one pattern: most sentences have none, and one search turns them away instead of one
// search per rule (a 100,000-comment import spends a third less time here). Built from the table,
// so it cannot drift from it; the rules carry only the "i" flag, which a unit test checks.
const ANY_CUE = new RegExp(HEDGE_TABLE.map((r) => `(?:${r.pattern.source})`).join("|"), "i");
// The same search over a whole body (its white space made single spaces, so a cue wrapped over a
// line break is found), where a sentence can start anywhere: a cue anchored at a sentence's start
// ("^plan is") is looked for after any word boundary, and look-arounds that scan the rest of the
// text (".*") are left out, so that a long line costs time in proportion to its length. Both only
// widen the search: it finds more, never less.
const ANY_CUE_IN_BODY = new RegExp(
  HEDGE_TABLE.map((r) => `(?:${withoutScanningLookarounds(r.pattern.source)})`)
    .join("|")
    .replace(/(?<![[\\])\^/g, "\\b"),
  "i",
);

/** A pattern's source without the look-arounds that hold ".*" or ".+" (it then matches a superset). */
export function withoutScanningLookarounds(source: string): string {
  let out = "";
  let inClass = false;
  let i = 0;
  while (i < source.length) {
    if (!inClass && /^\(\?<?[!=]/.test(source.slice(i, i + 4))) {
      const end = closingParen(source, i);
      if (/\.[*+]/.test(source.slice(i, end + 1))) {
        i = end + 1;
        continue;
      }
    }
    const ch = source[i] as string;
    const step = ch === "\\" ? 2 : 1;
    if (ch === "[" && !inClass) inClass = true;
    else if (ch === "]" && inClass) inClass = false;
    out += source.slice(i, i + step);
    i += step;
  }
  return out;
}

/** The index of the ")" closing the group that opens at `from`, skipping escapes and [classes]. */
function closingParen(source: string, from: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = from; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\\") i += 1;
    else if (inClass) inClass = ch !== "]";
    else if (ch === "[") inClass = true;
    else if (ch === "(") depth += 1;
    else if (ch === ")" && --depth === 0) return i;
  }
  throw new Error(`unbalanced group in ${source}`);
}

/** Doubts that are a negation governing the verb after them ("I don't think it will …"). */
const NEGATED_STANCES: ReadonlySet<string> = new Set(["I don't think"]);

// Each rule's pattern made global, to find every place a cue occurs ("I will close this app
// because Twitter will close the API": the second "will" still counts).
const EVERY_MATCH: readonly RegExp[] = HEDGE_TABLE.map((r) => new RegExp(r.pattern.source, "gi"));

// --- What a cue is governed by -------------------------------------------------------------------

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

/** A clause that embeds a question: its cues are asked about, not asserted. */
const EMBEDDED_QUESTION =
  /\bwhether\b|\b(?:the |big |real )?questions? (?:is|are|remains)\b|\b(?:doesn't|does not|don't|do not) (?:necessarily )?mean (?:that )?|\b(?:about|around|over|as to) (?:how|whether|what|when|who|which)\b|\b(?:wonder(?:ing|ed)?|know|knows|sure|ask(?:ing|ed)?|tell(?: you| me| us)?|curious|idea|clue|decide|question|see|check|find out|to know)(?:\s+(?:yet|exactly|really|now))?\s+(?:if|whether|when|how|what|who|where|which)\b/i;

/** A hope or wish: what follows is wanted, not forecast. */
const HOPE =
  /\b(?:(?:definitely|certainly|surely|really|probably) )?(?:hope[sd]?|hopeful|hoping|hopefully|wish(?:es|ed)?|would (?:really |so )?love|I'd (?:really )?love|would (?:really )?like|I'd like|long may|would be (?:nice|great|cool|awesome|good|amazing)|fingers crossed|pray(?:ing)?)\b/i;

/** Where a contrast opens a new clause ("I hope so, but I doubt it"). */
const CONTRAST = /[,;:—–-]\s*(?:but|though|although|however|yet)\b|\b(?:but|however)\b/gi;

/** Finite verbs of the present or past: a stance on one of them is a guess about now or before. */
const PRESENT_OR_PAST =
  /^(?:is|are|am|was|were|'s|'re|'m|has|have|had|did|does|do|isn't|aren't|wasn't|weren't|hasn't|haven't|didn't|doesn't|don't|means|seems|knows|cares|believes|thinks|wants|needs|need|want|know|mean|went|got|came|made|thought|said|knew|saw|took|gave|told|became|began|felt|left|meant|found|kept|ran|sold|bought|paid|sent|spent|wrote|\w+[^\We]ed)$/i;
/** Stance cues that can sit on any verb, present or future ("probably is", "probably will"). */
const STANCES: ReadonlySet<string> = new Set([
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
const POSSIBLE_NOW = /\b(?:is|are|'s|'re|was|were|isn't|aren't|wasn't)\s+(?:\w+\s+)?possible\b/i;
/** "Likely" on a present verb: "it most likely means …". */
const LIKELY_NOW = /^\s+(?:means|is|are|was|were|has|had|seems|did|does)\b/i;
/** A modal on a present state: "could be struggling", "might not be the case". */
const MODAL_NOW =
  /\b(?:might|could|may) (?:just |both |well )?(?:be \w+ing|be the case|be (?:true|false|right|wrong|correct|it)\b|not be (?:the case|true|it|right))\b/i;
/** A modal on a judgement, whatever the tense around it: "it might be interesting to …". */
const MODAL_JUDGEMENT =
  /\b(?:might|could|may|will|would|'d) (?:just |also )?be (?:(?:very|really|quite|more|a bit) )?(?:interesting|worth|nice|useful|helpful|fun|better|easier|good|a good idea|more trouble|impossible|hard|difficult|tricky)\b|\b(?:will|would|'d) be (?:a |an )?(?:good|great|excellent|nice|cool|interesting|awesome|useful) (?:idea|thing|addition|feature)\b|\bmight as well\b|\b(?:might|could|may) (?:\w+ly )?be expected to\b|\b(?:might|could|may|would) (?:\w+ly )?work (?:as|for|well|better)\b|\b(?:might|may) want to\b|\b(?:could|might|may) (?:\w+ly )?be (?:described|called|seen|considered|said|argued)\b|\b(?:only )?time will tell\b|\bwill be up to\b|\bmay as well\b|\b(?:would|will|might|could|'d) (?:\w+ly )?make (?:more |a lot of |much )?sense\b|\b(?:might|could|may|would|'d)(?: \w+ly)? (?:make|be) (?:(?:him|her|them|it|us|you|me) look )?(?:(?:a|an|the) )?(?:(?:very|really|quite|bit|a bit|pretty|much|lot) )*(?:nice|good|great|better|best|ridiculous|fun|interesting|perfect|ideal|terrible|bad|worse|awful|strange|weird|silly|cool|decent|solid|brilliant|excellent|amazing|smart|wise|mistake|shame|pity|match|fit)\b/i;
/** Cues a judgement or an idiom takes over. */
const JUDGED: ReadonlySet<string> = new Set(["might", "could", "may", "will", "'ll"]);
const MODALS: ReadonlySet<string> = new Set(["might", "could", "may"]);

const MODAL_OR_TO = /^(?:\w+'d|would|could|might|may|will|\w+'ll|won't|be|to)$/i;

/** "They're", "I'm", "it's": a present verb inside a contraction (not a possessive "Google's"). */
const PRESENT_CONTRACTION = /^(?:\w+'re|\w+'m|(?:it|he|she|that|there|what|who|this|here)'s)$/i;

/** Where one clause ends and the next begins: a semicolon, a bracket, a dash between spaces. */
const CLAUSE_BREAK = /[;()]|\s[-–—]+\s|\.\.+/g;

/** Whether each clause of the sentence looks ahead, found once per sentence: [from, to, ahead]. */
function clausesLookingAhead(text: string): [number, number, boolean][] {
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
function nearPresentVerb(text: string, at: number, end: number): boolean {
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
const FUTURE_MARKER_NO_WILL =
  /\b(?:soon|next|later|eventually|someday|tomorrow|tonight|future|upcoming|in (?:a|the) (?:day|week|month|year)s?)\b/i;

/** The past: a date ahead beside these is a report ("this week we released …"). */
const PAST_MARKER = /\b(?:was|were|did|had|yesterday|ago|last)\b/i;

/** "If you look, you will see …": what the reader will find if they act, an instruction. */
const YOU_WILL = /\b(?:you|u)(?: will|'ll) (?:see|find|get|notice|need|have to|be able|be asked|receive)\b/i;

/** A stance on advice ("we should probably support the latest CentOS"): a recommendation, not a forecast. */
const ADVICE_STANCE =
  /\b(?:should|must|ought to|need to|needs to|have to|has to)(?:n't| not)? (?:probably|definitely|certainly|maybe|possibly|perhaps)\b/i;

/** "If you don't take risks, then you won't be rewarded": a maxim about "you", not a forecast. */
const GENERIC_YOU_IF = /\bif (?:you|u)\b/i;
const GENERIC_YOU_CUE = /\b(?:you|u)(?: will| won't|'ll| will not| might| may| could| would)\b/gi;
/** The span from an "if you …" to the "you will …" after it, or null. */
function genericYou(text: string): Span | null {
  const ifAt = text.search(GENERIC_YOU_IF);
  if (ifAt < 0) return null;
  GENERIC_YOU_CUE.lastIndex = ifAt + 3;
  const you = GENERIC_YOU_CUE.exec(text);
  return you === null ? null : { index: ifAt, end: you.index + you[0].length };
}

/** A stretch of a sentence, [index, end). */
interface Span {
  index: number;
  end: number;
}
const spanOf = (m: RegExpExecArray | null): Span | null =>
  m === null ? null : { index: m.index, end: m.index + m[0].length };

/** "You'll have to spoof as Firefox": what the reader must do, an instruction. */
const YOU_HAVE_TO = /\b(?:you|u)(?: will|'ll) (?:have to|need to|want to|must)\b/i;

/** An unreal condition ("if they would just announce it"): its hedges forecast nothing. */
const UNREAL_CONDITION = /\bif\b[^.;]*?\b(?:would|were|had|could)\b/i;

/** A plain "I will try it": the writer's own next step, not an outcome anyone scores. */
const OWN_STEP =
  /(?:^|\bI\s+|\bI'|\bwe\s+|\bwe')(?:will|ll|'ll|won't|m going to|re going to|am going to|are going to|m gonna|re gonna)\s+(?:(?:not|never|definitely|certainly|surely|also|just|probably|gladly|happily)\s+)?(?:try|consider|buy|switch|believe(?! it when)|scour|dig|debug|hunt|reproduce|review|triage|give it a (?:try|go|shot)|check|look into|have a look|take a look|let you know|keep you posted|get back|reply|report back|wait|see|say|have to|need|require|test|investigate|read|think about|ask|do my best|do (?:it|that|so|this)|update|post (?:updates|an update|it here)|be (?:happy|glad) to|gladly|happily|close (?:this|it|the (?:issue|ticket|pr)))\b/i;

/** The writer's own imminent step: "We are about to start using the library". */
const OWN_IMMINENT =
  /\b(?:I|we)(?:'m|'re| am| are) (?:just |now )?about to\b|(?:^|\b(?:I|we)(?:'m|'re| am| are) )(?:still |also |now |just )?planning (?:to|on) (?!release|ship|publish|launch|add|support|drop|merge|remove|deprecate|port|upload|make a release)|\b(?:I|we)(?:'m|'re| am| are) (?:still |definitely |probably |just )?(?:going to|gonna) (?:get|buy|pre-?order|order|upgrade|play|watch|use|keep|stick with|stay|wait)\b|\b(?:I|we) (?:might|may|could) (?:need to|have to|end up|try|want to|consider)\b|\b(?:I|we)(?:'d| would) (?:certainly|definitely|probably|maybe|possibly)\b|\b(?:I|we)(?:'ll| will) (?:too |also |still )?(?:have to|take (?:it|this|that) with|continue to use|keep using|stick with)\b/i;

/** What readers will say of the writer's point: "many of you will think …", a figure of speech. */
const READERS_REACT =
  /\b(?:you|many of you|some of you|most of you|people|some|others|everyone|someone)(?: will|'ll| might| may) (?:think|say|argue|disagree|ask|wonder|object|complain|laugh|tell me|point out)\b/i;

/** A promise to keep readers informed: "any updates will be shared", "we'll let you know". */
const KEEP_INFORMED =
  /\b(?:updates?|news|announcements?|details|more information|more info) (?:will|'ll) be (?:shared|posted|announced|provided|published|given|made available)\b|(?:\bwill|'ll) (?:keep (?:you|everyone|everybody|this thread|the thread|people|y'all) (?:posted|updated|informed|in the loop)|let (?:you|everyone|everybody|people|u|y'all)(?: guys| all)? know|update (?:this|the) (?:issue|thread|ticket|post|page))\b/i;

/** A refusal or a failure reported, not forecast: "Apple won't allow it after all", "won't work on 0.10". */
const REFUSAL =
  /\b(?:won't|will not) (?:allow|let|accept|approve|work|run|start|load|open|install|compile|build|connect|support)\b/i;
const REFUSAL_SEEN =
  /\b(?:I've|I have|we've|we have|tried|after all|anymore|any more|still|keeps?|again)\b|\b(?:was|were|got|been) (?:rejected|refused|denied|removed|banned)\b|\b(?:won't|will not) work (?:on|with|in) v?\d/i;

/** The cues of a future tense, which may close a condition without a comma ("if it ships that will …"). */
const FUTURE_TENSE: ReadonlySet<string> = new Set([
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
function ifThenForecast(text: string): boolean {
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
const GENERIC_OPENING = /^(?:sometimes|often|usually|generally|in general|typically|normally|occasionally|at times)\b/i;

/** A belief reported in the past ("they thought they will exist for a while"): not the writer's forecast. */
const PAST_BELIEF =
  /\b(?:thought|believed|assumed|expected|figured|said|claimed|promised|told (?:me|us|everyone))(?: that)? (?:\w+ ){0,3}?(?:will|would|'ll|'d|was going to|were going to)\b/i;

/** Where "if" opens a condition: up to the next comma, semicolon, bracket, "then", "but" or the end. */
function ifClauses(text: string): [number, number][] {
  return [...text.matchAll(/\bif\b/gi)].map((m) => {
    const rest = text.slice(m.index);
    const close = /[,;:()]|\b(?:then|but)\b/i.exec(rest);
    return [m.index, close ? m.index + close.index : text.length];
  });
}

/** A sentence that opens with an instruction or a request. */
const IMPERATIVE =
  /^(?:(?:so|and|but|ok|okay|also|just|then)\b[,.]?\s+)?(?:please|pls|plz|let me|let us|give|post|check|keep|make sure|let's|lets|try|use|read|watch|add|tell|send|share|look|feel free|don't forget|remember to|consider|stay tuned|join|vote|help|click|download|install|bookmark|ping|open|file|report)\b/i;

interface Found {
  rule: HedgeRule;
  at: number;
  end: number;
}

function contrastAfter(text: string, from: number): number {
  for (const m of text.matchAll(CONTRAST)) if (m.index > from) return m.index;
  return text.length;
}

const GLOBAL = new Map<RegExp, RegExp>();
/** The marker made global, to find every clause it opens; made once per marker. */
function globalOf(marker: RegExp): RegExp {
  let g = GLOBAL.get(marker);
  if (g === undefined) {
    g = new RegExp(marker.source, "gi");
    GLOBAL.set(marker, g);
  }
  return g;
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

// --- Sentences ------------------------------------------------------------------------------------

const HARD_END = /(?:[.!?…:。！？]|[.!?]["'”’)\]]+)$/u;
const LIST_ITEM = /^\s*(?:[-*•+>]\s|\d{1,3}[.)]\s|#{1,6}\s|[-*_]{3,}\s*$)/u;

/**
 * Paragraphs of a body with soft line breaks joined: a newline that does not follow
 * sentence-final punctuation (or a colon), and is not followed by a blank line or a list item,
 * is a wrap inside a sentence.
 */
export function unwrapLines(body: string): string[] {
  const blocks: string[] = [];
  let current = "";
  // The paragraph's last line: its end is the paragraph's end, and testing it alone keeps a
  // paragraph of many short lines from being scanned again at each line.
  let last = "";
  for (const raw of body.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    if (line === "") {
      if (current !== "") blocks.push(current);
      current = "";
    } else if (current === "") {
      current = line;
    } else if (LIST_ITEM.test(raw) || HARD_END.test(last)) {
      blocks.push(current);
      current = line;
    } else {
      current = `${current} ${line}`;
    }
    if (line !== "") last = line;
  }
  if (current !== "") blocks.push(current);
  return blocks;
}

// compromise's sentence splitter: the one nlp(text).sentences() uses, called without building
// the document (ten times faster, same sentences; a 100,000-comment import goes through it).
interface CompromiseTokenizer {
  methods: () => { one: { tokenize: { splitSentences: (text: string, world: unknown) => string[] } } };
  world: () => unknown;
}
const compromise = nlp as unknown as CompromiseTokenizer;
const COMPROMISE_WORLD = compromise.world();
const compromiseSentences = (text: string): string[] =>
  compromise.methods().one.tokenize.splitSentences(text, COMPROMISE_WORLD);

// CJK full stops end a sentence; compromise's tokenizer does not know them.
const CJK_SENTENCE = /[^。！？]+[。！？]+|[^。！？]+$/gu;
// A stop followed by more text: only then can a piece hold more than one sentence.
// Written to pass over the text once ("[.!?…]\S*\s+\S" rescans a long run of stops at each one).
const INNER_STOP = /^[^.!?…]*[.!?…][^]*?\s\S/u;
// Dots that trail off and a capital after them: a new sentence, which compromise does not see.
const ELLIPSIS_THEN_CAPITAL = /(?<=\.\.|…)\s+(?=\p{Lu})/u;
// A list marker compromise would read as a sentence of its own ("1." then "one").
const LEADING_MARKER = /^\d{1,3}\.$/;

/** Sentences of a body, trimmed, in order: soft-wrapped lines unwrapped, then compromise's tokenizer. */
export function splitSentences(body: string): string[] {
  const sentences: string[] = [];
  for (const block of unwrapLines(body)) {
    for (const piece of block.match(CJK_SENTENCE) ?? []) {
      for (const sentence of tokenizeSentences(piece)) sentences.push(...cutLong(sentence));
    }
  }
  return sentences;
}

/**
 * The longest sentence the analysis reads whole. A run-on "sentence" longer than this (a comment
 * with no full stop) is cut at the last space before the limit, so the time spent on one comment
 * grows with its length, not with its square: an imported file cannot stall the importer.
 */
export const MAX_SENTENCE_CHARS = 600;

function cutLong(sentence: string): string[] {
  const parts: string[] = [];
  let rest = sentence;
  while (rest.length > MAX_SENTENCE_CHARS) {
    const space = rest.lastIndexOf(" ", MAX_SENTENCE_CHARS);
    const cut = space > MAX_SENTENCE_CHARS / 2 ? space : MAX_SENTENCE_CHARS;
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest !== "") parts.push(rest);
  return parts;
}

/**
 * The most text handed to compromise at once. Its splitter glues pieces it does not take for
 * sentences onto a growing string ("Mr. Mr. Mr. …") and rescans it, so a long piece is handed over
 * in windows cut just after a sentence's stop.
 */
const WINDOW_CHARS = 1000;
const STOP_THEN_SPACE = /[.!?…]["'”’)\]]*\s/gu;

function windows(piece: string): string[] {
  const out: string[] = [];
  let rest = piece;
  while (rest.length > WINDOW_CHARS) {
    let cut = -1;
    STOP_THEN_SPACE.lastIndex = 0;
    for (let m = STOP_THEN_SPACE.exec(rest); m !== null && m.index < WINDOW_CHARS; m = STOP_THEN_SPACE.exec(rest)) {
      cut = m.index + m[0].length;
    }
    if (cut < WINDOW_CHARS / 4) cut = rest.lastIndexOf(" ", WINDOW_CHARS);
    if (cut < WINDOW_CHARS / 4) cut = WINDOW_CHARS;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  out.push(rest);
  return out;
}

/** compromise's sentences of one piece of text (a piece with no stop inside is one sentence). */
function tokenizeSentences(piece: string): string[] {
  if (!INNER_STOP.test(piece)) return piece.trim() === "" ? [] : [piece.trim()];
  const parts = windows(piece)
    .flatMap(compromiseSentences)
    .flatMap((s) => s.split(ELLIPSIS_THEN_CAPITAL))
    .map((t) => t.trim())
    .filter((t) => t !== "");
  const sentences: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const sentence = parts[i] as string;
    if (LEADING_MARKER.test(sentence) && i + 1 < parts.length) {
      parts[i + 1] = `${sentence} ${parts[i + 1] as string}`;
      continue;
    }
    sentences.push(sentence);
  }
  return sentences;
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
    '- A negation flips that hedge to 1 − p ("probably won\'t" → 0.30); with no hedge, the negation\'s own value counts ("won\'t" 0.25, "will never" 0.10). A doubt is already against, and is not flipped again.',
    "- Otherwise a plain prediction (will, going to, …) gives 0.75.",
    "- A question with any cue gives 0.50 and is not a candidate: the writer asks, and does not assert (except 'how long before …', which presumes the outcome).",
    "- Not asserted, so not counted: cues after a hope or wish ('I hope there will be …'), inside an embedded question ('I don't know if …', 'whether …'), a hedge on a present state ('there are probably …'), the writer's own next step ('I will try it').",
    "- A lone conditional ('if …' with nothing asserted, and no 'then') is a condition or a request, not a candidate.",
    "- Probabilities are rounded to 2 decimals.",
  ].join("\n");
}
