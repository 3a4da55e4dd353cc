// express-rate-limit's Store over the app's own SQLite file: counts survive a restart and are
// shared by every process on the file (the in-memory store forgets both). The SQL is in db/rate-limits.
import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from "express-rate-limit";
import type { Db } from "../../db/connection";
import {
  bumpRateLimit,
  deleteRateLimit,
  deleteRateLimitsWithPrefix,
  findRateLimit,
  pruneRateLimits,
  updateRateLimitDown,
} from "../../db/rate-limits";

/** One store per limiter (express-rate-limit checks it): the prefix keeps their keys apart. */
export class SqliteRateLimitStore implements Store {
  /** Counts in the file are seen by every process: not local. */
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly db: Db,
    readonly prefix: string,
    private readonly clock: () => number = Date.now,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private key(key: string): string {
    return `${this.prefix}:${key}`;
  }

  get(key: string): ClientRateLimitInfo | undefined {
    const row = findRateLimit(this.db, this.key(key), this.clock());
    return row && { totalHits: row.hits, resetTime: new Date(row.resetAt) };
  }

  increment(key: string): IncrementResponse {
    const row = bumpRateLimit(this.db, this.key(key), this.clock(), this.windowMs);
    return { totalHits: row.hits, resetTime: new Date(row.resetAt) };
  }

  decrement(key: string): void {
    updateRateLimitDown(this.db, this.key(key), this.clock());
  }

  resetKey(key: string): void {
    deleteRateLimit(this.db, this.key(key));
  }

  resetAll(): void {
    deleteRateLimitsWithPrefix(this.db, `${this.prefix}:`);
  }

  /** Deletes every expired row (of all limiters); returns how many. */
  static prune(db: Db, now = Date.now()): number {
    return pruneRateLimits(db, now);
  }
}
