// Atom feeds: new claims, resolutions, a tag's claims, a person's scored forecasts, and a reader's
// private feed. Entry ids are absolute URLs that never change for the same entry; `updated` is the
// time the entry's record was written (a resolution, a claim), so a reader's app shows each once.
import { Router, type Request } from "express";
import { DateTime } from "luxon";
import { findAccount } from "../../db/accounts";
import { tagExists } from "../../db/claims";
import {
  accountIdForFeedToken,
  claimsWithTagForFeed,
  newestClaims,
  newestResolutions,
  openClaimsForecastByDueBetween,
  resolutionsOfClaimsForecastBy,
  scoredForecastsOfPerson,
  type FeedClaim,
  type FeedResolution,
} from "../../db/feeds";
import { findPerson } from "../../db/people";
import { toStored, today } from "../domain/dates";
import { atomXml, baseUrl, sendAtom, type AtomEntry } from "../http/atom";
import { notFound } from "../http/errors";
import { fmt, num, percent } from "../http/format";
import { loadOr404 } from "../http/request";

const router = Router();

const ENTRIES = 50;
/** The private feed reminds a reader of their open claims this many days before the resolve-by date. */
export const DUE_SOON_DAYS = 14;
/** Feed readers poll: a public feed may be kept this long by them and by caches between. */
const PUBLIC = "public, max-age=300";
/** The private feed's address is a secret: no shared cache keeps it. */
const PRIVATE = "private, no-store";

/** The feed's updated time when it has no entries: the start of the site's data, fixed. */
const EPOCH = "2000-01-01T00:00:00.000Z";

function claimEntry(base: string, c: FeedClaim, updated: string): AtomEntry {
  const state = c.verdict
    ? `Resolved ${c.verdict} (known ${fmt.date(c.knownAt)}).`
    : `Open: resolves by ${fmt.date(c.resolveBy)}.`;
  return {
    id: `${base}/claims/${c.id}`,
    title: c.text,
    link: `${base}/claims/${c.id}`,
    updated,
    paragraphs: [...(c.details ? [c.details] : []), state],
  };
}

function resolutionEntry(base: string, r: FeedResolution): AtomEntry {
  return {
    id: `${base}/claims/${r.claimId}#resolution-${r.id}`,
    title: `${r.supersedesId ? "Re-resolved" : "Resolved"} ${r.verdict}: ${r.claimText}`,
    link: `${base}/claims/${r.claimId}`,
    updated: r.createdAt,
    paragraphs: [`Known ${fmt.date(r.knownAt)}.`, r.rationale],
  };
}

/** The moment a claim came within DUE_SOON_DAYS of its resolve-by date: fixed, so the entry is seen once. */
const dueSoonFrom = (resolveBy: string) =>
  toStored(DateTime.fromISO(resolveBy, { zone: "utc" }).minus({ days: DUE_SOON_DAYS }));

router.get(["/feed", "/rss", "/atom.xml"], (_req, res) => res.redirect(301, "/feeds/claims.atom"));

router.get("/feeds/claims.atom", (req, res) => {
  const base = baseUrl(req);
  const entries = newestClaims(res.locals.deps.db, ENTRIES).map((c) => claimEntry(base, c, c.createdAt));
  const xml = atomXml(base, {
    path: "/feeds/claims.atom",
    title: "Hindsight: new claims",
    page: "/claims",
    entries,
    emptyUpdated: EPOCH,
  });
  sendAtom(res, xml, PUBLIC);
});

router.get("/feeds/resolutions.atom", (req, res) => {
  const base = baseUrl(req);
  const entries = newestResolutions(res.locals.deps.db, ENTRIES).map((r) => resolutionEntry(base, r));
  const xml = atomXml(base, {
    path: "/feeds/resolutions.atom",
    title: "Hindsight: resolutions",
    page: "/claims?status=resolved",
    entries,
    emptyUpdated: EPOCH,
  });
  sendAtom(res, xml, PUBLIC);
});

/** The name in `/feeds/tags/<name>.atom` (a tag may hold a dot, so the suffix is cut here). */
function tagOf(req: Request): string {
  const file = typeof req.params.file === "string" ? req.params.file : "";
  if (!file.endsWith(".atom")) throw notFound("That feed");
  return file.slice(0, -".atom".length);
}

router.get("/feeds/tags/:file", (req, res) => {
  const { db } = res.locals.deps;
  const tag = tagOf(req);
  if (!tagExists(db, tag)) throw notFound(`The tag "${tag}"`);
  const base = baseUrl(req);
  const entries = claimsWithTagForFeed(db, tag, ENTRIES).map((c) => claimEntry(base, c, c.resolvedAt ?? c.createdAt));
  const path = `/feeds/tags/${encodeURIComponent(tag)}.atom`;
  const page = `/claims?tag=${encodeURIComponent(tag)}`;
  sendAtom(
    res,
    atomXml(base, { path, title: `Hindsight: claims tagged #${tag}`, page, entries, emptyUpdated: EPOCH }),
    PUBLIC,
  );
});

router.get("/people/:id/feed.atom", (req, res) => {
  const person = loadOr404(req, res, "Person", findPerson);
  const base = baseUrl(req);
  const entries = scoredForecastsOfPerson(res.locals.deps.db, person.id, ENTRIES).map((f) => ({
    id: `${base}/claims/${f.claimId}#forecast-${f.forecastId}`,
    title: `${f.verdict}: ${f.claimText}`,
    link: `${base}/claims/${f.claimId}`,
    updated: f.resolvedAt,
    paragraphs: [
      `${person.handle} forecast ${percent(f.probability)} YES on ${fmt.date(f.madeAt)}; the claim resolved ${f.verdict}.`,
      `Brier score ${num(f.brier)} (0 is perfect, 0.25 is a coin toss).`,
    ],
  }));
  const path = `/people/${person.id}/feed.atom`;
  const title = `Hindsight: ${person.handle}'s resolved forecasts`;
  sendAtom(res, atomXml(base, { path, title, page: `/people/${person.id}`, entries, emptyUpdated: EPOCH }), PUBLIC);
});

/** A reader's own feed: the claims they forecast, as they resolve, and their open ones nearing resolve-by. */
router.get("/feeds/private/:file", (req, res) => {
  const { db, clock } = res.locals.deps;
  const file = typeof req.params.file === "string" ? req.params.file : "";
  const token = file.match(/^([0-9a-f]{64})\.atom$/)?.[1];
  const accountId = token === undefined ? undefined : accountIdForFeedToken(db, token);
  const account = accountId === undefined ? undefined : findAccount(db, accountId);
  // An old (replaced) or made-up address looks like any missing page.
  if (!token || !account) throw notFound("That feed");
  const base = baseUrl(req);
  const now = clock();
  const entries: AtomEntry[] = [];
  if (account.personId !== null) {
    for (const r of resolutionsOfClaimsForecastBy(db, account.personId, ENTRIES))
      entries.push(resolutionEntry(base, r));
    const to = today(now.plus({ days: DUE_SOON_DAYS }));
    for (const c of openClaimsForecastByDueBetween(db, account.personId, today(now), to, ENTRIES)) {
      entries.push({
        ...claimEntry(base, c, dueSoonFrom(c.resolveBy)),
        id: `${base}/claims/${c.id}#due-${c.resolveBy}`,
        title: `Due ${fmt.date(c.resolveBy)}: ${c.text}`,
      });
    }
  }
  entries.sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
  const xml = atomXml(base, {
    path: `/feeds/private/${token}.atom`,
    title: `Hindsight: ${account.username}'s claims`,
    page: "/me/forecasts",
    entries,
    emptyUpdated: EPOCH,
  });
  res.setHeader("X-Robots-Tag", "noindex");
  sendAtom(res, xml, PRIVATE);
});

export default router;
