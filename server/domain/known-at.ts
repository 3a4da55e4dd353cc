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

/** The known-at day for a basis: the earliest cited event's day, or the resolve-by date. */
export function knownAtDay(basis: KnownAtBasis, eventDays: readonly string[], resolveBy: string): string | null {
  if (basis === "lapse") return resolveBy;
  return [...eventDays].sort()[0] ?? null;
}
