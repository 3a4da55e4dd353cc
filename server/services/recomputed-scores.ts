// The full recomputation: every forecast loaded and scored by the pure module, in memory. Pages never
// use it (they read the stored scores kept by each write, docs/decisions/0003); it is the independent
// reference the stored scores are checked against, by the tests and `npm run rescore`.
import type { Db } from "../../db/connection";
import { forecastIdsFromSources, scorableForecastInputs, type ScoreFilter } from "../../db/forecasts";
import { claimIdsWithTag } from "../../db/claims";
import { peopleNames } from "../../db/people";
import { currentResolutionInputs } from "../../db/resolutions";
import { rankLeaderboard, scoreAll, scorePeople, type ClaimScore, type SortKey } from "../domain/scoring";
import type { LeaderboardRow } from "./stored-board";

type Scores = ReturnType<typeof scoreAll>;

/**
 * Every resolved claim scored over all its forecasts; then, when a filter is given, each person's
 * totals over only the matching counted forecasts. A filter narrows whose forecasts are summed, never
 * which forecast counts on a claim or who it is compared with.
 */
export function scoreEverything(db: Db, filter: ScoreFilter = {}): Scores {
  const all = scoreAll(scorableForecastInputs(db), currentResolutionInputs(db));
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
