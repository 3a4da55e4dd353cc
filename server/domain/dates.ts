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

const STORED_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The stored form of an instant written as text (a bare date is midnight UTC), or null if it is
 * not a real instant. Datasets carry a million of these: the common UTC forms (a date, whole
 * seconds, milliseconds) are read without luxon (about 50× faster), and the round trip refuses what
 * Date.parse would roll over (02-30).
 */
const WHOLE_SECONDS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export function storedInstant(text: string): string | null {
  const iso = DAY.test(text)
    ? `${text}T00:00:00.000Z`
    : WHOLE_SECONDS_UTC.test(text)
      ? `${text.slice(0, -1)}.000Z`
      : text;
  if (STORED_FORM.test(iso)) {
    const ms = Date.parse(iso);
    return !Number.isNaN(ms) && new Date(ms).toISOString() === iso ? iso : null;
  }
  const d = parseInstant(text);
  return d ? toStored(d) : null;
}

/** The one stored form of an instant, so that string comparison in SQL is time order. */
export function toStored(d: DateTime): string {
  return d.toUTC().toISO({ suppressMilliseconds: false }) ?? "";
}

/** What "today" means everywhere: the UTC calendar date of `now` (resolve-by dates are UTC days). */
export function today(now: DateTime): string {
  return now.toUTC().toISODate() ?? "";
}
