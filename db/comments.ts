import { insertSearchEntry } from "./search";
import { stmt, type Db } from "./connection";

export interface Comment {
  id: number;
  sourceId: number;
  siteNumber: string;
  position: number;
  personId: number;
  handle: string;
  unregistered: boolean;
  posts: number | null;
  memberSince: string | null;
  body: string;
  /** When the comment was written (stored instant), when its source said. */
  postedAt: string | null;
  /** The comment it replies to, and that comment's site number. */
  parentId: number | null;
  parentSiteNumber: string | null;
}

export interface NewComment {
  sourceId: number;
  siteNumber: string;
  position: number;
  personId: number;
  body: string;
  postedAt: string | null;
  parentId: number | null;
}

export function insertComment(db: Db, c: NewComment): number {
  const info = stmt(
    db,
    `INSERT INTO comments (source_id, site_number, position, person_id, body, posted_at, parent_id)
       VALUES (@sourceId, @siteNumber, @position, @personId, @body, @postedAt, @parentId)`,
  ).run(c);
  const id = Number(info.lastInsertRowid);
  insertSearchEntry(db, "comment", id, { body: c.body });
  return id;
}

/** A thread's comments in order of appearance; a page of them when `limit` is given. */
export function commentsForSource(
  db: Db,
  sourceId: number,
  page: { limit: number; offset: number } = { limit: -1, offset: 0 },
): Comment[] {
  const rows = stmt(
    db,
    `SELECT c.id, c.source_id AS sourceId, c.site_number AS siteNumber, c.position, c.person_id AS personId,
         p.handle, p.unregistered, p.posts, p.member_since AS memberSince, c.body,
         c.posted_at AS postedAt, c.parent_id AS parentId,
         (SELECT x.site_number FROM comments x WHERE x.id = c.parent_id) AS parentSiteNumber
       FROM comments c JOIN people p ON p.id = c.person_id
       WHERE c.source_id = ? ORDER BY c.position LIMIT ? OFFSET ?`,
  ).all(sourceId, page.limit, page.offset) as (Omit<Comment, "unregistered"> & { unregistered: number })[];
  return rows.map((r) => ({ ...r, unregistered: r.unregistered === 1 }));
}

export function findCommentBySiteNumber(
  db: Db,
  sourceId: number,
  siteNumber: string,
): { id: number; personId: number; body: string } | undefined {
  return stmt(db, `SELECT id, person_id AS personId, body FROM comments WHERE source_id = ? AND site_number = ?`).get(
    sourceId,
    siteNumber,
  ) as { id: number; personId: number; body: string } | undefined;
}

export function maxCommentPosition(db: Db, sourceId: number): number {
  return stmt(db, `SELECT coalesce(max(position), 0) FROM comments WHERE source_id = ?`)
    .pluck()
    .get(sourceId) as number;
}

/** The stored text of each comment of a source, by site number: what a re-import compares against. */
export function commentBodiesForSource(db: Db, sourceId: number): Map<string, string> {
  const rows = stmt(db, `SELECT site_number AS siteNumber, body FROM comments WHERE source_id = ?`).all(sourceId) as {
    siteNumber: string;
    body: string;
  }[];
  return new Map(rows.map((r) => [r.siteNumber, r.body]));
}

/** The id of each stored comment of a source, by site number: what a reply's parent is found by. */
export function commentIdsForSource(db: Db, sourceId: number): Map<string, number> {
  const rows = stmt(db, `SELECT site_number AS siteNumber, id FROM comments WHERE source_id = ?`).all(sourceId) as {
    siteNumber: string;
    id: number;
  }[];
  return new Map(rows.map((r) => [r.siteNumber, r.id]));
}

/** When a comment was written, if its source said. */
export function commentPostedAt(db: Db, commentId: number): string | null {
  return (
    (stmt(db, `SELECT posted_at FROM comments WHERE id = ?`).pluck().get(commentId) as string | null | undefined) ??
    null
  );
}

export function countComments(db: Db, sourceId: number): number {
  return stmt(db, `SELECT count(*) FROM comments WHERE source_id = ?`).pluck().get(sourceId) as number;
}

/** 1-based rank of a comment in its thread's order (positions may have gaps after imports). */
export function commentPosition(db: Db, sourceId: number, siteNumber: string): number | undefined {
  return stmt(
    db,
    `SELECT count(*) FROM comments WHERE source_id = @sourceId
       AND position <= (SELECT position FROM comments WHERE source_id = @sourceId AND site_number = @siteNumber)`,
  )
    .pluck()
    .get({ sourceId, siteNumber }) as number | undefined;
}
