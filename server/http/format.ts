// The one place where dates and numbers become text for pages (handed to views as res.locals.fmt).
// Times are shown in the reader's time zone. Calendar dates — deadlines, event days, and instants
// stored as midnight UTC because they came from a date (known-at, a thread's publication) — are
// shown as the date they are, never shifted into the day before.
import { percent as percentOf } from "../domain/share";
import { DateTime, Duration, IANAZone } from "luxon";

const MIDNIGHT_UTC = /^\d{4}-\d{2}-\d{2}(T00:00:00(\.000)?(Z|\+00:00))?$/;

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

export function makeFmt(zone = "UTC") {
  const shown = isValidZone(zone) ? zone : "UTC";
  const dt = (iso: string) => {
    const d = DateTime.fromISO(iso, { zone: "utc" });
    return MIDNIGHT_UTC.test(iso) ? d : d.setZone(shown);
  };

  /** "30 Sep 2014"; with month precision, "November 2015". */
  function date(iso: string | null | undefined, precision: "day" | "month" = "day"): string {
    if (!iso) return "unknown date";
    const d = dt(iso);
    if (!d.isValid) return iso;
    return precision === "month" ? d.toFormat("LLLL yyyy") : d.toFormat("d LLL yyyy");
  }

  /** "23 Nov 2026, 14:05 CET": for moments something was done (audit entries, forecasts logged). */
  function dateTime(iso: string | null | undefined): string {
    if (!iso) return "unknown time";
    if (MIDNIGHT_UTC.test(iso)) return date(iso);
    const d = dt(iso);
    return d.isValid ? d.toFormat("d LLL yyyy, HH:mm ZZZZ") : iso;
  }

  /** Machine-readable value for <time datetime>. */
  function isoDay(iso: string | null | undefined): string {
    return iso ? (dt(iso).toISODate() ?? "") : "";
  }

  /** "3 years 5 months", "2 months 4 days", "less than a day": the two largest non-zero units. */
  function span(fromIso: string, toIso: string): string {
    const from = DateTime.fromISO(fromIso, { zone: "utc" });
    const to = DateTime.fromISO(toIso, { zone: "utc" });
    if (!from.isValid || !to.isValid) return "";
    return humanDuration(to.diff(from, ["years", "months", "days"]));
  }

  return { zone: shown, date, dateTime, isoDay, span, humanMs, percent, num };
}

export function humanMs(ms: number): string {
  const base = DateTime.fromMillis(0, { zone: "utc" });
  return humanDuration(base.plus(Math.abs(ms)).diff(base, ["years", "months", "days"]));
}

function humanDuration(d: Duration): string {
  const parts: string[] = [];
  for (const unit of ["years", "months", "days"] as const) {
    const n = Math.floor(Math.abs(d.get(unit)));
    if (n > 0) parts.push(`${n} ${n === 1 ? unit.slice(0, -1) : unit}`);
  }
  return parts.slice(0, 2).join(" ") || "less than a day";
}

/** 0.75 -> "75%"; keeps a decimal only when the forecast had one (62.5%). */
export function percent(p: number | null | undefined): string {
  return p == null ? "–" : percentOf(p);
}

/** Scores with fixed decimals; "–" where a score does not exist (e.g. a lone forecaster's peer score). */
export function num(v: number | null | undefined, digits = 3): string {
  if (v == null || Number.isNaN(v)) return "–";
  const s = v.toFixed(digits);
  return s === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : s;
}

export const fmt = makeFmt("UTC");
export type Fmt = ReturnType<typeof makeFmt>;
