// What a reader types into the search box, made into an FTS5 query that cannot be a syntax error,
// and the highlighted snippets SQLite returns, made into pieces a view escapes one by one.
//
// FTS5's own syntax treats much ordinary text as operators: `C++`, `Xiaomi's "Mi 4`, `-`, `AND`,
// `title:x`. Every bare word is therefore quoted (a string of words), so it is only ever searched
// for; two forms keep their meaning: a trailing `*` (prefix: `xiao*`) and "a phrase in quotes".

/** What a search finds, in the order the results page lists its tabs. */
export const SEARCH_KIND_NAMES = ["claim", "quote", "comment", "event", "person"] as const;
export type SearchKindName = (typeof SEARCH_KIND_NAMES)[number];

/** Characters of the Private Use Area that SQLite puts around each match (`snippet()`/`highlight()`). */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

/** Longer queries are refused: nobody types them, and each term is work for the index. */
export const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 16;

export type MatchQuery = { ok: true; match: string; terms: string[] } | { ok: false; message: string };

/** A letter or a digit: a term without one has nothing the index holds (the tokenizer drops the rest). */
const WORDY = /[\p{L}\p{N}]/u;

/** A term quoted for FTS5: a double quote inside is written twice. */
const quoted = (words: string) => `"${words.replace(/"/g, '""')}"`;

/**
 * Reads the query: "phrases" (an unclosed quote runs to the end), words, and words ending in `*`
 * (prefix). All terms must match (FTS5's implicit AND). Refuses a query with no word in it, or one
 * too long, with a message for the reader.
 */
export function toMatchQuery(input: string): MatchQuery {
  const text = input.replace(/[\uE000\uE001]/g, " ").trim();
  if (text.length === 0) return { ok: false, message: "Type a word to search for." };
  if (text.length > MAX_QUERY_LENGTH)
    return { ok: false, message: `A search is at most ${MAX_QUERY_LENGTH} characters; this one has ${text.length}.` };
  const terms: string[] = [];
  const match: string[] = [];
  // A phrase in quotes (closed or running to the end), or a run of non-space, non-quote characters.
  for (const m of text.matchAll(/"([^"]*)("|$)(\*?)|([^\s"]+)/g)) {
    const phrase = m[1];
    const word = m[4];
    if (phrase !== undefined) {
      if (!WORDY.test(phrase)) continue;
      terms.push(phrase.trim());
      match.push(quoted(phrase.trim()) + (m[3] ? "*" : ""));
    } else if (word !== undefined) {
      const prefix = word.endsWith("*");
      // "Xiaomi's" finds Xiaomi: the index holds "xiaomi" and "s", and a lone "s" is rarely meant.
      const bare = word.replace(/\*+$/, "").replace(/['’]s$/iu, "");
      if (!WORDY.test(bare)) continue;
      terms.push(word);
      match.push(quoted(bare) + (prefix ? "*" : ""));
    }
  }
  if (match.length === 0)
    return { ok: false, message: `"${text}" has no word or number to search for: try letters or digits.` };
  if (match.length > MAX_TERMS)
    return {
      ok: false,
      message: `A search takes at most ${MAX_TERMS} words or phrases; this one has ${match.length}.`,
    };
  return { ok: true, match: match.join(" "), terms };
}

export interface SnippetPiece {
  text: string;
  mark: boolean;
}

/**
 * Splits a snippet at SQLite's markers into plain and matched pieces. A view escapes each piece
 * (`<%=`) and wraps the matched ones in <mark>, so no text from a user is ever written raw. A
 * stray marker (one a user typed into a comment) is dropped, never turned into markup.
 */
export function snippetPieces(snippet: string): SnippetPiece[] {
  const pieces: SnippetPiece[] = [];
  let mark = false;
  for (const part of snippet.split(/([\uE000\uE001])/)) {
    if (part === MARK_START) mark = true;
    else if (part === MARK_END) mark = false;
    else if (part !== "") {
      const last = pieces[pieces.length - 1];
      if (last && last.mark === mark) last.text += part;
      else pieces.push({ text: part, mark });
    }
  }
  return pieces;
}
