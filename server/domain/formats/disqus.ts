// A Disqus export (Admin → Community → Export): one <disqus> document holding every <thread> of a
// site and, after them, every <post> (comment), each naming its thread and the post it replies to
// by dsq:id. Messages are HTML. One thread is imported: the only one with comments, or the one
// whose title is given.
import { storedInstant } from "../dates";
import { htmlToText } from "./html-text";
import { buildThread, chooseThread, hostOf, malformed, webUrl, type CommentRecord } from "./records";
import type { ParsedThread } from "../thread-parser";
import { attrOf, child, children, parseXml, textOf } from "./xml";

const FORMAT = "Disqus export";

interface DisqusThread {
  id: string;
  title: string;
  link: string | null;
  createdAt: string | null;
  posts: CommentRecord[];
}

const yes = (node: unknown) => textOf(node).trim().toLowerCase() === "true";

/** Display names are what a reader of the page sees; two accounts with one name are told apart by username. */
function handles(posts: readonly unknown[]): (author: unknown) => { handle: string; unregistered: boolean } {
  const usernames = new Map<string, Set<string>>();
  for (const p of posts) {
    const author = child(p, "author");
    const name = textOf(child(author, "name")).trim();
    const username = textOf(child(author, "username")).trim();
    if (name !== "" && username !== "") usernames.set(name, (usernames.get(name) ?? new Set()).add(username));
  }
  return (author) => {
    const name = textOf(child(author, "name")).trim();
    const username = textOf(child(author, "username")).trim();
    const anonymous = yes(child(author, "isAnonymous")) || username === "";
    const shared = (usernames.get(name)?.size ?? 0) > 1;
    const handle = name === "" ? username : shared && username !== "" ? `${name} (${username})` : name;
    return { handle: handle === "" ? "Guest" : handle, unregistered: anonymous };
  };
}

export function parseDisqus(text: string, wantedTitle?: string): ParsedThread {
  const root = child(parseXml(FORMAT, text, ["disqus.thread", "disqus.post", "disqus.category"]), "disqus");
  if (root === undefined || typeof root !== "object") throw malformed(FORMAT, "its <disqus> element is empty.");
  const threads = new Map<string, DisqusThread>();
  for (const t of children(root, "thread")) {
    const id = attrOf(t, "dsq:id");
    if (id === null) throw malformed(FORMAT, "a <thread> has no dsq:id attribute.");
    const createdAt = storedInstant(textOf(child(t, "createdAt")).trim());
    const link = textOf(child(t, "link")).trim();
    const title = htmlToText(textOf(child(t, "title"))) || link || `Disqus thread ${id}`;
    threads.set(id, { id, title, link: webUrl(link), createdAt, posts: [] });
  }
  const posts = children(root, "post");
  if (posts.length === 0) throw malformed(FORMAT, "it holds no <post> (comment) at all.");
  const handleOf = handles(posts);
  let index = 0;
  for (const p of posts) {
    index += 1;
    const id = attrOf(p, "dsq:id");
    const threadId = attrOf(child(p, "thread"), "dsq:id");
    if (id === null || threadId === null) {
      throw malformed(FORMAT, `post number ${index} in the file has no dsq:id, or names no thread.`);
    }
    const thread = threads.get(threadId);
    if (!thread) throw malformed(FORMAT, `post ${id} belongs to thread ${threadId}, which is not in the file.`);
    const created = textOf(child(p, "createdAt")).trim();
    const postedAt = storedInstant(created);
    if (postedAt === null) throw malformed(FORMAT, `post ${id} has no valid <createdAt> time ("${created}").`);
    const { handle, unregistered } = handleOf(child(p, "author"));
    const skip = yes(child(p, "isSpam")) ? "spam" : yes(child(p, "isDeleted")) ? "deleted comment" : undefined;
    thread.posts.push({
      id,
      parent: attrOf(child(p, "parent"), "dsq:id"),
      handle,
      unregistered,
      postedAt,
      body: htmlToText(textOf(child(p, "message"))),
      ...(skip === undefined ? {} : { skip }),
    });
  }
  const withComments = [...threads.values()].filter((t) => t.posts.some((p) => p.skip === undefined));
  const anyPosts = [...threads.values()].filter((t) => t.posts.length > 0);
  const chosen = chooseThread(FORMAT, withComments.length > 0 ? withComments : anyPosts, wantedTitle);
  const url = chosen.link;
  return buildThread(
    {
      format: "disqus",
      title: chosen.title,
      publisher: hostOf(url),
      url,
      published: chosen.createdAt?.slice(0, 10) ?? null,
      body: "",
    },
    chosen.posts,
    { byTime: true },
  );
}
