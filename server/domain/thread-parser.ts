// Parses a pasted comment thread (the format of db/seed-data/2014-rumor-thread.txt) or a plain
// article into plain data. The other formats comments live in (Disqus, Reddit, Hacker News,
// WordPress) are read by server/domain/formats/ into the same ParsedThread. Pure: the caller reads the file. Every line that is left out is listed
// in `skipped`, and every repair or odd thing in `warnings`, so an editor can check the import.
import { DateTime } from "luxon";
import { storedInstant, toStored } from "./dates";
import { looksBinary, normalizeText, repairMojibake } from "./text-repair";
import { normalizePastedText, visibleText } from "./text-normalizer";
import { handleProblem, normalizeHandle } from "./usernames";

export interface ParsedComment {
  /** The site's number without the dot ("7"); a repeated number gets a suffix ("7-2"). */
  number: string;
  /** 1-based order of appearance among the returned comments. */
  position: number;
  handle: string;
  posts: number | null;
  /** ISO date YYYY-MM-DD, from "Apr 15, 2014". */
  memberSince: string | null;
  unregistered: boolean;
  /** Trimmed; '' for an empty comment (its author is still a commenter). */
  body: string;
  /** When it was written, in the stored form (ISO-8601 UTC); null when the source does not say. */
  postedAt: string | null;
  /** The `number` of the comment it replies to, which comes earlier in `comments`; null for none. */
  parent: string | null;
}

export interface SkippedItem {
  reason:
    | "empty comment"
    | "boilerplate"
    | "advertising"
    | "duplicate comment"
    | "unusable handle"
    | "deleted comment"
    | "removed comment"
    | "spam"
    | "not approved"
    | "pingback"
    | "more comments not in the file";
  excerpt: string;
  /** 1-based line in the pasted text; null in a file of records (JSON, XML), where `excerpt` names the record. */
  line: number | null;
}

/** The formats comments are imported from; detected from the content (server/domain/formats/detect.ts). */
export type ThreadFormat = "paste" | "disqus" | "reddit" | "hacker-news" | "wordpress";

export interface ParsedThread {
  format: ThreadFormat;
  /** The first line; '' when the paste starts with a comment. */
  title: string;
  publisher: string | null;
  via: string | null;
  /** The thread's address, when the file gives it (never in a paste). */
  url: string | null;
  /** YYYY-MM-DD the article or post was published, when the file gives it (never in a paste). */
  published: string | null;
  body: string;
  comments: ParsedComment[];
  skipped: SkippedItem[];
  warnings: string[];
}

export interface ParsedArticle {
  body: string;
  skipped: SkippedItem[];
  warnings: string[];
}

export class ThreadParseError extends Error {
  override name = "ThreadParseError";
}

interface Header {
  index: number;
  number: string;
  handle: string;
  unregistered: boolean;
  posts: number | null;
  memberSince: string | null;
  postedAt: string | null;
  /** Index of the first body line. */
  bodyStart: number;
}

interface Prepared {
  /** The pasted text's lines, trimmed; line `i` is line `i + 1` of the paste. Plain strings, not
   * objects: a 20 MB paste has about a million lines, and objects would add ~30 MB. */
  lines: string[];
  warnings: string[];
}

/** Shared first steps: refuse what is not text, normalise, repair mojibake with a warning. */
function prepare(raw: string): Prepared {
  const { text, warnings } = cleanText(raw);
  const lines = text.split("\n").map((t) => t.trim());
  return { lines, warnings };
}

/** Refuses what is not text or is empty; strips a BOM, normalises line ends, repairs mojibake with a warning. */
export function cleanText(raw: string): { text: string; warnings: string[] } {
  if (looksBinary(raw)) {
    throw new ThreadParseError("This is binary data, not text: it contains NUL bytes or many control characters.");
  }
  const repair = repairMojibake(normalizeText(raw));
  const { text, removed } = normalizePastedText(repair.text);
  const repaired = repair.repaired;
  if (visibleText(text) === "") throw new ThreadParseError("The text is empty: there is nothing to import.");
  const warnings =
    repaired > 0
      ? [
          `Repaired ${repaired} garbled character${repaired === 1 ? "" : "s"} (UTF-8 text that had been read as Windows-1252, e.g. "â€™" for ’).`,
        ]
      : [];
  if (removed > 0)
    warnings.push(`Removed ${removed} control character${removed === 1 ? "" : "s"} (invisible, not text).`);
  const lost = text.match(/\uFFFD/g)?.length ?? 0;
  if (lost > 0) {
    warnings.push(
      `The text contains ${lost} replacement character${lost === 1 ? "" : "s"} (\uFFFD): letters that a program before this import could not read and replaced, so they are lost. They are stored as they are; if the original file is in another encoding, import the original file instead.`,
    );
  }
  return { text, warnings };
}

const HEADER = /^(\d{1,6})\.\s+(\S.*)$/;
// An unregistered commenter has no Posts line, so the word must be there and the handle a single
// token, or a quoted one ("Jo Smith"); otherwise a numbered list item in a body ("2. he is
// unregistered") would start a comment.
const UNREGISTERED = /^(\d{1,6})\.\s+(\S+|"[^"]+")\s+unregistered$/i;
const POSTS = /^Posts:\s*([\d,]+)\s*(?:;\s*Member since:\s*(.*))?$/i;
// The comment's own time, on the line after the header (after the Posts line when there is one).
const POSTED = /^Posted:\s*(.+)$/i;

/** A handle written in double quotes ("Jo Smith") is the words inside them. */
function unquote(handle: string): string {
  return /^"[^"]+"$/.test(handle) ? handle.slice(1, -1).trim() : handle;
}

/**
 * The text trimmed, a trailing " UTC" or " GMT" (after any spaces) as "Z". Tested as "\s" then
 * sliced: the pattern "\s+(?:UTC|GMT)$" retried a run of spaces from each space (quadratic).
 */
export function utcAsZ(text: string): string {
  const trimmed = text.trim();
  return /\s(?:UTC|GMT)$/i.test(trimmed) ? `${trimmed.slice(0, -3).trimEnd()}Z` : trimmed;
}

/**
 * A "Posted:" line's time in the stored form: ISO 8601 ("2014-09-30T14:05:00Z", "2014-09-30
 * 14:05", "2014-09-30") or as pages print it ("Sep 30, 2014 2:05 PM", "Sep 30, 2014"); UTC
 * unless an offset is given. Null when it is no such time: then the line is not a Posted line.
 */
export function postedTime(text: string): string | null {
  const t = utcAsZ(text).replace(/^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})/, "$1T$2");
  const iso = /^\d{4}-\d{2}-\d{2}/.test(t) ? storedInstant(t) : null;
  if (iso !== null) return iso;
  for (const format of [
    "MMM d, yyyy h:mm a",
    "MMM d, yyyy H:mm",
    "MMM d, yyyy",
    "MMMM d, yyyy h:mm a",
    "MMMM d, yyyy",
  ]) {
    const parsed = DateTime.fromFormat(t.replace(/Z$/, "").trim(), format, { locale: "en-US", zone: "utc" });
    if (parsed.isValid) return toStored(parsed);
  }
  return null;
}

/** The Posted line at `index`, if it is one: its time and the next line's index. */
function readPosted(lines: readonly string[], index: number): { postedAt: string; next: number } | null {
  const posted = POSTED.exec(lines[index] ?? "");
  const postedAt = posted?.[1] === undefined ? null : postedTime(posted[1]);
  return postedAt === null ? null : { postedAt, next: index + 1 };
}

function nextNonBlank(lines: readonly string[], from: number): number {
  let i = from;
  while (i < lines.length && lines[i] === "") i += 1;
  return i;
}

// Luxon's fromFormat compiles its patterns on every call, and a big thread repeats a few thousand
// "Member since" dates a hundred thousand times: each distinct text is parsed once. Bounded, so a
// long-running server does not keep every date it ever saw.
const isoDates = new Map<string, string | null>();

function isoDate(text: string | undefined): string | null {
  const key = text?.trim() ?? "";
  if (key === "") return null;
  const cached = isoDates.get(key);
  if (cached !== undefined) return cached;
  if (isoDates.size >= 10_000) isoDates.clear();
  let found: string | null = null;
  for (const format of ["MMM d, yyyy", "MMM d yyyy", "MMMM d, yyyy"]) {
    const parsed = DateTime.fromFormat(key, format, { locale: "en-US", zone: "utc" });
    if (parsed.isValid) {
      found = parsed.toISODate();
      break;
    }
  }
  isoDates.set(key, found);
  return found;
}

/**
 * A comment header: `N. handle` whose next non-blank line is the Posts line or a Posted line, or
 * `N. handle unregistered` (`N. "handle with spaces" unregistered`). An optional `Posted: <time>`
 * line may follow. Numbered lines without any of these are body text.
 */
function readHeader(lines: readonly string[], index: number): Header | null {
  const text = lines[index] ?? "";
  const unregistered = UNREGISTERED.exec(text);
  if (unregistered?.[1] !== undefined && unregistered[2] !== undefined) {
    const posted = readPosted(lines, nextNonBlank(lines, index + 1));
    const handle = unquote(unregistered[2]);
    return header(
      index,
      unregistered[1],
      handle,
      true,
      null,
      null,
      posted?.postedAt ?? null,
      posted?.next ?? index + 1,
    );
  }
  const found = HEADER.exec(text);
  if (found?.[1] === undefined || found[2] === undefined) return null;
  const handle = unquote(found[2]);
  const postsIndex = nextNonBlank(lines, index + 1);
  const posts = POSTS.exec(lines[postsIndex] ?? "");
  if (posts?.[1] === undefined) {
    // No Posts line: a Posted line alone makes it a comment (a handle with spaces, no post count).
    const posted = readPosted(lines, postsIndex);
    if (posted === null) return null;
    return header(index, found[1], handle, false, null, null, posted.postedAt, posted.next);
  }
  const postCount = Number(posts[1].replace(/,/g, ""));
  const posted = readPosted(lines, nextNonBlank(lines, postsIndex + 1));
  const bodyStart = posted?.next ?? postsIndex + 1;
  return header(index, found[1], handle, false, postCount, isoDate(posts[2]), posted?.postedAt ?? null, bodyStart);
}

/** One shape for every header: a million of them are made for a big paste. */
function header(
  index: number,
  number: string,
  handle: string,
  unregistered: boolean,
  posts: number | null,
  memberSince: string | null,
  postedAt: string | null,
  bodyStart: number,
): Header {
  return { index, number, handle, unregistered, posts, memberSince, postedAt, bodyStart };
}

function findHeaders(lines: readonly string[], from: number, to: number, limit = Infinity): Header[] {
  const headers: Header[] = [];
  for (let i = from; i < to && headers.length < limit; i += 1) {
    const header = readHeader(lines, i);
    if (header) headers.push(header);
  }
  return headers;
}

// Site furniture that ends the content of a pasted page: the "Latest Stories" list, the reprint
// notice. Keep in sync with the fixtures in test/fixtures/threads/boilerplate.txt.
const BOILERPLATE_START = [/^latest stories$/i, /^this copy is for your personal, non-commercial use only/i];

function boilerplateStart(lines: readonly string[], from: number): number {
  const found = lines.findIndex((l, i) => i >= from && BOILERPLATE_START.some((re) => re.test(l)));
  return found === -1 ? lines.length : found;
}

function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The non-blank lines from index `from` up to `to`, listed as skipped with their line numbers. */
function skipLines(lines: readonly string[], from: number, to: number, reason: SkippedItem["reason"]): SkippedItem[] {
  const skipped: SkippedItem[] = [];
  for (let i = from; i < to; i += 1) {
    const text = lines[i] ?? "";
    if (text !== "") skipped.push({ reason, excerpt: excerpt(text), line: i + 1 });
  }
  return skipped;
}

/** Non-blank lines grouped into paragraphs at blank lines, joined by one blank line. */
function paragraphs(lines: readonly string[]): string {
  const groups: string[][] = [[]];
  for (const line of lines) {
    const current = groups[groups.length - 1];
    if (line !== "") current?.push(line);
    else if (current !== undefined && current.length > 0) groups.push([]);
  }
  return groups
    .filter((g) => g.length > 0)
    .map((g) => g.join("\n"))
    .join("\n\n");
}

const SOURCE_LINE = /^source:\s*(.+)$/i;
// The first " via " that has text before and after it. The one pattern
// "^source:\s*(.+?)(?:\s+via\s+(.+))?$" tried the rest of the line at each character (quadratic on
// a long run of spaces); this finds the same split: the look-behind starts the match only where a
// run of spaces starts, and the look-ahead keeps one character (a space at worst) after it.
const VIA = /(?<!\s)\s+via\s+(?=.)/i;

/** A `source: X via Y` line's publisher (X) and via (Y, or null), or null when it is no source line. */
export function sourceLine(line: string): { publisher: string; via: string | null } | null {
  const rest = SOURCE_LINE.exec(line)?.[1];
  if (rest === undefined) return null;
  const via = VIA.exec(rest);
  if (via === null) return { publisher: rest, via: null };
  return { publisher: rest.slice(0, via.index), via: rest.slice(via.index + via[0].length) };
}

interface ArticlePart {
  title: string;
  publisher: string | null;
  via: string | null;
  body: string;
}

/** Title, article paragraphs and the `source: X via Y` line, all before the first comment. */
function readArticle(lines: readonly string[], end: number): ArticlePart {
  const titleIndex = nextNonBlank(lines, 0);
  // A paste that starts with its first comment has no title (not "1. handle").
  const title = titleIndex < end ? (lines[titleIndex] ?? "") : "";
  let start = titleIndex + 1;
  // Pasted pages repeat the headline (page title, then article heading); it is not content.
  const repeat = nextNonBlank(lines, start);
  if (repeat < end && lines[repeat] === title) start = repeat + 1;
  const region = lines.slice(start, end);
  const sourceAt = region.findIndex((l) => SOURCE_LINE.test(l));
  const source = sourceAt === -1 ? null : sourceLine(region[sourceAt] ?? "");
  const bodyLines = region.filter((_, i) => i !== sourceAt);
  return { title, publisher: source?.publisher ?? null, via: source?.via ?? null, body: paragraphs(bodyLines) };
}

function commentBody(lines: readonly string[], from: number, to: number): string {
  return paragraphs(lines.slice(from, to));
}

interface Comments {
  comments: ParsedComment[];
  skipped: SkippedItem[];
  warnings: string[];
}

/**
 * Turns headers into comments. The database keys comments by site number, so a number seen
 * twice cannot be stored twice: a word-for-word repeat (a page pasted with overlap) is dropped;
 * a different comment keeps its content under a suffixed number ("7-2").
 */
function buildComments(lines: readonly string[], headers: readonly Header[], end: number): Comments {
  const out: Comments = { comments: [], skipped: [], warnings: [] };
  const warnings = new CappedWarnings({
    handle: (n) => `${n} more comments were left out for their commenter's name.`,
    repeat: (n) => `${n} more comments repeat an earlier one word for word; the repeats were left out.`,
    number: (n) => `${n} more comments share a number with an earlier one and were kept under a suffixed number.`,
  });
  // Per site number: how many comments were kept under it, and their handles and bodies (a Set,
  // not a list searched per comment: thousands of comments numbered alike were quadratic).
  const seen = new Map<string, { kept: number; texts: Set<string> }>();
  headers.forEach((h, i) => {
    const body = commentBody(lines, h.bodyStart, headers[i + 1]?.index ?? end);
    const { number, unregistered, posts, memberSince, postedAt } = h;
    const handle = normalizeHandle(h.handle);
    const line = h.index + 1;
    const problem = handleProblem(handle);
    if (problem) {
      out.skipped.push({ reason: "unusable handle", excerpt: excerpt(`${h.number}. ${handle}`), line });
      warnings.add("handle", `Comment ${h.number} (line ${line}) was left out: its commenter's name is ${problem}.`);
      return;
    }
    const earlier = seen.get(h.number) ?? { kept: 0, texts: new Set<string>() };
    // The handle's length first: no handle and body run together into another pair's key.
    const key = `${handle.length}:${handle}${body}`;
    const position = out.comments.length + 1;
    const candidate = { number, position, handle, posts, memberSince, unregistered, body, postedAt, parent: null };
    if (earlier.texts.has(key)) {
      out.skipped.push({ reason: "duplicate comment", excerpt: excerpt(`${h.number}. ${h.handle}`), line });
      warnings.add(
        "repeat",
        `Comment ${h.number} by ${h.handle} (line ${line}) repeats an earlier one word for word; the repeat was left out.`,
      );
      return;
    }
    if (earlier.kept > 0) {
      candidate.number = `${h.number}-${earlier.kept + 1}`;
      warnings.add(
        "number",
        `Comment number ${h.number} appears more than once; the one by ${h.handle} on line ${line} was kept as ${candidate.number}.`,
      );
    }
    earlier.kept += 1;
    earlier.texts.add(key);
    seen.set(h.number, earlier);
    out.comments.push(candidate);
  });
  out.warnings = warnings.all();
  return out;
}

/** How many warnings of one kind are listed one by one; one line counts the rest. */
export const LISTED_WARNINGS = 20;

/**
 * Warnings in the order they arise, at most LISTED_WARNINGS of each kind (a file of 100,000
 * nameless comments must not give 100,000 lines), then a line per kind that counts the rest.
 */
export class CappedWarnings<K extends string> {
  private readonly list: string[] = [];
  private readonly counts = new Map<K, number>();

  /** `more(n)` says what the n warnings of a kind beyond the first LISTED_WARNINGS were about. */
  constructor(private readonly more: Record<K, (rest: number) => string>) {}

  add(kind: K, warning: string): void {
    const count = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, count);
    if (count <= LISTED_WARNINGS) this.list.push(warning);
  }

  all(): string[] {
    const rest = [...this.counts]
      .filter(([, count]) => count > LISTED_WARNINGS)
      .map(([kind, count]) => `…and ${this.more[kind](count - LISTED_WARNINGS)}`);
    return [...this.list, ...rest];
  }
}

/** Said to an editor on the web page as well as at the command line, so it explains itself: no pointer to the README. */
const NO_COMMENTS =
  "No comments found. A thread is imported for its readers' comments, so it needs at least one; an article alone cannot be imported. " +
  'In a pasted page, after the title, the article and a line "source: Publisher via Site", each comment starts with a numbered line such as "1. handle", ' +
  'then a line "Posts: 12; Member since: Apr 15, 2014" or "Posted: 2014-09-30 14:05" (or just "1. handle unregistered"), then the comment\'s text. ' +
  "Or give a Disqus or WordPress export (.xml), a Reddit thread's .json, or a Hacker News item saved from hn.algolia.com/api/v1/items/ID.";

/** Parses a pasted thread: title, article, source line, then numbered comments. */
export function parseThread(raw: string): ParsedThread {
  const { lines, warnings } = prepare(raw);
  const firstHeader = findHeaders(lines, 0, lines.length, 1)[0];
  if (firstHeader === undefined) throw new ThreadParseError(NO_COMMENTS);
  const end = boilerplateStart(lines, firstHeader.index);
  const headers = findHeaders(lines, firstHeader.index, end);
  const article = readArticle(lines, firstHeader.index);
  const built = buildComments(lines, headers, end);
  return {
    format: "paste",
    ...article,
    url: null,
    published: null,
    comments: built.comments,
    skipped: [...built.skipped, ...skipLines(lines, end, lines.length, "boilerplate")],
    warnings: [...warnings, ...built.warnings],
  };
}

// Trailing advertising pasted along with an article: a bare keyword list ("Refurbished
// Lenovo,Used Lenovo Thinkpad,...") or a short line carrying a URL (a company's name and site).
function isAdvertising(text: string): boolean {
  const parts = text.split(",").map((p) => p.trim());
  const keywordList =
    parts.length >= 3 && parts.every((p) => p !== "" && p.split(/\s+/).length <= 5) && !/[.!?:;"”]$/.test(text);
  const shortWithUrl = /(?:https?:\/\/|www\.)\S+/i.test(text) && text.split(/\s+/).length <= 20;
  return keywordList || shortWithUrl;
}

/** Parses a plain article without comments; trailing advertising and boilerplate are left out. */
export function parseArticle(raw: string): ParsedArticle {
  const { lines, warnings } = prepare(raw);
  const boilerplate = boilerplateStart(lines, 0);
  let end = boilerplate;
  while (end > 0 && (lines[end - 1] === "" || isAdvertising(lines[end - 1] ?? ""))) end -= 1;
  const content = lines.slice(0, end);
  // Lines with no blank line between them are paragraphs of their own in a plain article.
  const spaced = content.some((l) => l === "") ? content : content.flatMap((l) => [l, ""]);
  return {
    body: paragraphs(spaced),
    skipped: [
      ...skipLines(lines, end, boilerplate, "advertising"),
      ...skipLines(lines, boilerplate, lines.length, "boilerplate"),
    ],
    warnings,
  };
}
