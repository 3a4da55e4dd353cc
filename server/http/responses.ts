import type { Request, Response } from "express";
import type { PageLink } from "./errors";

/** Re-renders a form with status 422, each message beside its field and what the user typed kept. */
export function renderInvalid(
  res: Response,
  view: string,
  locals: Record<string, unknown> & { errors: Record<string, string> },
): void {
  res.status(422).render(view, locals);
}

/** Post-redirect-get with a one-time message shown on the next page, optionally with a link (to what was saved). */
export function redirectWithFlash(req: Request, res: Response, to: string, message: string, link?: PageLink): void {
  req.session.flash = message;
  if (link) req.session.flashLink = link;
  res.redirect(303, to);
}

/** The submitted fields, minus the CSRF token and passwords, to refill a form. */
export function typed(req: Request): Record<string, unknown> {
  const { _csrf, password, confirm, ...rest } = (req.body ?? {}) as Record<string, unknown>;
  void _csrf;
  void password;
  void confirm;
  return rest;
}
