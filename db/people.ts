import { insertSearchEntry } from "./search";
import { EVERY_ROW, stmt, type Db } from "./connection";
import { handleKey, handleSkeleton } from "../server/domain/usernames";

export type PersonKind = "commenter" | "reader" | "publisher";

export interface Person {
  id: number;
  handle: string;
  kind: PersonKind;
  posts: number | null;
  memberSince: string | null;
  unregistered: boolean;
  accountId: number | null;
}

const COLUMNS = `p.id, p.handle, p.kind, p.posts, p.member_since AS memberSince,
  p.unregistered, p.account_id AS accountId`;

interface PersonRow extends Omit<Person, "unregistered"> {
  unregistered: number;
}

const toPerson = (r: PersonRow): Person => ({ ...r, unregistered: r.unregistered === 1 });

export function findPerson(db: Db, id: number): Person | undefined {
  const row = stmt(db, `SELECT ${COLUMNS} FROM people p WHERE p.id = ?`).get(id) as PersonRow | undefined;
  return row && toPerson(row);
}

/** The person of this name as people read it: case, Unicode case and encoding ignored (handleKey). */
export function findPersonByHandle(db: Db, handle: string): Person | undefined {
  const row = stmt(db, `SELECT ${COLUMNS} FROM people p WHERE p.handle_key = ?`).get(handleKey(handle)) as
    PersonRow | undefined;
  return row && toPerson(row);
}

/** Other people whose handle looks like this one (same skeleton) without being the same name. */
export function lookAlikes(db: Db, handle: string, limit = 5): Person[] {
  const rows = stmt(
    db,
    `SELECT ${COLUMNS} FROM people p WHERE p.handle_skeleton = ? AND p.handle_key <> ? ORDER BY p.id LIMIT ?`,
  ).all(handleSkeleton(handle), handleKey(handle), limit) as PersonRow[];
  return rows.map(toPerson);
}

export function countPeople(db: Db): number {
  return stmt(db, `SELECT count(*) FROM people`).pluck().get() as number;
}

/** By handle, case-folded (served by the people_handle_nocase index). */
export function listPeople(db: Db, slice = EVERY_ROW): (Person & { forecastCount: number; commentCount: number })[] {
  const rows = stmt(
    db,
    `SELECT ${COLUMNS},
         (SELECT count(*) FROM forecasts f WHERE f.person_id = p.id AND f.withdrawn_at IS NULL) AS forecastCount,
         (SELECT count(*) FROM comments c WHERE c.person_id = p.id) AS commentCount
       FROM people p ORDER BY p.handle COLLATE NOCASE LIMIT ? OFFSET ?`,
  ).all(slice.limit, slice.offset) as (PersonRow & { forecastCount: number; commentCount: number })[];
  return rows.map((r) => ({ ...toPerson(r), forecastCount: r.forecastCount, commentCount: r.commentCount }));
}

export interface PersonFields {
  handle: string;
  kind: PersonKind;
  posts?: number | null;
  memberSince?: string | null;
  unregistered?: boolean;
}

/**
 * Returns the person with this handle, creating them if new. An existing commenter's
 * "Posts" and "Member since" are refreshed: a later page shows newer counts.
 */
export function upsertPerson(db: Db, p: PersonFields, now: string): { id: number; created: boolean } {
  const existing = findPersonByHandle(db, p.handle);
  if (existing) {
    if (p.posts != null || p.memberSince != null) {
      stmt(
        db,
        `UPDATE people SET posts = coalesce(?, posts), member_since = coalesce(?, member_since) WHERE id = ?`,
      ).run(p.posts ?? null, p.memberSince ?? null, existing.id);
    }
    return { id: existing.id, created: false };
  }
  const info = stmt(
    db,
    `INSERT INTO people (handle, handle_key, handle_skeleton, kind, posts, member_since, unregistered, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    p.handle,
    handleKey(p.handle),
    handleSkeleton(p.handle),
    p.kind,
    p.posts ?? null,
    p.memberSince ?? null,
    p.unregistered ? 1 : 0,
    now,
  );
  const id = Number(info.lastInsertRowid);
  insertSearchEntry(db, "person", id, { title: p.handle });
  return { id, created: true };
}

/** Just the names and kinds, for labelling score rows (no per-person counts). */
export function peopleNames(db: Db): Map<number, { handle: string; kind: PersonKind }> {
  const rows = stmt(db, `SELECT id, handle, kind FROM people`).all() as {
    id: number;
    handle: string;
    kind: PersonKind;
  }[];
  return new Map(rows.map((r) => [r.id, { handle: r.handle, kind: r.kind }]));
}
