import { Router, type Response } from "express";
import {
  countSearchByKind,
  searchAll,
  SearchSyntaxError,
  SEARCH_KINDS,
  type SearchHit,
  type SearchKind,
} from "../../db/search";
import { searchQuery } from "../domain/query-schemas";
import { snippetPieces, toMatchQuery } from "../domain/search-query";
import { paginate, queryOr400 } from "../http/request";
import { COMMENTS_PER_PAGE } from "./sources";

const router = Router();

const HITS_PER_PAGE = 20;

export const KIND_LABELS: Record<SearchKind, string> = {
  claim: "Claims",
  quote: "Forecast quotes",
  comment: "Comments",
  event: "Events",
  person: "People",
};

/** Where a hit leads: the record's own page, or for a quote its claim and for a comment its place in the thread. */
function hrefOf(h: SearchHit): string {
  switch (h.kind) {
    case "claim":
      return `/claims/${h.id}`;
    case "quote":
      return `/claims/${h.claimId ?? 0}`;
    case "comment": {
      const page = Math.max(1, Math.ceil((h.commentRank ?? 1) / COMMENTS_PER_PAGE));
      return `/sources/${h.sourceId ?? 0}${page > 1 ? `?page=${page}` : ""}#comment-${encodeURIComponent(h.siteNumber ?? "")}`;
    }
    case "event":
      return `/events/${h.id}`;
    case "person":
      return `/people/${h.id}`;
  }
}

const hitView = (h: SearchHit) => ({
  ...h,
  href: hrefOf(h),
  titlePieces: snippetPieces(h.title),
  excerptPieces: snippetPieces(h.excerpt),
});

function renderRefused(res: Response, q: string, message: string): void {
  res.status(400).render("search/index", { title: "Search", q, kind: null, error: message, results: null });
}

router.get("/", (req, res) => {
  const { q, kind, page } = queryOr400(searchQuery, req);
  if (q.trim() === "")
    return res.render("search/index", { title: "Search", q, kind: kind ?? null, error: null, results: null });
  const query = toMatchQuery(q);
  if (!query.ok) return renderRefused(res, q, query.message);
  const { db } = res.locals.deps;
  try {
    const counts = countSearchByKind(db, query.match);
    const total = kind ? counts[kind] : SEARCH_KINDS.reduce((n, k) => n + counts[k], 0);
    const slice = paginate(total, page, HITS_PER_PAGE, (n, asked) => `This search has ${n} page(s), not ${asked}.`);
    const hits = searchAll(db, query.match, kind ?? null, slice).map(hitView);
    res.render("search/index", {
      title: `Search: ${q}`,
      q,
      kind: kind ?? null,
      error: null,
      results: { counts, total, hits, labels: KIND_LABELS, kinds: SEARCH_KINDS, ...slice },
    });
  } catch (err) {
    if (err instanceof SearchSyntaxError) return renderRefused(res, q, err.message);
    throw err;
  }
});

export default router;
