// The one place where dates and numbers become text for pages (handed to views as res.locals.fmt).
import { DateTime, Duration } from "luxon";

const ZONE = "utc";

function dt(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: ZONE });
}

/** "30 Sep 2014"; with month precision, "November 2015". */
export function date(iso: string | null | undefined, precision: "day" | "month" = "day"): string {
  if (!iso) return "unknown date";
  const d = dt(iso);
  if (!d.isValid) return iso;
  return precision === "month" ? d.toFormat("LLLL yyyy") : d.toFormat("d LLL yyyy");
}

/** Machine-readable value for <time datetime>. */
export function isoDay(iso: string | null | undefined): string {
  return iso ? (dt(iso).toISODate() ?? "") : "";
}

/** "3 years 5 months", "2 months 4 days", "less than a day": the two largest non-zero units. */
export function span(fromIso: string, toIso: string): string {
  const from = dt(fromIso);
  const to = dt(toIso);
  if (!from.isValid || !to.isValid) return "";
  return humanDuration(to.diff(from, ["years", "months", "days"]));
}

export function humanMs(ms: number): string {
  const base = DateTime.fromMillis(0, { zone: ZONE });
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
  if (p == null) return "–";
  const v = Math.round(p * 1000) / 10;
  return `${Number.isInteger(v) ? v.toFixed(0) : v.toFixed(1)}%`;
}

/** Scores with fixed decimals; "–" where a score does not exist (e.g. a lone forecaster's peer score). */
export function num(v: number | null | undefined, digits = 3): string {
  if (v == null || Number.isNaN(v)) return "–";
  const s = v.toFixed(digits);
  return s === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : s;
}

export const fmt = { date, isoDay, span, humanMs, percent, num };
export type Fmt = typeof fmt;
