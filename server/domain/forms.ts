// One zod schema per form. parseForm gives either typed values or a message per field, so an
// invalid form re-renders (422) with each message beside its field and what the user typed.
import { z } from "zod";
import { parseDay } from "./dates";
import { passwordProblem, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-rules";
import { ROLES } from "./roles";
import { normalizedString, type TextRules } from "./text-normalizer";
import { usernameProblem, USERNAME_RULE } from "./usernames";

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

/**
 * Text fields arrive as strings, or missing; a repeated field (an array) is refused as not a
 * string. Every one goes through normalizeText (NFC, no control characters, not invisible-only).
 */
const text = (label: string, min: number, max: number, rules: TextRules = {}) =>
  normalizedString(label, rules).pipe(
    z
      .string()
      .min(min, { message: min <= 1 ? `${label} is required` : `${label} needs at least ${min} characters` })
      .max(max, { message: `${label} is at most ${max} characters` }),
  );

const optionalText = (label: string, max: number, rules: TextRules = {}) =>
  normalizedString(label, rules, `${label} must be text`)
    .pipe(z.string().max(max, { message: `${label} is at most ${max} characters` }))
    .optional()
    .transform((v) => (v ? v : null));

/**
 * "0.7" or ",7" typed by someone who thinks in probabilities: the percent they likely meant (70), or
 * null when the text is not a fraction between 0 and 1 that makes a percent from 1 to 99.
 */
export function meantAsPercent(s: string): number | null {
  if (!/^0?[.,]\d+$/.test(s)) return null;
  const percent = Math.round(Number(s.replace(",", ".")) * 10000) / 100;
  return percent >= 1 && percent <= 99 ? percent : null;
}
const LINES = { multiline: true };

/** A probability typed as a percentage: "70", "62.5", "70 %". 0 and 100 are refused, never clamped. */
export const percentField = z
  .string({ message: "Enter a probability from 1 to 99 %" })
  .trim()
  .min(1, { message: "Enter a probability from 1 to 99 %" })
  .transform((s) => s.replace(/\s*%$/, ""))
  .superRefine((s, ctx) => {
    const meant = meantAsPercent(s);
    if (meant !== null)
      ctx.addIssue({ code: "custom", message: `Enter a percent from 1 to 99 — did you mean ${meant} %?` });
  })
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

export { MIN_PASSWORD_LENGTH };

const passwordField = z
  .string({ message: "Choose a password" })
  .min(MIN_PASSWORD_LENGTH, { message: `Use at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(MAX_PASSWORD_LENGTH, { message: `Use at most ${MAX_PASSWORD_LENGTH} characters` });

/** The rules of password-rules.ts (with this username), then the confirmation. */
function checkNewPassword(v: { password: string; confirm: string }, username: string, ctx: z.RefinementCtx): void {
  const problem = passwordProblem(v.password, username);
  if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  else if (v.password !== v.confirm)
    ctx.addIssue({ code: "custom", path: ["confirm"], message: "The two passwords differ" });
}

export const signupForm = z
  .object({
    username: z
      .string({ message: "Choose a username" })
      .trim()
      .superRefine((name, ctx) => {
        const problem = name === "" ? `Choose a username: ${USERNAME_RULE}` : usernameProblem(name);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    password: passwordField,
    confirm: z.string({ message: "Type the password again" }),
  })
  .superRefine((v, ctx) => checkNewPassword(v, v.username, ctx));

/** Changing one's password: the current one, then a new one that passes the rules. */
export const passwordChangeForm = (username: string) =>
  z
    .object({
      current: z.string({ message: "Type your current password" }).min(1, { message: "Type your current password" }),
      password: passwordField,
      confirm: z.string({ message: "Type the password again" }),
    })
    .superRefine((v, ctx) => checkNewPassword(v, username, ctx));

export const loginForm = z.object({
  username: text("Username", 1, 40),
  password: z
    .string({ message: "Password is required" })
    .min(1, { message: "Password is required" })
    .max(MAX_PASSWORD_LENGTH),
});

export const forecastForm = z.object({
  probability: percentField,
  reasoning: optionalText("Reasoning", 2000, LINES),
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
  details: optionalText("Resolution details", 4000, LINES),
  resolveBy: dayField("The resolve-by date").refine((s) => s > today, {
    message: "The resolve-by date must be in the future",
  }),
  tags: normalizedString("Tags")
    .pipe(z.string().max(200, { message: "Tags are at most 200 characters" }))
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
    summary: optionalText("Summary", 4000, LINES),
    evidenceQuote: optionalText("Evidence quote", 4000, LINES),
    evidenceUrl: normalizedString("The web address")
      .pipe(z.string().max(2000))
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
    basis: z.enum(["auto", "event", "lapse"], { message: "Say when the outcome became known" }),
    eventIds: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => [...new Set((v === undefined ? [] : Array.isArray(v) ? v : [v]).map(Number))])
      .refine((ids) => ids.every((n) => Number.isInteger(n) && n > 0), { message: "Choose events from the list" }),
    rationale: text("The rationale", 10, 4000, LINES),
    /** The resolution the editor saw when the form was rendered ("" for none): a stale form is refused. */
    expected: z
      .string()
      .regex(/^\d*$/)
      .optional()
      .transform((v) => (v === undefined ? undefined : v === "" ? null : Number(v))),
  })
  .superRefine((v, ctx) => {
    if (v.basis !== "event" || v.eventIds.length > 0) return;
    // A YES cannot lapse (server/domain/known-at.ts): only a NO or ANNULLED is offered the resolve-by date.
    const message =
      v.verdict === "YES"
        ? "Cite the event that made it true"
        : "Cite at least one event, or say the resolve-by date passed";
    ctx.addIssue({ code: "custom", path: ["eventIds"], message });
  });

export const disputeForm = z.object({
  reason: text("The reason", 10, 4000, LINES),
  evidence: text("Evidence (a link or a quote)", 1, 4000, LINES),
});

export const disputeAnswerForm = z.object({
  answer: text("The answer", 10, 4000, LINES),
});

/** An editor's optional note on approving or rejecting a proposed claim; longer notes are cut, not refused. */
export const reviewNoteForm = z.object({
  note: normalizedString("The note", LINES)
    .optional()
    .transform((s) => s?.slice(0, 500) || null),
});

export const dismissForm = z.object({
  reason: text("The reason", 3, 500, LINES),
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

/** How the words lean on the claim; it must agree with the number (see stanceProblem). */
export const STANCES = ["for", "against", "undecided"] as const;
export type Stance = (typeof STANCES)[number];

/** The stance a probability of YES stands for: more than 50 % is for the claim, less against. */
export function stanceOf(probability: number): Stance {
  return probability > 0.5 ? "for" : probability < 0.5 ? "against" : "undecided";
}

const pct = (p: number): string => `${Math.round(p * 1000) / 10} %`;

/**
 * Why a stance and a probability of YES contradict each other, or null. The box always holds the
 * chance that the claim resolves YES; the stance is asked too so that a number typed for "the
 * words" (10 % for "no way they will") is caught, not stored backwards.
 */
export function stanceProblem(stance: Stance, probability: number): string | null {
  const lean = stanceOf(probability);
  if (lean === stance) return null;
  const flipped = pct(Math.round((1 - probability) * 10000) / 10000);
  if (stance === "for")
    return lean === "against"
      ? `${pct(probability)} says the claim will not happen, but you chose “for the claim” (above 50 %). Choose “against”, or enter ${flipped} if the words back the claim.`
      : "50 % leans neither way: choose “undecided”, or give a number above 50 % for the claim.";
  if (stance === "against")
    return lean === "for"
      ? `${pct(probability)} says the claim will happen, but you chose “against it” (below 50 %). Choose “for”, or enter ${flipped} if the words are against the claim.`
      : "50 % leans neither way: choose “undecided”, or give a number below 50 % against the claim.";
  return `“Undecided” means exactly 50 %; ${pct(probability)} leans ${lean === "for" ? "for" : "against"} the claim. Choose that stance, or enter 50.`;
}

/**
 * Accepting a detected candidate: an existing claim, or a new one written on the spot, and the
 * chance that the claim resolves YES. `confirm` carries the token of the values the editor saw
 * stated in words; other values are shown in words first and saved only on a second submit.
 */
/** The accept form's list says "+ a new claim (write it below)"; an editor who picks it and writes nothing is told where. */
const NEW_CLAIM_MISSING = "You chose “+ a new claim”: write it under “New claim”, with its resolve-by date.";

export const candidateAcceptForm = (today: string) =>
  z
    .object({
      claimId: z.string({ message: "Choose a claim" }).trim().optional().default(""),
      probability: percentField,
      stance: z.enum(STANCES, { message: "Say whether the words are for or against the claim" }),
      text: z.string().optional(),
      resolveBy: z.string().optional(),
      tags: z.string().optional(),
      confirm: z.string().optional(),
    })
    .superRefine((v, ctx) => {
      const problem = stanceProblem(v.stance, v.probability);
      if (problem) ctx.addIssue({ code: "custom", path: ["probability"], message: problem });
    })
    .transform((v, ctx) => {
      const wroteNew = (v.text ?? "").trim() !== "";
      // A new claim written while the list still says "choose a claim" is what the editor meant.
      const wantsNew = v.claimId === "new" || (v.claimId === "" && wroteNew);
      const { probability, stance } = v;
      if (!wantsNew) {
        if (!/^\d+$/.test(v.claimId)) {
          ctx.addIssue({ code: "custom", path: ["claimId"], message: "Choose a claim, or write a new one" });
          return z.NEVER;
        }
        if (wroteNew) {
          ctx.addIssue({
            code: "custom",
            path: ["claimId"],
            message:
              "You chose a claim from the list and also wrote a new one: choose “+ a new claim” to use what you wrote, or clear it.",
          });
          return z.NEVER;
        }
        const claimId = Number(v.claimId);
        return { claimId, newClaim: null, probability, stance, token: `${claimId}|${probability}`, confirm: v.confirm };
      }
      const claim = z
        .object(claimFields(today))
        .extend({ resolveBy: dayField("The resolve-by date") })
        .safeParse({ text: v.text, resolveBy: v.resolveBy, tags: v.tags });
      if (!claim.success) {
        for (const i of claim.error.issues) {
          // "+ a new claim" chosen but nothing written: say where to write it.
          const blank = i.path[0] === "text" && !wroteNew;
          ctx.addIssue({ code: "custom", path: i.path, message: blank ? NEW_CLAIM_MISSING : i.message });
        }
        return z.NEVER;
      }
      const token = `new|${claim.data.text}|${claim.data.resolveBy}|${probability}`;
      return {
        claimId: null,
        newClaim: { ...claim.data, details: null },
        probability,
        stance,
        token,
        confirm: v.confirm,
      };
    });

/** Every correction an editor makes says why, in the audit log. */
const correctionReason = text("The reason", 3, 500);

/** Correcting the probability read from a comment. */
export const forecastCorrectionForm = z.object({ probability: percentField, reason: correctionReason });

/** Withdrawing a forecast, or putting a dismissed candidate back in the queue. */
export const correctionReasonForm = z.object({ reason: correctionReason });

/** Correcting an event: the fields of the event form, and why. */
export const eventEditForm = (today: string) => eventForm(today).extend({ reason: correctionReason });

const blankToUndefined = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

/** The paste-a-thread form: the same options as `npm run import-thread`. */
/** The import form's small fields; its text arrives encoded and is decoded on the import worker. */
export const importForm = z.object({
  title: normalizedString("Title")
    .pipe(z.string().max(300, { message: "Title is at most 300 characters" }))
    .optional()
    .transform(blankToUndefined),
  publisher: normalizedString("Publisher")
    .pipe(z.string().max(200, { message: "Publisher is at most 200 characters" }))
    .optional()
    .transform(blankToUndefined),
  url: normalizedString("The web address")
    .pipe(z.string().max(2000))
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
  quote: text("The quoted words", 3, 2000, LINES),
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
