// A list filtered by a name that does not exist (`/leaderboard?tag=smartfones`): a 404 that says so,
// with a link to the same list without that filter and to the known names close to it. The page
// cache keeps 200 answers only, so the 404 is never shared, and a tag made later is seen at once.
import type { Request } from "express";
import { closeNames, unknownFilterMessage, type FilterKind } from "../domain/filter-names";
import { HttpError, type PageLink } from "./errors";

export interface UnknownFilterOptions {
  /** The list's name in the links: "the leaderboard", "claims", "calibration". */
  list: string;
  /** The query parameters the list reads, kept in the links (the page number is dropped). */
  params: readonly string[];
  /** The names that exist, for "did you mean". */
  known: readonly string[];
}

export function unknownFilter(req: Request, kind: FilterKind, value: string, opts: UnknownFilterOptions): HttpError {
  const href = (filterValue: string | null) => {
    const kept = new URLSearchParams(
      opts.params
        .filter((p) => p !== kind && p !== "page")
        .flatMap((p) => {
          const v = req.query[p];
          return typeof v === "string" && v !== "" ? [[p, v]] : [];
        }),
    );
    if (filterValue !== null) kept.set(kind, filterValue);
    const query = kept.toString();
    // A router mounted at /claims sees "/" as its path: the address is the mount point's.
    const path = req.baseUrl === "" ? req.path : `${req.baseUrl}${req.path === "/" ? "" : req.path}`;
    return query === "" ? path : `${path}?${query}`;
  };
  const links: PageLink[] = closeNames(value, opts.known).map((name) => ({
    href: href(name),
    text: `Did you mean ${kind === "tag" ? `#${name}` : `“${name}”`}?`,
  }));
  links.push({ href: href(null), text: `Show ${opts.list} without this ${kind} filter` });
  return new HttpError(404, unknownFilterMessage(kind, value), [], links);
}
