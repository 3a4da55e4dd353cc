import { Router, type Request, type Response } from "express";
import { auditForClaim, countAuditOfClaim } from "../../db/audit";
import {
  countClaimsFiltered,
  findClaim,
  listClaims,
  listClaimsFiltered,
  listTags,
  tagExists,
  type Claim,
  type ClaimFilter,
} from "../../db/claims";
import { countDisputesOfClaim, disputesForClaim } from "../../db/disputes";
import { listEvents } from "../../db/events";
import { countForecastsOfClaim, latestForecastOf, withdrawnForecastsOfClaim } from "../../db/forecasts";
import { resolutionHistory } from "../../db/resolutions";
import { CLAIM_STATUSES, type ClaimStatus } from "../domain/claim-states";
import { toMatchQuery } from "../domain/search-query";
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
import { SITE_FEEDS } from "./home";
import { loadOr404, paginate, queryOr400, todayOf } from "../http/request";
import { siteUrl } from "../http/site-url";
import { unknownFilter } from "../http/unknown-filter";
import { embedSnippet } from "../domain/share";
import { claimCard, claimMeta } from "../services/share";

const router = Router();

/** One status: a page of 50. All three: the first 10 of each, with a link to the rest. */
const CLAIMS_PER_PAGE = 50;
const CLAIMS_PER_SECTION = 10;

router.get("/", (req, res) => {
  const { status, page, q, tag } = queryOr400(claimsQuery, req);
  const { db } = res.locals.deps;
  if (tag !== undefined && !tagExists(db, tag)) {
    throw unknownFilter(req, "tag", tag, { list: "claims", params: ["status", "q", "tag"], known: listTags(db) });
  }
  const filter = claimFilter(status, q, tag);
  const perPage = status ? CLAIMS_PER_PAGE : CLAIMS_PER_SECTION;
  const statuses = status ? [status] : CLAIM_STATUSES;
  const sections = statuses.map((s) => ({ status: s, total: countClaimsFiltered(db, { ...filter, status: s }) }));
  const slice = paginate(
    status ? (sections[0]?.total ?? 0) : 0,
    page,
    perPage,
    (n, asked) => `There are ${n} page(s) of ${status ? `${status} ` : ""}claims, not ${asked}.`,
  );
  const listed = sections.map((s) => ({
    ...s,
    claims: listClaimsFiltered(db, { ...filter, status: s.status }, slice),
  }));
  const open = listed.find((s) => s.status === "open")?.claims ?? [];
  res.render("claims/index", {
    title: tag ? `Claims tagged ${tag}` : "Claims",
    sections: listed,
    // The crowd estimate (median of current forecasts) beside each open claim.
    crowds: crowdEstimates(
      db,
      open.map((c) => c.id),
    ),
    status: status ?? null,
    q: q ?? "",
    tag: tag ?? null,
    feeds: tag ? [{ title: `Claims tagged #${tag}`, href: `/feeds/tags/${encodeURIComponent(tag)}.atom` }] : SITE_FEEDS,
    ...slice,
  });
});

/** The list's filters: `?q=` words (refused with a 400 that says why), `?tag=` a tag's name. */
function claimFilter(status: ClaimStatus | undefined, q: string | undefined, tag: string | undefined): ClaimFilter {
  const filter: ClaimFilter = { status, tag };
  if (q === undefined || q.trim() === "") return filter;
  const query = toMatchQuery(q);
  if (!query.ok) throw new HttpError(400, query.message);
  return { ...filter, match: query.match };
}

router.get("/new", requireSignedIn, (_req, res) => {
  res.render("claims/new", { title: "New claim", values: {}, errors: {}, action: "/claims/new", editing: false });
});

// The form posts to /claims/new, so the address after a refused form is the form's own page.
router.post(["/", "/new"], requireSignedIn, (req, res) => {
  const { db, clock } = res.locals.deps;
  const account = signedInAccount(res);
  const form = parseForm(claimForm(todayOf(res)), req.body);
  if (!form.ok) {
    return renderInvalid(res, "claims/new", {
      title: "New claim",
      values: typed(req),
      errors: form.errors,
      action: "/claims/new",
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
  const site = siteUrl(res);
  const personId = res.locals.account?.personId ?? null;
  // The reader's number now: shown above the form, and the box starts from it.
  const mine = personId === null ? undefined : latestForecastOf(db, claim.id, personId);
  res.status(status).render("claims/show", {
    title: page.claim.text,
    ...(claim.state === "published"
      ? claimMeta(claimCard(db, claim, { resolution: page.current, stored: page.crowd, crowd: page.crowdNow }), site)
      : {}),
    site,
    embed: embedSnippet(site, claim.id, claim.text),
    ...page,
    page: paging.page,
    pages: paging.pages,
    today: todayOf(res),
    closed: closedReason(page.claim, res.locals.deps.clock()),
    editor,
    otherClaims: editor ? listClaims(res.locals.deps.db, "open").filter((c) => c.id !== claim.id) : [],
    myForecast: mine ?? null,
    forecastValues: mine ? { probability: String(Math.round(mine.probability * 10000) / 100) } : {},
    withdrawn: editor ? withdrawnForecastsOfClaim(db, claim.id) : [],
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
  const before = account.personId === null ? undefined : latestForecastOf(db, claim.id, account.personId);
  const done = logForecast(db, account, claim, form.values, clock());
  if (!done.ok)
    return renderClaim(req, res, 422, { forecastValues: typed(req), forecastErrors: { [done.field]: done.message } });
  const percent = (p: number) => `${Math.round(p * 1000) / 10}%`;
  redirectWithFlash(
    req,
    res,
    `/claims/${claim.id}`,
    before
      ? `Forecast updated: ${percent(form.values.probability)} YES (was ${percent(before.probability)}).`
      : `Forecast logged: ${percent(form.values.probability)} YES.`,
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
    // A note that cannot be stored as text (a NUL, a control character) is refused, not dropped.
    if (!form.ok) throw new HttpError(422, form.errors.note ?? "The note cannot be read as text.");
    const note = form.values.note;
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
  const current = resolutionHistory(res.locals.deps.db, claim.id)[0];
  // Re-resolving starts from the current resolution, so a correction changes only what is wrong.
  const values = current
    ? {
        verdict: current.verdict,
        basis: current.knownAtBasis,
        eventIds: current.events.map((e) => String(e.id)),
        rationale: current.rationale,
      }
    : { basis: "auto" };
  renderResolve(req, res, claim, 200, values, {});
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
