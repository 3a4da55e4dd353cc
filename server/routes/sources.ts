import { Router, type Request, type Response } from "express";
import { openOrDismissedForComments } from "../../db/candidates";
import { findClaim, listClaims } from "../../db/claims";
import { commentPosition, commentsForSource, countComments, findCommentBySiteNumber } from "../../db/comments";
import { eventsForSource } from "../../db/events";
import { forecastsForSource } from "../../db/forecasts";
import { insertForecastProposal } from "../../db/proposals";
import { findSource, listSources, type Source } from "../../db/sources";
import { requireSignedIn, signedInAccount } from "../http/auth";
import { groupBy } from "../domain/collections";
import { toStored } from "../domain/dates";
import { parseForm, proposalForm } from "../domain/forms";
import { pageQuery } from "../domain/query-schemas";
import { HttpError, notFound } from "../http/errors";
import { forecastRows } from "../services/claim-page";
import { redirectWithFlash, typed } from "../http/responses";
import { idParam, queryOr400 } from "../http/request";

const router = Router();

router.get("/", (_req, res) => {
  res.render("sources/index", { title: "Sources", sources: listSources(res.locals.deps.db) });
});

/** Threads can hold 100,000 comments: the page shows them a hundred at a time. */
const COMMENTS_PER_PAGE = 100;

router.get("/:id", (req, res) => {
  const { db } = res.locals.deps;
  const source = findSource(db, idParam(req, "Source"));
  if (!source) throw notFound("That source");
  const { page } = queryOr400(pageQuery, req);
  const total = countComments(db, source.id);
  const pages = Math.max(1, Math.ceil(total / COMMENTS_PER_PAGE));
  if (page > pages) throw new HttpError(404, `This thread has ${pages} page(s) of comments, not ${page}.`);
  const forecasts = forecastsForSource(db, source.id);
  const byComment = groupBy(
    forecasts.filter((f) => f.commentId !== null),
    (f) => f.commentId,
  );
  const onPage = commentsForSource(db, source.id, { limit: COMMENTS_PER_PAGE, offset: (page - 1) * COMMENTS_PER_PAGE });
  // What became of each speculative sentence: accepted ones show as forecasts, the rest by status.
  const candidates = groupBy(
    openOrDismissedForComments(
      db,
      onPage.map((c) => c.id),
    ),
    (c) => c.commentId,
  );
  const comments = onPage.map((c) => ({
    ...c,
    forecasts: byComment.get(c.id) ?? [],
    candidates: candidates.get(c.id) ?? [],
  }));
  res.render("sources/show", {
    title: source.title,
    source,
    paragraphs: source.body.split(/\n{2,}/).filter((p) => p.trim() !== ""),
    comments,
    total,
    page,
    pages,
    articleForecasts: forecastRows(
      db,
      forecasts.filter((f) => f.commentId === null),
    ),
    events: eventsForSource(db, source.id),
  });
});

/** A stable address for one comment, whatever page of its thread it falls on. */
router.get("/:id/comments/:number", (req, res) => {
  const { source, number } = commentOf(req, res);
  const position = commentPosition(res.locals.deps.db, source.id, number) ?? 1;
  const page = Math.ceil(position / COMMENTS_PER_PAGE);
  res.redirect(302, `/sources/${source.id}${page > 1 ? `?page=${page}` : ""}#comment-${encodeURIComponent(number)}`);
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
  const account = signedInAccount(res);
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
  redirectWithFlash(
    req,
    res,
    `/sources/${source.id}/comments/${encodeURIComponent(number)}`,
    "Proposal sent: an editor will review it.",
  );
});

export default router;
