// The words for a filter value that names nothing (`?tag=smartfones`), and the known names close to
// it, so a mistyped or stale link leads somewhere. Pure: the names are passed in.

/** What a list page can be filtered by, as the message names it. */
export type FilterKind = "tag" | "publisher" | "source";

/** Characters that reorder the text around them (a right-to-left override, an embedding, an isolate). */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/**
 * "No tag named “smartfones”." / "No source number 77." A value that carries bidi controls (which
 * the query's control-character rule lets through) is echoed inside an isolate (U+2068 … U+2069),
 * so it cannot reverse the words and quotes around it.
 */
export function unknownFilterMessage(kind: FilterKind, value: string): string {
  const shown = BIDI_CONTROL.test(value) ? `\u2068${value}\u2069` : value;
  return kind === "source" ? `No source number ${shown}.` : `No ${kind} named “${shown}”.`;
}

/** Edit distance (insertions, deletions, substitutions), stopping early past `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Up to `max` known names close to `wanted`, closest first (then by name): the same name in another
 * case, one that contains it or is contained in it (not too short a part: see below), or one within a
 * third of its length in edits (at least 1, at most 3), so "smartfones" finds "smartphones" and "x"
 * finds nothing much.
 */
export function closeNames(wanted: string, names: readonly string[], max = 3): string[] {
  const w = wanted.toLowerCase().trim();
  if (w === "") return [];
  const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
  const scored = names.flatMap((name) => {
    const n = name.toLowerCase();
    // A name that holds the wanted one (or the reverse) is offered too, ranked by its real distance.
    // A known name inside the wanted one counts only with at least 3 characters and half its length,
    // so a tag "a" or "os" is not offered for "smartfones"; the wanted text (3 characters or more)
    // inside a known name is a start of it ("window" → "windows-phone").
    const holds = w.length >= 3 && n.includes(w);
    const within = n.length >= 3 && n.length * 2 >= w.length && w.includes(n);
    const contains = holds || within;
    const d = editDistance(w, n, contains ? Infinity : limit);
    return contains || d <= limit ? [{ name, d }] : [];
  });
  return scored
    .sort((x, y) => x.d - y.d || x.name.localeCompare(y.name))
    .slice(0, max)
    .map((s) => s.name);
}
