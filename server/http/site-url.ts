// The site's public address, for what other sites keep: share previews, structured data, embed
// snippets. It comes from configuration, never from the request's Host header: pages are cached and
// shared between visitors, and one request with a forged Host must not put its address in them.
import type { Response } from "express";

export function siteUrl(res: Response): string {
  const configured = res.locals.deps.baseUrl ?? process.env.BASE_URL;
  const url = configured?.trim() || `http://localhost:${process.env.PORT ?? "3000"}`;
  return url.replace(/\/+$/, "");
}
