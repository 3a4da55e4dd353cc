// A WordPress export (WXR: Tools → Export): RSS 2.0 with the wp: namespace. Each <item> is a
// post or page; its comments are <wp:comment> elements with their own id, author, GMT time,
// content, parent id (0 for none), approval ("1", "0", "spam", "trash") and type (pingbacks and
// trackbacks are not comments). One post is imported: the only one with comments, or the one whose
// title is given.
import { storedInstant } from "../dates";
import { htmlToText } from "./html-text";
import { buildThread, chooseThread, malformed, webUrl, type CommentRecord } from "./records";
import type { ParsedThread, SkippedItem } from "../thread-parser";
import { child, children, parseXml, textOf } from "./xml";

const FORMAT = "WordPress export (WXR)";

/** "2014-09-30 14:05:00" (WordPress's GMT column) in the stored form; null for "0000-00-00 …" or junk. */
function gmtTime(text: string): string | null {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(t) || t.startsWith("0000")) return null;
  return storedInstant(`${t.replace(" ", "T")}Z`);
}

const field = (node: unknown, name: string) => textOf(child(node, `wp:${name}`)).trim();

function skipOf(comment: unknown): SkippedItem["reason"] | undefined {
  const type = field(comment, "comment_type");
  if (type === "pingback" || type === "trackback") return "pingback";
  const approved = field(comment, "comment_approved");
  if (approved === "spam") return "spam";
  if (approved === "trash") return "deleted comment";
  if (approved !== "1" && approved !== "approved") return "not approved";
  return undefined;
}

interface Post {
  title: string;
  link: string | null;
  published: string | null;
  comments: unknown[];
}

export function parseWordPress(text: string, wantedTitle?: string): ParsedThread {
  const channel = child(
    child(parseXml(FORMAT, text, ["rss.channel.item", "rss.channel.item.wp:comment"]), "rss"),
    "channel",
  );
  if (channel === undefined || typeof channel !== "object") throw malformed(FORMAT, "it has no <channel> element.");
  const posts: Post[] = children(channel, "item").map((item, i) => {
    const link = webUrl(textOf(child(item, "link")));
    return {
      title: htmlToText(textOf(child(item, "title"))) || link || `Post ${field(item, "post_id") || i + 1}`,
      link,
      published: gmtTime(field(item, "post_date_gmt"))?.slice(0, 10) ?? null,
      comments: children(item, "wp:comment"),
    };
  });
  if (posts.length === 0) throw malformed(FORMAT, "it holds no <item> (post).");
  const withComments = posts.filter((p) => p.comments.some((c) => skipOf(c) === undefined));
  const anyComments = posts.filter((p) => p.comments.length > 0);
  const chosen = chooseThread(FORMAT, withComments.length > 0 ? withComments : anyComments, wantedTitle);
  let localTimes = 0;
  const records: CommentRecord[] = chosen.comments.map((c, i) => {
    const id = field(c, "comment_id");
    if (!/^\d+$/.test(id))
      throw malformed(FORMAT, `comment number ${i + 1} of "${chosen.title}" has no numeric <wp:comment_id>.`);
    let postedAt = gmtTime(field(c, "comment_date_gmt"));
    if (postedAt === null) {
      postedAt = gmtTime(field(c, "comment_date"));
      if (postedAt !== null) localTimes += 1;
    }
    const parent = field(c, "comment_parent");
    const skip = skipOf(c);
    return {
      id,
      parent: parent === "" || parent === "0" ? null : parent,
      handle: htmlToText(field(c, "comment_author")) || "Anonymous",
      unregistered: field(c, "comment_user_id") === "" || field(c, "comment_user_id") === "0",
      postedAt,
      body: htmlToText(textOf(child(c, "wp:comment_content"))),
      ...(skip === undefined ? {} : { skip }),
    };
  });
  const warnings =
    localTimes > 0 ? [`${localTimes} comment(s) have no GMT time; their site's local time was taken as UTC.`] : [];
  return buildThread(
    {
      format: "wordpress",
      title: chosen.title,
      publisher: htmlToText(textOf(child(channel, "title"))) || null,
      url: chosen.link,
      published: chosen.published,
      body: "",
    },
    records,
    { byTime: true, warnings },
  );
}
