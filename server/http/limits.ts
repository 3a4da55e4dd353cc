// Limits on every write, per account and per address, and the login lockout. Counts live in the
// database file (SqliteRateLimitStore), so a restart forgets nothing and every process on the
// file shares them. A refused request gets a 429 page saying when to try again (and Retry-After),
// and reaches no route, so nothing is stored.
import type { Request, RequestHandler, Response } from "express";
import rateLimit, { ipKeyGenerator, type Options, type RateLimitInfo } from "express-rate-limit";
import type { Db } from "../../db/connection";
import { hasRole } from "../domain/roles";
import { MIN_PASSWORD_LENGTH } from "../domain/password-rules";
import { tooManyWrongPasswords } from "../domain/password-change";
import { SqliteRateLimitStore } from "./rate-limit-store";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How many requests each limit lets through in its window. Defaults suit people, not scripts. */
export interface LimitSettings {
  /** Any form sent (POST) by one signed-in account per 10 minutes; editors and admins get five times as many. */
  writesPerAccount: number;
  /** Any form sent from one address per 10 minutes (several people may share an address). */
  writesPerAddress: number;
  /** Forecasts logged by one account per minute. */
  forecastsPerMinute: number;
  /** Forecasts logged from one address per minute. */
  forecastsPerMinutePerAddress: number;
  /** Proposals (claims proposed and forecasts proposed from comments) by one reader per day. */
  proposalsPerDay: number;
  /** Proposals from one address per day. */
  proposalsPerDayPerAddress: number;
  /** Disputes filed by one account per day. */
  disputesPerDay: number;
  /** Requests to link a commenter's handle by one account per day. */
  handleClaimsPerDay: number;
  /** Sign-up attempts from one address per hour (a taken name counts too: names cannot be tried in bulk). */
  signupsPerHour: number;
  /** Failed logins for one account from one address per 15 minutes. */
  loginFailures: number;
  /** Failed logins for one account from all addresses per hour (higher: one attacker should not lock it). */
  loginFailuresPerAccount: number;
  /** Failed logins from one address for all accounts per 15 minutes (password spraying). */
  loginFailuresPerAddress: number;
  /** Wrong current passwords on the change-password form of one account, from any address, per hour. */
  passwordChangeFailures: number;
  /** Wrong current passwords on the change-password form from one address, for any account, per hour. */
  passwordChangeFailuresPerAddress: number;
}

export const DEFAULT_LIMITS: LimitSettings = {
  writesPerAccount: 300,
  writesPerAddress: 1000,
  forecastsPerMinute: 10,
  forecastsPerMinutePerAddress: 30,
  proposalsPerDay: 30,
  proposalsPerDayPerAddress: 100,
  disputesPerDay: 10,
  handleClaimsPerDay: 10,
  signupsPerHour: 10,
  loginFailures: 10,
  loginFailuresPerAccount: 50,
  loginFailuresPerAddress: 100,
  passwordChangeFailures: 10,
  passwordChangeFailuresPerAddress: 30,
};

/** "45 seconds", "3 minutes", "2 hours": how long until a window ends. */
export function waitText(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} second${s === 1 ? "" : "s"}`;
  const m = Math.ceil(s / 60);
  if (m < 60) return `${m} minute${m === 1 ? "" : "s"}`;
  const h = Math.ceil(m / 60);
  return `${h} hour${h === 1 ? "" : "s"}`;
}

function secondsLeft(req: Request): number {
  const reset = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit?.resetTime;
  return reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60;
}

/** The 429 page: what was limited, and when to try again (the Retry-After header says it too). */
function refuse(what: string): Options["handler"] {
  return (req, res) => {
    const seconds = secondsLeft(req);
    const retryAt = new Date(Date.now() + seconds * 1000).toISOString();
    res
      .status(429)
      .render("errors/rate-limited", { title: "Too many requests", what, wait: waitText(seconds), retryAt });
  };
}

const address = (req: Request) => ipKeyGenerator(req.ip ?? "unknown");
const accountId = (res: Response) => res.locals.account?.id;
const signedOut = (_req: Request, res: Response) => !res.locals.account;
const isEditor = (res: Response) => hasRole(res.locals.account, "editor");

/** The login form's username, as typed (lower-cased, so that case does not buy more tries). */
function loginName(req: Request): string {
  const name = (req.body as { username?: unknown } | undefined)?.username;
  return typeof name === "string" ? name.trim().toLowerCase().slice(0, 100) : "";
}

/** The signed-in account's name, spelt as loginName spells it: its wrong guesses add to the login's counts. */
const ownName = (_req: Request, res: Response) => res.locals.account?.username.toLowerCase() ?? "";

declare global {
  namespace Express {
    interface Locals {
      /** Set by a route that was given a wrong current password (countWrongPassword). */
      wrongPassword?: boolean;
    }
  }
}

/**
 * The change-password form tells its limits that its current password was wrong: only those
 * answers count against them, not a new password the rules refused.
 */
export function countWrongPassword(res: Response): void {
  res.locals.wrongPassword = true;
}

interface Rule {
  /** The POST paths this rule limits. */
  path: RegExp;
  limiters: RequestHandler[];
}

/**
 * One middleware for every POST (logging out aside): the general per-account and per-address
 * limits, then each specific quota whose path matches. GET pages are never limited here.
 */
export function writeLimits(
  db: Db,
  settings: Partial<LimitSettings> = {},
  clock: () => number = Date.now,
): RequestHandler {
  const l = { ...DEFAULT_LIMITS, ...settings };
  SqliteRateLimitStore.prune(db, clock());
  setInterval(() => SqliteRateLimitStore.prune(db, clock()), HOUR).unref();

  const limiter = (prefix: string, o: Partial<Options>): RequestHandler =>
    rateLimit({
      standardHeaders: "draft-7",
      legacyHeaders: false,
      store: new SqliteRateLimitStore(db, prefix, clock),
      ...o,
    });
  const perAccount = (
    prefix: string,
    windowMs: number,
    limit: Options["limit"],
    what: string,
    o: Partial<Options> = {},
  ) =>
    limiter(prefix, {
      windowMs,
      limit,
      skip: signedOut,
      keyGenerator: (_req, res) => String(accountId(res)),
      handler: refuse(what),
      ...o,
    });
  const perAddress = (prefix: string, windowMs: number, limit: number, what: string, o: Partial<Options> = {}) =>
    limiter(prefix, { windowMs, limit, keyGenerator: address, handler: refuse(what), ...o });
  const notForEditors = (req: Request, res: Response) => signedOut(req, res) || isEditor(res);

  const general = [
    perAddress("writes-ip", 10 * MINUTE, l.writesPerAddress, "forms sent from your address"),
    perAccount(
      "writes-account",
      10 * MINUTE,
      (_req, res) => (isEditor(res) ? 5 : 1) * l.writesPerAccount,
      "forms sent from your account",
    ),
  ];

  const loginRefused: Options["handler"] = (req, res) => {
    res.status(429).render("auth/login", {
      title: "Log in",
      values: {},
      errors: {
        form: `Too many failed attempts to log in to this account. Try again in ${waitText(secondsLeft(req))}.`,
      },
      next: "/",
    });
  };
  /**
   * The failed-login limits: one account from one address, one account from every address (higher:
   * one attacker should not lock it), one address for every account (password spraying), keyed by
   * the account's name. A wrong current password on /me/password adds to them too (see below).
   */
  const passwordFailures = (name: (req: Request, res: Response) => string, o: Partial<Options>) => [
    limiter("login-pair", {
      windowMs: 15 * MINUTE,
      limit: l.loginFailures,
      keyGenerator: (req, res) => `${address(req)}|${name(req, res)}`,
      skipSuccessfulRequests: true,
      ...o,
    }),
    limiter("login-account", {
      windowMs: HOUR,
      limit: l.loginFailuresPerAccount,
      keyGenerator: name,
      skipSuccessfulRequests: true,
      ...o,
    }),
    limiter("login-ip", {
      windowMs: 15 * MINUTE,
      limit: l.loginFailuresPerAddress,
      keyGenerator: address,
      skipSuccessfulRequests: true,
      ...o,
    }),
  ];

  /** Only a wrong current password counts (countWrongPassword), not a new password the rules refused. */
  const onlyWrongCurrent = (_req: Request, res: Response) => res.locals.wrongPassword !== true;
  /** The change-password form again, with the limit reached and when to try again, beside the button. */
  const wrongCurrent = (scope: "account" | "address"): Partial<Options> => ({
    skip: signedOut,
    skipSuccessfulRequests: true,
    requestWasSuccessful: onlyWrongCurrent,
    handler: (req, res) => {
      res.status(429).render("me/password", {
        title: "Change your password",
        must: res.locals.account?.mustChangePassword === true,
        minLength: MIN_PASSWORD_LENGTH,
        values: {},
        errors: { form: tooManyWrongPasswords(scope, waitText(secondsLeft(req))) },
      });
    },
  });

  const proposals = [
    perAccount("proposals-account", DAY, l.proposalsPerDay, "proposals from your account today", {
      skip: notForEditors,
    }),
    perAddress("proposals-ip", DAY, l.proposalsPerDayPerAddress, "proposals from your address today", {
      skip: (_req, res) => isEditor(res),
    }),
  ];

  const rules: Rule[] = [
    {
      path: /^\/signup$/,
      limiters: [perAddress("signups-ip", HOUR, l.signupsPerHour, "sign-ups from your address this hour")],
    },
    // Keyed by address and account: a locked pair does not stop another account's login from that address.
    { path: /^\/login$/, limiters: passwordFailures(loginName, { handler: loginRefused }) },
    {
      // Someone holding a stolen session may guess its password here. The form has limits of its own,
      // keyed by the signed-in account's id and by address: failed logins, which anyone can send in
      // the account's name, never block its owner's change. A wrong guess here also adds to the
      // login's counts (never blocked by them), so guessing in both places gains no extra tries.
      path: /^\/me\/password$/,
      limiters: [
        limiter("password-account", {
          windowMs: HOUR,
          limit: l.passwordChangeFailures,
          keyGenerator: (_req, res) => String(accountId(res)),
          ...wrongCurrent("account"),
        }),
        limiter("password-ip", {
          windowMs: HOUR,
          limit: l.passwordChangeFailuresPerAddress,
          keyGenerator: address,
          ...wrongCurrent("address"),
        }),
        ...passwordFailures(ownName, {
          skip: signedOut,
          requestWasSuccessful: onlyWrongCurrent,
          limit: Number.MAX_SAFE_INTEGER,
          standardHeaders: false,
          requestPropertyName: "loginCount",
        }),
      ],
    },
    {
      path: /^\/claims\/[^/]+\/forecasts$/,
      limiters: [
        perAccount("forecasts-account", MINUTE, l.forecastsPerMinute, "forecasts from your account this minute"),
        perAddress("forecasts-ip", MINUTE, l.forecastsPerMinutePerAddress, "forecasts from your address this minute"),
      ],
    },
    { path: /^\/claims(?:\/new)?$/, limiters: proposals },
    { path: /^\/sources\/[^/]+\/comments\/[^/]+\/propose$/, limiters: proposals },
    {
      path: /^\/claims\/[^/]+\/disputes$/,
      limiters: [perAccount("disputes-account", DAY, l.disputesPerDay, "disputes from your account today")],
    },
    {
      path: /^\/people\/[^/]+\/claim-handle$/,
      limiters: [perAccount("handle-claims-account", DAY, l.handleClaimsPerDay, "handle link requests today")],
    },
  ];

  return (req, res, next) => {
    // Logging out is always allowed: it writes nothing but the end of a session.
    // Express routes ignore case and a trailing slash ("/LOGIN/" reaches the login handler), so the
    // rules must see the path as routing does, or a changed spelling would skip them.
    const path = req.path.toLowerCase().replace(/\/+$/, "") || "/";
    if (req.method !== "POST" || path === "/logout") return next();
    const chain = [...general, ...rules.filter((r) => r.path.test(path)).flatMap((r) => r.limiters)];
    const run = (i: number): void => {
      const limit = chain[i];
      if (!limit) return next();
      void limit(req, res, (err?: unknown) => (err ? next(err) : run(i + 1)));
    };
    run(0);
  };
}
