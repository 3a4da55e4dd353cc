// Which format a file or paste is in, from its content alone: an XML root element (<disqus>, or
// <rss> with WordPress's wp: elements), a JSON shape (a Reddit thread's two Listings, a Hacker
// News item from Algolia), or else the pasted-page format of thread-parser.ts. Pure.
import { cleanText, parseThread, ThreadParseError, type ParsedThread, type ThreadFormat } from "../thread-parser";
import { parseDisqus } from "./disqus";
import { isAlgoliaItem, isFirebaseItem, parseHackerNews, refuseFirebase } from "./hacker-news";
import { isRedditListing, isRedditThread, parseReddit } from "./reddit";
import { parseWordPress } from "./wordpress";
import { xmlRootName } from "./xml";

/** The format the text is in, judged from its first characters (and for JSON, its shape). */
export function detectFormat(text: string): ThreadFormat | "xml" | "json" {
  const start = text.trimStart().replace(/^\uFEFF/, "");
  if (start.startsWith("<")) {
    const root = xmlRootName(start);
    if (root === "disqus") return "disqus";
    if (root === "rss" && /<wp:comment\b|xmlns:wp=/.test(start.slice(0, 200_000))) return "wordpress";
    // A paste may start with a tag-like line; an XML declaration or an <rss> root is a file.
    return start.startsWith("<?xml") || root === "rss" ? "xml" : "paste";
  }
  // JSON opens with a bracket and then a value ("[{", "{\""); a title such as "[Updated] …" does not.
  if (/^[[{]\s*[[{"\]}]/.test(start)) return "json";
  return "paste";
}

function parseJson(text: string): ParsedThread {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ThreadParseError(`This looks like JSON, but it does not parse: ${(err as Error).message}.`);
  }
  if (isRedditThread(data)) return parseReddit(data);
  if (isRedditListing(data)) {
    throw new ThreadParseError(
      "This is Reddit JSON, but not one thread: save a thread's address with .json at the end (…/comments/ID/….json).",
    );
  }
  if (isAlgoliaItem(data)) return parseHackerNews(data);
  if (isFirebaseItem(data)) refuseFirebase(data);
  throw new ThreadParseError(
    "This is JSON, but neither a Reddit thread (…/comments/ID.json) nor a Hacker News item from hn.algolia.com/api/v1/items/ID.",
  );
}

/**
 * Any supported format into a ParsedThread. `wantedTitle` picks one thread from an export that
 * holds several (Disqus, WordPress). Throws ThreadParseError with the reason for anything else.
 */
export function parseComments(raw: string, wantedTitle?: string): ParsedThread {
  const format = detectFormat(raw.slice(0, 300_000));
  if (format === "paste") return parseThread(raw);
  const { text, warnings } = cleanText(raw);
  const parsed =
    format === "disqus"
      ? parseDisqus(text, wantedTitle)
      : format === "wordpress"
        ? parseWordPress(text, wantedTitle)
        : format === "json"
          ? parseJson(text)
          : refuseXml(text);
  return { ...parsed, warnings: [...warnings, ...parsed.warnings] };
}

function refuseXml(text: string): never {
  const root = xmlRootName(text) ?? "?";
  throw new ThreadParseError(
    `This is XML with a <${root}> root, but neither a Disqus export (<disqus>) nor a WordPress export (<rss> with wp:comment elements).`,
  );
}
