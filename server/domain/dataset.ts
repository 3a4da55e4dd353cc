// The dataset format read by `npm run load-dataset` and used for the demo: claims, forecasts,
// events and resolutions, cross-referenced by keys chosen by whoever writes the file.
import { z } from "zod";
import { parseDay, storedInstant } from "./dates";

const day = z.string().refine((s) => parseDay(s) !== null, { message: "must be a real date YYYY-MM-DD" });
const instant = z
  .string()
  .refine((s) => storedInstant(s) !== null, { message: "must be an ISO-8601 date or timestamp" });
const key = z.string().min(1).max(80);
const tag = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: "tags are lowercase words with dashes" });

export const probabilitySchema = z
  .number()
  .refine((p) => p >= 0.01 && p <= 0.99, { message: "probability must be between 0.01 and 0.99 (1–99 %)" });

const claim = z.object({
  key,
  text: z.string().min(10).max(300),
  details: z.string().max(4000).default(""),
  resolveBy: day,
  tags: z.array(tag).max(10).default([]),
});

const event = z.object({
  key,
  title: z.string().min(1).max(200),
  occurredOn: day,
  datePrecision: z.enum(["day", "month"]).default("day"),
  summary: z.string().max(4000).default(""),
  evidenceQuote: z.string().max(4000).nullable().default(null),
  evidenceUrl: z.url().nullable().default(null),
  /** Title of a source already in the database (imported thread or article). */
  source: z.string().nullable().default(null),
});

const forecast = z.object({
  claim: key,
  person: z.string().min(1).max(60),
  personKind: z.enum(["commenter", "reader", "publisher"]).default("reader"),
  probability: probabilitySchema,
  madeAt: instant,
  quote: z.string().max(2000).nullable().default(null),
  reasoning: z.string().max(4000).nullable().default(null),
  /** Where the words are: a source by title, and the comment's site number (absent: the article). */
  from: z
    .object({ source: z.string(), comment: z.string().nullable().default(null) })
    .nullable()
    .default(null),
});

const resolution = z.object({
  claim: key,
  verdict: z.enum(["YES", "NO", "ANNULLED"]),
  /** "event": known-at is the date of the first cited event; "lapse": the claim's resolve-by date. */
  basis: z.enum(["event", "lapse"]),
  events: z
    .array(key)
    .default([])
    .transform((keys) => [...new Set(keys)]),
  rationale: z.string().min(1).max(4000),
});

export const datasetSchema = z.object({
  claims: z.array(claim).default([]),
  events: z.array(event).default([]),
  forecasts: z.array(forecast).default([]),
  resolutions: z.array(resolution).default([]),
});

export type Dataset = z.infer<typeof datasetSchema>;
export type DatasetInput = z.input<typeof datasetSchema>;

/** Readable one-line-per-problem messages, e.g. "forecasts[3].probability: probability must be …". */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map(
    (i) => `${i.path.length ? i.path.join(".").replace(/\.(\d+)/g, "[$1]") : "dataset"}: ${i.message}`,
  );
}
