import { Router } from "express";
import { countClaims, listClaimsClosingSoon, listRecentlyResolved } from "../../db/claims";
import { countForecasts } from "../../db/forecasts";
import { countSources } from "../../db/sources";
import { leaderboardPage } from "../services/stored-board";
import { crowdEstimates } from "../services/charts";
import { todayOf } from "../http/request";

const router = Router();

router.get("/", (_req, res) => {
  const { db } = res.locals.deps;
  const closingSoon = listClaimsClosingSoon(db, todayOf(res), 5);
  res.render("home/index", {
    title: "Hindsight",
    closingSoon,
    crowds: crowdEstimates(
      db,
      closingSoon.map((c) => c.id),
    ),
    resolved: listRecentlyResolved(db, 5),
    board: leaderboardPage(db, { min: 1, sort: "adjusted_brier", page: 1, perPage: 5 }).rows,
    counts: { sources: countSources(db), claims: countClaims(db), forecasts: countForecasts(db) },
  });
});

export default router;
