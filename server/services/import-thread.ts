// Imports a thread into the database in one transaction: the source, its new comments (with
// their times and the comments they reply to), their authors and the speculation candidates found
// in them commit together or not at all. The format (a pasted page, a Disqus or WordPress export,
// a Reddit or Hacker News thread's JSON) is detected from the content (domain/formats/detect.ts).
// Idempotent: a thread is recognised by its fingerprint, and only comments with site numbers (or
// ids) not yet stored are added, after the stored ones.
import type { DateTime } from "luxon";
import { writeTransaction } from "./write-transaction";
import { insertCandidates } from "../../db/candidates";
import { commentBodiesForSource, commentIdsForSource, insertComment, maxCommentPosition } from "../../db/comments";
import type { Db } from "../../db/connection";
import { findPersonByHandle, lookAlikes, upsertPerson } from "../../db/people";
import { findSourceByFingerprint, insertSource, setSourcePublished } from "../../db/sources";
import { toStored } from "../domain/dates";
import { parseComments } from "../domain/formats/detect";
import { findCandidates, type Candidate } from "../domain/speculation";
import { decodeBytes, type DecodedText } from "../domain/text-encoding";
import {
  parseArticle,
  ThreadParseError,
  type ParsedComment,
  type ParsedThread,
  type SkippedItem,
  type ThreadFormat,
} from "../domain/thread-parser";

export type { DecodedText } from "../domain/text-encoding";

/** The largest paste or file an import takes (the command line and the web form alike). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/**
 * Why a paste or file cannot be imported, in words for the person who gave it. When it is
 * thrown nothing has been stored. The one error that callers of this module catch and show.
 */
export class ImportError extends Error {
  override name = "ImportError";
}

export interface ImportOptions {
  title?: string;
  url?: string;
  publisher?: string;
  /** YYYY-MM-DD, already validated. */
  published?: string;
}

export interface ImportSummary {
  sourceId: number;
  /** The format the text was read as (detected from its content). */
  format: ThreadFormat;
  /** The title the source is stored under. */
  title: string;
  /** True when the thread was new; false when it was already stored (only new comments added). */
  createdSource: boolean;
  /** Comments added by this import. */
  comments: number;
  /** Comments that were already stored from an earlier import. */
  alreadyStored: number;
  /** Distinct commenters among the comments added. */
  people: number;
  /** Speculative sentences stored as candidates from the added comments. */
  candidates: number;
  skipped: SkippedItem[];
  warnings: string[];
}

/** Called as comments are stored: (0, total) first, then every few hundred, then (total, total). */
export type ImportProgress = (done: number, total: number) => void;

const PROGRESS_EVERY = 500;

export function threadFingerprint(title: string, publisher: string | null): string {
  const norm = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  return `thread:${norm(title)}|${norm(publisher ?? "")}`;
}

/** Refuses a paste or file of more than MAX_IMPORT_BYTES; a caller with a file checks its size before reading it. */
export function checkImportSize(bytes: number): void {
  if (bytes > MAX_IMPORT_BYTES) {
    const n = (x: number) => x.toLocaleString("en-US");
    throw new ImportError(
      `The text is too big to import: ${n(bytes)} bytes, over the limit of ${MAX_IMPORT_BYTES / 1024 / 1024} MB (${n(MAX_IMPORT_BYTES)} bytes).`,
    );
  }
}

/**
 * A file's or an upload's bytes as text, in the encoding they are in: UTF-8, or (with a warning
 * naming it) Windows-1252, Latin-1 or what chardet finds. Refuses what is too big before decoding it.
 */
export function decodeImport(bytes: Uint8Array): DecodedText {
  checkImportSize(bytes.byteLength);
  return decodeBytes(bytes);
}

/** Text already decoded has no encoding warnings. */
function asDecoded(input: string | DecodedText): { text: string; warnings: string[] } {
  return typeof input === "string" ? { text: input, warnings: [] } : input;
}

/** The parser's refusals (empty, binary, no comments, a malformed file) become ImportErrors, after the size check. */
function parseOrRefuse<T>(raw: string, parse: (raw: string) => T): T {
  checkImportSize(Buffer.byteLength(raw, "utf8"));
  try {
    return parse(raw);
  } catch (err) {
    if (err instanceof ThreadParseError) throw new ImportError(err.message);
    throw err;
  }
}

/** A comment with the speculative sentences found in it. */
export interface DetectedComment extends ParsedComment {
  candidates: Candidate[];
}

/**
 * A paste parsed, checked and searched for speculation: the CPU-heavy half of an import, which
 * needs no database, so that it can run on a worker thread and outside the write transaction.
 * Plain data only: it crosses threads by structured clone.
 */
export interface PreparedImport {
  thread: Omit<ParsedThread, "comments"> & { comments: DetectedComment[] };
  opts: ImportOptions;
}

export function importThread(
  db: Db,
  raw: string | DecodedText,
  opts: ImportOptions,
  now: DateTime,
  onProgress?: ImportProgress,
): ImportSummary {
  return storeImport(db, prepareImport(raw, opts), now, onProgress);
}

/** Parses and refuses (ImportError) what cannot be imported; finds the candidates. Touches no database. */
export function prepareImport(input: string | DecodedText, opts: ImportOptions): PreparedImport {
  const { text, warnings } = asDecoded(input);
  const parsed = parseOrRefuse(text, (raw) => parseComments(raw, opts.title));
  const title = opts.title ?? parsed.title;
  if (title === "") {
    throw new ImportError(
      "The text has no title: it starts with a comment. Put the thread's title on the first line, or give one.",
    );
  }
  // Every comment, stored or not: which ones are new is known only inside the transaction, and
  // detection there would hold the write lock for as long again as the writes themselves.
  const comments = parsed.comments.map((c) => ({ ...c, candidates: findCandidates(c.body) }));
  // What the file says of the thread (Disqus, Reddit, …: its address and date) fills what was not given.
  const fromFile = {
    ...(parsed.url === null ? {} : { url: parsed.url }),
    ...(parsed.published === null ? {} : { published: parsed.published }),
  };
  return {
    thread: {
      ...parsed,
      title,
      publisher: opts.publisher ?? parsed.publisher,
      comments,
      warnings: [...warnings, ...parsed.warnings],
    },
    opts: { ...fromFile, ...opts },
  };
}

/** Stores a prepared import in one transaction (a savepoint when the caller has one open). */
export function storeImport(
  db: Db,
  prepared: PreparedImport,
  now: DateTime,
  onProgress?: ImportProgress,
): ImportSummary {
  return writeTransaction(db, () => store(db, prepared, toStored(now), onProgress))();
}

function store(db: Db, prepared: PreparedImport, now: string, onProgress?: ImportProgress): ImportSummary {
  const { thread: parsed, opts } = prepared;
  const source = findOrCreateSource(db, parsed, opts, now);
  const stored = commentBodiesForSource(db, source.id);
  const added = parsed.comments.filter((c) => !stored.has(c.number));
  const result = addComments(db, source.id, added, now, onProgress);
  const renamed = result.renamed.map(
    (h) => `The commenter "${h}" shares a name with a reader account or a publisher; stored as "${h} (commenter)".`,
  );
  return {
    sourceId: source.id,
    format: parsed.format,
    title: source.title,
    createdSource: source.created,
    comments: added.length,
    alreadyStored: parsed.comments.length - added.length,
    people: result.people,
    candidates: result.candidates,
    skipped: parsed.skipped,
    warnings: [
      ...parsed.warnings,
      ...source.warnings,
      ...renamed,
      ...result.alike,
      ...changedComments(parsed.comments, stored),
    ],
  };
}

interface StoredSource {
  id: number;
  title: string;
  created: boolean;
  warnings: string[];
}

function findOrCreateSource(db: Db, parsed: ParsedThread, opts: ImportOptions, now: string): StoredSource {
  const fingerprint = threadFingerprint(parsed.title, parsed.publisher);
  const existing = findSourceByFingerprint(db, fingerprint);
  if (existing) {
    // A date given now fills a date that was missing; a stored date is never overwritten silently.
    if (opts.published !== undefined && existing.publishedOn === null)
      setSourcePublished(db, existing.id, opts.published);
    const differs =
      (opts.url !== undefined && opts.url !== existing.url) ||
      (opts.published !== undefined && existing.publishedOn !== null && opts.published !== existing.publishedOn);
    const warnings = differs
      ? [`The thread was already stored as source #${existing.id}; its stored URL and date were kept.`]
      : [];
    return { id: existing.id, title: existing.title, created: false, warnings };
  }
  const id = insertSource(db, {
    title: parsed.title,
    url: opts.url ?? null,
    publisher: parsed.publisher,
    via: parsed.via,
    publishedOn: opts.published ?? null,
    body: parsed.body,
    fingerprint,
    createdAt: now,
  });
  // Pasted comments usually carry no time: forecasts taken from them are dated at the thread's publication.
  const undated =
    opts.published || parsed.comments.every((c) => c.postedAt !== null)
      ? []
      : [
          "No publication date was given: forecasts taken from these comments will be dated when an editor accepts them, which is after the fact for claims already resolved. Import the same thread again with --published (or the date field) to set it.",
        ];
  return { id, title: parsed.title, created: true, warnings: undated };
}

function addComments(
  db: Db,
  sourceId: number,
  added: readonly DetectedComment[],
  now: string,
  onProgress?: ImportProgress,
) {
  const renamed = new Set<string>();
  const alike: string[] = [];
  const commenterId = commenters(db, now, {
    onRename: (h) => renamed.add(h),
    onLookAlike: (h, other) =>
      alike.push(
        `The commenter "${h}" looks like "${other}" but is a different name (other letters or accents); stored as a separate person. If they are one person, an editor should check.`,
      ),
  });
  const people = new Set<number>();
  let position = maxCommentPosition(db, sourceId);
  let candidates = 0;
  // Parents come before their replies (in this import, or stored by an earlier one).
  const ids = commentIdsForSource(db, sourceId);
  onProgress?.(0, added.length);
  added.forEach((c, i) => {
    const personId = commenterId(c);
    people.add(personId);
    position += 1;
    const parentId = c.parent === null ? null : (ids.get(c.parent) ?? null);
    const { number: siteNumber, body, postedAt } = c;
    const commentId = insertComment(db, { sourceId, siteNumber, position, personId, body, postedAt, parentId });
    ids.set(siteNumber, commentId);
    candidates += insertCandidates(db, commentId, c.candidates, now);
    if ((i + 1) % PROGRESS_EVERY === 0) onProgress?.(i + 1, added.length);
  });
  if (added.length % PROGRESS_EVERY !== 0) onProgress?.(added.length, added.length);
  return { people: people.size, candidates, renamed: [...renamed], alike };
}

/**
 * The person id of each comment's author, through upsertPerson only when something new is known:
 * a big thread has many comments per author, and the database need not hear the same Posts count
 * every time. The stored result is the same as upserting every comment in order.
 */
interface CommenterEvents {
  onRename: (handle: string) => void;
  /** A new person whose handle looks like an existing one's (same skeleton): flagged, never merged. */
  onLookAlike: (handle: string, existing: string) => void;
}

function commenters(db: Db, now: string, events: CommenterEvents): (c: ParsedComment) => number {
  const known = new Map<string, { id: number; posts: number | null; memberSince: string | null }>();
  return (c) => {
    const seen = known.get(c.handle);
    const same = (a: unknown, b: unknown) => a === null || a === b;
    if (seen && same(c.posts, seen.posts) && same(c.memberSince, seen.memberSince)) return seen.id;
    const { posts, memberSince, unregistered } = c;
    const handle = commenterHandle(db, c.handle, events.onRename);
    const { id, created } = upsertPerson(db, { handle, kind: "commenter", posts, memberSince, unregistered }, now);
    const other = created ? lookAlikes(db, handle, 1)[0] : undefined;
    if (other) events.onLookAlike(handle, other.handle);
    known.set(c.handle, {
      id,
      posts: posts ?? seen?.posts ?? null,
      memberSince: memberSince ?? seen?.memberSince ?? null,
    });
    return id;
  };
}

/**
 * A commenter never becomes an existing reader or publisher of the same name: otherwise anyone
 * could sign up under a commenter's handle before the thread is imported and take their record.
 * Usernames cannot contain spaces or parentheses, so the suffixed name is free of accounts.
 */
function commenterHandle(db: Db, handle: string, onRename: (handle: string) => void): string {
  const existing = findPersonByHandle(db, handle);
  if (!existing || existing.kind === "commenter") return handle;
  onRename(handle);
  return `${handle} (commenter)`;
}

/** A re-import keeps stored comments as they are; say so when the paste has different words. */
function changedComments(comments: readonly ParsedComment[], stored: ReadonlyMap<string, string>): string[] {
  const changed = comments.filter((c) => stored.has(c.number) && stored.get(c.number) !== c.body).map((c) => c.number);
  if (changed.length === 0) return [];
  const listed = changed.length > 10 ? `${changed.slice(0, 10).join(", ")}, …` : changed.join(", ");
  const what = changed.length === 1 ? "comment differs" : "comments differ";
  return [`${changed.length} already stored ${what} from this paste (${listed}); the stored text was kept.`];
}

export interface ArticleSummary {
  sourceId: number;
  createdSource: boolean;
  skipped: SkippedItem[];
  warnings: string[];
}

/** Stores a plain article (no thread), e.g. the report of an outcome event. Idempotent by title. */
export function importArticle(
  db: Db,
  raw: string,
  opts: ImportOptions & { title: string },
  now: DateTime,
): ArticleSummary {
  const parsed = parseOrRefuse(raw, parseArticle);
  return writeTransaction(db, () => {
    const fingerprint = `article:${threadFingerprint(opts.title, opts.publisher ?? null)}`;
    const existing = findSourceByFingerprint(db, fingerprint);
    const sourceId =
      existing?.id ??
      insertSource(db, {
        title: opts.title,
        url: opts.url ?? null,
        publisher: opts.publisher ?? null,
        via: null,
        publishedOn: opts.published ?? null,
        body: parsed.body,
        fingerprint,
        createdAt: toStored(now),
      });
    return { sourceId, createdSource: !existing, skipped: parsed.skipped, warnings: parsed.warnings };
  })();
}
