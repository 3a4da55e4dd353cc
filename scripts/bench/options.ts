// The options of `npm run bench` (leaderboard.ts): their defaults, limits and size presets.
import type { Parsed } from "./args";

export const USAGE =
  "usage: npm run bench -- [--size default|small|tiny] [--claims 20000] [--people 100000] [--forecasts 1000000] [--big-claim 10000] [--seconds 10] [--connections 10] [--mix 10] [--mix-seconds 30] [--readers 20] [--rounds 5] [--paste-mb 20] [--json]";

export const OPTIONS = {
  claims: { default: 20_000, max: 100_000 },
  people: { default: 100_000, max: 1_000_000 },
  forecasts: { default: 1_000_000, max: 2_000_000 },
  /** Forecasts on the big claim (capped at a tenth of all forecasts); 0: no big claim. */
  "big-claim": { default: 10_000, min: 0, max: 200_000 },
  /** Seconds of autocannon per URL, and its connections (also the mixed phase's workers). */
  seconds: { default: 10, max: 600 },
  connections: { default: 10, max: 1000 },
  /** The percentage of forecast POSTs in the mixed phase; 0 skips the phase. */
  mix: { default: 10, min: 0, max: 100 },
  "mix-seconds": { default: 30, max: 600 },
  /** Readers signed up through /signup: the signed-in board's session and the mixed phase's writers. */
  readers: { default: 20, max: 500 },
  /** Rounds of the after-write probe. */
  rounds: { default: 5, max: 100 },
  /** MB of pasted thread text during reads (less if the body limit says so); 0 skips the phase. */
  "paste-mb": { default: 20, min: 0, max: 100 },
};

const MILLION = { claims: 20_000, people: 100_000, forecasts: 1_000_000 };

export const SIZES = {
  default: MILLION,
  million: MILLION,
  small: { claims: 2000, people: 5000, forecasts: 100_000, "big-claim": 10_000, "paste-mb": 5 },
  tiny: { claims: 20, people: 30, forecasts: 200, "big-claim": 20, "paste-mb": 1 },
};

export type Options = Parsed<typeof OPTIONS>;
