import { Router, type Request, type Response } from "express";
import { openOrDismissedForComments } from "../../db/candidates";
import { listClaims } from "../../db/claims";
import { commentPosition, commentsForSource, countComments, findCommentBySiteNumber } from "../../db/comments";
import { eventsForSource } from "../../db/events";
import { articleForecasts, forecastsForComments } from "../../db/forecasts";
import { countSources, findSource, listSources, type Source } from "../../db/sources";
import { requireSignedIn, signedInAccount } from "../http/auth";
import { groupBy } from "../domain/collections";
import { parseForm, proposalForm } from "../domain/forms";
import { pageQuery } from "../domain/query-schemas";
import { notFound } from "../http/errors";
import { forecastRows } from "../services/claim-page";
import { redirectWithFlash, typed } from "../http/responses";
import { idParam, listPage, loadOr404, paginate, queryOr400 } from "../http/request";
import { proposeForecast } from "../services/proposals";
import { articleHtml } from "../http/article-html";

const router = Router();

const SOURCES_PER_PAGE = 25;

router.get("/", (req, res) => {
  const { db } = res.locals.deps;
  const slice = listPage(req, countSources(db), SOURCES_PER_PAGE, "sources");
  res.render("sources/index", { title: "Sources", sources: listSources(db, slice), ...slice });
});

/** Threads can hold 100,000 comments: the page shows them a hundred at a time. */
export const COMMENTS_PER_PAGE = 100;
/** An article's own rumors: a handful at most in practice; bounded all the same. */
const ARTICLE_FORECASTS = { limit: 50, offset: 0 };

router.get("/:id", (req, res) => {
  const { db } = res.locals.deps;
  const source = loadOr404(req, res, "Source", findSource);
  const total = countComments(db, source.id);
  const { page, pages, offset, limit } = paginate(
    total,
    queryOr400(pageQuery, req).page,
    COMMENTS_PER_PAGE,
    (n, asked) => `This thread has ${n} page(s) of comments, not ${asked}.`,
  );
  const onPage = commentsForSource(db, source.id, { limit, offset });
  const byComment = groupBy(
    forecastsForComments(
      db,
      onPage.map((c) => c.id),
    ),
    (f) => f.commentId,
  );
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
    bodyHtml: articleHtml(source.body),
    numbersOutOfOrder: outOfOrder(onPage.map((c) => c.siteNumber)),
    comments,
    total,
    page,
    pages,
    articleForecasts: forecastRows(db, articleForecasts(db, source.id, ARTICLE_FORECASTS)),
    events: eventsForSource(db, source.id),
  });
});

/** Whether the site's comment numbers, in the order shown, ever go down (replies placed after their parent). */
function outOfOrder(numbers: readonly string[]): boolean {
  const n = numbers.map(Number);
  return n.some((v, i) => i > 0 && Number.isFinite(v) && Number.isFinite(n[i - 1]) && v < (n[i - 1] ?? v));
}

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
  const done = proposeForecast(db, account, comment, form.values, clock());
  if (!done.ok) return renderProposal(req, res, 422, typed(req), { [done.field]: done.message });
  redirectWithFlash(
    req,
    res,
    `/sources/${source.id}/comments/${encodeURIComponent(number)}`,
    "Proposal sent: an editor will review it.",
  );
});

export default router;
