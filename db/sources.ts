import { EVERY_ROW, stmt, type Db } from "./connection";

export interface Source {
  id: number;
  title: string;
  url: string | null;
  publisher: string | null;
  via: string | null;
  publishedOn: string | null;
  body: string;
  fingerprint: string;
  createdAt: string;
}

export interface SourceSummary extends Source {
  commentCount: number;
  forecastCount: number;
}

const COLUMNS = `s.id, s.title, s.url, s.publisher, s.via, s.published_on AS publishedOn, s.body,
  s.fingerprint, s.created_at AS createdAt`;

export type NewSource = Omit<Source, "id">;

export function insertSource(db: Db, s: NewSource): number {
  const info = stmt(
    db,
    `INSERT INTO sources (title, url, publisher, via, published_on, body, fingerprint, created_at)
       VALUES (@title, @url, @publisher, @via, @publishedOn, @body, @fingerprint, @createdAt)`,
  ).run(s);
  return Number(info.lastInsertRowid);
}

export function findSource(db: Db, id: number): Source | undefined {
  return stmt(db, `SELECT ${COLUMNS} FROM sources s WHERE s.id = ?`).get(id) as Source | undefined;
}

export function findSourceByFingerprint(db: Db, fingerprint: string): Source | undefined {
  return stmt(db, `SELECT ${COLUMNS} FROM sources s WHERE s.fingerprint = ?`).get(fingerprint) as Source | undefined;
}

/** Ids and titles for a menu, newest first: no per-source counts (those scan every forecast). */
export function listSourceTitles(db: Db, limit: number): { id: number; title: string }[] {
  return stmt(
    db,
    `SELECT id, title FROM sources ORDER BY coalesce(published_on, created_at) DESC, id DESC LIMIT ?`,
  ).all(limit) as { id: number; title: string }[];
}

export function listSources(db: Db, slice = EVERY_ROW): SourceSummary[] {
  return stmt(
    db,
    `SELECT ${COLUMNS},
         (SELECT count(*) FROM comments c WHERE c.source_id = s.id) AS commentCount,
         (SELECT count(*) FROM forecasts f LEFT JOIN comments c ON c.id = f.comment_id
           WHERE (f.source_id = s.id OR c.source_id = s.id) AND f.withdrawn_at IS NULL) AS forecastCount
       FROM sources s ORDER BY coalesce(s.published_on, s.created_at) DESC, s.id DESC LIMIT ? OFFSET ?`,
  ).all(slice.limit, slice.offset) as SourceSummary[];
}

export function listPublishers(db: Db): string[] {
  return stmt(db, `SELECT DISTINCT publisher FROM sources WHERE publisher IS NOT NULL ORDER BY publisher`)
    .pluck()
    .all() as string[];
}

/** Whether any source names this publisher (the board's `?publisher=` answers 404 for an unknown one). */
export function publisherExists(db: Db, publisher: string): boolean {
  return stmt(db, `SELECT EXISTS (SELECT 1 FROM sources WHERE publisher = ?)`).pluck().get(publisher) === 1;
}

export function countSources(db: Db): number {
  return stmt(db, `SELECT count(*) FROM sources`).pluck().get() as number;
}

export function findSourceByTitle(db: Db, title: string): Source | undefined {
  return stmt(db, `SELECT ${COLUMNS} FROM sources s WHERE s.title = ? ORDER BY s.id LIMIT 1`).get(title) as
    Source | undefined;
}

export function setSourcePublished(db: Db, id: number, publishedOn: string): void {
  stmt(db, `UPDATE sources SET published_on = ? WHERE id = ?`).run(publishedOn, id);
}
