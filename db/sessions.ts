// The sessions table behind express-session's store (server/http/session-store.ts). Times are
// epoch milliseconds, as express-session computes them.
import { stmt, type Db } from "./connection";

export function findSession(db: Db, sid: string, now: number): string | undefined {
  const row = stmt(db, `SELECT sess FROM sessions WHERE sid = ? AND expires_at > ?`).get(sid, now) as
    { sess: string } | undefined;
  return row?.sess;
}

export function upsertSession(db: Db, sid: string, sess: string, expiresAt: number): void {
  stmt(
    db,
    `INSERT INTO sessions (sid, sess, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (sid) DO UPDATE SET sess = excluded.sess, expires_at = excluded.expires_at`,
  ).run(sid, sess, expiresAt);
}

export function deleteSession(db: Db, sid: string): void {
  stmt(db, `DELETE FROM sessions WHERE sid = ?`).run(sid);
}

export function touchSession(db: Db, sid: string, expiresAt: number): void {
  stmt(db, `UPDATE sessions SET expires_at = ? WHERE sid = ?`).run(expiresAt, sid);
}

/** Deletes expired sessions; returns how many. */
export function pruneSessions(db: Db, now: number): number {
  return stmt(db, `DELETE FROM sessions WHERE expires_at <= ?`).run(now).changes;
}

/**
 * Ends every session signed in to the account except `keepSid` (the one changing the password);
 * returns how many. express-session keeps the account id inside the stored JSON.
 */
export function deleteOtherSessionsOfAccount(db: Db, accountId: number, keepSid: string): number {
  return stmt(db, `DELETE FROM sessions WHERE json_extract(sess, '$.accountId') = ? AND sid <> ?`).run(
    accountId,
    keepSid,
  ).changes;
}
