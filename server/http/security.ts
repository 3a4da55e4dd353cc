// Sessions, CSRF tokens, security headers and login throttling: every state-changing request
// passes through these, in this order, before any route sees it.
import { randomBytes } from "node:crypto";
import { csrfSync } from "csrf-sync";
import express, { type RequestHandler } from "express";
import session from "express-session";
import helmet from "helmet";
import type { Db } from "../../db/connection";
import { SqliteSessionStore } from "./session-store";
import { getOrCreateSetting } from "../../db/settings";
import type { LimitSettings } from "./limits";
import type { PageLink } from "./errors";

declare module "express-session" {
  interface SessionData {
    accountId?: number;
    /** A fingerprint of the account's password when this session signed in (server/http/auth.ts). */
    passwordStamp?: string;
    flash?: string;
    /** A link shown after the flash message (server/http/responses.ts redirectWithFlash). */
    flashLink?: PageLink;
  }
}

export interface SecurityOptions {
  /** Signs session cookies. Default: SESSION_SECRET, else a random secret generated once and kept in the database. */
  sessionSecret?: string;
  /** Failed logins allowed for one account from one address per 15 minutes (limits.loginFailures). */
  loginAttempts?: number;
  /** The write limits and login lockouts (server/http/limits.ts); tests lower them. */
  limits?: Partial<LimitSettings>;
}

/** The limits these options ask for, over the defaults. */
export function limitSettings(opts: SecurityOptions = {}): Partial<LimitSettings> {
  return { ...(opts.loginAttempts !== undefined && { loginFailures: opts.loginAttempts }), ...opts.limits };
}

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      // No inline script anywhere; the site works without JavaScript. Plain http must keep working
      // on a LAN, so requests are not upgraded here (a TLS proxy can add that header).
      // No page may be framed (clickjacking), but the embeddable claim card: see allowFraming.
      directives: {
        "script-src": ["'self'"],
        "upgrade-insecure-requests": null,
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
      },
    },
    xFrameOptions: { action: "deny" },
  });
}

/**
 * The one page another site may frame: the claim card (/claims/:id/embed). It has no forms, so
 * framing it offers nothing to click-jack; its links open Hindsight in a new tab.
 */
export const allowFraming: RequestHandler = (_req, res, next) => {
  res.setHeader(
    "Content-Security-Policy",
    "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors *",
  );
  res.removeHeader("X-Frame-Options");
  // Pages that isolate themselves (Cross-Origin-Embedder-Policy) may still frame it.
  res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
  next();
};

/** The session cookie's name; a request without it is a visitor with no session at all. */
export const SESSION_COOKIE = "hindsight.sid";

export function sessions(db: Db, opts: SecurityOptions): RequestHandler {
  const secret =
    opts.sessionSecret ??
    process.env.SESSION_SECRET ??
    getOrCreateSetting(db, "session_secret", () => randomBytes(32).toString("hex"));
  const store = new SqliteSessionStore(db);
  store.prune();
  setInterval(() => store.prune(), 60 * 60 * 1000).unref();
  return session({
    name: SESSION_COOKIE,
    secret,
    store,
    resave: false,
    // No session (and no cookie) until something is stored: a form's CSRF token or a login.
    saveUninitialized: false,
    rolling: true,
    // secure: "auto" marks the cookie Secure whenever the request came over TLS (directly, or via a trusted proxy).
    cookie: { httpOnly: true, sameSite: "lax", secure: "auto", maxAge: 14 * 24 * 60 * 60 * 1000 },
  });
}

export const csrf = csrfSync({
  getTokenFromRequest: (req) => {
    const token = (req.body as { _csrf?: unknown } | undefined)?._csrf;
    return typeof token === "string" ? token : undefined;
  },
  errorConfig: {
    statusCode: 403,
    message: "This form has expired or did not come from this site. Go back, reload the page and try again.",
  },
});

/** Form bodies: small by default; the thread import form alone may carry a pasted thread. */
export function bodyParsers(): RequestHandler[] {
  return [express.urlencoded({ extended: false, limit: "100kb", parameterLimit: 200 })];
}
