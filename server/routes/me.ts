import { Router } from "express";
import { listClaimsProposedBy } from "../../db/claims";
import { forecastsForPerson } from "../../db/forecasts";
import { requireSignedIn } from "../auth";
import { HttpError } from "../http-error";
import { forecastRows } from "../services/claim-page";
import { scoreEverything } from "../services/scores";

const router = Router();

router.get("/forecasts", requireSignedIn, (_req, res) => {
  const { db } = res.locals.deps;
  const account = res.locals.account;
  if (!account || account.personId === null) throw new HttpError(403, "Your account has no forecaster profile.");
  const scores = scoreEverything(db);
  const rows = forecastRows(db, forecastsForPerson(db, account.personId), scores);
  res.render("me/forecasts", {
    title: "My forecasts",
    open: rows.filter((r) => r.status === "open"),
    resolved: rows.filter((r) => r.status === "counted" || r.status === "superseded" || r.status === "annulled"),
    late: rows.filter((r) => r.status === "after the fact"),
    summary: scores.people.find((p) => p.personId === account.personId) ?? null,
    proposals: listClaimsProposedBy(db, account.id),
  });
});

export default router;
