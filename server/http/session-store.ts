// express-session's store over the app's own SQLite file: sessions survive restarts, need no
// other server, and are never the in-memory store that leaks and forgets. The SQL is in db/sessions.
import session from "express-session";
import type { Db } from "../../db/connection";
import { deleteSession, findSession, pruneSessions, touchSession, upsertSession } from "../../db/sessions";

const DAY_MS = 24 * 60 * 60 * 1000;

type Done = (err?: unknown) => void;

/** Runs a store operation, handing any error to express-session's callback instead of throwing. */
function settle(cb: Done | undefined, work: () => void): void {
  try {
    work();
    cb?.();
  } catch (err) {
    cb?.(err);
  }
}

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
      const stored = findSession(this.db, sid, this.clock());
      cb(null, stored ? (JSON.parse(stored) as session.SessionData) : null);
    } catch (err) {
      cb(err);
    }
  }

  override set(sid: string, sess: session.SessionData, cb?: Done): void {
    settle(cb, () => upsertSession(this.db, sid, JSON.stringify(sess), this.expiry(sess)));
  }

  override destroy(sid: string, cb?: Done): void {
    settle(cb, () => deleteSession(this.db, sid));
  }

  override touch(sid: string, sess: session.SessionData, cb?: Done): void {
    settle(cb, () => touchSession(this.db, sid, this.expiry(sess)));
  }

  /** Deletes expired sessions; called at start and then hourly. */
  prune(): number {
    return pruneSessions(this.db, this.clock());
  }
}
