// Chart geometry: data in, coordinates in SVG user units out (scales, ticks, paths). The markup is in
// views/charts/*.ejs; this module decides where everything goes, so hand-worked values can test it.
import { DateTime } from "luxon";
import type { CalibrationBucket } from "./scoring";
import type { BrierStep, CrowdStep } from "./chart-series";

/** The drawing area inside the SVG's viewBox: the margins hold the axes' labels. */
export interface Frame {
  width: number;
  height: number;
  left: number;
  top: number;
  plotWidth: number;
  plotHeight: number;
}

export function frame(
  width: number,
  height: number,
  margin: { left: number; right: number; top: number; bottom: number },
): Frame {
  return {
    width,
    height,
    left: margin.left,
    top: margin.top,
    plotWidth: width - margin.left - margin.right,
    plotHeight: height - margin.top - margin.bottom,
  };
}

/** Maps [d0, d1] onto [r0, r1]; a domain of one point maps to the middle of the range. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

/** Coordinates are written with at most one decimal: a tenth of a unit is finer than a pixel. */
export function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

export interface Tick {
  /** Position along the axis, in user units: where the tick's mark (the short line) is drawn. */
  at: number;
  label: string;
  /** Where the label is written when it names a span (a day or a week): inside the span, not at its mark. */
  labelAt?: number;
  /** The span started before the plot does: its label is drawn, its mark (outside the plot) is not. */
  noMark?: true;
}

/** Ticks at 0, step, 2·step, … max along a value axis. */
export function valueTicks(
  scale: (v: number) => number,
  max: number,
  step: number,
  label: (v: number) => string,
): Tick[] {
  const ticks: Tick[] = [];
  const n = Math.round(max / step);
  for (let i = 0; i <= n; i += 1) ticks.push({ at: round1(scale(i * step)), label: label(i * step) });
  return ticks;
}

/** Ticks on a share axis (0–100 %) every `step` (a fraction: 0.25 → 0, 25, 50, 75, 100 %). */
export function shareTicks(scale: (v: number) => number, step: number): Tick[] {
  return valueTicks(scale, 1, step, (v) => `${Math.round(v * 100)}%`);
}

const DAY_MS = 86_400_000;

/** An instant as stored text, for the pages' date formatting (res.locals.fmt). */
export function isoOf(ms: number): string {
  return DateTime.fromMillis(ms, { zone: "utc" }).toISO() ?? "";
}

/**
 * The calendar steps a time axis may use, smallest first, with how their labels read. Days and weeks are
 * drawn as calendar axes draw them: the mark at the span's start (midnight UTC, where a forecast that only
 * knows its date and a known-at line fall), the label in the middle of the span (noon; mid-week), so a
 * forecast made any time that day sits inside the span its label names. Months and years are marked and
 * labelled where they start.
 */
const TIME_UNITS: { months: number; days: number; format: string }[] = [
  { months: 0, days: 1, format: "d LLL" },
  { months: 0, days: 7, format: "d LLL" },
  { months: 1, days: 0, format: "LLL yyyy" },
  { months: 3, days: 0, format: "LLL yyyy" },
  { months: 6, days: 0, format: "LLL yyyy" },
  { months: 12, days: 0, format: "yyyy" },
  { months: 24, days: 0, format: "yyyy" },
  { months: 60, days: 0, format: "yyyy" },
];

function startOfStep(d: DateTime, unit: { months: number; days: number }): DateTime {
  if (unit.days === 1) return d.startOf("day");
  if (unit.days === 7) return d.startOf("week");
  const month = d.startOf("month");
  const wanted = Math.floor((month.year * 12 + month.month - 1) / unit.months) * unit.months;
  return DateTime.utc(Math.floor(wanted / 12), (wanted % 12) + 1, 1);
}

/** Days and weeks whose middle is in (from, to]: a range starting at a noon leaves out the day before. */
function spanTicks(
  fromMs: number,
  toMs: number,
  days: number,
  format: string,
  scale: (ms: number) => number,
  labelHalfWidth: number,
): Tick[] {
  const half = (days * DAY_MS) / 2;
  const ticks: Tick[] = [];
  let start = startOfStep(DateTime.fromMillis(fromMs, { zone: "utc" }), { months: 0, days });
  if (start.toMillis() + half <= fromMs) start = start.plus({ days });
  for (; start.toMillis() + half <= toMs; start = start.plus({ days })) {
    const s = start.toMillis();
    // The label stays inside the plot and inside the part of its span the plot shows, where both allow.
    const lo = scale(Math.max(s, fromMs)) + labelHalfWidth;
    const hi = scale(Math.min(s + 2 * half, toMs)) - labelHalfWidth;
    const labelAt = lo <= hi ? Math.min(Math.max(scale(s + half), lo), hi) : (lo + hi) / 2;
    const tick: Tick = { at: round1(scale(s)), label: start.toFormat(format), labelAt: round1(labelAt) };
    ticks.push(s < fromMs ? { ...tick, noMark: true } : tick);
  }
  return ticks;
}

/**
 * Calendar ticks (UTC) between two instants: days, weeks (named by their Monday), months, quarters,
 * half-years or years, the finest step that gives at most `maxTicks` labels inside the range. A day's or a
 * week's label is kept `labelHalfWidth` (user units) inside the plot's ends.
 */
export function timeTicks(
  fromMs: number,
  toMs: number,
  maxTicks: number,
  scale: (ms: number) => number,
  labelHalfWidth = 0,
): Tick[] {
  const from = DateTime.fromMillis(fromMs, { zone: "utc" });
  for (const unit of TIME_UNITS) {
    if (unit.days > 0) {
      const ticks = spanTicks(fromMs, toMs, unit.days, unit.format, scale, labelHalfWidth);
      if (ticks.length <= maxTicks) return ticks;
      continue;
    }
    const ticks: Tick[] = [];
    let at = startOfStep(from, unit);
    if (at.toMillis() < fromMs) at = at.plus({ months: unit.months });
    while (at.toMillis() <= toMs && ticks.length <= maxTicks) {
      ticks.push({ at: round1(scale(at.toMillis())), label: at.toFormat(unit.format) });
      at = at.plus({ months: unit.months });
    }
    if (ticks.length <= maxTicks) return ticks;
  }
  return [];
}

/** A time range with a little room at each end, at least a day wide, so lone points are not on an edge. */
export function paddedRange(fromMs: number, toMs: number): [number, number] {
  const pad = Math.max((toMs - fromMs) * 0.04, DAY_MS / 2);
  return [fromMs - pad, toMs + pad];
}

/** An SVG path of a step function: each value holds until the next step, the last until `endX`. */
export function stepPath(points: readonly { x: number; y: number }[], endX: number): string {
  const first = points[0];
  if (first === undefined) return "";
  const parts = [`M${round1(first.x)} ${round1(first.y)}`];
  for (const p of points.slice(1)) parts.push(`H${round1(p.x)}`, `V${round1(p.y)}`);
  if (endX > (points[points.length - 1]?.x ?? endX)) parts.push(`H${round1(endX)}`);
  return parts.join(" ");
}

/** An SVG path through the points in order. */
export function linePath(points: readonly { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${round1(p.x)} ${round1(p.y)}`).join(" ");
}

// ── The calibration chart ──────────────────────────────────────────────────────────────────────────

export interface CalibrationPoint {
  cx: number;
  cy: number;
  /** Where the bucket's count is written: right of the point, or left of it near the right edge. */
  label: { x: number; y: number; anchor: "start" | "end" };
  /** Grows with the square root of the bucket's count, so its area tells how many forecasts it holds. */
  r: number;
  bucket: CalibrationBucket;
}

export interface CalibrationChart {
  frame: Frame;
  xTicks: Tick[];
  yTicks: Tick[];
  /** The line of perfect calibration: forecasts of p come true a share p of the time. */
  diagonal: { x1: number; y1: number; x2: number; y2: number };
  points: CalibrationPoint[];
  buckets: CalibrationBucket[];
  total: number;
}

export const CALIBRATION_FRAME = frame(360, 340, { left: 62, right: 22, top: 14, bottom: 46 });

export function calibrationChart(
  buckets: readonly CalibrationBucket[],
  f: Frame = CALIBRATION_FRAME,
): CalibrationChart {
  const x = linearScale(0, 1, f.left, f.left + f.plotWidth);
  const y = linearScale(0, 1, f.top + f.plotHeight, f.top);
  const most = Math.max(0, ...buckets.map((b) => b.count));
  const points = buckets.flatMap((b) => {
    if (b.count === 0 || b.yesShare === null || b.meanProbability === null) return [];
    const cx = round1(x(b.meanProbability));
    const cy = round1(y(b.yesShare));
    const r = round1(3 + 7 * Math.sqrt(b.count / most));
    const right = b.meanProbability < 0.8;
    const label = {
      x: round1(right ? cx + r + 3 : cx - r - 3),
      y: round1(cy + 4),
      anchor: right ? "start" : "end",
    } as const;
    return [{ cx, cy, r, label, bucket: b }];
  });
  return {
    frame: f,
    xTicks: shareTicks(x, 0.2),
    yTicks: shareTicks(y, 0.2),
    diagonal: { x1: x(0), y1: y(0), x2: x(1), y2: y(1) },
    points,
    buckets: [...buckets],
    total: buckets.reduce((n, b) => n + b.count, 0),
  };
}

// ── Charts over time ───────────────────────────────────────────────────────────────────────────────

export const TIME_FRAME = frame(400, 260, { left: 62, right: 14, top: 14, bottom: 40 });

/** Half the width of a day's label ("30 Nov") in 13 px type, in user units: it is kept this far inside the plot. */
const DAY_LABEL_HALF_WIDTH = 22;

/** The frame, scales and axes shared by the charts over time. */
export interface TimeAxes {
  frame: Frame;
  x: (ms: number) => number;
  y: (v: number) => number;
  xTicks: Tick[];
  yTicks: Tick[];
}

/** The value axis of a chart over time: from 0 to `max`, a tick every `step`. */
export interface ValueAxis {
  max: number;
  step: number;
  label: (v: number) => string;
}

export function timeAxes(fromMs: number, toMs: number, value: ValueAxis, f: Frame = TIME_FRAME): TimeAxes {
  const [d0, d1] = paddedRange(fromMs, toMs);
  const x = linearScale(d0, d1, f.left, f.left + f.plotWidth);
  const y = linearScale(0, value.max, f.top + f.plotHeight, f.top);
  const xTicks = timeTicks(d0, d1, 5, x, DAY_LABEL_HALF_WIDTH);
  return { frame: f, x, y, xTicks, yTicks: valueTicks(y, value.max, value.step, value.label) };
}

const percentLabel = (v: number) => `${Math.round(v * 100)}%`;

export interface PlottedForecast {
  cx: number;
  cy: number;
  afterTheFact: boolean;
  probability: number;
  ms: number;
}

export interface CrowdChart {
  axes: Omit<TimeAxes, "x" | "y">;
  /** Forecasts drawn (at most the cap given), and how many there are in all. */
  points: PlottedForecast[];
  forecastTotal: number;
  /** How many of the drawn points were made at or after known-at (shown hollow, never scored). */
  afterTheFact: number;
  line: string;
  /** The steps of the line as drawn (sampled when there are many): the table beside the chart. */
  steps: (CrowdStep & { at: string })[];
  stepTotal: number;
  knownAt: { x: number; at: string } | null;
}

export interface CrowdInput {
  /** Forecasts to draw, already sampled, in the order they were made. */
  forecasts: readonly { probability: number; ms: number }[];
  forecastTotal: number;
  steps: readonly CrowdStep[];
  stepTotal: number;
  /** The claim's known-at instant, when resolved: the line ends there, later points are "after the fact". */
  knownAtMs: number | null;
}

/** Null when there is nothing to draw: a claim without forecasts. */
export function crowdChart(input: CrowdInput): CrowdChart | null {
  if (input.forecasts.length === 0) return null;
  const times = [...input.forecasts.map((f) => f.ms), ...(input.knownAtMs === null ? [] : [input.knownAtMs])];
  const from = Math.min(...times);
  const to = Math.max(...times);
  const { x, y, ...axes } = timeAxes(from, to, { max: 1, step: 0.25, label: percentLabel });
  const points = input.forecasts.map((f) => ({
    cx: round1(x(f.ms)),
    cy: round1(y(f.probability)),
    afterTheFact: input.knownAtMs !== null && f.ms >= input.knownAtMs,
    probability: f.probability,
    ms: f.ms,
  }));
  const lastStep = input.steps[input.steps.length - 1];
  const end = input.knownAtMs ?? lastStep?.ms ?? to;
  const line = stepPath(
    input.steps.map((s) => ({ x: x(s.ms), y: y(s.median) })),
    x(end),
  );
  const knownAt = input.knownAtMs === null ? null : { x: round1(x(input.knownAtMs)), at: isoOf(input.knownAtMs) };
  return {
    axes,
    points,
    forecastTotal: input.forecastTotal,
    afterTheFact: points.filter((p) => p.afterTheFact).length,
    line,
    steps: input.steps.map((s) => ({ ...s, at: isoOf(s.ms) })),
    stepTotal: input.stepTotal,
    knownAt,
  };
}

export interface BrierChart {
  axes: Omit<TimeAxes, "x" | "y">;
  line: string;
  points: (BrierStep & { cx: number; cy: number; at: string })[];
  stepTotal: number;
  /** Where a forecaster who always said 50 % would sit (Brier 0.25). */
  coinFlipY: number;
}

/** Running mean Brier over time; the axis goes to 0.5, or to 1 when a mean rises above 0.5. */
export function brierChart(steps: readonly BrierStep[], stepTotal: number): BrierChart | null {
  if (steps.length === 0) return null;
  const from = Math.min(...steps.map((s) => s.ms));
  const to = Math.max(...steps.map((s) => s.ms));
  const yMax = steps.some((s) => s.mean > 0.5) ? 1 : 0.5;
  const step = yMax === 1 ? 0.25 : 0.1;
  const { x, y, ...axes } = timeAxes(from, to, { max: yMax, step, label: (v) => v.toFixed(2) });
  const points = steps.map((s) => ({ ...s, cx: round1(x(s.ms)), cy: round1(y(s.mean)), at: isoOf(s.ms) }));
  return {
    axes,
    line: linePath(points.map((p) => ({ x: p.cx, y: p.cy }))),
    points,
    stepTotal,
    coinFlipY: round1(y(0.25)),
  };
}
