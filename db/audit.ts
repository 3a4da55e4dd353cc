import { stmt, type Db, type Slice } from "./connection";

export interface AuditEntry {
  id: number;
  username: string | null;
  action: string;
  claimId: number | null;
  details: string;
  createdAt: string;
}

/** Every editor action is written here, in the same transaction as the change it records. */
export function audit(
  db: Db,
  e: { accountId: number | null; action: string; claimId?: number | null; details: string; now: string },
): void {
  stmt(db, `INSERT INTO audit_log (account_id, action, claim_id, details, created_at) VALUES (?, ?, ?, ?, ?)`).run(
    e.accountId,
    e.action,
    e.claimId ?? null,
    e.details,
    e.now,
  );
}

/** One page of a claim's history, newest first. */
export function auditForClaim(db: Db, claimId: number, page: Slice): AuditEntry[] {
  return stmt(
    db,
    `SELECT l.id, a.username, l.action, l.claim_id AS claimId, l.details, l.created_at AS createdAt
     FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id WHERE l.claim_id = ? ORDER BY l.id DESC
     LIMIT ? OFFSET ?`,
  ).all(claimId, page.limit, page.offset) as AuditEntry[];
}

export function countAuditOfClaim(db: Db, claimId: number): number {
  return stmt(db, `SELECT count(*) FROM audit_log WHERE claim_id = ?`).pluck().get(claimId) as number;
}
