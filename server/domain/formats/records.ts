// What the structured formats (Disqus, Reddit, Hacker News, WordPress) have in common once read:
// a list of comment records with ids and parent ids. This turns them into a ParsedThread's
// comments in page order (each reply right after its parent, as a threaded page shows them),
// leaves out deleted, removed, spam and unapproved ones (listing each in `skipped`), and points a
// reply whose parent was left out at the nearest ancestor that was kept. Pure.
import type { ParsedComment, ParsedThread, SkippedItem, ThreadFormat } from "../thread-parser";
import { CappedWarnings, ThreadParseError } from "../thread-parser";
import { handleProblem, normalizeHandle } from "../usernames";

export interface CommentRecord {
  /** The site's id of the comment, unique in its thread. */
  id: string;
  /** The id of the comment it replies to, or null for a top-level comment. */
  parent: string | null;
  handle: string;
  unregistered: boolean;
  /** Stored form (ISO-8601 UTC), or null. */
  postedAt: string | null;
  /** Plain text. */
  body: string;
  /** Why it is left out, if it is. */
  skip?: SkippedItem["reason"];
}

export interface ThreadMeta {
  format: ThreadFormat;
  title: string;
  publisher: string | null;
  url: string | null;
  /** YYYY-MM-DD, or null. */
  published: string | null;
  body: string;
}

/** The message for a file of the right kind whose content is not what the format says. */
export function malformed(format: string, detail: string): ThreadParseError {
  return new ThreadParseError(`This looks like a ${format} file, but ${detail}`);
}

function excerptOf(r: CommentRecord): string {
  // A name can be megabytes long (it is then left out for it): the excerpt shows its start.
  const handle = r.handle.length > 40 ? `${r.handle.slice(0, 37)}...` : r.handle;
  const who = handle === "" ? "" : ` by ${handle}`;
  const text = r.body.replace(/\s+/g, " ").trim();
  const shown = text.length > 50 ? `${text.slice(0, 47)}...` : text;
  return `comment ${r.id}${who}${shown === "" ? "" : `: ${shown}`}`;
}

/**
 * Orders records as a threaded page shows them: top-level comments, each followed by its replies,
 * depth first. `byTime` sorts each level by time (flat exports list posts in no useful order);
 * otherwise the file's order is kept (nested files already are in page order).
 */
function pageOrder(records: readonly CommentRecord[], byTime: boolean, warnings: string[]): CommentRecord[] {
  const ids = new Set(records.map((r) => r.id));
  const children = new Map<string | null, CommentRecord[]>();
  let orphans = 0;
  for (const r of records) {
    let parent = r.parent;
    if (parent !== null && (!ids.has(parent) || parent === r.id)) {
      orphans += 1;
      parent = null;
    }
    const list = children.get(parent) ?? [];
    list.push(r);
    children.set(parent, list);
  }
  if (orphans > 0) {
    warnings.push(
      `${orphans} ${orphans === 1 ? "reply answers a comment" : "replies answer comments"} not in the file; stored as top-level comments.`,
    );
  }
  if (byTime) {
    // Stable: ties (and comments without a time) keep the file's order.
    for (const list of children.values())
      list.sort((a, b) => {
        const x = a.postedAt ?? "";
        const y = b.postedAt ?? "";
        return x < y ? -1 : x > y ? 1 : 0;
      });
  }
  const out: CommentRecord[] = [];
  const visited = new Set<string>();
  const walk = (root: CommentRecord) => {
    // Iterative: a deep chain of replies must not overflow the stack.
    const stack = [root];
    while (stack.length > 0) {
      const r = stack.pop();
      if (r === undefined || visited.has(r.id)) continue;
      visited.add(r.id);
      out.push(r);
      const kids = children.get(r.id) ?? [];
      for (let i = kids.length - 1; i >= 0; i -= 1) {
        const kid = kids[i];
        if (kid !== undefined) stack.push(kid);
      }
    }
  };
  for (const r of children.get(null) ?? []) walk(r);
  // Replies in a loop (a answers b answers a) are reached from no top-level comment.
  const looped = records.filter((r) => !visited.has(r.id));
  if (looped.length > 0) {
    warnings.push(
      `${looped.length} comment(s) answer each other in a loop; the first of each loop is stored as a top-level comment.`,
    );
    for (const r of looped) {
      if (!visited.has(r.id)) walk({ ...r, parent: null });
    }
  }
  return out;
}

/**
 * For a comment's id, itself if it is kept, else its nearest kept ancestor (following the parents
 * the file gives), or null: none, a parent not in the file, or a loop of left-out comments. Each
 * id's answer is worked out once for all the comments on its way up (a walk per reply was
 * quadratic on a long chain of deleted comments).
 */
function nearestKept(records: readonly CommentRecord[], kept: ReadonlySet<string>): (id: string) => string | null {
  const parents = new Map(records.map((r) => [r.id, r.parent]));
  const known = new Map<string, string | null>();
  return (start) => {
    const path: string[] = [];
    const onPath = new Set<string>();
    let at: string | null = start;
    let found: string | null = null;
    for (;;) {
      if (at === null || onPath.has(at) || !parents.has(at)) break; // no ancestor kept
      const before = known.get(at);
      if (before !== undefined) {
        found = before;
        break;
      }
      if (kept.has(at)) {
        found = at;
        break;
      }
      path.push(at);
      onPath.add(at);
      at = parents.get(at) ?? null;
    }
    for (const id of path) known.set(id, found);
    return found;
  };
}

/** The ParsedThread of a structured file's records. Refuses a file with no comment at all. */
export function buildThread(
  meta: ThreadMeta,
  records: readonly CommentRecord[],
  opts: { byTime: boolean; warnings?: string[]; skipped?: SkippedItem[] },
): ParsedThread {
  const warnings = [...(opts.warnings ?? [])];
  const skipped = [...(opts.skipped ?? [])];
  const listed = new CappedWarnings({
    repeat: (n) => `${n} more comments appear more than once in the file; the repeats were left out.`,
    handle: (n) => `${n} more comments were left out for their commenter's name.`,
  });
  const unique: CommentRecord[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.id)) {
      skipped.push({ reason: "duplicate comment", excerpt: excerptOf(r), line: null });
      listed.add("repeat", `Comment ${r.id} appears more than once in the file; the repeat was left out.`);
      continue;
    }
    seen.add(r.id);
    // The pasted format's rule for names, for every format: none empty, invisible or too long to store.
    const handle = normalizeHandle(r.handle);
    const problem = r.skip === undefined ? handleProblem(handle) : null;
    if (problem) listed.add("handle", `Comment ${r.id} was left out: its commenter's name is ${problem}.`);
    unique.push(problem ? { ...r, skip: "unusable handle" } : { ...r, handle });
  }
  warnings.push(...listed.all());
  const ordered = pageOrder(unique, opts.byTime, warnings);
  const parentOf = nearestKept(unique, new Set(ordered.filter((r) => r.skip === undefined).map((r) => r.id)));
  const comments: ParsedComment[] = [];
  for (const r of ordered) {
    if (r.skip !== undefined) {
      skipped.push({ reason: r.skip, excerpt: excerptOf(r), line: null });
      continue;
    }
    comments.push({
      number: r.id,
      position: comments.length + 1,
      handle: r.handle,
      posts: null,
      memberSince: null,
      unregistered: r.unregistered,
      body: r.body,
      postedAt: r.postedAt,
      // The nearest ancestor that is kept: a reply to a deleted comment answers the thread above it.
      parent: r.parent === null ? null : parentOf(r.parent),
    });
  }
  if (comments.length === 0) {
    const left =
      skipped.length > 0
        ? ` (${skipped.length} left out: deleted, removed, spam, not approved or with no usable name)`
        : "";
    throw new ThreadParseError(`No comments to import: the ${formatName(meta.format)} file has none${left}.`);
  }
  return { ...meta, via: null, comments, skipped, warnings };
}

export function formatName(format: ThreadFormat): string {
  const names: Record<ThreadFormat, string> = {
    paste: "pasted",
    disqus: "Disqus",
    reddit: "Reddit",
    "hacker-news": "Hacker News",
    wordpress: "WordPress",
  };
  return names[format];
}

/** Picks the one thread to import from a file that holds several (a whole site's export). */
export function chooseThread<T extends { title: string }>(
  format: string,
  threads: readonly T[],
  wanted: string | undefined,
): T {
  const norm = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  // One thread: a title given is the title to store it under, not a choice.
  const only = threads.length === 1 ? threads[0] : undefined;
  if (only) return only;
  const found = wanted === undefined ? undefined : threads.find((t) => norm(t.title) === norm(wanted));
  if (found) return found;
  if (threads.length === 0)
    throw new ThreadParseError(`No comments to import: the ${format} file has no thread with comments.`);
  const listed = threads
    .slice(0, 5)
    .map((t) => `"${t.title}"`)
    .join(", ");
  const more = threads.length > 5 ? `, and ${threads.length - 5} more` : "";
  const which =
    wanted === undefined
      ? "Give the title of the one to import"
      : `None is titled "${wanted}": give one of these titles`;
  throw new ThreadParseError(
    `The ${format} file holds ${threads.length} threads with comments (${listed}${more}). ${which} (--title, or the Title field).`,
  );
}

/** An http(s) address as given, or null: a file's "javascript:" link must never become a link on a page. */
export function webUrl(text: string | null | undefined): string | null {
  if (text === null || text === undefined || text.trim() === "") return null;
  try {
    const u = new URL(text.trim());
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "" ? u.href : null;
  } catch {
    return null;
  }
}

/** The site's host name ("example.com") as a publisher, from a web address. */
export function hostOf(url: string | null): string | null {
  const web = webUrl(url);
  return web === null ? null : new URL(web).hostname.replace(/^www\./, "");
}
