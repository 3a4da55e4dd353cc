// Glue between the database and the pure scoring code: load plain rows, score them, attach handles.
import type { Db } from "../../db/connection";
import { scorableForecastInputs, type ForecastView, type ScoreFilter } from "../../db/forecasts";
import { handlesById, listPeople } from "../../db/people";
import { currentResolutionInputs } from "../../db/resolutions";
import {
  rankLeaderboard,
  scoreAll,
  scoreClaim,
  type ClaimScore,
  type RankedRow,
  type SortKey,
} from "../domain/scoring";
import type { ResolutionInput } from "../domain/types";

export interface LeaderboardRow extends RankedRow {
  kind: string;
}

export function scoreEverything(db: Db, filter: ScoreFilter = {}) {
  const forecasts = scorableForecastInputs(db, filter);
  const claimIds = [...new Set(forecasts.map((f) => f.claimId))];
  return scoreAll(forecasts, currentResolutionInputs(db, claimIds));
}

export function leaderboard(db: Db, filter: ScoreFilter, opts: { min: number; sort: SortKey }): LeaderboardRow[] {
  const { people } = scoreEverything(db, filter);
  const handles = handlesById(db);
  const kinds = new Map(listPeople(db).map((p) => [p.id, p.kind]));
  const rows = people.map((p) => ({ ...p, handle: handles.get(p.personId) ?? `#${p.personId}` }));
  return rankLeaderboard(rows, opts).map((r) => ({ ...r, kind: kinds.get(r.personId) ?? "commenter" }));
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
