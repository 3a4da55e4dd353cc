import { Router, type Request, type Response } from "express";
import { auditForClaim, countAuditOfClaim } from "../../db/audit";
import { countClaimsWithStatus, findClaim, listClaims, type Claim } from "../../db/claims";
import { countDisputesOfClaim, disputesForClaim } from "../../db/disputes";
import { listEvents } from "../../db/events";
import { countForecastsOfClaim } from "../../db/forecasts";
import { resolutionHistory } from "../../db/resolutions";
import { CLAIM_STATUSES } from "../domain/claim-states";
import { hasRole } from "../domain/roles";
import { requireRole, requireSignedIn, signedInAccount } from "../http/auth";
import {
  claimEditForm,
  claimForm,
  disputeForm,
  forecastForm,
  mergeForm,
  parseForm,
  resolveForm,
  reviewNoteForm,
} from "../domain/forms";
import { claimsQuery, pageQuery } from "../domain/query-schemas";
import { HttpError, notFound } from "../http/errors";
import { CLAIM_PAGE_RECENT, claimPage } from "../services/claim-page";
import { crowdEstimates } from "../services/charts";
import {
  closedReason,
  createClaim,
  editClaim,
  fileDispute,
  logForecast,
  mergeClaim,
  resolveClaim,
  reviewClaim,
} from "../services/claim-writes";
import { redirectWithFlash, renderInvalid, typed } from "../http/responses";
import { loadOr404, paginate, queryOr400, todayOf } from "../http/request";

const router = Router();

/** One status: a page of 50. All three: the first 10 of each, with a link to the rest. */
const CLAIMS_PER_PAGE = 50;
const CLAIMS_PER_SECTION = 10;

router.get("/", (req, res) => {
  const { status, page } = queryOr400(claimsQuery, req);
  const { db } = res.locals.deps;
  const perPage = status ? CLAIMS_PER_PAGE : CLAIMS_PER_SECTION;
  const statuses = status ? [status] : CLAIM_STATUSES;
  const sections = statuses.map((s) => ({ status: s, total: countClaimsWithStatus(db, s) }));
  const slice = paginate(
    status ? (sections[0]?.total ?? 0) : 0,
    page,
    perPage,
    (n, asked) => `There are ${n} page(s) of ${status ? `${status} ` : ""}claims, not ${asked}.`,
  );
  const listed = sections.map((s) => ({ ...s, claims: listClaims(db, s.status, slice.limit, slice.offset) }));
  const open = listed.find((s) => s.status === "open")?.claims ?? [];
  res.render("claims/index", {
    title: "Claims",
    sections: listed,
    // The crowd estimate (median of current forecasts) beside each open claim.
    crowds: crowdEstimates(
      db,
      open.map((c) => c.id),
    ),
    status: status ?? null,
    ...slice,
  });
});

router.get("/new", requireSignedIn, (_req, res) => {
  res.render("claims/new", { title: "New claim", values: {}, errors: {}, action: "/claims", editing: false });
});

router.post("/", requireSignedIn, (req, res) => {
  const { db, clock } = res.locals.deps;
  const account = signedInAccount(res);
  const form = parseForm(claimForm(todayOf(res)), req.body);
  if (!form.ok) {
    return renderInvalid(res, "claims/new", {
      title: "New claim",
      values: typed(req),
      errors: form.errors,
      action: "/claims",
      editing: false,
    });
  }
  const id = createClaim(db, account, form.values, clock());
  const editor = hasRole(account, "editor");
  redirectWithFlash(
    req,
    res,
    `/claims/${id}`,
    editor ? "Claim published." : "Claim proposed: an editor will review it.",
  );
});

/** A claim page as the viewer may see it: proposals only to their author and editors; merged ones redirect. */
function visibleClaim(req: Request, res: Response): Claim {
  const claim = loadOr404(req, res, "Claim", findClaim);
  const account = res.locals.account;
  const mayReview = hasRole(account, "editor") || (account !== null && claim.createdBy === account.id);
  if (claim.state !== "published" && claim.state !== "merged" && !mayReview) throw notFound("That claim");
  return claim;
}

/** A claim with 22,000 forecasts made a 12 MB page: they are shown fifty at a time. */
const FORECASTS_PER_PAGE = 50;

function renderClaim(req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}): void {
  const claim = visibleClaim(req, res);
  if (claim.state === "merged" && claim.mergedIntoId) return res.redirect(301, `/claims/${claim.mergedIntoId}`);
  const { db } = res.locals.deps;
  const paging = paginate(
    countForecastsOfClaim(db, claim.id),
    queryOr400(pageQuery, req).page,
    FORECASTS_PER_PAGE,
    (n, asked) => `This claim has ${n} page(s) of forecasts, not ${asked}.`,
  );
  const page = claimPage(db, claim.id, paging);
  if (!page) throw notFound("That claim");
  const editor = hasRole(res.locals.account, "editor");
  res.status(status).render("claims/show", {
    title: page.claim.text,
    ...page,
    page: paging.page,
    pages: paging.pages,
    today: todayOf(res),
    closed: closedReason(page.claim, res.locals.deps.clock()),
    editor,
    otherClaims: editor ? listClaims(res.locals.deps.db, "open").filter((c) => c.id !== claim.id) : [],
    forecastValues: {},
    forecastErrors: {},
    disputeValues: {},
    disputeErrors: {},
    mergeErrors: {},
    ...extra,
  });
}

router.get("/:id", (req, res) => renderClaim(req, res));

/** A claim's disputes and its history can each grow without bound: the claim page shows the newest, these pages all. */
router.get("/:id/disputes", (req, res) => {
  const claim = visibleClaim(req, res);
  const { db } = res.locals.deps;
  const { page, pages, offset, limit } = paginate(
    countDisputesOfClaim(db, claim.id),
    queryOr400(pageQuery, req).page,
    CLAIM_PAGE_RECENT,
    (n, asked) => `This claim has ${n} page(s) of disputes, not ${asked}.`,
  );
  const disputes = disputesForClaim(db, claim.id, { limit, offset });
  res.render("claims/disputes", { title: `Disputes: ${claim.text}`, claim, disputes, page, pages });
});

router.get("/:id/history", (req, res) => {
  const claim = visibleClaim(req, res);
  const { db } = res.locals.deps;
  const { page, pages, offset, limit } = paginate(
    countAuditOfClaim(db, claim.id),
    queryOr400(pageQuery, req).page,
    CLAIM_PAGE_RECENT,
    (n, asked) => `This claim has ${n} page(s) of history, not ${asked}.`,
  );
  const audit = auditForClaim(db, claim.id, { limit, offset });
  res.render("claims/history", { title: `History: ${claim.text}`, claim, audit, page, pages });
});

router.post("/:id/forecasts", requireSignedIn, (req, res) => {
  const claim = visibleClaim(req, res);
  const { db, clock } = res.locals.deps;
  const account = signedInAccount(res);
  const form = parseForm(forecastForm, req.body);
  if (!form.ok) return renderClaim(req, res, 422, { forecastValues: typed(req), forecastErrors: form.errors });
  const done = logForecast(db, account, claim, form.values, clock());
  if (!done.ok)
    return renderClaim(req, res, 422, { forecastValues: typed(req), forecastErrors: { [done.field]: done.message } });
  redirectWithFlash(
    req,
    res,
    `/claims/${claim.id}`,
    `Forecast logged: ${Math.round(form.values.probability * 1000) / 10}% YES.`,
  );
});

router.post("/:id/disputes", requireSignedIn, (req, res) => {
  const claim = visibleClaim(req, res);
  const account = signedInAccount(res);
  const form = parseForm(disputeForm, req.body);
  if (!form.ok) return renderClaim(req, res, 422, { disputeValues: typed(req), disputeErrors: form.errors });
  const done = fileDispute(res.locals.deps.db, account, claim, form.values, res.locals.deps.clock());
  if (!done.ok)
    return renderClaim(req, res, 422, { disputeValues: typed(req), disputeErrors: { [done.field]: done.message } });
  redirectWithFlash(req, res, `/claims/${claim.id}`, "Dispute filed: an editor will answer it here.");
});

const editor = requireRole("editor");

router.get("/:id/edit", editor, (req, res) => {
  const claim = visibleClaim(req, res);
  const values = { ...claim, tags: claim.tags.join(", ") };
  res.render("claims/new", {
    title: "Edit claim",
    values,
    errors: {},
    action: `/claims/${claim.id}/edit`,
    editing: true,
  });
});

router.post("/:id/edit", editor, (req, res) => {
  const claim = visibleClaim(req, res);
  const account = signedInAccount(res);
  const form = parseForm(claimEditForm(todayOf(res)), req.body);
  const view = { title: "Edit claim", values: typed(req), action: `/claims/${claim.id}/edit`, editing: true };
  if (!form.ok) return renderInvalid(res, "claims/new", { ...view, errors: form.errors });
  editClaim(res.locals.deps.db, account, claim, form.values, res.locals.deps.clock());
  redirectWithFlash(req, res, `/claims/${claim.id}`, "Claim updated.");
});

for (const decision of ["approve", "reject"] as const) {
  router.post(`/:id/${decision}`, editor, (req, res) => {
    const claim = visibleClaim(req, res);
    const account = signedInAccount(res);
    const form = parseForm(reviewNoteForm, req.body);
    const note = form.ok ? form.values.note : null;
    const done = reviewClaim(res.locals.deps.db, account, claim, decision, note, res.locals.deps.clock());
    if (!done.ok) throw new HttpError(409, done.message);
    redirectWithFlash(
      req,
      res,
      decision === "approve" ? `/claims/${claim.id}` : "/editor",
      `Proposal ${decision === "approve" ? "approved and published" : "rejected"}.`,
    );
  });
}

function renderResolve(
  req: Request,
  res: Response,
  claim: Claim,
  status: number,
  values: Record<string, unknown>,
  errors: Record<string, string>,
): void {
  res.status(status).render("claims/resolve", {
    title: `Resolve: ${claim.text}`,
    claim,
    current: resolutionHistory(res.locals.deps.db, claim.id)[0] ?? null,
    events: listEvents(res.locals.deps.db),
    values,
    errors,
    today: todayOf(res),
  });
}

router.get("/:id/resolve", editor, (req, res) => {
  const claim = visibleClaim(req, res);
  renderResolve(req, res, claim, 200, { basis: claim.resolveBy <= todayOf(res) ? "lapse" : "event" }, {});
});

router.post("/:id/resolve", editor, (req, res) => {
  const claim = visibleClaim(req, res);
  const account = signedInAccount(res);
  const form = parseForm(resolveForm, req.body);
  if (!form.ok) return renderResolve(req, res, claim, 422, typed(req), form.errors);
  const done = resolveClaim(res.locals.deps.db, account, claim, form.values, res.locals.deps.clock());
  if (!done.ok) return renderResolve(req, res, claim, 422, typed(req), { [done.field]: done.message });
  redirectWithFlash(
    req,
    res,
    `/claims/${claim.id}`,
    `Resolved ${form.values.verdict}. Scores now follow this verdict.`,
  );
});

router.post("/:id/merge", editor, (req, res) => {
  const claim = visibleClaim(req, res);
  const account = signedInAccount(res);
  const form = parseForm(mergeForm, req.body);
  if (!form.ok) return renderClaim(req, res, 422, { mergeErrors: form.errors });
  const target = findClaim(res.locals.deps.db, form.values.targetId);
  if (!target) return renderClaim(req, res, 422, { mergeErrors: { targetId: "That claim does not exist." } });
  const done = mergeClaim(res.locals.deps.db, account, claim, target, res.locals.deps.clock());
  if (!done.ok) return renderClaim(req, res, 422, { mergeErrors: { [done.field]: done.message } });
  redirectWithFlash(req, res, `/claims/${target.id}`, `Merged: ${done.value} forecast(s) moved here.`);
});

export default router;
