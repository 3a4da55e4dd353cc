// Imports a pasted thread into the database in one transaction. Idempotent: a thread is recognised
// by its fingerprint, and only comments with site numbers not yet stored are added.
import type { DateTime } from "luxon";
import { findCommentBySiteNumber, insertComment, maxCommentPosition } from "../../db/comments";
import type { Db } from "../../db/connection";
import { upsertPerson } from "../../db/people";
import { findSourceByFingerprint, insertSource } from "../../db/sources";
import { toStored } from "../domain/dates";
import { findCandidates } from "../domain/speculation";
import { parseArticle, parseThread, type ParsedThread, type SkippedItem } from "../domain/thread-parser";

export interface ImportOptions {
  title?: string;
  url?: string;
  publisher?: string;
  /** YYYY-MM-DD, already validated. */
  published?: string;
}

export interface ImportSummary {
  sourceId: number;
  /** True when the thread was new; false when it was already stored (only new comments added). */
  createdSource: boolean;
  /** Comments added by this import. */
  comments: number;
  /** Comments that were already stored from an earlier import. */
  alreadyStored: number;
  /** Distinct commenters among the comments added. */
  people: number;
  /** Sentences in the added comments that speculate about the future. */
  candidates: number;
  skipped: SkippedItem[];
  warnings: string[];
}

export function threadFingerprint(title: string, publisher: string | null): string {
  const norm = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  return `thread:${norm(title)}|${norm(publisher ?? "")}`;
}

export function importThread(db: Db, raw: string, opts: ImportOptions, now: DateTime): ImportSummary {
  const parsed = parseThread(raw);
  const meta = { ...parsed, title: opts.title ?? parsed.title, publisher: opts.publisher ?? parsed.publisher };
  return db.transaction(() => store(db, meta, opts, toStored(now)))();
}

function store(db: Db, parsed: ParsedThread, opts: ImportOptions, now: string): ImportSummary {
  const fingerprint = threadFingerprint(parsed.title, parsed.publisher);
  const existing = findSourceByFingerprint(db, fingerprint);
  const sourceId =
    existing?.id ??
    insertSource(db, {
      title: parsed.title,
      url: opts.url ?? null,
      publisher: parsed.publisher,
      via: parsed.via,
      publishedOn: opts.published ?? null,
      body: parsed.body,
      fingerprint,
      createdAt: now,
    });
  let position = maxCommentPosition(db, sourceId);
  const added = parsed.comments.filter((c) => !findCommentBySiteNumber(db, sourceId, c.number));
  const handles = new Set<string>();
  let candidates = 0;
  for (const c of added) {
    const person = upsertPerson(
      db,
      { handle: c.handle, kind: "commenter", posts: c.posts, memberSince: c.memberSince, unregistered: c.unregistered },
      now,
    );
    position += 1;
    insertComment(db, { sourceId, siteNumber: c.number, position, personId: person.id, body: c.body });
    handles.add(c.handle.toLowerCase());
    candidates += findCandidates(c.body).length;
  }
  return {
    sourceId,
    createdSource: !existing,
    comments: added.length,
    alreadyStored: parsed.comments.length - added.length,
    people: handles.size,
    candidates,
    skipped: parsed.skipped,
    warnings: parsed.warnings,
  };
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
  const parsed = parseArticle(raw);
  return db.transaction(() => {
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
