// The synthetic dataset of the leaderboard benchmark, in the documented load-dataset format: claims,
// events, resolutions, people and forecasts from one seeded generator, and its timed loading into a
// fresh database through the real load-dataset service.
import fs from "node:fs";
import { DateTime } from "luxon";
import { listClaims, listTags } from "../../db/claims";
import { migrate, openDb, type Db } from "../../db/connection";
import { listPeople } from "../../db/people";
import { resolutionHistory } from "../../db/resolutions";
import type { DatasetInput } from "../../server/domain/dataset";
import { loadDataset } from "../../server/services/load-dataset";
import {
  addBigClaim,
  addClaims,
  BIG_CLAIM_TEXT,
  type ClaimPlan,
  type Context,
  DAY_MS,
  type DatasetStats,
} from "./claims";
import { timed } from "./measure";
import { betweenOf, seededRandom, shuffledIndexes, zipf } from "./random";
import { handle, REASONS, TAGS } from "./words";

/** The app's "now": after every generated resolution, before the open claims' resolve-by dates. */
export const NOW = DateTime.fromISO("2026-06-01T12:00:00Z", { zone: "utc" });
const instant = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export type { DatasetStats };

export interface DatasetSize {
  claims: number;
  people: number;
  forecasts: number;
  /** Forecasts on the big claim (at most a tenth of them all; 0 or fewer than 2 claims: none). */
  bigClaim?: number;
}

interface Person {
  handle: string;
  kind: "publisher" | "reader" | "commenter";
  /** How much better than a coin the person is: some are sharp, some are worse than chance. */
  skill: number;
}

interface Made {
  plan: ClaimPlan;
  person: number;
  ms: number;
}

/**
 * A dataset in the load-dataset format. Claims: about 90 % resolved (event-based, a few by lapse,
 * 2 % re-resolved), 8 % of those annulled, 1–3 tags each. People: 20 publishers, a quarter
 * readers, the rest commenters; everyone forecasts at least once (when forecasts ≥ people), then
 * activity and claim popularity follow Zipf laws. About 14 % of forecasts revise an earlier one
 * (which is then superseded) and about 10 % are made after the outcome was known (5 % on purpose,
 * the rest revisions that came too late). One more claim, the big one, is left open past its
 * resolve-by date with `bigClaim` forecasts from random people, for the benchmark to resolve.
 */
export function generateDataset(
  size: DatasetSize,
  seed = 2018,
): { data: DatasetInput; stats: DatasetStats; topTag: string } {
  const rnd = seededRandom(seed);
  const ctx: Context = {
    rnd,
    between: betweenOf(rnd),
    now: NOW.toMillis(),
    data: { claims: [], events: [], forecasts: [], resolutions: [] },
    stats: emptyStats(size),
  };
  const big = ctx.stats.bigClaimForecasts;
  const plans = addClaims(ctx, size.claims - (big > 0 ? 1 : 0));
  const people = makePeople(ctx, ctx.stats.people);
  addForecasts(ctx, plans, people, size.forecasts - big);
  if (big > 0) addBigClaimForecasts(ctx, people, big);
  ctx.stats.events = ctx.data.events.length;
  ctx.stats.resolutions = ctx.data.resolutions.length;
  return { data: ctx.data, stats: ctx.stats, topTag: TAGS[0] ?? "smartphones" };
}

function emptyStats(size: DatasetSize): DatasetStats {
  const big = size.claims >= 2 ? Math.min(size.bigClaim ?? 0, Math.floor(size.forecasts / 10)) : 0;
  return {
    claims: size.claims,
    resolvedClaims: 0,
    annulledClaims: 0,
    reResolvedClaims: 0,
    lapsedClaims: 0,
    events: 0,
    resolutions: 0,
    people: Math.min(size.people, size.forecasts - big),
    forecasts: size.forecasts,
    updates: 0,
    afterTheFact: 0,
    tags: 0,
    bigClaimForecasts: big,
  };
}

// ---------------------------------------------------------------------------------------------
// People and forecasts

function makePeople(ctx: Context, count: number): Person[] {
  return Array.from({ length: count }, (_, i) => {
    const kind: Person["kind"] = i % 250 === 0 ? "publisher" : ctx.rnd() < 0.25 ? "reader" : "commenter";
    const name = kind === "publisher" ? `Outlet ${i / 250} News` : handle(i);
    return { handle: name, kind, skill: ctx.rnd() * 0.45 - 0.1 };
  });
}

/**
 * Everyone forecasts once first, then people by activity rank (shuffled against ids, so the busiest
 * person is not simply the first one) on claims by popularity. At the default size the busiest
 * person makes about 1,300 forecasts and the most popular claim draws about 1,100; the median claim
 * about 35.
 */
function addForecasts(ctx: Context, plans: ClaimPlan[], people: Person[], count: number): void {
  const rankToPerson = shuffledIndexes(people.length, ctx.rnd);
  const pickPerson = zipf(people.length, 0.6, ctx.rnd);
  const pickClaim = zipf(plans.length, 0.5, ctx.rnd);
  const fresh = (k: number): Made => {
    const plan = plans[pickClaim()] ?? plans[0];
    if (!plan) throw new Error("a dataset needs at least one claim");
    const person = k < people.length ? k : (rankToPerson[pickPerson()] ?? 0);
    return { plan, person, ms: freshMs(ctx, plan) };
  };
  const made: Made[] = [];
  for (let k = 0; k < count; k += 1) {
    const previous = made[Math.floor(ctx.rnd() * made.length)];
    const next = k >= people.length && previous && ctx.rnd() < 0.15 ? revise(ctx, previous) : fresh(k);
    next.ms = Math.min(next.ms, ctx.now - DAY_MS);
    if (next.plan.knownMs !== null && next.ms >= next.plan.knownMs) ctx.stats.afterTheFact += 1;
    made.push(next);
    const who = people[next.person] ?? people[0];
    if (!who) break;
    ctx.data.forecasts.push(forecast(ctx, next, who));
  }
}

/** The big claim's forecasts, by random people, all made before its resolve-by date. */
function addBigClaimForecasts(ctx: Context, people: Person[], count: number): void {
  const claim = addBigClaim(ctx);
  const plan: ClaimPlan = { key: claim.key, openMs: claim.openMs, knownMs: null, outcome: 1 };
  for (let k = 0; k < count; k += 1) {
    const person = Math.floor(ctx.rnd() * people.length);
    const who = people[person] ?? people[0];
    if (!who) break;
    const ms = ctx.between(claim.openMs, claim.resolveByMs - DAY_MS);
    ctx.data.forecasts.push(forecast(ctx, { plan, person, ms }, who));
  }
}

/** The same person revises an earlier forecast on the same claim. */
function revise(ctx: Context, previous: Made): Made {
  ctx.stats.updates += 1;
  const ms = previous.ms + ctx.between(1, 240) * DAY_MS + ctx.between(0, DAY_MS);
  return { plan: previous.plan, person: previous.person, ms };
}

/** While the claim is open, or (5 % of forecasts on resolved claims) after the outcome was known. */
function freshMs(ctx: Context, plan: ClaimPlan): number {
  const end = plan.knownMs ?? ctx.now;
  return plan.knownMs !== null && ctx.rnd() < 0.05
    ? plan.knownMs + ctx.between(0, 400) * DAY_MS
    : ctx.between(plan.openMs, end - DAY_MS) + ctx.between(0, DAY_MS - 1000);
}

function forecast(ctx: Context, made: Made, who: Person): Required<DatasetInput>["forecasts"][number] {
  const lean = (made.plan.outcome === 1 ? 1 : -1) * who.skill;
  const raw = 0.5 + lean + (ctx.rnd() - 0.5) * 0.7;
  return {
    claim: made.plan.key,
    person: who.handle,
    personKind: who.kind,
    probability: Math.min(0.99, Math.max(0.01, Math.round(raw * 100) / 100)),
    madeAt: instant(made.ms),
    quote: null,
    reasoning: ctx.rnd() < 0.25 ? (REASONS[Math.floor(ctx.rnd() * REASONS.length)] ?? null) : null,
    from: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Loading

/** The pages a visitor is most likely to open: the most-forecast resolved claim, the busiest person. */
export interface Targets {
  claimId: number;
  claimForecasts: number;
  personId: number;
  personForecasts: number;
  /** The big claim (open, its resolve-by date passed), or null when the dataset has none. */
  bigClaimId: number | null;
  bigClaimForecasts: number;
}

/** A resolved claim the probe re-resolves the other way, citing the earliest event its resolution cites. */
export interface ReResolvable {
  id: number;
  verdict: "YES" | "NO";
  eventId: number;
}

/**
 * What the writers of the mixed phase touch: the claims still open to forecasts, and resolved
 * claims to re-resolve (busiest first, among those whose resolution cites an event: a YES cannot lapse).
 */
export interface WriteTargets {
  openClaimIds: number[];
  resolved: ReResolvable[];
}

/**
 * Loads the JSON file into a fresh database, timed as `npm run load-dataset` works: read the file,
 * parse it, check and write in one transaction. Then finds the busiest pages and checkpoints the WAL.
 */
export function loadDatasetFile(
  dbFile: string,
  jsonFile: string,
  size: DatasetSize,
  topTag: string,
): { seconds: number; people: number; targets: Targets; writes: WriteTargets } {
  // As `npm run load-dataset` opens it (scripts/cli.ts).
  const db = openDb(dbFile, { cacheMb: 256 });
  try {
    migrate(db);
    const { value: summary, seconds } = timed(() =>
      loadDataset(db, JSON.parse(fs.readFileSync(jsonFile, "utf8")), NOW),
    );
    if (summary.forecasts !== size.forecasts) throw new Error(`loaded ${summary.forecasts} forecasts`);
    const resolved = listClaims(db, "resolved", size.claims).sort((a, b) => b.forecastCount - a.forecastCount);
    const claim = resolved[0];
    if (!claim) throw new Error("no resolved claim");
    const person = listPeople(db).reduce((a, b) => (b.forecastCount > a.forecastCount ? b : a));
    if (!listTags(db).includes(topTag)) throw new Error(`no claim has the tag ${topTag}`);
    db.pragma("wal_checkpoint(TRUNCATE)");
    const big = db.prepare("SELECT id FROM claims WHERE text = ?").get(BIG_CLAIM_TEXT) as { id: number } | undefined;
    const count = db.prepare("SELECT count(*) AS n FROM forecasts WHERE claim_id = ?");
    const targets = {
      claimId: claim.id,
      claimForecasts: claim.forecastCount,
      personId: person.id,
      personForecasts: person.forecastCount,
      bigClaimId: big?.id ?? null,
      bigClaimForecasts: big ? (count.get(big.id) as { n: number }).n : 0,
    };
    const today = NOW.toISODate() ?? "";
    const writes = {
      openClaimIds: listClaims(db, "open", size.claims)
        .filter((c) => c.resolveBy > today)
        .map((c) => c.id),
      resolved: reResolvable(db, resolved, 50),
    };
    return { seconds, people: summary.people, targets, writes };
  } finally {
    db.close();
  }
}

/** The `n` busiest resolved claims whose current resolution cites an event, with its earliest one. */
function reResolvable(db: Db, claims: readonly { id: number; verdict: string | null }[], n: number): ReResolvable[] {
  const out: ReResolvable[] = [];
  for (const c of claims) {
    if (out.length === n) break;
    const events = [...(resolutionHistory(db, c.id)[0]?.events ?? [])];
    const first = events.sort((a, b) => a.occurredOn.localeCompare(b.occurredOn))[0];
    if (first) out.push({ id: c.id, verdict: c.verdict === "YES" ? "YES" : "NO", eventId: first.id });
  }
  return out;
}
