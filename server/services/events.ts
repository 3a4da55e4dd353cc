// Events: what happened, with its evidence, recorded once and cited by any number of resolutions.
import type { DateTime } from "luxon";
import { writeTransaction } from "./write-transaction";
import type { Account } from "../../db/accounts";
import { audit } from "../../db/audit";
import type { Db } from "../../db/connection";
import { insertEvent, updateEvent, type Event } from "../../db/events";
import { currentResolutionsCitingEvent, updateResolutionKnownAt } from "../../db/resolutions";
import { findSource } from "../../db/sources";
import { autoBasis, knownAtDay } from "../domain/known-at";
import { parseDay, toStored } from "../domain/dates";
import { ok, refuse, type Result } from "../domain/result";
import { rescoreClaims } from "./stored-scores";

export interface EventValues {
  title: string;
  occurredOn: string;
  datePrecision: "day" | "month";
  summary: string | null;
  evidenceQuote: string | null;
  evidenceUrl: string | null;
  sourceId: number | null;
}

export function recordEvent(db: Db, editor: Account, v: EventValues, now: DateTime): Result<number> {
  // The source is optional, but one that is named must exist: the event page links to it.
  if (v.sourceId !== null && !findSource(db, v.sourceId)) return refuse("sourceId", "Choose a source from the list");
  const at = toStored(now);
  return writeTransaction(db, (): Result<number> => {
    const eventId = insertEvent(db, { ...v, summary: v.summary ?? "", createdAt: at });
    audit(db, {
      accountId: editor.id,
      action: "event recorded",
      details: `#${eventId} ${v.title} (${v.occurredOn})`,
      now: at,
    });
    return ok(eventId);
  })();
}

/** What changed, in words for the audit log. */
function eventChanges(e: Event, v: EventValues): string[] {
  return [
    e.title !== v.title && `title was “${e.title}”`,
    e.occurredOn !== v.occurredOn && `date ${e.occurredOn} → ${v.occurredOn}`,
    e.datePrecision !== v.datePrecision && `known to the ${e.datePrecision} → ${v.datePrecision}`,
    e.summary !== (v.summary ?? "") && "summary changed",
    e.evidenceQuote !== v.evidenceQuote && "evidence quote changed",
    e.evidenceUrl !== v.evidenceUrl && `address was ${e.evidenceUrl ?? "none"}`,
    e.sourceId !== v.sourceId && "source changed",
  ].filter((c): c is string => typeof c === "string");
}

/**
 * Corrects an event. Its date is the known-at of every current resolution dated by it (the
 * earliest cited event's day), so those resolutions follow the new date and their claims are
 * rescored: a forecast can move from "after the fact" to counted, or back.
 */
export function editEvent(
  db: Db,
  editor: Account,
  event: Event,
  v: EventValues & { reason: string },
  now: DateTime,
): Result<{ rescored: number[] }> {
  if (v.sourceId !== null && !findSource(db, v.sourceId)) return refuse("sourceId", "Choose a source from the list");
  const changes = eventChanges(event, v);
  if (changes.length === 0) return refuse("form", "Nothing was changed: correct a field, or go back.");
  const at = toStored(now);
  const { reason, ...fields } = v;
  return writeTransaction(db, (): Result<{ rescored: number[] }> => {
    updateEvent(db, event.id, { ...fields, summary: fields.summary ?? "" });
    audit(db, {
      accountId: editor.id,
      action: "event corrected",
      details: `#${event.id} ${v.title}: ${changes.join("; ")} — ${reason}`,
      now: at,
    });
    const rescored: number[] = [];
    // Only a new date can move a known-at: a corrected title or source leaves every resolution as
    // it was dated, even one whose editor chose the event's date over an earlier resolve-by date.
    const moved = event.occurredOn === v.occurredOn ? [] : currentResolutionsCitingEvent(db, event.id);
    for (const r of moved) {
      // The resolve form's rule (server/domain/known-at.ts): a YES is known on its earliest event's
      // day; a NO or ANNULLED on that day or the resolve-by date, whichever came first.
      const basis = autoBasis(r.verdict, r.eventDays, r.resolveBy);
      const first = knownAtDay(basis, r.eventDays, r.resolveBy);
      const day = first === null ? null : parseDay(first);
      if (!day || toStored(day) === r.knownAt) continue;
      updateResolutionKnownAt(db, r.id, toStored(day), basis);
      audit(db, {
        accountId: editor.id,
        action: "known-at moved",
        claimId: r.claimId,
        details: `${r.knownAt.slice(0, 10)} → ${first ?? ""}: event #${event.id} “${v.title}” corrected — ${reason}`,
        now: at,
      });
      rescored.push(r.claimId);
    }
    rescoreClaims(db, rescored);
    return ok({ rescored });
  })();
}
