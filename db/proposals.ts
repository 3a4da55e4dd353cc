// Readers' proposals waiting for an editor: forecasts read from comments, and links to imported handles.
import { stmt, type Db, type Slice } from "./connection";

export interface ForecastProposal {
  id: number;
  commentId: number;
  sourceId: number;
  siteNumber: string;
  handle: string;
  personId: number;
  commentBody: string;
  claimId: number;
  claimText: string;
  probability: number;
  quote: string;
  proposedBy: string;
  /** The proposer's own person (their profile page, where editors moderate the account). */
  proposerPersonId: number | null;
  status: "pending" | "accepted" | "rejected";
  createdAt: string;
}

const SELECT = `SELECT fp.id, fp.comment_id AS commentId, cm.source_id AS sourceId, cm.site_number AS siteNumber,
    p.handle, p.id AS personId, cm.body AS commentBody, fp.claim_id AS claimId, c.text AS claimText, fp.probability,
    fp.quote, a.username AS proposedBy,
    (SELECT ap.id FROM people ap WHERE ap.account_id = fp.proposed_by) AS proposerPersonId, fp.status, fp.created_at AS createdAt
  FROM forecast_proposals fp JOIN comments cm ON cm.id = fp.comment_id JOIN people p ON p.id = cm.person_id
  JOIN claims c ON c.id = fp.claim_id JOIN accounts a ON a.id = fp.proposed_by`;

export function insertForecastProposal(
  db: Db,
  p: { commentId: number; claimId: number; probability: number; quote: string; proposedBy: number; now: string },
): number {
  return Number(
    stmt(
      db,
      `INSERT INTO forecast_proposals (comment_id, claim_id, probability, quote, proposed_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(p.commentId, p.claimId, p.probability, p.quote, p.proposedBy, p.now).lastInsertRowid,
  );
}

export function findForecastProposal(db: Db, id: number): ForecastProposal | undefined {
  return stmt(db, `${SELECT} WHERE fp.id = ?`).get(id) as ForecastProposal | undefined;
}

/** One page of the editor's queue of forecasts proposed by readers, oldest first. */
export function listPendingForecastProposals(db: Db, page: Slice): ForecastProposal[] {
  return stmt(db, `${SELECT} WHERE fp.status = 'pending' ORDER BY fp.id LIMIT ? OFFSET ?`).all(
    page.limit,
    page.offset,
  ) as ForecastProposal[];
}

export function countPendingForecastProposals(db: Db): number {
  return stmt(db, `SELECT count(*) FROM forecast_proposals WHERE status = 'pending'`).pluck().get() as number;
}

export function decideForecastProposal(
  db: Db,
  id: number,
  d: { status: "accepted" | "rejected"; forecastId: number | null; accountId: number; now: string },
): void {
  stmt(
    db,
    `UPDATE forecast_proposals SET status = ?, forecast_id = ?, decided_by = ?, decided_at = ? WHERE id = ?`,
  ).run(d.status, d.forecastId, d.accountId, d.now, id);
}

export interface HandleLink {
  id: number;
  accountId: number;
  username: string;
  /** The requesting account's own person (its profile page). */
  accountPersonId: number | null;
  personId: number;
  handle: string;
  status: "pending" | "approved" | "rejected";
  createdAt: string;
}

const LINKS = `SELECT l.id, l.account_id AS accountId, a.username,
    (SELECT ap.id FROM people ap WHERE ap.account_id = l.account_id) AS accountPersonId, l.person_id AS personId, p.handle, l.status,
    l.created_at AS createdAt
  FROM handle_links l JOIN accounts a ON a.id = l.account_id JOIN people p ON p.id = l.person_id`;

export function insertHandleLink(db: Db, accountId: number, personId: number, now: string): number {
  return Number(
    stmt(db, `INSERT INTO handle_links (account_id, person_id, created_at) VALUES (?, ?, ?)`).run(
      accountId,
      personId,
      now,
    ).lastInsertRowid,
  );
}

export function findHandleLink(db: Db, id: number): HandleLink | undefined {
  return stmt(db, `${LINKS} WHERE l.id = ?`).get(id) as HandleLink | undefined;
}

/** The pending or approved link of a commenter, if any (at most one, by a unique index). */
export function activeLinkForPerson(db: Db, personId: number): HandleLink | undefined {
  return stmt(db, `${LINKS} WHERE l.person_id = ? AND l.status IN ('pending', 'approved')`).get(personId) as
    HandleLink | undefined;
}

/** One page of the editor's queue of readers claiming a commenter's handle, oldest first. */
export function listPendingHandleLinks(db: Db, page: Slice): HandleLink[] {
  return stmt(db, `${LINKS} WHERE l.status = 'pending' ORDER BY l.id LIMIT ? OFFSET ?`).all(
    page.limit,
    page.offset,
  ) as HandleLink[];
}

export function countPendingHandleLinks(db: Db): number {
  return stmt(db, `SELECT count(*) FROM handle_links WHERE status = 'pending'`).pluck().get() as number;
}

export function decideHandleLink(
  db: Db,
  id: number,
  status: "approved" | "rejected",
  accountId: number,
  now: string,
): void {
  stmt(db, `UPDATE handle_links SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?`).run(
    status,
    accountId,
    now,
    id,
  );
}

export function approvedLinksForAccount(db: Db, accountId: number): HandleLink[] {
  return stmt(db, `${LINKS} WHERE l.account_id = ? AND l.status = 'approved' ORDER BY p.handle`).all(
    accountId,
  ) as HandleLink[];
}

/** How many of this account's handle link requests wait for an editor. */
export function countPendingHandleLinksOfAccount(db: Db, accountId: number): number {
  return stmt(db, `SELECT count(*) FROM handle_links WHERE account_id = ? AND status = 'pending'`)
    .pluck()
    .get(accountId) as number;
}

export function countPendingForecastProposalsOfAccount(db: Db, accountId: number): number {
  return stmt(db, `SELECT count(*) FROM forecast_proposals WHERE proposed_by = ? AND status = 'pending'`)
    .pluck()
    .get(accountId) as number;
}

/** Rejects every pending forecast proposal of one account (an editor's bulk action); returns how many. */
export function decidePendingForecastProposalsOfAccount(
  db: Db,
  accountId: number,
  editorId: number,
  now: string,
): number {
  return stmt(
    db,
    `UPDATE forecast_proposals SET status = 'rejected', decided_by = ?, decided_at = ? WHERE proposed_by = ? AND status = 'pending'`,
  ).run(editorId, now, accountId).changes;
}

/** Rejects every pending handle link request of one account; returns how many. */
export function decidePendingHandleLinksOfAccount(db: Db, accountId: number, editorId: number, now: string): number {
  return stmt(
    db,
    `UPDATE handle_links SET status = 'rejected', decided_by = ?, decided_at = ? WHERE account_id = ? AND status = 'pending'`,
  ).run(editorId, now, accountId).changes;
}
