// express-session's store over the app's own SQLite file: sessions survive restarts, need no
// other server, and are never the in-memory store that leaks and forgets.
import session from "express-session";
import { stmt, type Db } from "./connection";

const DAY_MS = 24 * 60 * 60 * 1000;

export class SqliteSessionStore extends session.Store {
  constructor(
    private readonly db: Db,
    private readonly clock: () => number = Date.now,
  ) {
    super();
  }

  private expiry(sess: session.SessionData): number {
    const expires = sess.cookie?.expires;
    return expires ? new Date(expires).getTime() : this.clock() + DAY_MS;
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    try {
      const row = stmt(this.db, `SELECT sess FROM sessions WHERE sid = ? AND expires_at > ?`).get(sid, this.clock()) as
        { sess: string } | undefined;
      cb(null, row ? (JSON.parse(row.sess) as session.SessionData) : null);
    } catch (err) {
      cb(err);
    }
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    try {
      stmt(
        this.db,
        `INSERT INTO sessions (sid, sess, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (sid) DO UPDATE SET sess = excluded.sess, expires_at = excluded.expires_at`,
      ).run(sid, JSON.stringify(sess), this.expiry(sess));
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    try {
      stmt(this.db, `DELETE FROM sessions WHERE sid = ?`).run(sid);
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    try {
      stmt(this.db, `UPDATE sessions SET expires_at = ? WHERE sid = ?`).run(this.expiry(sess), sid);
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  /** Deletes expired sessions; called at start and then hourly. */
  prune(): number {
    return stmt(this.db, `DELETE FROM sessions WHERE expires_at <= ?`).run(this.clock()).changes;
  }
}
