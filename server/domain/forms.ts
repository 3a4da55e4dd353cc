// One zod schema per form. parseForm gives either typed values or a message per field, so an
// invalid form re-renders (422) with each message beside its field and what the user typed.
import { z } from "zod";
import { parseDay } from "./dates";
import { ROLES } from "./roles";
import { isValidUsername, USERNAME_RULE } from "./usernames";

export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; values: T } | { ok: false; errors: FieldErrors };

export function parseForm<T extends z.ZodType>(schema: T, body: unknown): FormResult<z.infer<T>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, values: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Text fields arrive as strings, or missing; a repeated field (an array) is refused as not a string. */
const text = (label: string, min: number, max: number) =>
  z
    .string({ message: `${label} is required` })
    .trim()
    .min(min, { message: min <= 1 ? `${label} is required` : `${label} needs at least ${min} characters` })
    .max(max, { message: `${label} is at most ${max} characters` });

const optionalText = (label: string, max: number) =>
  z
    .string({ message: `${label} must be text` })
    .trim()
    .max(max, { message: `${label} is at most ${max} characters` })
    .optional()
    .transform((v) => (v ? v : null));

/** A probability typed as a percentage: "70", "62.5", "70 %". 0 and 100 are refused, never clamped. */
export const percentField = z
  .string({ message: "Enter a probability from 1 to 99 %" })
  .trim()
  .min(1, { message: "Enter a probability from 1 to 99 %" })
  .transform((s) => s.replace(/\s*%$/, ""))
  .refine((s) => /^\d{1,3}(\.\d{1,2})?$/.test(s), { message: "Enter a number from 1 to 99, like 70 or 62.5" })
  .transform(Number)
  .refine((n) => n >= 1 && n <= 99, {
    message:
      "A forecast is between 1 and 99 %: nothing is ever certain, and 0 or 100 would make the log score infinite",
  })
  .transform((n) => Math.round(n * 100) / 10000);

/** A calendar date that exists; `today` lets a schema refuse the past or the future. */
export const dayField = (label: string) =>
  z
    .string({ message: `${label} is required` })
    .trim()
    .min(1, { message: `${label} is required` })
    .refine((s) => parseDay(s) !== null, { message: `${label} must be a real date, written YYYY-MM-DD` });

export const MIN_PASSWORD_LENGTH = 10;

export const signupForm = z
  .object({
    username: z.string({ message: "Choose a username" }).trim().refine(isValidUsername, { message: USERNAME_RULE }),
    password: z
      .string({ message: "Choose a password" })
      .min(MIN_PASSWORD_LENGTH, { message: `Use at least ${MIN_PASSWORD_LENGTH} characters` })
      .max(200, { message: "Use at most 200 characters" }),
    confirm: z.string({ message: "Type the password again" }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ" });

export const loginForm = z.object({
  username: text("Username", 1, 40),
  password: z.string({ message: "Password is required" }).min(1, { message: "Password is required" }).max(200),
});

export const forecastForm = z.object({
  probability: percentField,
  reasoning: optionalText("Reasoning", 2000),
});

// Words that make a claim impossible to settle: it must say what happens, to whom, by when.
const VAGUE =
  /\b(soon|someday|eventually|one day|in the future|probably|maybe|might|could|a lot|big|huge|better|worse)\b/i;

export const claimFields = (today: string) => ({
  text: text("The claim", 10, 300)
    .refine((s) => !s.endsWith("?"), { message: "Write a statement that is true or false, not a question" })
    .refine((s) => !VAGUE.test(s), {
      message: "Too vague to check: say exactly what must happen (who does what) instead of words like “soon” or “big”",
    }),
  details: optionalText("Resolution details", 4000),
  resolveBy: dayField("The resolve-by date").refine((s) => s > today, {
    message: "The resolve-by date must be in the future",
  }),
  tags: z
    .string()
    .trim()
    .max(200, { message: "Tags are at most 200 characters" })
    .optional()
    .transform((s) => parseTags(s ?? ""))
    .refine((tags) => tags.every((t) => /^[a-z0-9][a-z0-9-]{0,39}$/.test(t)), {
      message: "Tags are words of letters, digits and dashes, separated by commas",
    })
    .refine((tags) => tags.length <= 10, { message: "At most 10 tags" }),
});

export function parseTags(s: string): string[] {
  return [
    ...new Set(
      s
        .split(/[,\s]+/)
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

export const claimForm = (today: string) => z.object(claimFields(today));

/** Editing keeps a resolve-by date that has passed (the claim may be awaiting resolution). */
export const claimEditForm = (today: string) =>
  z.object({ ...claimFields(today), resolveBy: dayField("The resolve-by date") });

export const eventForm = (today: string) =>
  z.object({
    title: text("Title", 3, 200),
    occurredOn: dayField("The date").refine((s) => s <= today, { message: "An event cannot be in the future" }),
    datePrecision: z.enum(["day", "month"], { message: "Choose day or month" }).default("day"),
    summary: optionalText("Summary", 4000),
    evidenceQuote: optionalText("Evidence quote", 4000),
    evidenceUrl: z
      .string()
      .trim()
      .max(2000)
      .optional()
      .transform((s) => s || null)
      .refine((s) => s === null || /^https?:\/\/\S+$/.test(s), {
        message: "Give a web address starting with http:// or https://",
      }),
    sourceId: z
      .string()
      .optional()
      .transform((s) => (s ? Number(s) : null))
      .refine((n) => n === null || Number.isInteger(n), { message: "Choose a source from the list" }),
  });

export const resolveForm = z
  .object({
    verdict: z.enum(["YES", "NO", "ANNULLED"], { message: "Choose YES, NO or ANNULLED" }),
    basis: z.enum(["event", "lapse"], { message: "Say when the outcome became known" }),
    eventIds: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => [...new Set((v === undefined ? [] : Array.isArray(v) ? v : [v]).map(Number))])
      .refine((ids) => ids.every((n) => Number.isInteger(n) && n > 0), { message: "Choose events from the list" }),
    rationale: text("The rationale", 10, 4000),
    /** The resolution the editor saw when the form was rendered ("" for none): a stale form is refused. */
    expected: z
      .string()
      .regex(/^\d*$/)
      .optional()
      .transform((v) => (v === undefined ? undefined : v === "" ? null : Number(v))),
  })
  .refine((v) => v.basis !== "event" || v.eventIds.length > 0, {
    path: ["eventIds"],
    message: "Cite at least one event, or say the resolve-by date passed",
  });

export const disputeForm = z.object({
  reason: text("The reason", 10, 4000),
  evidence: text("Evidence (a link or a quote)", 1, 4000),
});

export const disputeAnswerForm = z.object({
  answer: text("The answer", 10, 4000),
});

/** An editor's optional note on approving or rejecting a proposed claim; longer notes are cut, not refused. */
export const reviewNoteForm = z.object({
  note: z
    .string()
    .optional()
    .transform((s) => s?.trim().slice(0, 500) || null)
    .catch(null),
});

export const dismissForm = z.object({
  reason: text("The reason", 3, 500),
});

export const mergeForm = z.object({
  targetId: z
    .string({ message: "Choose the claim to merge into" })
    .regex(/^\d+$/, { message: "Choose the claim to merge into" })
    .transform(Number),
});

export const roleForm = z.object({
  role: z.enum(ROLES, { message: "Choose reader, editor or admin" }),
});

/** Accepting a detected candidate: an existing claim, or a new one written on the spot. */
export const candidateAcceptForm = (today: string) =>
  z
    .object({
      claimId: z.string({ message: "Choose a claim" }).trim(),
      probability: percentField,
      stance: z
        .enum(["for", "against"], { message: "Say whether the words argue for or against the claim" })
        .default("for"),
      text: z.string().optional(),
      resolveBy: z.string().optional(),
      tags: z.string().optional(),
    })
    .transform((v, ctx) => {
      // "against": the words predict the claim's opposite, so P(claim YES) is the complement.
      const probability = v.stance === "against" ? Math.round((1 - v.probability) * 10000) / 10000 : v.probability;
      if (v.claimId !== "new") {
        if (!/^\d+$/.test(v.claimId))
          ctx.addIssue({ code: "custom", path: ["claimId"], message: "Choose a claim, or write a new one" });
        return { claimId: Number(v.claimId), newClaim: null, probability };
      }
      const claim = z
        .object(claimFields(today))
        .extend({ resolveBy: dayField("The resolve-by date") })
        .safeParse({ text: v.text, resolveBy: v.resolveBy, tags: v.tags });
      if (!claim.success) {
        for (const i of claim.error.issues) ctx.addIssue({ code: "custom", path: i.path, message: i.message });
        return z.NEVER;
      }
      return { claimId: null, newClaim: { ...claim.data, details: null }, probability };
    });

const blankToUndefined = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

/** The paste-a-thread form: the same options as `npm run import-thread`. */
/** The import form's small fields; its text arrives encoded and is decoded on the import worker. */
export const importForm = z.object({
  title: z.string().max(300, { message: "Title is at most 300 characters" }).optional().transform(blankToUndefined),
  publisher: z
    .string()
    .max(200, { message: "Publisher is at most 200 characters" })
    .optional()
    .transform(blankToUndefined),
  url: z
    .string()
    .max(2000)
    .optional()
    .transform(blankToUndefined)
    .refine((s) => s === undefined || /^https?:\/\/\S+$/.test(s), {
      message: "Give a web address starting with http:// or https://",
    }),
  published: z
    .string()
    .optional()
    .transform(blankToUndefined)
    .refine((s) => s === undefined || parseDay(s) !== null, {
      message: "Publication date must be a real date, written YYYY-MM-DD",
    }),
});

/** A reader's proposal: this comment is a forecast on that claim, with these words. */
export const proposalForm = z.object({
  claimId: z
    .string({ message: "Choose a claim from the list" })
    .regex(/^\d+$/, { message: "Choose a claim from the list" })
    .transform(Number),
  probability: percentField,
  quote: text("The quoted words", 3, 2000),
});

export const settingsForm = (isValidZone: (zone: string) => boolean) =>
  z.object({
    timeZone: z
      .string({ message: "Choose a time zone" })
      .trim()
      .refine(isValidZone, { message: "Choose a time zone from the list (e.g. Europe/Berlin)" }),
  });

/** An editor suspending a reader's account: the reason is shown to that reader. */
export const suspendForm = z.object({
  reason: text("The reason", 5, 500),
});
