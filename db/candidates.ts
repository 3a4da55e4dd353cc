import { stmt, type Db } from "./connection";
import type { Candidate as FoundCandidate } from "../server/domain/speculation";

/** A sentence of a comment that speculates, with the detector's suggestion and the editor's decision. */
export interface Candidate {
  id: number;
  commentId: number;
  sourceId: number;
  sourceTitle: string;
  siteNumber: string;
  handle: string;
  personId: number;
  commentBody: string;
  /** 0-based position of the sentence in splitSentences(commentBody). */
  sentenceIndex: number;
  sentence: string;
  cues: string[];
  suggestedProbability: number;
  negated: boolean;
  question: boolean;
  status: "pending" | "accepted" | "dismissed";
  forecastId: number | null;
  dismissReason: string | null;
  /** The username of the account that decided, when it was a person (null for the demo loader). */
  decidedBy: string | null;
  decidedAt: string | null;
}

interface CandidateRow extends Omit<Candidate, "cues" | "negated" | "question"> {
  cues: string;
  negated: number;
  question: number;
}

const SELECT = `SELECT k.id, k.comment_id AS commentId, c.source_id AS sourceId, s.title AS sourceTitle,
    c.site_number AS siteNumber, p.handle, c.person_id AS personId, c.body AS commentBody,
    k.sentence_index AS sentenceIndex, k.sentence, k.cues, k.suggested_probability AS suggestedProbability,
    k.negated, k.question, k.status, k.forecast_id AS forecastId, k.dismiss_reason AS dismissReason,
    a.username AS decidedBy, k.decided_at AS decidedAt
  FROM candidates k
  JOIN comments c ON c.id = k.comment_id
  JOIN sources s ON s.id = c.source_id
  JOIN people p ON p.id = c.person_id
  LEFT JOIN accounts a ON a.id = k.decided_by`;

// The queue reads oldest import first, then down each thread as a reader would.
const ORDER = `ORDER BY s.created_at, s.id, c.position, k.sentence_index`;

function parseCues(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

const toCandidate = (r: CandidateRow): Candidate => ({
  ...r,
  cues: parseCues(r.cues),
  negated: r.negated === 1,
  question: r.question === 1,
});

/**
 * Stores what the detector found in one comment. A sentence already stored for that comment is
 * left as it is (with its decision), so calling this twice adds nothing. Returns the count added.
 */
export function insertCandidates(db: Db, commentId: number, found: readonly FoundCandidate[], now: string): number {
  const insert = stmt(
    db,
    `INSERT INTO candidates (comment_id, sentence_index, sentence, cues, suggested_probability, negated, question, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (comment_id, sentence_index) DO NOTHING`,
  );
  let added = 0;
  for (const f of found) {
    const cues = JSON.stringify(f.cues);
    added += insert.run(
      commentId,
      f.index,
      f.sentence,
      cues,
      f.probability,
      f.negated ? 1 : 0,
      f.question ? 1 : 0,
      now,
    ).changes;
  }
  return added;
}

export interface CandidateFilter {
  status?: Candidate["status"];
  sourceId?: number;
  limit?: number;
  offset?: number;
}

/** Candidates oldest source first, then by comment position and sentence; all of them without a limit. */
export function listCandidates(db: Db, opts: CandidateFilter): Candidate[] {
  // Only fixed fragments go into the SQL, so each combination is one cached statement.
  const where = [
    opts.status === undefined ? null : "k.status = @status",
    opts.sourceId === undefined ? null : "c.source_id = @sourceId",
  ].filter((w) => w !== null);
  const sql = `${SELECT} ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""} ${ORDER} LIMIT @limit OFFSET @offset`;
  const rows = stmt(db, sql).all({
    ...(opts.status === undefined ? {} : { status: opts.status }),
    ...(opts.sourceId === undefined ? {} : { sourceId: opts.sourceId }),
    limit: opts.limit ?? -1,
    offset: opts.offset ?? 0,
  }) as CandidateRow[];
  return rows.map(toCandidate);
}

export function countCandidates(db: Db, status?: Candidate["status"]): number {
  if (status === undefined) return stmt(db, `SELECT count(*) FROM candidates`).pluck().get() as number;
  return stmt(db, `SELECT count(*) FROM candidates WHERE status = ?`).pluck().get(status) as number;
}

export function findCandidate(db: Db, id: number): Candidate | undefined {
  const row = stmt(db, `${SELECT} WHERE k.id = ?`).get(id) as CandidateRow | undefined;
  return row && toCandidate(row);
}

/** Every candidate of a thread, whatever its status, in thread order. */
export function candidatesForSource(db: Db, sourceId: number): Candidate[] {
  return listCandidates(db, { sourceId });
}

// Only a pending candidate can be decided: two editors deciding the same sentence at once must not
// both succeed, so the second gets an error (and its transaction, e.g. its new forecast, rolls back).
function assertDecided(db: Db, id: number, changes: number): void {
  if (changes === 1) return;
  const existing = findCandidate(db, id);
  throw new Error(existing ? `candidate ${id} is already ${existing.status}` : `no candidate ${id}`);
}

/** Records that an editor made `forecastId` from this pending candidate. Throws if it is not pending. */
export function markAccepted(db: Db, id: number, forecastId: number, decidedBy: number | null, now: string): void {
  const info = stmt(
    db,
    `UPDATE candidates SET status = 'accepted', forecast_id = ?, decided_by = ?, decided_at = ?
       WHERE id = ? AND status = 'pending'`,
  ).run(forecastId, decidedBy, now, id);
  assertDecided(db, id, info.changes);
}

/** Records that an editor dismissed this pending candidate, and why. Throws if it is not pending. */
export function markDismissed(db: Db, id: number, reason: string, decidedBy: number | null, now: string): void {
  const info = stmt(
    db,
    `UPDATE candidates SET status = 'dismissed', dismiss_reason = ?, decided_by = ?, decided_at = ?
       WHERE id = ? AND status = 'pending'`,
  ).run(reason, decidedBy, now, id);
  assertDecided(db, id, info.changes);
}

/**
 * Puts a decided candidate back in the queue: a dismissal undone, or the forecast made from it
 * withdrawn. `from` is the status it must still have, so two editors cannot both undo it.
 * Returns false when it no longer has that status.
 */
export function markPendingAgain(db: Db, id: number, from: "accepted" | "dismissed"): boolean {
  const info = stmt(
    db,
    `UPDATE candidates SET status = 'pending', forecast_id = NULL, dismiss_reason = NULL, decided_by = NULL,
       decided_at = NULL WHERE id = ? AND status = ?`,
  ).run(id, from);
  return info.changes === 1;
}

/** The candidate a forecast was made from, if it was. */
export function candidateOfForecast(db: Db, forecastId: number): Candidate | undefined {
  const row = stmt(db, `${SELECT} WHERE k.forecast_id = ?`).get(forecastId) as CandidateRow | undefined;
  return row && toCandidate(row);
}

/** Dismissed candidates, most recently dismissed first: where an editor looks to undo a dismissal. */
export function listDismissedCandidates(db: Db, slice: { limit: number; offset: number }): Candidate[] {
  const rows = stmt(
    db,
    `${SELECT} WHERE k.status = 'dismissed' ORDER BY k.decided_at DESC, k.id DESC LIMIT ? OFFSET ?`,
  ).all(slice.limit, slice.offset) as CandidateRow[];
  return rows.map(toCandidate);
}

/** The undecided and dismissed candidates of some comments (one page of a thread). */
export function openOrDismissedForComments(db: Db, commentIds: readonly number[]): Candidate[] {
  if (commentIds.length === 0) return [];
  const rows = stmt(
    db,
    `${SELECT} WHERE k.comment_id IN (SELECT value FROM json_each(?)) AND k.status <> 'accepted' ${ORDER}`,
  ).all(JSON.stringify(commentIds)) as CandidateRow[];
  return rows.map(toCandidate);
}
