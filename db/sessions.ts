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

// express-session keeps the account id inside the stored JSON; a row that is not valid JSON (written
// by hand, or cut short) belongs to no account, and CASE keeps json_extract from ever reading it.
const ACCOUNT_OF_ROW = `CASE WHEN json_valid(sess) THEN json_extract(sess, '$.accountId') END`;

/**
 * Ends every session signed in to the account, expired or not (a password change: the session
 * that made it is given a new id). Returns how many of them were still valid, `exceptSid` aside:
 * the other places the account was signed in.
 */
export function deleteSessionsOfAccount(db: Db, accountId: number, now: number, exceptSid: string): number {
  const live = stmt(db, `SELECT count(*) FROM sessions WHERE ${ACCOUNT_OF_ROW} = ? AND expires_at > ? AND sid <> ?`)
    .pluck()
    .get(accountId, now, exceptSid) as number;
  stmt(db, `DELETE FROM sessions WHERE ${ACCOUNT_OF_ROW} = ?`).run(accountId);
  return live;
}
