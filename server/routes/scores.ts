import { Router } from "express";
import { calibrationQuery } from "../domain/query-schemas";
import { queryOr400 } from "../http/request";
import { siteCalibration } from "../services/charts";
import { scoreGuide } from "../services/score-guide";

const router = Router();

// "How scores work": every number on the board explained, worked through on a real resolved claim.
router.get("/scores", (_req, res) => {
  const { db } = res.locals.deps;
  res.render("scores/index", { title: "How scores work", guide: scoreGuide(db) });
});

// Everyone's calibration, or the forecasts on claims with one tag.
router.get("/calibration", (req, res) => {
  const { tag } = queryOr400(calibrationQuery, req);
  const { db } = res.locals.deps;
  const title = tag === undefined ? "Calibration" : `Calibration: #${tag}`;
  res.render("scores/calibration", { title, ...siteCalibration(db, tag) });
});

export default router;
