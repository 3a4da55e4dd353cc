// Atom feeds, written by the `feed` package. Its titles and contents are typed HTML, so every
// piece of text from the database is escaped here, once; callers pass plain text.
import type { Request, Response } from "express";
import { Feed } from "feed";
import { DateTime } from "luxon";

export interface AtomEntry {
  /** Stable: an absolute URL that names the entry (not necessarily one that opens). */
  id: string;
  title: string;
  link: string;
  /** ISO-8601 time of the entry's last change. */
  updated: string;
  /** Plain-text paragraphs. */
  paragraphs: string[];
}

export interface AtomFeed {
  /** The feed's own path, e.g. /feeds/claims.atom: with the base URL, its id and rel=self link. */
  path: string;
  title: string;
  /** The page the feed follows, e.g. /claims. */
  page: string;
  entries: AtomEntry[];
  /** When nothing is in the feed yet: the feed's updated time. */
  emptyUpdated: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

const toDate = (iso: string) => DateTime.fromISO(iso, { zone: "utc" }).toJSDate();

/**
 * The site's address for absolute links: BASE_URL (e.g. https://hindsight.example, set it in
 * production) or else the request's protocol and Host (behind a proxy, with TRUST_PROXY set).
 */
export function baseUrl(req: Request): string {
  const configured = process.env.BASE_URL?.trim().replace(/\/+$/, "");
  return configured || `${req.protocol}://${req.get("host") ?? "localhost"}`;
}

export function atomXml(base: string, f: AtomFeed): string {
  const newest =
    f.entries
      .map((e) => e.updated)
      .sort()
      .at(-1) ?? f.emptyUpdated;
  const feed = new Feed({
    id: `${base}${f.path}`,
    title: escapeHtml(f.title),
    link: `${base}${f.page}`,
    updated: toDate(newest),
    feedLinks: { atom: `${base}${f.path}` },
    generator: "Hindsight",
    copyright: "",
  });
  for (const e of f.entries) {
    feed.addItem({
      id: e.id,
      title: escapeHtml(e.title),
      link: e.link,
      date: toDate(e.updated),
      content: e.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join(""),
    });
  }
  return feed.atom1();
}

export function sendAtom(res: Response, xml: string, cacheControl: string): void {
  res.setHeader("Cache-Control", cacheControl);
  res.type("application/atom+xml; charset=utf-8").send(xml);
}
