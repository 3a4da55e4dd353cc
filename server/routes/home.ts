import { Router } from "express";
import { countClaims, listClaimsClosingSoon, listRecentlyResolved } from "../../db/claims";
import { countForecasts } from "../../db/forecasts";
import { countSources } from "../../db/sources";
import { homeBoard } from "../services/stored-board";
import { crowdEstimates } from "../services/charts";
import { todayOf } from "../http/request";

const router = Router();

/** The site's two public feeds: linked in the head (for feed readers) and on the page. */
export const SITE_FEEDS = [
  { title: "New claims", href: "/feeds/claims.atom" },
  { title: "Resolutions", href: "/feeds/resolutions.atom" },
];

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
    board: homeBoard(db, 5),
    counts: { sources: countSources(db), claims: countClaims(db), forecasts: countForecasts(db) },
    feeds: SITE_FEEDS,
  });
});

export default router;
