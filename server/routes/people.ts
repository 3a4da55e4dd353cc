import { Router, type Request, type Response } from "express";
import { findAccount } from "../../db/accounts";
import { countForecastsOfPerson, forecastsForPerson } from "../../db/forecasts";
import { countPeople, findPerson, listPeople } from "../../db/people";
import { activeLinkForPerson } from "../../db/proposals";
import { requireRole, requireSignedIn, signedInAccount } from "../http/auth";
import { hasRole } from "../domain/roles";
import { parseForm, suspendForm } from "../domain/forms";
import { liftSuspension, pendingOf, pendingTotal, rejectAllPending, suspendAccount } from "../services/moderation";
import { HttpError } from "../http/errors";
import { pageQuery } from "../domain/query-schemas";
import { forecastRows } from "../services/claim-page";
import { personSummary } from "../services/stored-board";
import { personCharts } from "../services/charts";
import { redirectWithFlash, typed } from "../http/responses";
import { listPage, loadOr404, paginate, queryOr400 } from "../http/request";
import { claimHandle } from "../services/proposals";
import { personPreview } from "../services/share";
import { siteUrl } from "../http/site-url";

const router = Router();

const PEOPLE_PER_PAGE = 50;

router.get("/", (req, res) => {
  const { db } = res.locals.deps;
  const slice = listPage(req, countPeople(db), PEOPLE_PER_PAGE, "people");
  res.render("people/index", { title: "People", people: listPeople(db, slice), ...slice });
});

/** A publisher can have thousands of forecasts: the profile lists them fifty at a time, newest first. */
const FORECASTS_PER_PAGE = 50;

function renderPerson(req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}): void {
  const { db } = res.locals.deps;
  const person = loadOr404(req, res, "Person", findPerson);
  const total = countForecastsOfPerson(db, person.id);
  const { page, pages, offset, limit } = paginate(
    total,
    queryOr400(pageQuery, req).page,
    FORECASTS_PER_PAGE,
    (n, asked) => `${person.handle} has ${n} page(s) of forecasts, not ${asked}.`,
  );
  const rows = forecastRows(db, forecastsForPerson(db, person.id, { limit, offset }));
  const link = person.kind === "commenter" ? (activeLinkForPerson(db, person.id) ?? null) : null;
  const summary = personSummary(db, person.id);
  const charts = summary === null ? null : personCharts(db, person.id, summary.calibration);
  const preview = personPreview(db, person, siteUrl(res));
  const feeds = [{ title: `${person.handle}'s resolved forecasts`, href: `/people/${person.id}/feed.atom` }];
  // Editors see the moderation controls of a reader's account on its person page.
  const owner =
    person.accountId !== null && hasRole(res.locals.account, "editor") ? findAccount(db, person.accountId) : undefined;
  const moderation = owner ? { target: owner, pending: pendingOf(db, owner.id) } : null;
  res.status(status).render("people/show", {
    title: person.handle,
    person,
    rows,
    total,
    page,
    pages,
    summary,
    charts,
    preview,
    feeds,
    link,
    moderation: moderation && { ...moderation, total: pendingTotal(moderation.pending) },
    suspendValues: {},
    suspendErrors: {},
    ...extra,
  });
}

router.get("/:id", (req, res) => renderPerson(req, res));

// A reader says "this imported commenter is me"; it counts only once an editor approves.
router.post("/:id/claim-handle", requireSignedIn, (req, res) => {
  const { db, clock } = res.locals.deps;
  const person = loadOr404(req, res, "Person", findPerson);
  const done = claimHandle(db, signedInAccount(res), person, clock());
  if (!done.ok) throw new HttpError(409, done.message);
  redirectWithFlash(
    req,
    res,
    `/people/${person.id}`,
    "Request sent: an editor will confirm that this handle is yours.",
  );
});

// Moderation: editors suspend a reader's account, lift it, or reject all it has waiting.
const editor = requireRole("editor");

/** The account behind a reader's person page, or 404. */
function moderatedAccount(req: Request, res: Response) {
  const person = loadOr404(req, res, "Person", findPerson);
  const target = person.accountId === null ? undefined : findAccount(res.locals.deps.db, person.accountId);
  if (!target) throw new HttpError(404, `${person.handle} has no account on this site.`);
  return { person, target };
}

router.post("/:id/suspend", editor, (req, res) => {
  const { db, clock } = res.locals.deps;
  const { person, target } = moderatedAccount(req, res);
  const form = parseForm(suspendForm, req.body);
  if (!form.ok) return renderPerson(req, res, 422, { suspendValues: typed(req), suspendErrors: form.errors });
  const done = suspendAccount(db, signedInAccount(res), target, form.values.reason, clock());
  if (!done.ok)
    return renderPerson(req, res, 422, { suspendValues: typed(req), suspendErrors: { reason: done.message } });
  redirectWithFlash(req, res, `/people/${person.id}`, `${target.username} is suspended: its writes are refused.`);
});

router.post("/:id/unsuspend", editor, (req, res) => {
  const { db, clock } = res.locals.deps;
  const { person, target } = moderatedAccount(req, res);
  const done = liftSuspension(db, signedInAccount(res), target, clock());
  if (!done.ok) throw new HttpError(409, done.message);
  redirectWithFlash(req, res, `/people/${person.id}`, `${target.username} may write again.`);
});

router.post("/:id/reject-pending", editor, (req, res) => {
  const { db, clock } = res.locals.deps;
  const { person, target } = moderatedAccount(req, res);
  const done = rejectAllPending(db, signedInAccount(res), target, clock());
  if (!done.ok) throw new HttpError(409, done.message);
  const n = done.value;
  redirectWithFlash(
    req,
    res,
    `/people/${person.id}`,
    `Rejected from ${target.username}: ${n.claims} proposed claim(s), ${n.forecastProposals} forecast proposal(s), ${n.handleLinks} handle link request(s), ${n.disputes} dispute(s).`,
  );
});

export default router;
