// Finding the cues of HEDGE_TABLE in text, with searches that stay linear in its length.
import { HEDGE_TABLE, type HedgeRule } from "./hedge-table";

// Every cue in one pattern: most sentences have none, and one search turns them away instead of one
// search per rule (a 100,000-comment import spends a third less time here). Built from the table,
// so it cannot drift from it; the rules carry only the "i" flag, which a unit test checks.
const ANY_CUE = new RegExp(HEDGE_TABLE.map((r) => `(?:${r.pattern.source})`).join("|"), "i");
// The same search over a whole body (its white space made single spaces, so a cue wrapped over a
// line break is found), where a sentence can start anywhere: a cue anchored at a sentence's start
// ("^plan is") is looked for after any word boundary, and look-arounds that scan the rest of the
// text (".*") are left out, so that a long line costs time in proportion to its length. Both only
// widen the search: it finds more, never less.
export const ANY_CUE_IN_BODY = new RegExp(
  HEDGE_TABLE.map((r) => `(?:${withoutScanningLookarounds(r.pattern.source)})`)
    .join("|")
    .replace(/(?<![[\\])\^/g, "\\b"),
  "i",
);

/** A pattern's source without the look-arounds that hold ".*" or ".+" (it then matches a superset). */
export function withoutScanningLookarounds(source: string): string {
  let out = "";
  let inClass = false;
  let i = 0;
  while (i < source.length) {
    if (!inClass && /^\(\?<?[!=]/.test(source.slice(i, i + 4))) {
      const end = closingParen(source, i);
      if (/\.[*+]/.test(source.slice(i, end + 1))) {
        i = end + 1;
        continue;
      }
    }
    const ch = source[i] as string;
    const step = ch === "\\" ? 2 : 1;
    if (ch === "[" && !inClass) inClass = true;
    else if (ch === "]" && inClass) inClass = false;
    out += source.slice(i, i + step);
    i += step;
  }
  return out;
}

/** The index of the ")" closing the group that opens at `from`, skipping escapes and [classes]. */
function closingParen(source: string, from: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = from; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\\") i += 1;
    else if (inClass) inClass = ch !== "]";
    else if (ch === "[") inClass = true;
    else if (ch === "(") depth += 1;
    else if (ch === ")" && --depth === 0) return i;
  }
  throw new Error(`unbalanced group in ${source}`);
}

// Each rule's pattern made global, to find every place a cue occurs ("I will close this app
// because Twitter will close the API": the second "will" still counts).
const EVERY_MATCH: readonly RegExp[] = HEDGE_TABLE.map((r) => new RegExp(r.pattern.source, "gi"));

/** A cue found in a sentence, at [at, end). */
export interface Found {
  rule: HedgeRule;
  at: number;
  end: number;
}

/** Every cue of the table in a sentence, in order of appearance; none when no pattern matches. */
export function findCues(text: string): Found[] {
  if (!ANY_CUE.test(text)) return [];
  return HEDGE_TABLE.flatMap((rule, i) =>
    rule.pattern.test(text)
      ? [...text.matchAll(EVERY_MATCH[i] as RegExp)].map((m) => ({ rule, at: m.index, end: m.index + m[0].length }))
      : [],
  ).sort((a, b) => a.at - b.at);
}
