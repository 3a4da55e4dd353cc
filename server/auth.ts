import type { Request, RequestHandler } from "express";
import { findAccount, type Account, type Role } from "../db/accounts";
import type { Db } from "../db/connection";
import { HttpError } from "./http-error";

declare global {
  namespace Express {
    interface Locals {
      account: Account | null;
    }
  }
}

const RANK: Record<Role, number> = { reader: 1, editor: 2, admin: 3 };

export function hasRole(account: Account | null | undefined, role: Role): boolean {
  return !!account && RANK[account.role] >= RANK[role];
}

/** Loads the signed-in account (if any) into res.locals.account; a deleted account signs out. */
export function loadAccount(db: Db): RequestHandler {
  return (req, res, next) => {
    const id = req.session?.accountId;
    res.locals.account = id ? (findAccount(db, id) ?? null) : null;
    next();
  };
}

function loginUrl(req: Request): string {
  // Only same-site paths: ?next= must never send someone to another site after login.
  const next =
    req.method === "GET"
      ? req.originalUrl
      : req.get("referer")
        ? new URL(req.get("referer") ?? "/", "http://x").pathname
        : "/";
  return `/login?next=${encodeURIComponent(next)}`;
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
