import { Router, type Request, type Response } from "express";
import { candidatesForSource } from "../../db/candidates";
import { findClaim, listClaims } from "../../db/claims";
import { commentsForSource, findCommentBySiteNumber } from "../../db/comments";
import { eventsForSource } from "../../db/events";
import { forecastsForSource } from "../../db/forecasts";
import { insertForecastProposal } from "../../db/proposals";
import { findSource, listSources, type Source } from "../../db/sources";
import { requireSignedIn } from "../auth";
import { groupBy } from "../domain/collections";
import { toStored } from "../domain/dates";
import { parseForm, proposalForm } from "../domain/forms";
import { HttpError, notFound } from "../http-error";
import { forecastRows } from "../services/claim-page";
import { redirectWithFlash, typed } from "./forms";
import { idParam } from "./params";

const router = Router();

router.get("/", (_req, res) => {
  res.render("sources/index", { title: "Sources", sources: listSources(res.locals.deps.db) });
});

router.get("/:id", (req, res) => {
  const { db } = res.locals.deps;
  const source = findSource(db, idParam(req, "Source"));
  if (!source) throw notFound("That source");
  const forecasts = forecastsForSource(db, source.id);
  const byComment = groupBy(
    forecasts.filter((f) => f.commentId !== null),
    (f) => f.commentId,
  );
  // What became of each speculative sentence: accepted ones show as forecasts, the rest by status.
  const candidates = groupBy(
    candidatesForSource(db, source.id).filter((c) => c.status !== "accepted"),
    (c) => c.commentId,
  );
  const comments = commentsForSource(db, source.id).map((c) => ({
    ...c,
    forecasts: byComment.get(c.id) ?? [],
    candidates: candidates.get(c.id) ?? [],
  }));
  res.render("sources/show", {
    title: source.title,
    source,
    paragraphs: source.body.split(/\n{2,}/).filter((p) => p.trim() !== ""),
    comments,
    articleForecasts: forecastRows(
      db,
      forecasts.filter((f) => f.commentId === null),
    ),
    events: eventsForSource(db, source.id),
  });
});

function commentOf(
  req: Request,
  res: Response,
): { source: Source; comment: { id: number; body: string }; number: string } {
  const { db } = res.locals.deps;
  const source = findSource(db, idParam(req, "Source"));
  const number = typeof req.params.number === "string" ? req.params.number : "";
  const comment = source ? findCommentBySiteNumber(db, source.id, number) : undefined;
  if (!source || !comment) throw notFound("That comment");
  return { source, comment, number };
}

function renderProposal(
  req: Request,
  res: Response,
  status: number,
  values: Record<string, unknown>,
  errors: Record<string, string>,
): void {
  const { source, comment, number } = commentOf(req, res);
  res.status(status).render("sources/propose", {
    title: "Propose a forecast from a comment",
    source,
    comment,
    number,
    claims: listClaims(res.locals.deps.db),
    values: { quote: comment.body, ...values },
    errors,
  });
}

router.get("/:id/comments/:number/propose", requireSignedIn, (req, res) => renderProposal(req, res, 200, {}, {}));

router.post("/:id/comments/:number/propose", requireSignedIn, (req, res) => {
  const { db, clock } = res.locals.deps;
  const { source, comment, number } = commentOf(req, res);
  const account = res.locals.account;
  if (!account) throw new HttpError(403, "Sign in first.");
  const form = parseForm(proposalForm, req.body);
  if (!form.ok) return renderProposal(req, res, 422, typed(req), form.errors);
  const v = form.values;
  const claim = findClaim(db, v.claimId);
  if (!claim || claim.state !== "published")
    return renderProposal(req, res, 422, typed(req), { claimId: "Choose a claim from the list" });
  // The quote must be the commenter's own words: a proposal cannot put words in their mouth.
  if (!comment.body.includes(v.quote)) {
    return renderProposal(req, res, 422, typed(req), {
      quote: "Quote words that appear in the comment, exactly as written",
    });
  }
  insertForecastProposal(db, {
    commentId: comment.id,
    claimId: claim.id,
    probability: v.probability,
    quote: v.quote,
    proposedBy: account.id,
    now: toStored(clock()),
  });
  redirectWithFlash(req, res, `/sources/${source.id}#comment-${number}`, "Proposal sent: an editor will review it.");
});

export default router;
