import { Router } from "express";
import { countForecastsOfPerson, forecastsForPerson } from "../../db/forecasts";
import { countPeople, findPerson, listPeople } from "../../db/people";
import { activeLinkForPerson } from "../../db/proposals";
import { requireSignedIn, signedInAccount } from "../http/auth";
import { HttpError } from "../http/errors";
import { pageQuery } from "../domain/query-schemas";
import { forecastRows } from "../services/claim-page";
import { personSummary } from "../services/stored-board";
import { personCharts } from "../services/charts";
import { redirectWithFlash } from "../http/responses";
import { listPage, loadOr404, paginate, queryOr400 } from "../http/request";
import { claimHandle } from "../services/proposals";
import { personPreview } from "../services/share";
import { siteUrl } from "../http/site-url";

const router = Router();

const PEOPLE_PER_PAGE = 50;

router.get("/", (req, res) => {
  const { db } = res.locals.deps;
  const slice = listPage(req, countPeople(db), PEOPLE_PER_PAGE, "people");
  res.render("people/index", { title: "People", people: listPeople(db, slice), ...slice });
});

/** A publisher can have thousands of forecasts: the profile lists them fifty at a time, newest first. */
const FORECASTS_PER_PAGE = 50;

router.get("/:id", (req, res) => {
  const { db } = res.locals.deps;
  const person = loadOr404(req, res, "Person", findPerson);
  const total = countForecastsOfPerson(db, person.id);
  const { page, pages, offset, limit } = paginate(
    total,
    queryOr400(pageQuery, req).page,
    FORECASTS_PER_PAGE,
    (n, asked) => `${person.handle} has ${n} page(s) of forecasts, not ${asked}.`,
  );
  const rows = forecastRows(db, forecastsForPerson(db, person.id, { limit, offset }));
  const link = person.kind === "commenter" ? (activeLinkForPerson(db, person.id) ?? null) : null;
  const summary = personSummary(db, person.id);
  const charts = summary === null ? null : personCharts(db, person.id, summary.calibration);
  const preview = personPreview(db, person, siteUrl(res));
  const feeds = [{ title: `${person.handle}'s resolved forecasts`, href: `/people/${person.id}/feed.atom` }];
  res.render("people/show", {
    title: person.handle,
    person,
    rows,
    total,
    page,
    pages,
    summary,
    charts,
    link,
    preview,
    feeds,
  });
});

// A reader says "this imported commenter is me"; it counts only once an editor approves.
router.post("/:id/claim-handle", requireSignedIn, (req, res) => {
  const { db, clock } = res.locals.deps;
  const person = loadOr404(req, res, "Person", findPerson);
  const done = claimHandle(db, signedInAccount(res), person, clock());
  if (!done.ok) throw new HttpError(409, done.message);
  redirectWithFlash(
    req,
    res,
    `/people/${person.id}`,
    "Request sent: an editor will confirm that this handle is yours.",
  );
});

export default router;
