// The targets for `npm run bench`, each beside the figure measured: met or missed, never
// adjusted. A figure that was not measured (a phase skipped) is reported as such.
import type { Measured } from "./stages";
import { textTable } from "./report";

export interface TargetCheck {
  target: string;
  measured: string;
  /** null: not measured in this run. */
  met: boolean | null;
}

type Figure = number | null | undefined;

const atMost = (target: string, v: Figure, limit: number, unit = "ms"): TargetCheck =>
  v === null || v === undefined
    ? { target, measured: "not measured", met: null }
    : { target, measured: `${v} ${unit}`, met: v <= limit };

const atLeast = (target: string, v: Figure, limit: number, unit: string): TargetCheck =>
  v === null || v === undefined
    ? { target, measured: "not measured", met: null }
    : { target, measured: `${v} ${unit}`, met: v >= limit };

function pageChecks(m: Measured): TargetCheck[] {
  const byName = (prefix: string) => m.results.find((r) => r.name.startsWith(prefix));
  const p99 = (prefix: string, limit: number) =>
    atMost(`${prefix} p99 ≤ ${limit} ms`, byName(prefix)?.latencyMs.p99, limit);
  return [
    atLeast("board, visitor ≥ 80 % of the bare route", byName("board, visitor")?.percentOfBare, 80, "%"),
    p99("board, visitor", 25),
    atLeast("board, signed in ≥ 25 % of the bare route", byName("board, signed in")?.percentOfBare, 25, "%"),
    ...["tag board", "period board", "claim", "busiest person", "home"].map((name) => p99(name, 100)),
  ];
}

function writeChecks(m: Measured): TargetCheck[] {
  const afterForecast = m.probe.find((r) => r.after === "after a forecast")?.boardMs.max;
  const mix = m.mix;
  const mixErrors = mix
    ? mix.reads.bad +
      mix.writes.bad +
      [mix.reads, mix.writes].reduce((a, l) => a + Object.values(l.errors).reduce((x, y) => x + y, 0), 0)
    : null;
  return [
    atMost("board after a forecast ≤ 50 ms (slowest round)", afterForecast, 50),
    atMost("board after resolving the big claim ≤ 50 ms", m.resolve?.boardAfterMs, 50),
    atMost("resolving the big claim ≤ 200 ms", m.resolve?.resolveMs, 200),
    atMost("mixed traffic: reads p99 ≤ 100 ms", mix?.reads.p99, 100),
    atMost("mixed traffic: 0 errors (and no bad answers)", mixErrors, 0, ""),
    mix
      ? {
          target: "mixed traffic: stored = acknowledged",
          measured: `${mix.stored} of ${mix.acknowledged}`,
          met: mix.stored === mix.acknowledged,
        }
      : { target: "mixed traffic: stored = acknowledged", measured: "not measured", met: null },
    atMost("GET / p99 during the paste ≤ 100 ms", m.paste?.home.p99, 100),
  ];
}

export function targetChecks(m: Measured, load: { seconds: number }): TargetCheck[] {
  return [
    ...pageChecks(m),
    ...writeChecks(m),
    atMost("server peak RSS ≤ 250 MB", m.server.peakRssMb, 250, "MB"),
    atMost("load-dataset ≤ 60 s", Number(load.seconds.toFixed(2)), 60, "s"),
  ];
}

export function targetTable(checks: readonly TargetCheck[]): string {
  const verdict = (c: TargetCheck) => (c.met === null ? "-" : c.met ? "met" : "MISSED");
  return textTable(
    ["target", "measured", "verdict"],
    checks.map((c) => [c.target, c.measured, verdict(c)]),
  );
}
