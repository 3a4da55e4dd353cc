import { Router, type Request, type Response } from "express";
import { feedTokenOf } from "../../db/feeds";
import { listClaimsProposedBy } from "../../db/claims";
import { countForecastsOfPerson, forecastsForPerson } from "../../db/forecasts";
import { approvedLinksForAccount } from "../../db/proposals";
import { requireSignedIn, signedInAccount, signInSession } from "../http/auth";
import { countWrongPassword } from "../http/limits";
import { parseForm, passwordChangeForm, settingsForm } from "../domain/forms";
import { isValidZone } from "../http/format";
import { HttpError } from "../http/errors";
import { redirectWithFlash, renderInvalid, typed } from "../http/responses";
import { pageQuery } from "../domain/query-schemas";
import { paginate, queryOr400 } from "../http/request";
import { forecastRows, type ForecastRow } from "../services/claim-page";
import { personSummary } from "../services/stored-board";
import { changePassword, changeTimeZone } from "../services/accounts";
import { MIN_PASSWORD_LENGTH } from "../domain/password-rules";
import { FEED_REPLACED, passwordChangedMessage } from "../domain/password-change";
import { rotateFeedToken } from "../services/feed-tokens";
import { baseUrl } from "../http/atom";
import { DUE_SOON_DAYS } from "./feeds";

const router = Router();

const FORECASTS_PER_PAGE = 50;
/** Each confirmed handle shows its newest forecasts here; the rest are on its own profile. */
const LINKED_PREVIEW = 10;

router.get("/forecasts", requireSignedIn, (req, res) => {
  const { db } = res.locals.deps;
  const account = res.locals.account;
  if (!account || account.personId === null) throw new HttpError(403, "Your account has no forecaster profile.");
  const total = countForecastsOfPerson(db, account.personId);
  const { page, pages, offset, limit } = paginate(
    total,
    queryOr400(pageQuery, req).page,
    FORECASTS_PER_PAGE,
    (n, asked) => `You have ${n} page(s) of forecasts, not ${asked}.`,
  );
  const rows = forecastRows(db, forecastsForPerson(db, account.personId, { limit, offset }));
  res.render("me/forecasts", {
    title: "My forecasts",
    ...bySection(rows),
    total,
    page,
    pages,
    summary: personSummary(db, account.personId),
    proposals: listClaimsProposedBy(db, account.id),
    // Imported commenters an editor confirmed are this reader: their forecasts, under their own handle.
    linked: approvedLinksForAccount(db, account.id).map((l) => ({
      ...l,
      total: countForecastsOfPerson(db, l.personId),
      rows: forecastRows(db, forecastsForPerson(db, l.personId, { limit: LINKED_PREVIEW, offset: 0 })),
      summary: personSummary(db, l.personId),
    })),
  });
});

/**
 * The page's forecasts in the three sections of the page: still open (the current ones, and the
 * earlier ones they replaced), resolved, and made too late.
 */
function bySection(rows: readonly ForecastRow[]) {
  return {
    open: rows.filter((r) => r.status === "open"),
    replaced: rows.filter((r) => r.status === "replaced"),
    resolved: rows.filter((r) => r.status === "counted" || r.status === "superseded" || r.status === "annulled"),
    late: rows.filter((r) => r.status === "after the fact"),
  };
}

// Every zone the runtime knows, for the select; UTC first as the default.
const ZONES = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];

/** The reader's private feed address, if they made one (shown on the settings page). */
function privateFeedUrl(req: Request, res: Response): string | null {
  const account = signedInAccount(res);
  const token = feedTokenOf(res.locals.deps.db, account.id);
  return token ? `${baseUrl(req)}/feeds/private/${token}.atom` : null;
}

router.get("/settings", requireSignedIn, (req, res) => {
  res.setHeader("Cache-Control", "private, no-store");
  res.render("me/settings", {
    title: "Settings",
    zones: ZONES,
    values: { timeZone: res.locals.account?.timeZone },
    errors: {},
    feedUrl: privateFeedUrl(req, res),
    dueSoonDays: DUE_SOON_DAYS,
  });
});

// A new address for the private feed; the old one answers 404 from now on.
router.post("/feed", requireSignedIn, (req, res) => {
  const account = signedInAccount(res);
  const had = feedTokenOf(res.locals.deps.db, account.id) !== undefined;
  rotateFeedToken(res.locals.deps.db, account, res.locals.deps.clock());
  redirectWithFlash(req, res, "/me/settings#private-feed", had ? FEED_REPLACED : "Your private feed is ready.");
});

router.post("/settings", requireSignedIn, (req, res) => {
  const account = signedInAccount(res);
  const form = parseForm(settingsForm(isValidZone), req.body);
  if (!form.ok) {
    return res.status(422).render("me/settings", {
      title: "Settings",
      zones: ZONES,
      values: typed(req),
      errors: form.errors,
      feedUrl: privateFeedUrl(req, res),
      dueSoonDays: DUE_SOON_DAYS,
    });
  }
  changeTimeZone(res.locals.deps.db, account, form.values.timeZone);
  redirectWithFlash(req, res, "/me/settings", `Times are now shown in ${form.values.timeZone}.`);
});

/** Every account can change its password here; one whose password fails the rules is sent here first. */
function passwordView(must: boolean) {
  return { title: "Change your password", must, minLength: MIN_PASSWORD_LENGTH, values: {} };
}

router.get("/password", requireSignedIn, (_req, res) => {
  res.render("me/password", { ...passwordView(signedInAccount(res).mustChangePassword), errors: {} });
});

router.post("/password", requireSignedIn, async (req, res, next) => {
  const account = signedInAccount(res);
  const view = passwordView(account.mustChangePassword);
  const form = parseForm(passwordChangeForm(account.username), req.body);
  if (!form.ok) return renderInvalid(res, "me/password", { ...view, errors: form.errors });
  const { db, clock } = res.locals.deps;
  const done = await changePassword(db, account, form.values, clock(), req.sessionID);
  if (!done.ok) {
    // Guessing the current password from a stolen session is limited (http/limits.ts).
    if (done.field === "current") countWrongPassword(res);
    return renderInvalid(res, "me/password", { ...view, errors: { [done.field]: done.message } });
  }
  // Every session of the account was ended, this one's too: it signs in again under a new id, so a
  // copy of its old cookie is signed out like the others.
  req.session.regenerate((err) => {
    if (err) return next(err);
    signInSession(req, db, account.id, done.value.stamp);
    redirectWithFlash(req, res, "/me/settings", passwordChangedMessage(done.value));
  });
});

export default router;
