// The rate_limits table behind the write limits and login lockouts (server/http/rate-limit-store.ts).
// One row per limited key (a limiter's prefix and an account or address); times are epoch ms.
import { stmt, type Db } from "./connection";

export interface RateLimitRow {
  hits: number;
  resetAt: number;
}

/**
 * Counts one more hit for the key and returns the count and when its window ends. A key whose
 * window has ended starts again at one hit with a fresh window: one statement, so two processes
 * on the file cannot both read the old count.
 */
export function bumpRateLimit(db: Db, key: string, now: number, windowMs: number): RateLimitRow {
  return stmt(
    db,
    `INSERT INTO rate_limits (key, hits, reset_at) VALUES (@key, 1, @now + @windowMs)
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN reset_at <= @now THEN 1 ELSE hits + 1 END,
       reset_at = CASE WHEN reset_at <= @now THEN @now + @windowMs ELSE reset_at END
     RETURNING hits, reset_at AS resetAt`,
  ).get({ key, now, windowMs }) as RateLimitRow;
}

/** Takes back one hit (a request that does not count, such as a successful login). */
export function updateRateLimitDown(db: Db, key: string, now: number): void {
  stmt(db, `UPDATE rate_limits SET hits = max(hits - 1, 0) WHERE key = ? AND reset_at > ?`).run(key, now);
}

export function findRateLimit(db: Db, key: string, now: number): RateLimitRow | undefined {
  return stmt(db, `SELECT hits, reset_at AS resetAt FROM rate_limits WHERE key = ? AND reset_at > ?`).get(key, now) as
    RateLimitRow | undefined;
}

export function deleteRateLimit(db: Db, key: string): void {
  stmt(db, `DELETE FROM rate_limits WHERE key = ?`).run(key);
}

/** Every key of one limiter (its prefix), for express-rate-limit's resetAll. */
export function deleteRateLimitsWithPrefix(db: Db, prefix: string): void {
  stmt(db, `DELETE FROM rate_limits WHERE substr(key, 1, length(?)) = ?`).run(prefix, prefix);
}

/** Deletes rows whose window has ended; returns how many. */
export function pruneRateLimits(db: Db, now: number): number {
  return stmt(db, `DELETE FROM rate_limits WHERE reset_at <= ?`).run(now).changes;
}

export function countRateLimits(db: Db): number {
  return stmt(db, `SELECT count(*) FROM rate_limits`).pluck().get() as number;
}
