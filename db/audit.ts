import { stmt, type Db } from "./connection";

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

export function auditForClaim(db: Db, claimId: number): AuditEntry[] {
  return stmt(
    db,
    `SELECT l.id, a.username, l.action, l.claim_id AS claimId, l.details, l.created_at AS createdAt
     FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id WHERE l.claim_id = ? ORDER BY l.id DESC`,
  ).all(claimId) as AuditEntry[];
}
