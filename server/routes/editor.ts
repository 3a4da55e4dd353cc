import { Router, type Request, type Response } from "express";
import { countCandidates, findCandidate, listCandidates } from "../../db/candidates";
import { findClaim, listClaims, listClaimsAwaitingResolution, listProposedClaims } from "../../db/claims";
import { findDispute, listOpenDisputes } from "../../db/disputes";
import {
  findForecastProposal,
  findHandleLink,
  listPendingForecastProposals,
  listPendingHandleLinks,
} from "../../db/proposals";
import { requireRole, signedInAccount } from "../http/auth";
import {
  candidateAcceptForm,
  dismissForm,
  disputeAnswerForm,
  importForm,
  parseForm,
  type FieldErrors,
} from "../domain/forms";
import { HttpError, notFound } from "../http/errors";
import { createClaim, upholdResolution } from "../services/claim-writes";
import { runImport } from "../services/import-form";
import { acceptCandidate, decideLink, decideProposal, dismissCandidate } from "../services/review";
import { redirectWithFlash, typed } from "../http/responses";
import { idParam, queryOr400, todayOf } from "../http/request";
import { pageQuery } from "../domain/query-schemas";

const router = Router();
router.use(requireRole("editor"));

router.get("/", (_req, res) => {
  const { db } = res.locals.deps;
  res.render("editor/index", {
    title: "Editor",
    awaiting: listClaimsAwaitingResolution(db, todayOf(res)),
    proposed: listProposedClaims(db),
    disputes: listOpenDisputes(db),
    proposals: listPendingForecastProposals(db),
    links: listPendingHandleLinks(db),
    pendingCandidates: countCandidates(db, "pending"),
    errors: {},
  });
});

const PAGE = 25;

function renderCandidates(
  req: Request,
  res: Response,
  status = 200,
  errors: Record<number, FieldErrors> = {},
  values: Record<number, Record<string, unknown>> = {},
): void {
  const { db } = res.locals.deps;
  const { page } = queryOr400(pageQuery, req);
  const total = countCandidates(db, "pending");
  res.status(status).render("editor/candidates", {
    title: "Speculation to review",
    candidates: listCandidates(db, { status: "pending", limit: PAGE, offset: (page - 1) * PAGE }),
    claims: listClaims(db),
    page,
    pages: Math.max(1, Math.ceil(total / PAGE)),
    total,
    errors,
    values,
  });
}

router.get("/candidates", (req, res) => renderCandidates(req, res));

router.post("/candidates/:id/accept", (req, res) => {
  const { db, clock } = res.locals.deps;
  const editor = signedInAccount(res);
  const candidate = findCandidate(db, idParam(req, "Candidate"));
  if (!candidate) throw notFound("That candidate");
  const form = parseForm(candidateAcceptForm(todayOf(res)), req.body);
  if (!form.ok) return renderCandidates(req, res, 422, { [candidate.id]: form.errors }, { [candidate.id]: typed(req) });
  const v = form.values;
  if (candidate.status !== "pending") {
    return redirectWithFlash(req, res, "/editor/candidates", "That sentence was already decided by another editor.");
  }
  // A new claim and the forecast on it are one change: if the forecast is refused, no claim is left behind.
  const outcome = db.transaction(() => {
    const claimId = v.newClaim ? createClaim(db, editor, v.newClaim, clock()) : v.claimId;
    const claim = claimId === null ? undefined : findClaim(db, claimId);
    if (!claim) return { ok: false as const, field: "claimId", message: "Choose a claim, or write a new one" };
    const done = acceptCandidate(db, editor, candidate, claim, v.probability, clock());
    if (!done.ok) throw new Refused(done);
    return { ok: true as const, claim };
  });
  let result;
  try {
    result = outcome();
  } catch (err) {
    if (!(err instanceof Refused)) throw err;
    result = err.outcome;
  }
  if (!result.ok) {
    return renderCandidates(
      req,
      res,
      422,
      { [candidate.id]: { [result.field]: result.message } },
      { [candidate.id]: typed(req) },
    );
  }
  redirectWithFlash(
    req,
    res,
    "/editor/candidates",
    `Forecast recorded for ${candidate.handle} on “${result.claim.text}”.`,
  );
});

/** Thrown inside a transaction to roll it back, carrying the refusal to show. */
class Refused extends Error {
  constructor(readonly outcome: { ok: false; field: string; message: string }) {
    super(outcome.message);
  }
}

router.post("/candidates/:id/dismiss", (req, res) => {
  const { db, clock } = res.locals.deps;
  const candidate = findCandidate(db, idParam(req, "Candidate"));
  if (!candidate) throw notFound("That candidate");
  const form = parseForm(dismissForm, req.body);
  if (!form.ok)
    return renderCandidates(
      req,
      res,
      422,
      { [candidate.id]: { reason: form.errors.reason ?? "Give a reason" } },
      { [candidate.id]: typed(req) },
    );
  const done = dismissCandidate(db, signedInAccount(res), candidate, form.values.reason, clock());
  if (!done.ok) throw new HttpError(409, done.message);
  redirectWithFlash(req, res, "/editor/candidates", "Candidate dismissed.");
});

router.post("/disputes/:id/uphold", (req, res) => {
  const { db, clock } = res.locals.deps;
  const dispute = findDispute(db, idParam(req, "Dispute"));
  if (!dispute) throw notFound("That dispute");
  const form = parseForm(disputeAnswerForm, req.body);
  if (!form.ok)
    throw new HttpError(422, "Write an answer of at least 10 characters explaining why the resolution stands.", [
      form.errors.answer ?? "",
    ]);
  const done = upholdResolution(db, signedInAccount(res), dispute, form.values.answer, clock());
  if (!done.ok) throw new HttpError(409, done.message);
  redirectWithFlash(req, res, `/claims/${dispute.claimId}#disputes`, "Dispute answered: resolution upheld.");
});

for (const decision of ["accept", "reject"] as const) {
  router.post(`/proposals/:id/${decision}`, (req, res) => {
    const { db, clock } = res.locals.deps;
    const proposal = findForecastProposal(db, idParam(req, "Proposal"));
    if (!proposal) throw notFound("That proposal");
    const done = decideProposal(db, signedInAccount(res), proposal, decision, clock());
    if (!done.ok) throw new HttpError(409, done.message);
    redirectWithFlash(req, res, "/editor", `Proposal ${decision}ed.`);
  });
}

for (const decision of ["approve", "reject"] as const) {
  router.post(`/links/:id/${decision}`, (req, res) => {
    const { db, clock } = res.locals.deps;
    const link = findHandleLink(db, idParam(req, "Link request"));
    if (!link) throw notFound("That link request");
    const done = decideLink(db, signedInAccount(res), link, decision, clock());
    if (!done.ok) throw new HttpError(409, done.message);
    redirectWithFlash(req, res, "/editor", `Link ${decision}d.`);
  });
}

router.get("/import", (_req, res) => {
  res.render("editor/import", { title: "Import a thread", values: {}, errors: {}, summary: null });
});

router.post("/import", (req, res) => {
  const form = parseForm(importForm, req.body);
  if (!form.ok)
    return res
      .status(422)
      .render("editor/import", { title: "Import a thread", values: typed(req), errors: form.errors, summary: null });
  const result = runImport(res.locals.deps.db, signedInAccount(res), form.values, res.locals.deps.clock());
  if (!result.ok)
    return res.status(422).render("editor/import", {
      title: "Import a thread",
      values: typed(req),
      errors: { text: result.message },
      summary: null,
    });
  res.render("editor/import", { title: "Import a thread", values: {}, errors: {}, summary: result.value });
});

export default router;
