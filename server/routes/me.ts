import { Router } from "express";
import { listClaimsProposedBy } from "../../db/claims";
import { forecastsForPerson } from "../../db/forecasts";
import { approvedLinksForAccount } from "../../db/proposals";
import { requireSignedIn, signedInAccount } from "../http/auth";
import { parseForm, settingsForm } from "../domain/forms";
import { isValidZone } from "../http/format";
import { HttpError } from "../http/errors";
import { redirectWithFlash, typed } from "../http/responses";
import { forecastRows } from "../services/claim-page";
import { scoreEverything } from "../services/scores";
import { changeTimeZone } from "../services/accounts";

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
    // Imported commenters an editor confirmed are this reader: their forecasts, under their own handle.
    linked: approvedLinksForAccount(db, account.id).map((l) => ({
      ...l,
      rows: forecastRows(db, forecastsForPerson(db, l.personId), scores),
      summary: scores.people.find((p) => p.personId === l.personId) ?? null,
    })),
  });
});

// Every zone the runtime knows, for the select; UTC first as the default.
const ZONES = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];

router.get("/settings", requireSignedIn, (_req, res) => {
  res.render("me/settings", {
    title: "Settings",
    zones: ZONES,
    values: { timeZone: res.locals.account?.timeZone },
    errors: {},
  });
});

router.post("/settings", requireSignedIn, (req, res) => {
  const account = signedInAccount(res);
  const form = parseForm(settingsForm(isValidZone), req.body);
  if (!form.ok) {
    return res
      .status(422)
      .render("me/settings", { title: "Settings", zones: ZONES, values: typed(req), errors: form.errors });
  }
  changeTimeZone(res.locals.deps.db, account, form.values.timeZone);
  redirectWithFlash(req, res, "/me/settings", `Times are now shown in ${form.values.timeZone}.`);
});

export default router;
