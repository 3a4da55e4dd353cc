import { stmt, type Db, type Slice } from "./connection";

export interface Dispute {
  id: number;
  claimId: number;
  claimText: string;
  resolutionId: number;
  username: string;
  /** The disputing account's own person (its profile page). */
  accountPersonId: number | null;
  reason: string;
  evidence: string;
  status: "open" | "upheld" | "re-resolved";
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  createdAt: string;
}

const SELECT = `SELECT d.id, d.claim_id AS claimId, c.text AS claimText, d.resolution_id AS resolutionId,
    a.username, (SELECT ap.id FROM people ap WHERE ap.account_id = d.account_id) AS accountPersonId, d.reason, d.evidence, d.status, d.answer, e.username AS answeredBy, d.answered_at AS answeredAt,
    d.created_at AS createdAt
  FROM disputes d JOIN claims c ON c.id = d.claim_id JOIN accounts a ON a.id = d.account_id
  LEFT JOIN accounts e ON e.id = d.answered_by`;

export function insertDispute(
  db: Db,
  d: { claimId: number; resolutionId: number; accountId: number; reason: string; evidence: string; now: string },
): number {
  return Number(
    stmt(
      db,
      `INSERT INTO disputes (claim_id, resolution_id, account_id, reason, evidence, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(d.claimId, d.resolutionId, d.accountId, d.reason, d.evidence, d.now).lastInsertRowid,
  );
}

export function findDispute(db: Db, id: number): Dispute | undefined {
  return stmt(db, `${SELECT} WHERE d.id = ?`).get(id) as Dispute | undefined;
}

/** One page of a claim's disputes, newest first. */
export function disputesForClaim(db: Db, claimId: number, page: Slice): Dispute[] {
  return stmt(db, `${SELECT} WHERE d.claim_id = ? ORDER BY d.id DESC LIMIT ? OFFSET ?`).all(
    claimId,
    page.limit,
    page.offset,
  ) as Dispute[];
}

export function countDisputesOfClaim(db: Db, claimId: number): number {
  return stmt(db, `SELECT count(*) FROM disputes WHERE claim_id = ?`).pluck().get(claimId) as number;
}

/** One page of the editor's queue of open disputes, oldest first. */
export function listOpenDisputes(db: Db, page: Slice): Dispute[] {
  return stmt(db, `${SELECT} WHERE d.status = 'open' ORDER BY d.id LIMIT ? OFFSET ?`).all(
    page.limit,
    page.offset,
  ) as Dispute[];
}

export function countOpenDisputes(db: Db): number {
  return stmt(db, `SELECT count(*) FROM disputes WHERE status = 'open'`).pluck().get() as number;
}

export function answerDispute(
  db: Db,
  id: number,
  a: { status: "upheld" | "re-resolved"; answer: string; accountId: number; now: string },
): void {
  stmt(
    db,
    `UPDATE disputes SET status = ?, answer = ?, answered_by = ?, answered_at = ? WHERE id = ? AND status = 'open'`,
  ).run(a.status, a.answer, a.accountId, a.now, id);
}

/** A re-resolution answers every open dispute of the claim: the verdict they disputed is gone. */
export function closeDisputesByReResolution(
  db: Db,
  claimId: number,
  answer: string,
  accountId: number,
  now: string,
): void {
  stmt(
    db,
    `UPDATE disputes SET status = 're-resolved', answer = ?, answered_by = ?, answered_at = ? WHERE claim_id = ? AND status = 'open'`,
  ).run(answer, accountId, now, claimId);
}

/** How many open disputes this account has on this claim. */
export function countOpenDisputesOfAccountOnClaim(db: Db, accountId: number, claimId: number): number {
  return stmt(db, `SELECT count(*) FROM disputes WHERE account_id = ? AND claim_id = ? AND status = 'open'`)
    .pluck()
    .get(accountId, claimId) as number;
}

/** The open disputes one account filed (for an editor rejecting them in bulk), oldest first. */
export function openDisputesOfAccount(db: Db, accountId: number): { id: number; claimId: number }[] {
  return stmt(
    db,
    `SELECT id, claim_id AS claimId FROM disputes WHERE account_id = ? AND status = 'open' ORDER BY id`,
  ).all(accountId) as { id: number; claimId: number }[];
}
