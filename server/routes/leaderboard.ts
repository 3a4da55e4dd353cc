import { Router, type Request, type Response } from "express";
import { listTags, tagExists } from "../../db/claims";
import { findSource, listPublishers, listSourceTitles, publisherExists } from "../../db/sources";
import { BOARD_MIN_RESOLVED, leaderboardQuery, type LeaderboardQuery } from "../domain/query-schemas";
import { LEADERBOARD_COLUMNS, leaderboardCsv, leaderboardRecords } from "../domain/leaderboard-export";
import { HttpError } from "../http/errors";
import { siteUrl } from "../http/site-url";
import { previewTags } from "../domain/share";
import { filteredLeaderboard, type LeaderboardRow } from "../services/stored-board";
import { paginate, queryOr400 } from "../http/request";
import { unknownFilter } from "../http/unknown-filter";

const router = Router();

const EXPORT_PARAMS = ["min", "sort", "tag", "source", "publisher", "from", "to"];

/** A board of thousands of people is read a hundred rows at a time, on the page and in its exports. */
const ROWS_PER_PAGE = 100;

interface Board {
  query: LeaderboardQuery;
  rows: LeaderboardRow[];
  total: number;
  pages: number;
  offset: number;
}

/**
 * On the HTML board a filter that names nothing is a 404 that says so (a stale link, a typo). The
 * CSV and the JSON API are stable interfaces (DESIGN.md) and keep their answer: an unknown tag or
 * publisher is no rows, an unknown source a 400 (`refuseUnknownSource`).
 */
function refuseUnknownFilters(req: Request, res: Response, query: LeaderboardQuery): void {
  const { db } = res.locals.deps;
  const list = "the leaderboard";
  if (query.tag !== undefined && !tagExists(db, query.tag)) {
    throw unknownFilter(req, "tag", query.tag, { list, params: EXPORT_PARAMS, known: listTags(db) });
  }
  if (query.source !== undefined && !findSource(db, query.source)) {
    throw unknownFilter(req, "source", String(query.source), { list, params: EXPORT_PARAMS, known: [] });
  }
  if (query.publisher !== undefined && !publisherExists(db, query.publisher)) {
    throw unknownFilter(req, "publisher", query.publisher, { list, params: EXPORT_PARAMS, known: listPublishers(db) });
  }
}

function refuseUnknownSource(res: Response, query: LeaderboardQuery): void {
  if (query.source !== undefined && !findSource(res.locals.deps.db, query.source)) {
    throw new HttpError(400, "The address has a parameter this page cannot use.", [
      `source ${query.source} does not exist`,
    ]);
  }
}

/** One page of the board from the stored scores: an indexed read, or a sum over the filtered forecasts. */
function board(res: Response, query: LeaderboardQuery): Board {
  const { db } = res.locals.deps;
  if (query.from && query.to && query.from > query.to) {
    throw new HttpError(400, "The address has a parameter this page cannot use.", ["from must not be after to"]);
  }
  const filter = {
    tag: query.tag,
    sourceId: query.source,
    publisher: query.publisher,
    resolvedFrom: query.from,
    resolvedTo: query.to,
  };
  const { rows, total } = filteredLeaderboard(db, filter, {
    min: query.min,
    sort: query.sort,
    page: query.page,
    perPage: ROWS_PER_PAGE,
  });
  const { pages, offset } = paginate(
    total,
    query.page,
    ROWS_PER_PAGE,
    (n, asked) => `The leaderboard has ${n} page(s), not ${asked}.`,
  );
  return { query, rows, total, pages, offset };
}

/** The board the CSV and the JSON API give (their filters' answers kept as they were). */
function exportBoard(req: Request, res: Response): Board {
  const query = queryOr400(leaderboardQuery, req);
  refuseUnknownSource(res, query);
  return board(res, query);
}

router.get("/leaderboard", (req, res) => {
  const asked = queryOr400(leaderboardQuery, req);
  refuseUnknownFilters(req, res, asked);
  const { query, rows, total, pages, offset } = board(res, asked);
  const { db } = res.locals.deps;
  // The export links carry the board's own filters only: anything else in the address is not echoed
  // into a page that the cache shares with every visitor.
  const params = new URLSearchParams(
    Object.entries(req.query).filter(
      (e): e is [string, string] => EXPORT_PARAMS.includes(e[0]) && typeof e[1] === "string",
    ),
  );
  res.render("leaderboard/index", {
    title: "Leaderboard",
    query,
    rows,
    offset,
    total,
    pages,
    tags: listTags(db),
    sources: listSourceTitles(db, 500),
    publishers: listPublishers(db),
    exportQuery: params.toString(),
    preview: previewTags({
      title: "Leaderboard: who called it",
      description:
        "Commenters and readers ranked by how well their forecasts matched what happened (adjusted Brier score: lower is better).",
      url: `${siteUrl(res)}/leaderboard`,
    }),
    boardMin: BOARD_MIN_RESOLVED,
  });
});

router.get("/leaderboard.csv", (req, res) => {
  const { rows } = exportBoard(req, res);
  res.type("text/csv; charset=utf-8");
  res.attachment("leaderboard.csv");
  res.send(leaderboardCsv(rows));
});

router.get("/api/leaderboard", (req, res) => {
  const { query, rows, total, pages } = exportBoard(req, res);
  res.json({ columns: LEADERBOARD_COLUMNS, query, total, pages, rows: leaderboardRecords(rows) });
});

export default router;
