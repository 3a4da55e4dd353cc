// The full-text index (migration 0015): one FTS5 table over claims, quoted words, comments, events
// and handles, kept current by triggers. rowid = id * 8 + kind, so that a hit names its record
// without a lookup table. Queries take an FTS5 MATCH string already made safe by
// server/domain/search-query.ts (toMatchQuery).
import { stmt, type Db, type Slice } from "./connection";
import { MARK_END, MARK_START, SEARCH_KIND_NAMES, type SearchKindName } from "../server/domain/search-query";

export const SEARCH_KINDS = SEARCH_KIND_NAMES;
export type SearchKind = SearchKindName;

/** The kind's number in the rowid (keep in step with migration 0015). */
const KIND_CODE: Record<SearchKind, number> = { claim: 1, quote: 2, comment: 3, event: 4, person: 5 };
const KIND_OF = new Map(Object.entries(KIND_CODE).map(([k, v]) => [v, k as SearchKind]));

/**
 * FTS5 refused the query: a message for the reader rather than a 500. It carries a 400 status that
 * the error handler shows (as it does for body-parser's errors) wherever a route did not catch it.
 */
export class SearchSyntaxError extends Error {
  readonly status = 400;
  readonly expose = true;
  constructor(reason: string) {
    super(`That search could not be read (${reason}): try plain words, word* or "a phrase".`);
  }
}

/** Claims that are not published (proposals, rejected, merged) are not found, nor the quotes on them. */
const VISIBLE = `CASE s.rowid % 8
    WHEN 1 THEN EXISTS (SELECT 1 FROM claims c WHERE c.id = s.rowid / 8 AND c.state = 'published')
    WHEN 2 THEN EXISTS (SELECT 1 FROM forecasts f JOIN claims c ON c.id = f.claim_id
                         WHERE f.id = s.rowid / 8 AND f.withdrawn_at IS NULL AND c.state = 'published')
    ELSE 1 END`;

export interface SearchHit {
  kind: SearchKind;
  /** The id of the claim, forecast, comment, event or person. */
  id: number;
  /** The matched title (claim text, event title, handle) with SQLite's markers; '' for quotes and comments. */
  title: string;
  /** A short excerpt of the body or the tags with markers; '' when only the title matched. */
  excerpt: string;
  /** Where it belongs: the forecast's claim, the comment's thread. */
  claimId: number | null;
  claimText: string | null;
  personId: number | null;
  handle: string | null;
  probability: number | null;
  sourceId: number | null;
  sourceTitle: string | null;
  siteNumber: string | null;
  /** The comment's 1-based place in its thread, for the page of the thread it is on. */
  commentRank: number | null;
}

interface HitRow extends Omit<SearchHit, "kind" | "excerpt"> {
  code: number;
  body: string;
  tags: string;
}

// Title matches weigh most, then tags, then the body. Ordered by FTS5's own rank column, FTS5 sorts
// the matches itself and snippet()/highlight() run for the page's rows only (ordered by bm25() they
// ran for every match first: 200 ms for a word in 11,000 comments). The context joins, too, run on
// the page's rows only.
const SEARCH = `WITH hits AS (
    SELECT s.rowid AS rid, s.rank AS rank,
      highlight(search_index, 0, @start, @end) AS title,
      snippet(search_index, 1, @start, @end, '…', 24) AS body, highlight(search_index, 2, @start, @end) AS tags
    FROM search_index s
    WHERE search_index MATCH @match AND s.rank MATCH 'bm25(6.0, 1.0, 3.0)'
      AND (@code IS NULL OR s.rowid % 8 = @code) AND ${VISIBLE}
    ORDER BY s.rank LIMIT @limit OFFSET @offset)
  SELECT h.rid % 8 AS code, h.rid / 8 AS id, h.title, h.body, h.tags,
    coalesce(f.claim_id, CASE WHEN h.rid % 8 = 1 THEN h.rid / 8 END) AS claimId, fc.text AS claimText,
    coalesce(f.person_id, cm.person_id, CASE WHEN h.rid % 8 = 5 THEN h.rid / 8 END) AS personId, p.handle,
    f.probability, cm.source_id AS sourceId, src.title AS sourceTitle, cm.site_number AS siteNumber,
    CASE WHEN cm.id IS NOT NULL THEN (SELECT count(*) FROM comments c2
      WHERE c2.source_id = cm.source_id AND c2.position <= cm.position) END AS commentRank
  FROM hits h
    LEFT JOIN forecasts f ON h.rid % 8 = 2 AND f.id = h.rid / 8
    LEFT JOIN claims fc ON fc.id = f.claim_id
    LEFT JOIN comments cm ON h.rid % 8 = 3 AND cm.id = h.rid / 8
    LEFT JOIN sources src ON src.id = cm.source_id
    LEFT JOIN people p ON p.id = coalesce(f.person_id, cm.person_id)
  ORDER BY h.rank, h.rid`;

/** Runs an FTS5 statement, turning FTS5's refusal of the query into a SearchSyntaxError. */
export function fts<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof Error && /fts5|syntax error|unterminated string|no such column/i.test(err.message))
      throw new SearchSyntaxError(err.message.replace(/^fts5: /, ""));
    throw err;
  }
}

/** The excerpt: the body where it matched, else the tags where they matched, else the body's start. */
function excerptOf(row: HitRow): string {
  if (row.body.includes(MARK_START)) return row.body;
  if (row.tags.includes(MARK_START)) return row.tags;
  return row.title === "" ? row.body : "";
}

/** One page of hits for the MATCH query, best first (bm25), of one kind or all. */
export function searchAll(db: Db, match: string, kind: SearchKind | null, page: Slice): SearchHit[] {
  const rows = fts(
    () =>
      stmt(db, SEARCH).all({
        match,
        code: kind ? KIND_CODE[kind] : null,
        start: MARK_START,
        end: MARK_END,
        limit: page.limit,
        offset: page.offset,
      }) as HitRow[],
  );
  return rows.flatMap((row) => {
    const { code, body: _body, tags: _tags, ...rest } = row;
    const k = KIND_OF.get(code);
    return k ? [{ kind: k, ...rest, excerpt: excerptOf(row) }] : [];
  });
}

/** How many hits of each kind the query has (kinds without hits are 0). */
export function countSearchByKind(db: Db, match: string): Record<SearchKind, number> {
  const rows = fts(
    () =>
      stmt(
        db,
        `SELECT s.rowid % 8 AS code, count(*) AS n FROM search_index s
           WHERE search_index MATCH ? AND ${VISIBLE} GROUP BY s.rowid % 8`,
      ).all(match) as { code: number; n: number }[],
  );
  const counts = Object.fromEntries(SEARCH_KINDS.map((k) => [k, 0])) as Record<SearchKind, number>;
  for (const r of rows) {
    const k = KIND_OF.get(r.code);
    if (k) counts[k] = r.n;
  }
  return counts;
}

const unmarked = (text: string) => text.replace(/[\uE000\uE001]/g, "");

/**
 * Indexes a new forecast quote, comment or person. These are the rows loaded by the hundred thousand
 * (load-dataset, import-thread): written here, by their insert functions, rather than by AFTER INSERT
 * triggers, which cost 60 % more CPU on a load (migration 0015). Keep in step with the migration: the
 * kind's number, the text in the same column, the marker characters taken out.
 */
export function insertSearchEntry(
  db: Db,
  kind: "quote" | "comment" | "person",
  id: number,
  text: { title?: string; body?: string },
): void {
  stmt(db, `INSERT INTO search_index (rowid, title, body, tags) VALUES (?, ?, ?, '')`).run(
    id * 8 + KIND_CODE[kind],
    unmarked(text.title ?? ""),
    unmarked(text.body ?? ""),
  );
}

/**
 * The WHERE part that keeps the claims matching a MATCH query (`@match`), for db/claims.ts's
 * filtered lists: the claims' rows of the index only.
 */
export const CLAIMS_MATCHING = `c.id IN (SELECT s.rowid / 8 FROM search_index s
  WHERE search_index MATCH @match AND s.rowid % 8 = 1)`;
