// Date parsing shared by forms, datasets and the importer. Luxon does the calendar work, so
// "2019-02-30" is refused instead of rolling over into March.
import { DateTime } from "luxon";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date "YYYY-MM-DD" that exists, or null. */
export function parseDay(text: string): DateTime | null {
  if (!DAY.test(text)) return null;
  const d = DateTime.fromISO(text, { zone: "utc" });
  return d.isValid ? d : null;
}

/** An instant: a full ISO-8601 timestamp, or a bare date taken as midnight UTC. Null if invalid. */
export function parseInstant(text: string): DateTime | null {
  const d = DAY.test(text) ? parseDay(text) : DateTime.fromISO(text, { zone: "utc", setZone: false });
  return d && d.isValid ? d.toUTC() : null;
}

/** The one stored form of an instant, so that string comparison in SQL is time order. */
export function toStored(d: DateTime): string {
  return d.toUTC().toISO({ suppressMilliseconds: false }) ?? "";
}

/** What "today" means everywhere: the UTC calendar date of `now` (resolve-by dates are UTC days). */
export function today(now: DateTime): string {
  return now.toUTC().toISODate() ?? "";
}
