// Cutting a comment into sentences: soft line breaks unwrapped, then compromise's tokenizer, with
// run-on text cut so the time spent grows with a comment's length, not its square.
import nlp from "compromise/one";

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
