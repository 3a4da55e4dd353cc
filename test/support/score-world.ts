// Plain database writes for the stored-score tests: the same db/ functions the services call,
// without the services (which are being reworked elsewhere), so that each test decides when
// rescoreClaims runs. Days are offsets from 2020-01-01 so that tests can talk in small numbers.
import { insertClaim } from "../../db/claims";
import type { Db } from "../../db/connection";
import { insertForecast } from "../../db/forecasts";
import { upsertPerson } from "../../db/people";
import { insertResolution } from "../../db/resolutions";
import type { Verdict } from "../../server/domain/types";

const CREATED = "2019-01-01T00:00:00.000Z";

export function day(n: number): string {
  return new Date(Date.UTC(2020, 0, 1 + n)).toISOString();
}

export function addPerson(db: Db, handle: string): number {
  return upsertPerson(db, { handle, kind: "commenter" }, CREATED).id;
}

export function addClaim(db: Db, tags: string[] = []): number {
  return insertClaim(db, {
    text: "Example Corp ships the widget before 2021",
    details: "",
    resolveBy: "2021-01-01",
    createdAt: CREATED,
    createdBy: null,
    tags,
  });
}

export function addForecast(
  db: Db,
  f: { claimId: number; personId: number; probability: number; madeDay: number; sourceId?: number },
): number {
  return insertForecast(db, {
    claimId: f.claimId,
    personId: f.personId,
    probability: f.probability,
    madeAt: day(f.madeDay),
    commentId: null,
    sourceId: f.sourceId ?? null,
    quote: null,
    reasoning: null,
    recordedBy: null,
    createdAt: CREATED,
  });
}

/** Resolves, or re-resolves (the new row supersedes the current one), with known-at on that day. */
export function resolve(db: Db, claimId: number, verdict: Verdict, knownDay: number): number {
  return insertResolution(db, {
    claimId,
    verdict,
    knownAt: day(knownDay),
    knownAtBasis: "event",
    rationale: "test",
    resolvedBy: null,
    createdAt: CREATED,
    eventIds: [],
  });
}
