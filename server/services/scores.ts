// Glue between the database and the pure scoring code: load plain rows, score them, attach handles.
import type { Db } from "../../db/connection";
import {
  forecastIdsFromSources,
  scorableForecastInputs,
  type ForecastView,
  type ScoreFilter,
} from "../../db/forecasts";
import { claimIdsWithTag } from "../../db/claims";
import { peopleNames } from "../../db/people";
import { currentResolutionInputs } from "../../db/resolutions";
import { scoreVersion } from "../../db/scores";
import {
  rankLeaderboard,
  scoreAll,
  scoreClaim,
  scorePeople,
  type ClaimScore,
  type RankedRow,
  type SortKey,
} from "../domain/scoring";
import type { ResolutionInput } from "../domain/types";

export interface LeaderboardRow extends RankedRow {
  kind: string;
}

type Scores = ReturnType<typeof scoreAll>;

// Scoring every claim is the costly part of a leaderboard (about a second for 100,000 forecasts),
// and its inputs change only on writes. Triggers bump score_version on every such write, from any
// process, so the cached result is reused exactly as long as it is still right.
const cache = new WeakMap<Db, { version: number; scores: Scores }>();

function scoreAllCached(db: Db): Scores {
  const version = scoreVersion(db);
  const hit = cache.get(db);
  if (hit && hit.version === version) return hit.scores;
  const scores = scoreAll(scorableForecastInputs(db), currentResolutionInputs(db));
  cache.set(db, { version, scores });
  return scores;
}

/**
 * Every resolved claim scored over all its forecasts; then, when a filter is given, each person's
 * totals over only the matching counted forecasts. A filter narrows whose forecasts are summed, never
 * which forecast counts on a claim or who it is compared with.
 */
export function scoreEverything(db: Db, filter: ScoreFilter = {}): Scores {
  const all = scoreAllCached(db);
  if (Object.values(filter).every((v) => v === undefined)) return all;
  const keepClaim = claimFilter(db, filter);
  const fromSources =
    filter.sourceId !== undefined || filter.publisher !== undefined ? forecastIdsFromSources(db, filter) : null;
  const counted = [...all.claims.values()]
    .filter(keepClaim)
    .flatMap((c) => c.counted)
    .filter((s) => fromSources === null || fromSources.has(s.forecastId));
  return { claims: all.claims, people: scorePeople(counted) };
}

/** Tag and period belong to a whole claim, so they are checked on the cached claim scores. */
function claimFilter(db: Db, filter: ScoreFilter): (c: ClaimScore) => boolean {
  const tagged = filter.tag === undefined ? null : new Set(claimIdsWithTag(db, filter.tag));
  const from = filter.resolvedFrom;
  // Known-at is stored as an instant; "to" includes the whole of that day.
  const before = filter.resolvedTo === undefined ? undefined : `${filter.resolvedTo}T24`;
  return (c) =>
    (tagged === null || tagged.has(c.claimId)) &&
    (from === undefined || c.knownAt >= from) &&
    (before === undefined || c.knownAt < before);
}

export function leaderboard(db: Db, filter: ScoreFilter, opts: { min: number; sort: SortKey }): LeaderboardRow[] {
  const { people } = scoreEverything(db, filter);
  const byId = peopleNames(db);
  const rows = people.map((p) => ({ ...p, handle: byId.get(p.personId)?.handle ?? `#${p.personId}` }));
  return rankLeaderboard(rows, opts).map((r) => ({ ...r, kind: byId.get(r.personId)?.kind ?? "commenter" }));
}

/** Scores one claim's forecasts against its current resolution (undefined while unresolved). */
export function scoreOneClaim(
  forecasts: readonly ForecastView[],
  resolution: ResolutionInput | undefined,
): ClaimScore | undefined {
  if (!resolution) return undefined;
  return scoreClaim(
    forecasts.map((f) => ({
      id: f.id,
      claimId: f.claimId,
      personId: f.personId,
      probability: f.probability,
      madeAt: f.madeAt,
    })),
    resolution,
  );
}
