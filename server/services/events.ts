// Events: what happened, with its evidence, recorded once and cited by any number of resolutions.
import type { DateTime } from "luxon";
import { writeTransaction } from "./write-transaction";
import type { Account } from "../../db/accounts";
import { audit } from "../../db/audit";
import type { Db } from "../../db/connection";
import { insertEvent } from "../../db/events";
import { findSource } from "../../db/sources";
import { toStored } from "../domain/dates";
import { ok, refuse, type Result } from "../domain/result";

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
