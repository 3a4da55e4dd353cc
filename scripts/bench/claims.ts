// Claims, their events and resolutions for the synthetic dataset, and the types the generator shares.
import type { DatasetInput } from "../../server/domain/dataset";
import { zipf } from "./random";
import { ACTIONS, COMPANIES, TAGS } from "./words";

export const DAY_MS = 24 * 60 * 60 * 1000;
export const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export interface DatasetStats {
  claims: number;
  resolvedClaims: number;
  annulledClaims: number;
  reResolvedClaims: number;
  lapsedClaims: number;
  events: number;
  resolutions: number;
  people: number;
  forecasts: number;
  /** Forecasts that revise an earlier forecast of the same person on the same claim. */
  updates: number;
  /** Forecasts made on or after the claim's final known-at day. */
  afterTheFact: number;
  tags: number;
  /** Forecasts on the big claim: open, its resolve-by date passed, waiting for the benchmark to resolve it. */
  bigClaimForecasts: number;
}

/** What the generator needs at every step: the random source and what it has made so far. */
export interface Context {
  rnd: () => number;
  between: (lo: number, hi: number) => number;
  now: number;
  data: Required<DatasetInput>;
  stats: DatasetStats;
}

/** A generated claim, as the forecasts need it: when it opened, when its outcome was known, which. */
export interface ClaimPlan {
  key: string;
  openMs: number;
  knownMs: number | null;
  outcome: 0 | 1;
}

interface ClaimDraft extends ClaimPlan {
  index: number;
  a: string;
  b: string;
  spanDays: number;
  resolveByMs: number;
}

export function addClaims(ctx: Context, count: number): ClaimPlan[] {
  const pickTag = zipf(TAGS.length, 1, ctx.rnd);
  const usedTags = new Set<string>();
  const plans: ClaimPlan[] = [];
  for (let i = 0; i < count; i += 1) {
    const resolved = ctx.rnd() < 0.9;
    const claim = draftClaim(ctx, i, resolved);
    const tags = new Set<string>();
    for (let t = ctx.between(1, 4); t > 0; t -= 1) tags.add(TAGS[pickTag()] ?? "misc");
    for (const t of tags) usedTags.add(t);
    ctx.data.claims.push({
      key: claim.key,
      text: `${claim.a} ${ACTIONS[i % ACTIONS.length]} ${claim.b} before ${day(claim.resolveByMs)} (#${i})`,
      details: i % 3 === 0 ? "Counts only if announced officially by either company." : "",
      resolveBy: day(claim.resolveByMs),
      tags: [...tags],
    });
    claim.outcome = ctx.rnd() < 0.45 ? 1 : 0;
    if (resolved) claim.knownMs = settleClaim(ctx, claim);
    plans.push({ key: claim.key, openMs: claim.openMs, knownMs: claim.knownMs, outcome: claim.outcome });
  }
  ctx.stats.tags = usedTags.size;
  return plans;
}

/** The claim text of the big claim, by which the loader finds its id. */
export const BIG_CLAIM_TEXT = "Microsoft buys Xiaomi before 2026-05-18 (the big claim)";

/**
 * The big claim: still open although its resolve-by date (two weeks before NOW) has passed, so an
 * editor may resolve it NO by lapse (scripts/bench/phases.ts). Its forecasts (addBigClaimForecasts) all come before that date.
 */
export function addBigClaim(ctx: Context): { key: string; openMs: number; resolveByMs: number } {
  const resolveByMs = Date.parse("2026-05-18");
  ctx.data.claims.push({
    key: "big",
    text: BIG_CLAIM_TEXT,
    details: "The one claim everybody forecast.",
    resolveBy: day(resolveByMs),
    tags: [TAGS[0] ?? "smartphones"],
  });
  return { key: "big", openMs: resolveByMs - 400 * DAY_MS, resolveByMs };
}

/** Resolved claims opened 2012–2020 and were settled by 2025; open ones run past NOW. */
function draftClaim(ctx: Context, i: number, resolved: boolean): ClaimDraft {
  const spanDays = ctx.between(180, 1800);
  const resolveByMs = resolved
    ? Date.UTC(2012, 0, 1) + (ctx.between(0, 9 * 365) + spanDays) * DAY_MS
    : ctx.now + ctx.between(30, 900) * DAY_MS;
  return {
    key: `c${i}`,
    index: i,
    a: COMPANIES[i % COMPANIES.length] ?? "Microsoft",
    b: COMPANIES[(i * 7 + 3) % COMPANIES.length] ?? "Xiaomi",
    spanDays,
    resolveByMs,
    openMs: resolveByMs - spanDays * DAY_MS,
    knownMs: null,
    outcome: 0,
  };
}

/** Resolves the claim (by lapse, or on an event, sometimes after a wrong first resolution): when it was known. */
function settleClaim(ctx: Context, c: ClaimDraft): number {
  ctx.stats.resolvedClaims += 1;
  const annulled = ctx.rnd() < 0.08;
  if (!annulled && c.outcome === 0 && ctx.rnd() < 0.1) {
    // Nothing happened by the date: the claim lapses.
    ctx.stats.lapsedClaims += 1;
    ctx.data.resolutions.push({
      claim: c.key,
      verdict: "NO",
      basis: "lapse",
      rationale: "The date passed without it.",
    });
    return Date.parse(day(c.resolveByMs));
  }
  const knownMs = Date.parse(day(c.openMs + ctx.between(30, c.spanDays) * DAY_MS));
  if (ctx.rnd() < 0.02) addWrongFirstResolution(ctx, c, knownMs);
  const settling = addEvent(ctx, c.key, 1, knownMs, `${c.a} and ${c.b}: what happened (#${c.index})`);
  if (annulled) ctx.stats.annulledClaims += 1;
  ctx.data.resolutions.push({
    claim: c.key,
    verdict: annulled ? "ANNULLED" : c.outcome === 1 ? "YES" : "NO",
    basis: "event",
    events: [settling],
    rationale: annulled ? "The claim turned out to be ambiguous." : "The event settles it.",
  });
  return knownMs;
}

/** First settled the wrong way on an early report, then re-resolved: the newest one counts. */
function addWrongFirstResolution(ctx: Context, c: ClaimDraft, knownMs: number): void {
  ctx.stats.reResolvedClaims += 1;
  const early = addEvent(ctx, c.key, 0, knownMs - ctx.between(10, 60) * DAY_MS, "An early, wrong report");
  ctx.data.resolutions.push({
    claim: c.key,
    verdict: c.outcome === 1 ? "NO" : "YES",
    basis: "event",
    events: [early],
    rationale: "Settled on the first report.",
  });
}

function addEvent(ctx: Context, claimKey: string, n: number, ms: number, title: string): string {
  const key = `e-${claimKey}-${n}`;
  ctx.data.events.push({
    key,
    title,
    occurredOn: day(ms),
    datePrecision: ctx.rnd() < 0.1 ? "month" : "day",
    summary: "Reported by several outlets the same day.",
    evidenceQuote: ctx.rnd() < 0.5 ? "The companies confirmed the agreement in a joint statement." : null,
    evidenceUrl: ctx.rnd() < 0.5 ? `https://example.com/news/${key}` : null,
    source: null,
  });
  return key;
}
