import type { Request, RequestHandler, Response } from "express";
import { findAccountWithPasswordHash, passwordHashOf, type Account } from "../../db/accounts";
import { hasRole, type Role } from "../domain/roles";
import { passwordStamp } from "../domain/password-change";
import type { Db } from "../../db/connection";
import { HttpError } from "./errors";

declare global {
  namespace Express {
    interface Locals {
      account: Account | null;
    }
  }
}

/**
 * Signs this session in to the account (after login, signup or its own password change), with the
 * fingerprint of the password it signed in under: `stamp` when the caller has it (a password change
 * returns the new one), else read from the account.
 */
export function signInSession(req: Request, db: Db, accountId: number, stamp?: string): void {
  req.session.accountId = accountId;
  req.session.passwordStamp = stamp ?? passwordStamp(passwordHashOf(db, accountId) ?? "");
}

/**
 * Loads the signed-in account (if any) into res.locals.account; a deleted account signs out, and
 * so does a session signed in with a password the account has since changed. A password change
 * deletes the account's sessions (services/accounts.ts changePassword); should one of them be saved
 * again by a request that was still running, its fingerprint no longer matches, and it is signed
 * out all the same.
 */
export function loadAccount(db: Db): RequestHandler {
  return (req, res, next) => {
    const id = req.session?.accountId;
    const found = id ? findAccountWithPasswordHash(db, id) : undefined;
    res.locals.account = null;
    if (!found) return next();
    const { passwordHash, ...account } = found;
    const current = passwordStamp(passwordHash);
    const stamp = req.session.passwordStamp;
    if (stamp === undefined) {
      // A session signed in before fingerprints were kept: it gets the current one now, so that a
      // later password change signs it out like any other.
      req.session.passwordStamp = current;
    } else if (stamp !== current) {
      delete req.session.accountId;
      delete req.session.passwordStamp;
      return next();
    }
    res.locals.account = account;
    next();
  };
}

function loginUrl(req: Request): string {
  // After logging in, come back to the page the visitor was on: for a GET that page itself, for a
  // form the page it was on (from Referer, and only if it is on this site). Never another site.
  const referer = req.get("referer");
  const from = req.method === "GET" ? req.originalUrl : referer && sameSitePath(referer, req);
  return `/login?next=${encodeURIComponent(from || "/")}`;
}

function sameSitePath(referer: string, req: Request): string | null {
  try {
    const url = new URL(referer);
    if (url.hostname !== req.hostname) return null;
    return /^\/(?!\/)/.test(url.pathname) ? url.pathname : null;
  } catch {
    return null;
  }
}

/** Server-side role check for a route: anonymous → log in; signed in without the role → 403. */
export function requireRole(role: Role): RequestHandler {
  return (req, res, next) => {
    const account = res.locals.account;
    if (!account) return res.redirect(303, loginUrl(req));
    if (!hasRole(account, role))
      return next(new HttpError(403, `This page is for ${role}s. Your account is a ${account.role}.`));
    next();
  };
}

export const requireSignedIn = requireRole("reader");

/** The signed-in account, for handlers behind requireRole: narrows the type, refuses if absent. */
export function signedInAccount(res: Response): Account {
  const account = res.locals.account;
  if (!account) throw new HttpError(403, "Sign in first.");
  return account;
}

/** Where an account that must change its password may still go: the change itself, and out. */
const WHILE_CHANGING = new Set(["/me/password", "/logout"]);

/**
 * An account whose password failed the rules at login (accounts.must_change_password) sees the
 * change-password page until it has chosen a new one, whatever else it asks for.
 */
export function requirePasswordChange(): RequestHandler {
  return (req, res, next) => {
    if (!res.locals.account?.mustChangePassword || WHILE_CHANGING.has(req.path)) return next();
    res.redirect(303, "/me/password");
  };
}

/**
 * A suspended account reads but does not write: every form it sends (logging out aside) is
 * refused with the editor's reason, before any route sees it.
 */
export const refuseSuspendedWrites: RequestHandler = (req, res, next) => {
  const account = res.locals.account;
  if (req.method !== "POST" || !account?.suspendedReason || req.path === "/logout") return next();
  res.status(403).render("errors/suspended", {
    title: "Account suspended",
    reason: account.suspendedReason,
    since: account.suspendedAt,
  });
};
