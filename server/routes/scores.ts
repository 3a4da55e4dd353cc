import { Router } from "express";
import { calibrationQuery } from "../domain/query-schemas";
import { listTags, tagExists } from "../../db/claims";
import { queryOr400 } from "../http/request";
import { unknownFilter } from "../http/unknown-filter";
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
  if (tag !== undefined && !tagExists(db, tag)) {
    throw unknownFilter(req, "tag", tag, { list: "everyone's calibration", params: ["tag"], known: listTags(db) });
  }
  const title = tag === undefined ? "Calibration" : `Calibration: #${tag}`;
  res.render("scores/calibration", { title, ...siteCalibration(db, tag) });
});

export default router;
