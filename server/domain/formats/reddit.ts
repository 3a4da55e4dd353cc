// A Reddit thread as its JSON (the page's address with ".json": /r/SUB/comments/ID/SLUG.json):
// an array of two Listings, the post (kind "t3") then its comments (kind "t1"), each comment's
// replies nested in `replies` (a Listing, or "" for none). Deleted comments read "[deleted]",
// removed ones "[removed]"; a "more" stub stands for comments Reddit did not send, which the file
// does not hold. Bodies are Markdown with &, < and > escaped as HTML entities.
import { DateTime } from "luxon";
import { toStored } from "../dates";
import { decodeEntities } from "./html-text";
import { arr, isObject, num, str } from "./json";
import { buildThread, malformed, webUrl, type CommentRecord } from "./records";
import type { ParsedThread, SkippedItem } from "../thread-parser";

const FORMAT = "Reddit thread (.json)";

/** True for the shape of a thread's .json: [Listing of the post, Listing of the comments]. */
export function isRedditThread(data: unknown): boolean {
  return (
    Array.isArray(data) &&
    data.length === 2 &&
    data.every((l) => str(l, "kind") === "Listing") &&
    str(arr((data[0] as { data?: unknown }).data, "children")?.[0], "kind") === "t3"
  );
}

/** A single Listing (a subreddit's front page, a user's comments): Reddit, but not one thread. */
export function isRedditListing(data: unknown): boolean {
  return str(data, "kind") === "Listing" || (Array.isArray(data) && data.some((l) => str(l, "kind") === "Listing"));
}

function utc(seconds: number | null): string | null {
  if (seconds === null) return null;
  const d = DateTime.fromSeconds(seconds, { zone: "utc" });
  return d.isValid ? toStored(d) : null;
}

export function parseReddit(data: unknown): ParsedThread {
  if (!isRedditThread(data) || !Array.isArray(data))
    throw malformed(FORMAT, "it is not [post Listing, comments Listing].");
  const post = (arr((data[0] as Json).data, "children")?.[0] as Json | undefined)?.data;
  const title = str(post, "title");
  if (title === null || title.trim() === "") throw malformed(FORMAT, "its post has no title.");
  const top = arr((data[1] as Json).data, "children");
  if (top === null) throw malformed(FORMAT, "its second Listing has no children.");
  const records: CommentRecord[] = [];
  const skipped: SkippedItem[] = [];
  let notSent = 0;
  // Depth first, in the file's order, without recursion (threads nest hundreds deep).
  const stack: { node: unknown; parent: string | null }[] = top.map((node) => ({ node, parent: null })).reverse();
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const kind = str(item.node, "kind");
    const d = isObject(item.node) ? item.node.data : undefined;
    if (kind === "more") {
      const count = num(d, "count") ?? arr(d, "children")?.length ?? 0;
      notSent += count;
      if (count > 0)
        skipped.push({
          reason: "more comments not in the file",
          excerpt: `${count} more under ${item.parent ?? "the post"}`,
          line: null,
        });
      continue;
    }
    if (kind !== "t1") throw malformed(FORMAT, `it holds a "${kind ?? "nameless"}" item where comments ("t1") belong.`);
    const id = str(d, "id");
    const body = str(d, "body");
    const author = str(d, "author");
    if (id === null || body === null || author === null)
      throw malformed(FORMAT, "a comment has no id, author or body.");
    const postedAt = utc(num(d, "created_utc"));
    if (postedAt === null) throw malformed(FORMAT, `comment ${id} has no created_utc time.`);
    const text = decodeEntities(body).trim();
    const skip =
      text === "[removed]"
        ? "removed comment"
        : text === "[deleted]" || author === "[deleted]"
          ? "deleted comment"
          : undefined;
    records.push({
      id,
      parent: item.parent,
      handle: author,
      unregistered: false,
      postedAt,
      body: text,
      ...(skip ? { skip } : {}),
    });
    const replies = isObject(d) ? d.replies : undefined;
    const kids = isObject(replies) ? arr(replies.data, "children") : null;
    if (kids) for (let i = kids.length - 1; i >= 0; i -= 1) stack.push({ node: kids[i], parent: id });
  }
  const warnings =
    notSent > 0
      ? [
          `${notSent} comment(s) were not in the file (Reddit sends "load more comments" stubs instead): open them on Reddit and save the thread's .json again to import them.`,
        ]
      : [];
  const permalink = str(post, "permalink");
  const sub = str(post, "subreddit");
  return buildThread(
    {
      format: "reddit",
      title: decodeEntities(title).trim(),
      publisher: sub === null ? "Reddit" : `r/${sub}`,
      url: webUrl(permalink === null ? null : `https://www.reddit.com${permalink}`),
      published: utc(num(post, "created_utc"))?.slice(0, 10) ?? null,
      body: decodeEntities(str(post, "selftext") ?? "").trim(),
    },
    records,
    { byTime: false, warnings, skipped },
  );
}

type Json = Record<string, unknown>;
