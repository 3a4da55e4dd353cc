// Pages for signed-out visitors, rendered once and served again until the data behind them changes.
// A news site's readers arrive in bursts on the same few pages; rendering each of them again for
// every visitor is the work worth skipping. The data version is bumped inside every service's write
// transaction (server/services/write-transaction.ts), from any process, so a cached page is never
// served stale. A change made outside the services (say, with the sqlite3 shell) is not seen until
// the next write or the next day: bump data_version.v by hand after one.
import { createHash } from "node:crypto";
import type { RequestHandler, Response } from "express";
import type { DateTime } from "luxon";
import type { Db } from "../../db/connection";
import { dataVersion, scoresVersion } from "../../db/data-version";
import { today } from "../domain/dates";
import { SESSION_COOKIE } from "./security";

/** The public pages (and the board's exports) a visitor sees the same as every other visitor. */
const CACHEABLE = /^\/(?:|leaderboard|leaderboard\.csv|api\/leaderboard|(?:claims|people|sources|events)(?:\/\d+)?)$/;
/** Also cached: pages that show only what everyone sees (views/scores). */
const CACHEABLE_TOO = /^\/(?:scores|calibration)$/;
/**
 * The board shows only stored scores and the handles they belong to: it is kept until scores change,
 * through the many writes (forecasts on open claims, imports, proposals) that cannot change it. Its
 * filter menus (tags, sources, publishers) can lag until then: a new tag matters once it is scored.
 */
// Spaces around "=" too: the cookie parser express-session uses accepts them.
const SESSION_COOKIE_IN = new RegExp(`(?:^|;)\\s*${SESSION_COOKIE.replace(".", "\\.")}\\s*=`);

const BOARD = /^\/(?:leaderboard|leaderboard\.csv|api\/leaderboard)$/;

export interface PageCacheOptions {
  /** Pages kept at most; the least recently served goes first. */
  maxEntries?: number;
  /** Bytes of page bodies kept at most. */
  maxBytes?: number;
}

interface Entry {
  version: string;
  /** The body's size in bytes (a string's length counts UTF-16 units, not memory). */
  size: number;
  etag: string;
  type: string;
  /** The CSV's "download as leaderboard.csv", kept with the body it belongs to. */
  disposition: string | undefined;
  body: string | Buffer;
}

/**
 * The query parameters these pages read. Anything else is ignored by the routes, so it is left out
 * of the cache key: `?utm_source=…` shares the page, and made-up parameters cannot push it out.
 */
const PAGE_PARAMS = ["page", "status", "min", "sort", "tag", "source", "publisher", "from", "to", "q"];

/**
 * From the query as the route reads it (`req.query`), not the raw address: the parser stops at 1,000
 * parameters, and a key read from the address could name a `?status=` the route never saw, so that
 * one crafted request would store its page under another page's key.
 */
function cacheKey(path: string, query: Record<string, unknown>): string {
  const kept = PAGE_PARAMS.flatMap((name) => {
    const v = query[name];
    return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string").map((x) => [name, x]);
  });
  return kept.length === 0 ? path : `${path}?${new URLSearchParams(kept).toString()}`;
}

export function pageCache(db: Db, clock: () => DateTime, opts: PageCacheOptions = {}): RequestHandler {
  const store = new LruPages(opts.maxEntries ?? 500, opts.maxBytes ?? 32 * 1024 * 1024);
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    // This runs before sessions are read, so that a cached page costs no session, CSRF or account
    // work. A request with a session cookie may be signed in or carry a flash message: its pages are
    // its own, never shared, never stored. Only a visitor without a session gets the shared copy.
    if (SESSION_COOKIE_IN.test(req.headers.cookie ?? "")) {
      res.setHeader("Cache-Control", "private, no-store");
      return next();
    }
    if (!CACHEABLE.test(req.path) && !CACHEABLE_TOO.test(req.path)) return next();
    // A day turning can close a claim for forecasts: the date is part of the version.
    const data = BOARD.test(req.path) ? `s${scoresVersion(db)}` : `d${dataVersion(db)}`;
    const version = `${data}@${today(clock())}`;
    // Any shared cache in front may keep the page, but must ask again each time (ETag revalidation);
    // a visitor who signs in has a cookie, so the visitor's copy is not theirs.
    res.setHeader("Cache-Control", "public, no-cache");
    res.setHeader("Vary", "Cookie");
    const key = cacheKey(req.path, req.query);
    const hit = store.get(key, version);
    if (hit) {
      res.setHeader("ETag", hit.etag);
      if (hit.disposition) res.setHeader("Content-Disposition", hit.disposition);
      res.type(hit.type);
      // res.send answers 304 itself when If-None-Match matches the ETag.
      res.send(hit.body);
      return;
    }
    keepWhatIsSent(res, (entry) => store.set(key, { ...entry, version }));
    next();
  };
}

/** Wraps res.send to keep a successful page, with a strong ETag: the hash of its exact bytes. */
function keepWhatIsSent(res: Response, keep: (e: Omit<Entry, "version">) => void): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    const text = typeof body === "string" || Buffer.isBuffer(body) ? body : null;
    // A page that carries a form token belongs to one session, whatever the route thought.
    const shareable = text !== null && res.statusCode === 200 && !text.includes('name="_csrf"');
    if (!shareable) return send(body);
    const etag = `"${createHash("sha256").update(text).digest("base64url").slice(0, 27)}"`;
    res.setHeader("ETag", etag);
    const sent = send(text);
    const type = String(res.get("Content-Type") ?? "text/html; charset=utf-8");
    const size = typeof text === "string" ? Buffer.byteLength(text) : text.length;
    keep({ etag, type, disposition: res.get("Content-Disposition"), body: text, size });
    return sent;
  };
}

/** A bounded map in least-recently-served order (a Map keeps insertion order). */
class LruPages {
  private readonly pages = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get(key: string, version: string): Entry | undefined {
    const entry = this.pages.get(key);
    if (!entry) return undefined;
    this.delete(key);
    if (entry.version !== version) return undefined;
    this.pages.set(key, entry);
    this.bytes += entry.size;
    return entry;
  }

  set(key: string, entry: Entry): void {
    if (entry.size > this.maxBytes / 4) return;
    this.delete(key);
    this.pages.set(key, entry);
    this.bytes += entry.size;
    for (const [oldest] of this.pages) {
      if (this.pages.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  private delete(key: string): void {
    const entry = this.pages.get(key);
    if (!entry) return;
    this.pages.delete(key);
    this.bytes -= entry.size;
  }
}
