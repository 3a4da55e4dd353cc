// A claim and a person as other sites take them: the embeddable card, JSON, CSV. Published claims
// only; a merged claim's addresses lead to the claim it was merged into.
import { Router, type Request, type Response } from "express";
import { findClaim, type Claim } from "../../db/claims";
import { findPerson } from "../../db/people";
import { notFound } from "../http/errors";
import type { Slice } from "../../db/connection";
import { countForecastsOfClaim, countForecastsOfPerson } from "../../db/forecasts";
import { pageQuery } from "../domain/query-schemas";
import { loadOr404, paginate, queryOr400 } from "../http/request";
import { allowFraming } from "../http/security";
import { siteUrl } from "../http/site-url";
import { claimCard, claimForecastsCsv, claimJson, personForecastsCsv, personJson } from "../services/share";

const router = Router();

/** The published claim the path names; undefined after redirecting a merged claim's address to its target. */
function publishedClaim(req: Request, res: Response, addressOf: (id: number) => string): Claim | undefined {
  const claim = loadOr404(req, res, "Claim", findClaim);
  if (claim.state === "merged" && claim.mergedIntoId) {
    res.redirect(301, addressOf(claim.mergedIntoId));
    return undefined;
  }
  if (claim.state !== "published") throw notFound("That claim");
  return claim;
}

// A news article frames this card to show its readers what its commenters predicted.
router.get("/claims/:id/embed", allowFraming, (req, res) => {
  const claim = publishedClaim(req, res, (id) => `/claims/${id}/embed`);
  if (!claim) return;
  const card = claimCard(res.locals.deps.db, claim);
  res.render("claims/embed", { card, site: siteUrl(res) });
});

/**
 * Exports are read like every list, a slice at a time: 10,000 rows, `?page=` for the next, named in
 * a `Link: <…>; rel="next"` header so that a script can follow it.
 */
const CSV_ROWS = 10_000;

function csvSlice(req: Request, res: Response, total: number, file: string): Slice {
  const { page, pages, offset, limit } = paginate(
    total,
    queryOr400(pageQuery, req).page,
    CSV_ROWS,
    (n, asked) => `This export has ${n} page(s) of ${CSV_ROWS} rows, not ${asked}.`,
  );
  if (page < pages) res.links({ next: `${req.path}?page=${page + 1}` });
  res.attachment(pages > 1 ? file.replace(/\.csv$/, `-page-${page}.csv`) : file);
  res.type("text/csv");
  return { offset, limit };
}

router.get("/claims/:id/forecasts.csv", (req, res) => {
  const claim = publishedClaim(req, res, (id) => `/claims/${id}/forecasts.csv`);
  if (!claim) return;
  const { db } = res.locals.deps;
  const slice = csvSlice(req, res, countForecastsOfClaim(db, claim.id), `claim-${claim.id}-forecasts.csv`);
  res.send(claimForecastsCsv(db, claim.id, slice));
});

router.get("/api/claims/:id", (req, res) => {
  const claim = publishedClaim(req, res, (id) => `/api/claims/${id}`);
  if (!claim) return;
  res.json(claimJson(claimCard(res.locals.deps.db, claim), siteUrl(res)));
});

router.get("/people/:id/forecasts.csv", (req, res) => {
  const person = loadOr404(req, res, "Person", findPerson);
  const { db } = res.locals.deps;
  const slice = csvSlice(req, res, countForecastsOfPerson(db, person.id), `person-${person.id}-forecasts.csv`);
  res.send(personForecastsCsv(db, person.id, slice));
});

router.get("/api/people/:id", (req, res) => {
  const person = loadOr404(req, res, "Person", findPerson);
  res.json(personJson(res.locals.deps.db, person, siteUrl(res)));
});

export default router;
