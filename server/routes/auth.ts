import { Router } from "express";
import { findAccountByUsername } from "../../db/accounts";
import { loginForm, parseForm, signupForm } from "../domain/forms";
import { USERNAME_RULE } from "../domain/usernames";
import { checkPasswordAtLogin, signUp } from "../services/accounts";
import { DUMMY_HASH_PROMISE, verifyPassword } from "../services/passwords";
import { SESSION_COOKIE, type SecurityOptions } from "../http/security";
import { redirectWithFlash, renderInvalid, typed } from "../http/responses";
import { signInSession } from "../http/auth";

export const PASSWORD_OUTDATED =
  "Signed in. Your password no longer meets this site's rules (it is too common or too easy to guess): choose a new one to continue.";

/** A factory, taking the app's security options (the login lockout itself is in server/http/limits.ts). */
export default function authRouter(_security: SecurityOptions): Router {
  const router = Router();

  /** Only a path on this site: never an absolute URL that would send the user elsewhere. */
  function safeNext(value: unknown): string {
    return typeof value === "string" && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : "/";
  }

  router.get("/signup", (_req, res) => {
    res.render("auth/signup", { title: "Sign up", usernameRule: USERNAME_RULE, values: {}, errors: {} });
  });

  router.post("/signup", async (req, res, next) => {
    const { db, clock } = res.locals.deps;
    const form = parseForm(signupForm, req.body);
    const view = { title: "Sign up", usernameRule: USERNAME_RULE, values: typed(req) };
    if (!form.ok) return renderInvalid(res, "auth/signup", { ...view, errors: form.errors });
    const done = await signUp(db, form.values, clock());
    if (!done.ok) return renderInvalid(res, "auth/signup", { ...view, errors: { [done.field]: done.message } });
    const id = done.value;
    req.session.regenerate((err) => {
      if (err) return next(err);
      signInSession(req, res.locals.deps.db, id);
      redirectWithFlash(
        req,
        res,
        "/me/forecasts",
        `Welcome, ${form.values.username}. Pick an open claim and log your first forecast.`,
      );
    });
  });

  router.get("/login", (req, res) => {
    res.render("auth/login", { title: "Log in", values: {}, errors: {}, next: safeNext(req.query.next) });
  });

  // Failed logins are limited per account and address in server/http/limits.ts (writeLimits).
  router.post("/login", async (req, res, next) => {
    const form = parseForm(loginForm, req.body);
    const view = {
      title: "Log in",
      values: typed(req),
      next: safeNext((req.body as { next?: unknown } | undefined)?.next),
    };
    if (!form.ok) return renderInvalid(res, "auth/login", { ...view, errors: form.errors });
    const account = findAccountByUsername(res.locals.deps.db, form.values.username);
    // Compare against a dummy hash for unknown names, so the answer takes as long either way.
    const ok = await verifyPassword(form.values.password, account?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (!account || !ok) {
      return res
        .status(401)
        .render("auth/login", { ...view, errors: { form: "That username and password do not match an account." } });
    }
    // The rules for passwords may have tightened since this one was chosen: now is the one
    // moment it is known in clear, so an account whose password fails them must change it first.
    const mustChange = checkPasswordAtLogin(res.locals.deps.db, account, form.values.password);
    // A fresh session id at login, so an id planted before login is worth nothing after it.
    req.session.regenerate((err) => {
      if (err) return next(err);
      signInSession(req, res.locals.deps.db, account.id);
      if (mustChange) {
        return redirectWithFlash(req, res, "/me/password", PASSWORD_OUTDATED);
      }
      redirectWithFlash(req, res, view.next, `Signed in as ${account.username}.`);
    });
  });

  router.post("/logout", (req, res, next) => {
    req.session.destroy((err) => {
      if (err) return next(err);
      res.clearCookie(SESSION_COOKIE);
      res.redirect(303, "/");
    });
  });

  return router;
}
