// Schemas for query strings. A bad value is the user's mistake: it becomes a 400 page that says
// which parameter is wrong and what it takes, never a 500 or a silently ignored filter.
import { z } from "zod";
import { CLAIM_STATUSES } from "./claim-states";
import { parseDay } from "./dates";
import { SORT_KEYS } from "./scoring";
import { firstControl } from "./text-normalizer";
import { SEARCH_KIND_NAMES } from "./search-query";

/** One value per parameter: `?min=1&min=2` is refused rather than guessed at. */
const single = (name: string) => z.string({ message: `${name} must be given once, as a single value` });

const wholeNumber = (name: string, max: number) =>
  single(name)
    .regex(/^\d{1,9}$/, { message: `${name} must be a whole number (for example ?${name}=2)` })
    .transform(Number)
    .refine((n) => n <= max, { message: `${name} must be at most ${max}` });

/** Free text in a query (a tag, a publisher's name): NFC, and no control characters (text-normalizer.ts). */
const queryText = (name: string, max: number) =>
  single(name)
    .max(max, { message: `${name} is at most ${max} characters` })
    .refine((s) => firstControl(s) === null, { message: `${name} must not contain control characters` })
    .transform((s) => s.normalize("NFC"));

const day = (name: string) =>
  single(name).refine((s) => parseDay(s) !== null, { message: `${name} must be a real date written YYYY-MM-DD` });

/**
 * A filter left at "any" in a GET form arrives empty (`?tag=&source=`): that is no filter, not a
 * filter on the empty name (nor a malformed number).
 */
const emptyIsAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/**
 * Who the board lists unless `?min=` says otherwise: people with at least this many resolved
 * forecasts, so one lucky call cannot top it (docs/decisions/0004). `?min=1` lists everyone.
 */
export const BOARD_MIN_RESOLVED = 2;

export const leaderboardQuery = z.object({
  min: wholeNumber("min", 100000).default(BOARD_MIN_RESOLVED),
  sort: z.enum(SORT_KEYS, { message: `sort must be one of: ${SORT_KEYS.join(", ")}` }).default("adjusted_brier"),
  tag: emptyIsAbsent(queryText("tag", 40)),
  source: emptyIsAbsent(wholeNumber("source", Number.MAX_SAFE_INTEGER)),
  publisher: emptyIsAbsent(queryText("publisher", 200)),
  from: emptyIsAbsent(day("from")),
  to: emptyIsAbsent(day("to")),
  /** Pages of the HTML board; the CSV and JSON always give every row. */
  page: wholeNumber("page", 1_000_000)
    .refine((n) => n >= 1, { message: "page starts at 1" })
    .default(1),
});
export type LeaderboardQuery = z.infer<typeof leaderboardQuery>;

export interface QueryProblem {
  message: string;
  details: string[];
}

/** Parses a query string object; on failure a message naming each bad parameter. */
export function parseQuery<T extends z.ZodType>(
  schema: T,
  query: Record<string, unknown> | undefined,
): { ok: true; value: z.infer<T> } | { ok: false; problem: QueryProblem } {
  const repeated = Object.entries(query ?? {})
    .filter(([, v]) => Array.isArray(v))
    .map(([k]) => `${k} must be given once, as a single value`);
  if (repeated.length > 0)
    return { ok: false, problem: { message: "The address has a parameter this page cannot use.", details: repeated } };
  const result = schema.safeParse(query ?? {});
  if (result.success) return { ok: true, value: result.data };
  const details = result.error.issues.map((i) => i.message);
  return { ok: false, problem: { message: "The address has a parameter this page cannot use.", details } };
}

export const pageQuery = z.object({
  page: wholeNumber("page", 1_000_000)
    .refine((n) => n >= 1, { message: "page starts at 1" })
    .default(1),
});

export const claimsQuery = pageQuery.extend({
  status: z.enum(CLAIM_STATUSES, { message: `status must be one of: ${CLAIM_STATUSES.join(", ")}` }).optional(),
  /** Words to find in the claims (search-query.ts reads them); empty means no filter. */
  q: single("q").optional(),
  tag: emptyIsAbsent(queryText("tag", 40)),
});

/** `/search?q=&kind=&page=`: the words are read by search-query.ts, which explains a refusal. */
export const searchQuery = pageQuery.extend({
  q: single("q").default(""),
  kind: z.enum(SEARCH_KIND_NAMES, { message: `kind must be one of: ${SEARCH_KIND_NAMES.join(", ")}` }).optional(),
});

/** /calibration: everyone's, or the claims with one tag (?tag=); an empty tag means every claim. */
export const calibrationQuery = z.object({
  tag: emptyIsAbsent(queryText("tag", 40)),
});
