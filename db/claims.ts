import { stmt, type Db, type Slice } from "./connection";
import { CLAIMS_MATCHING, fts } from "./search";
import type { ClaimState, ClaimStatus } from "../server/domain/claim-states";
import type { Verdict } from "../server/domain/types";

export interface Claim {
  id: number;
  text: string;
  details: string;
  resolveBy: string;
  createdAt: string;
  /** The current (newest) resolution's verdict; null while unresolved. */
  verdict: Verdict | null;
  knownAt: string | null;
  resolvedAt: string | null;
  forecastCount: number;
  tags: string[];
  state: ClaimState;
  mergedIntoId: number | null;
  createdBy: number | null;
  reviewNote: string | null;
}

const SELECT = `SELECT c.id, c.text, c.details, c.resolve_by AS resolveBy, c.created_at AS createdAt,
    c.state, c.merged_into_id AS mergedIntoId, c.created_by AS createdBy, c.review_note AS reviewNote,
    r.verdict, r.known_at AS knownAt, r.created_at AS resolvedAt,
    (SELECT count(*) FROM forecasts f WHERE f.claim_id = c.id AND f.withdrawn_at IS NULL) AS forecastCount
  FROM claims c LEFT JOIN current_resolutions r ON r.claim_id = c.id`;

// Lists show published claims only: proposals wait for an editor, merged claims live on in their target.
const STATUS_WHERE: Record<ClaimStatus, string> = {
  open: "c.state = 'published' AND r.verdict IS NULL",
  resolved: "c.state = 'published' AND r.verdict IN ('YES', 'NO')",
  annulled: "c.state = 'published' AND r.verdict = 'ANNULLED'",
};

type ClaimRow = Omit<Claim, "tags">;

function withTags(db: Db, rows: ClaimRow[]): Claim[] {
  const tags = tagsForClaims(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, tags: tags.get(r.id) ?? [] }));
}

export function findClaim(db: Db, id: number): Claim | undefined {
  const row = stmt(db, `${SELECT} WHERE c.id = ?`).get(id) as ClaimRow | undefined;
  return row && withTags(db, [row])[0];
}

export function listClaims(db: Db, status?: ClaimStatus, limit = 500, offset = 0): Claim[] {
  const where = `WHERE ${status ? STATUS_WHERE[status] : "c.state = 'published'"}`;
  const order = status === "open" ? "c.resolve_by ASC, c.id" : "coalesce(r.known_at, c.created_at) DESC, c.id DESC";
  const rows = stmt(db, `${SELECT} ${where} ORDER BY ${order} LIMIT ? OFFSET ?`).all(limit, offset) as ClaimRow[];
  return withTags(db, rows);
}

/** Resolved or annulled claims, newest resolution first. */
export function listRecentlyResolved(db: Db, limit: number): Claim[] {
  const rows = stmt(db, `${SELECT} WHERE r.verdict IS NOT NULL ORDER BY r.known_at DESC, c.id DESC LIMIT ?`).all(
    limit,
  ) as ClaimRow[];
  return withTags(db, rows);
}

export function claimsByIds(db: Db, ids: readonly number[]): Claim[] {
  if (ids.length === 0) return [];
  const rows = stmt(db, `${SELECT} WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id`).all(
    JSON.stringify(ids),
  ) as ClaimRow[];
  return withTags(db, rows);
}

export interface NewClaim {
  text: string;
  details: string;
  resolveBy: string;
  createdAt: string;
  createdBy: number | null;
  tags: readonly string[];
  state?: ClaimState;
}

export function insertClaim(db: Db, c: NewClaim): number {
  const info = stmt(
    db,
    `INSERT INTO claims (text, details, resolve_by, created_at, created_by, state)
       VALUES (@text, @details, @resolveBy, @createdAt, @createdBy, @state)`,
  ).run({
    text: c.text,
    details: c.details,
    resolveBy: c.resolveBy,
    createdAt: c.createdAt,
    createdBy: c.createdBy,
    state: c.state ?? "published",
  });
  const id = Number(info.lastInsertRowid);
  setClaimTags(db, id, c.tags);
  return id;
}

export function setClaimTags(db: Db, claimId: number, tags: readonly string[]): void {
  stmt(db, `DELETE FROM claim_tags WHERE claim_id = ?`).run(claimId);
  const ensure = stmt(db, `INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING`);
  const link = stmt(db, `INSERT OR IGNORE INTO claim_tags (claim_id, tag_id) SELECT ?, id FROM tags WHERE name = ?`);
  for (const tag of tags) {
    ensure.run(tag);
    link.run(claimId, tag);
  }
}

export function tagsForClaims(db: Db, ids: readonly number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (ids.length === 0) return out;
  const rows = stmt(
    db,
    `SELECT ct.claim_id AS claimId, t.name FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id
       WHERE ct.claim_id IN (SELECT value FROM json_each(?)) ORDER BY t.name`,
  ).all(JSON.stringify(ids)) as { claimId: number; name: string }[];
  for (const r of rows) out.set(r.claimId, [...(out.get(r.claimId) ?? []), r.name]);
  return out;
}

export function listTags(db: Db): string[] {
  return stmt(db, `SELECT name FROM tags ORDER BY name`).pluck().all() as string[];
}

export function countClaims(db: Db): number {
  return stmt(db, `SELECT count(*) FROM claims`).pluck().get() as number;
}

export function updateClaim(
  db: Db,
  id: number,
  c: { text: string; details: string; resolveBy: string; tags: readonly string[] },
): void {
  stmt(db, `UPDATE claims SET text = ?, details = ?, resolve_by = ? WHERE id = ?`).run(
    c.text,
    c.details,
    c.resolveBy,
    id,
  );
  setClaimTags(db, id, c.tags);
}

export function setClaimState(db: Db, id: number, state: ClaimState, note: string | null = null): void {
  stmt(db, `UPDATE claims SET state = ?, review_note = coalesce(?, review_note) WHERE id = ?`).run(state, note, id);
}

/** Moves every forecast and pending proposal of `fromId` to `toId` and marks `fromId` merged. */
export function mergeClaimInto(db: Db, fromId: number, toId: number): number {
  const moved = stmt(db, `UPDATE forecasts SET claim_id = ? WHERE claim_id = ?`).run(toId, fromId).changes;
  stmt(db, `UPDATE forecast_proposals SET claim_id = ? WHERE claim_id = ? AND status = 'pending'`).run(toId, fromId);
  stmt(db, `UPDATE claims SET state = 'merged', merged_into_id = ? WHERE id = ?`).run(toId, fromId);
  return moved;
}

/** One page of the editor's queue of proposed claims, oldest first. */
export function listProposedClaims(db: Db, page: Slice): Claim[] {
  return withTags(
    db,
    stmt(db, `${SELECT} WHERE c.state = 'proposed' ORDER BY c.id LIMIT ? OFFSET ?`).all(
      page.limit,
      page.offset,
    ) as ClaimRow[],
  );
}

export function countProposedClaims(db: Db): number {
  return stmt(db, `SELECT count(*) FROM claims WHERE state = 'proposed'`).pluck().get() as number;
}

export function listClaimsProposedBy(db: Db, accountId: number): Claim[] {
  return withTags(
    db,
    stmt(db, `${SELECT} WHERE c.created_by = ? AND c.state <> 'published' ORDER BY c.id DESC`).all(
      accountId,
    ) as ClaimRow[],
  );
}

const AWAITING = `c.state = 'published' AND r.verdict IS NULL AND c.resolve_by <= ?`;

/** One page of the published claims past their resolve-by date with no resolution: the editors' to-do list. */
export function listClaimsAwaitingResolution(db: Db, today: string, page: Slice): Claim[] {
  return withTags(
    db,
    stmt(db, `${SELECT} WHERE ${AWAITING} ORDER BY c.resolve_by, c.id LIMIT ? OFFSET ?`).all(
      today,
      page.limit,
      page.offset,
    ) as ClaimRow[],
  );
}

export function countClaimsAwaitingResolution(db: Db, today: string): number {
  return stmt(
    db,
    `SELECT count(*) FROM claims c LEFT JOIN current_resolutions r ON r.claim_id = c.id WHERE ${AWAITING}`,
  )
    .pluck()
    .get(today) as number;
}

export function claimIdsWithTag(db: Db, tag: string): number[] {
  return stmt(db, `SELECT ct.claim_id FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = ?`)
    .pluck()
    .all(tag) as number[];
}

/** The claims list's filters (`/claims?status=&tag=&q=`): a tag name, and/or an FTS5 MATCH query. */
export interface ClaimFilter {
  status?: ClaimStatus;
  tag?: string;
  /** Made safe by server/domain/search-query.ts (toMatchQuery). */
  match?: string;
}

function filterWhere(f: ClaimFilter): string {
  return [
    f.status ? STATUS_WHERE[f.status] : "c.state = 'published'",
    f.tag === undefined
      ? ""
      : `c.id IN (SELECT ct.claim_id FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = @tag)`,
    f.match === undefined ? "" : CLAIMS_MATCHING,
  ]
    .filter((w) => w !== "")
    .join(" AND ");
}

const filterParams = (f: ClaimFilter) => ({
  ...(f.tag === undefined ? {} : { tag: f.tag }),
  ...(f.match === undefined ? {} : { match: f.match }),
});

export function countClaimsFiltered(db: Db, f: ClaimFilter): number {
  return fts(
    () =>
      stmt(
        db,
        `SELECT count(*) FROM claims c LEFT JOIN current_resolutions r ON r.claim_id = c.id WHERE ${filterWhere(f)}`,
      )
        .pluck()
        .get(filterParams(f)) as number,
  );
}

/** A page of the filtered list, in the order of the unfiltered one (listClaims). */
export function listClaimsFiltered(db: Db, f: ClaimFilter, page: Slice): Claim[] {
  const order = f.status === "open" ? "c.resolve_by ASC, c.id" : "coalesce(r.known_at, c.created_at) DESC, c.id DESC";
  const rows = fts(
    () =>
      stmt(db, `${SELECT} WHERE ${filterWhere(f)} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({
        ...filterParams(f),
        limit: page.limit,
        offset: page.offset,
      }) as ClaimRow[],
  );
  return withTags(db, rows);
}

/** Whether any claim carries this tag (a tag's feed and filtered list answer 404 for an unknown one). */
export function tagExists(db: Db, tag: string): boolean {
  return stmt(db, `SELECT EXISTS (SELECT 1 FROM tags WHERE name = ?)`).pluck().get(tag) === 1;
}

/** Open published claims whose resolve-by date is today or later, the nearest first: "closing soon". */
export function listClaimsClosingSoon(db: Db, today: string, limit: number): Claim[] {
  return withTags(
    db,
    stmt(
      db,
      `${SELECT} WHERE c.state = 'published' AND r.verdict IS NULL AND c.resolve_by >= ? ORDER BY c.resolve_by, c.id LIMIT ?`,
    ).all(today, limit) as ClaimRow[],
  );
}

/** The ids of one account's claims still waiting as proposals, oldest first. */
export function proposedClaimIdsOfAccount(db: Db, accountId: number): number[] {
  return stmt(db, `SELECT id FROM claims WHERE created_by = ? AND state = 'proposed' ORDER BY id`)
    .pluck()
    .all(accountId) as number[];
}
