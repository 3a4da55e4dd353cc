// When a claim's outcome became known (DESIGN.md "Scoring", Known-at): the date of the event that
// settled it, or the resolve-by date when the claim lapsed. The resolve form's default, "from what
// I cite", picks between the two from the verdict and the cited events, so an editor who cites an
// event is never silently given the resolve-by date.
import type { Verdict } from "./types";

export type KnownAtBasis = "event" | "lapse";

/** What the resolve form offers: an explicit basis, or "auto" (decide from the verdict and the events). */
export type KnownAtChoice = KnownAtBasis | "auto";

/**
 * The basis "auto" stands for. YES: the earliest cited event made it true (a YES cannot lapse: with
 * no event cited there is no known-at, and the form asks for the event). No cited event otherwise:
 * the resolve-by date passed. NO or ANNULLED: whichever came first, the earliest cited event (a cancellation,
 * an end of support) or the resolve-by date passing with nothing having happened.
 * `eventDays` are YYYY-MM-DD, in any order.
 */
export function autoBasis(verdict: Verdict, eventDays: readonly string[], resolveBy: string): KnownAtBasis {
  const earliest = [...eventDays].sort()[0];
  if (earliest === undefined) return verdict === "YES" ? "event" : "lapse";
  if (verdict === "YES") return "event";
  return earliest < resolveBy ? "event" : "lapse";
}

/**
 * Why a verdict cannot have this basis, or null when it can. A YES does not lapse: it came true on
 * the day something happened, and dating it by the resolve-by date would score forecasts made after
 * that day (hindsight). Only NO and ANNULLED may be known at the resolve-by date.
 */
export function basisRefusal(verdict: Verdict, basis: KnownAtBasis): string | null {
  if (verdict === "YES" && basis === "lapse") return YES_CANNOT_LAPSE;
  return null;
}

/** The words of that refusal, beside the "When did the outcome become known?" field. */
export const YES_CANNOT_LAPSE =
  "A YES does not lapse: it came true on the day of the event that made it true, so the resolve-by date " +
  "would score forecasts made after it. Cite that event and choose its date. If its exact day is unknown, " +
  "record the event with its date known to the month (give the 1st).";

/** The known-at day for a basis: the earliest cited event's day, or the resolve-by date. */
export function knownAtDay(basis: KnownAtBasis, eventDays: readonly string[], resolveBy: string): string | null {
  if (basis === "lapse") return resolveBy;
  return [...eventDays].sort()[0] ?? null;
}
