import { Router, type Request, type Response } from "express";
import { listTags } from "../../db/claims";
import { findSource, listPublishers, listSources } from "../../db/sources";
import { leaderboardQuery, type LeaderboardQuery } from "../domain/query-schemas";
import { LEADERBOARD_COLUMNS, leaderboardCsv, leaderboardRecords } from "../domain/leaderboard-export";
import { HttpError } from "../http/errors";
import { leaderboard, type LeaderboardRow } from "../services/scores";
import { paginate, queryOr400 } from "../http/request";

const router = Router();

function board(req: Request, res: Response): { query: LeaderboardQuery; rows: LeaderboardRow[] } {
  const query = queryOr400(leaderboardQuery, req);
  const { db } = res.locals.deps;
  if (query.source !== undefined && !findSource(db, query.source)) {
    throw new HttpError(400, "The address has a parameter this page cannot use.", [
      `source ${query.source} does not exist`,
    ]);
  }
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
  return { query, rows: leaderboard(db, filter, { min: query.min, sort: query.sort }) };
}

/** A board of thousands of people is read a hundred rows at a time. */
const ROWS_PER_PAGE = 100;

router.get("/leaderboard", (req, res) => {
  const { query, rows } = board(req, res);
  const { db } = res.locals.deps;
  const { pages, offset, limit } = paginate(
    rows.length,
    query.page,
    ROWS_PER_PAGE,
    (n, asked) => `The leaderboard has ${n} page(s), not ${asked}.`,
  );
  const params = new URLSearchParams(req.query as Record<string, string>);
  params.delete("page");
  res.render("leaderboard/index", {
    title: "Leaderboard",
    query,
    rows: rows.slice(offset, offset + limit),
    offset,
    total: rows.length,
    pages,
    tags: listTags(db),
    sources: listSources(db),
    publishers: listPublishers(db),
    exportQuery: params.toString(),
  });
});

router.get("/leaderboard.csv", (req, res) => {
  const { rows } = board(req, res);
  res.type("text/csv; charset=utf-8");
  res.attachment("leaderboard.csv");
  res.send(leaderboardCsv(rows));
});

router.get("/api/leaderboard", (req, res) => {
  const { query, rows } = board(req, res);
  res.json({ columns: LEADERBOARD_COLUMNS, query, rows: leaderboardRecords(rows) });
});

export default router;
