// A Hacker News story with its comments as Algolia's API serves it
// (https://hn.algolia.com/api/v1/items/ID): one JSON object whose `children` nest the comments,
// each with `id`, `author`, `created_at` (ISO) and `text` (HTML). Deleted comments have no author
// and no text. The official Firebase API (`kids`: ids only, one request per comment) cannot hold
// a thread in one file: it is recognised and refused with what to save instead.
import { storedInstant } from "../dates";
import { htmlToText } from "./html-text";
import { arr, idOf, isObject, str } from "./json";
import { buildThread, malformed, webUrl, type CommentRecord } from "./records";
import type { ParsedThread } from "../thread-parser";
import { ThreadParseError } from "../thread-parser";

const FORMAT = "Hacker News item (Algolia API)";

export function isAlgoliaItem(data: unknown): boolean {
  return isObject(data) && Array.isArray(data.children) && ("created_at" in data || "story_id" in data);
}

/** The Firebase API's item: `by`, `time`, `kids` (ids). */
export function isFirebaseItem(data: unknown): boolean {
  return isObject(data) && ("kids" in data || ("by" in data && "time" in data && "type" in data));
}

export function refuseFirebase(data: unknown): never {
  const id = idOf(data, "id") ?? "ID";
  throw new ThreadParseError(
    `This is a Hacker News item from the official (Firebase) API, which lists replies by id only, so the file has no comments in it. Save https://hn.algolia.com/api/v1/items/${id} instead: it holds the whole thread.`,
  );
}

export function parseHackerNews(data: unknown): ParsedThread {
  if (!isObject(data)) throw malformed(FORMAT, "it is not one JSON object.");
  const id = idOf(data, "id");
  if (id === null) throw malformed(FORMAT, "the item has no id.");
  if (str(data, "type") === "comment") {
    throw malformed(FORMAT, `item ${id} is a comment, not a story: save the story's item (its story_id) instead.`);
  }
  const title = str(data, "title");
  if (title === null || title.trim() === "") throw malformed(FORMAT, `item ${id} has no title.`);
  const records: CommentRecord[] = [];
  const top = arr(data, "children") ?? [];
  const stack: { node: unknown; parent: string | null }[] = top.map((node) => ({ node, parent: null })).reverse();
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const d = item.node;
    const cid = idOf(d, "id");
    if (!isObject(d) || cid === null) throw malformed(FORMAT, "a comment in `children` has no id.");
    const created = str(d, "created_at") ?? "";
    const postedAt = storedInstant(created);
    if (postedAt === null) throw malformed(FORMAT, `comment ${cid} has no valid created_at time ("${created}").`);
    const author = str(d, "author");
    const text = str(d, "text");
    const deleted = author === null || text === null;
    records.push({
      id: cid,
      parent: item.parent,
      handle: author ?? "",
      unregistered: false,
      postedAt,
      body: text === null ? "" : htmlToText(text),
      ...(deleted ? { skip: "deleted comment" as const } : {}),
    });
    const kids = arr(d, "children") ?? [];
    for (let i = kids.length - 1; i >= 0; i -= 1) stack.push({ node: kids[i], parent: cid });
  }
  return buildThread(
    {
      format: "hacker-news",
      title: htmlToText(title),
      publisher: "Hacker News",
      url: webUrl(`https://news.ycombinator.com/item?id=${encodeURIComponent(id)}`),
      published: storedInstant(str(data, "created_at") ?? "")?.slice(0, 10) ?? null,
      body: htmlToText(str(data, "text") ?? ""),
    },
    records,
    { byTime: false },
  );
}
