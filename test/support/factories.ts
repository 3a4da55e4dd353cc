// Test data made through the app's own query modules: each call makes new, unique rows and
// returns their ids, so a test never leans on the demo's numbering or on another test's rows.
import { insertClaim } from "../../db/claims";
import type { Db } from "../../db/connection";
import { insertEvent } from "../../db/events";
import { insertForecast } from "../../db/forecasts";
import { upsertPerson, type PersonKind } from "../../db/people";
import { insertResolution } from "../../db/resolutions";
import type { Verdict } from "../../server/domain/types";
import { importThread } from "../../server/services/import-thread";
import { TEST_NOW } from "./db";

const CREATED_AT = "2026-01-01T00:00:00.000Z";
let counter = 0;
const next = () => (counter += 1);

/**
 * A published claim. The default resolve-by (2028-01-01) is after TEST_NOW, so it is open for
 * forecasts; pass an earlier one for a claim that is due for resolution.
 */
export function makeClaim(db: Db, opts: { text?: string; resolveBy?: string; tags?: string[] } = {}): number {
  const resolveBy = opts.resolveBy ?? "2028-01-01";
  return insertClaim(db, {
    text: opts.text ?? `Example Corp ships widget #${next()} before ${resolveBy}`,
    details: "",
    resolveBy,
    tags: opts.tags ?? [],
    createdAt: CREATED_AT,
    createdBy: null,
    state: "published",
  });
}

export function makePerson(db: Db, opts: { handle?: string; kind?: PersonKind } = {}): number {
  return upsertPerson(db, { handle: opts.handle ?? `commenter${next()}`, kind: opts.kind ?? "commenter" }, CREATED_AT)
    .id;
}

export function makeEvent(db: Db, opts: { title?: string; occurredOn?: string } = {}): number {
  return insertEvent(db, {
    title: opts.title ?? `Example Corp event #${next()}`,
    occurredOn: opts.occurredOn ?? "2019-05-01",
    datePrecision: "day",
    summary: "",
    evidenceQuote: null,
    evidenceUrl: null,
    sourceId: null,
    createdAt: CREATED_AT,
  });
}

/** A forecast on the claim, by a new person unless one is given. */
export function makeForecast(
  db: Db,
  opts: { claimId: number; personId?: number; probability?: number; madeAt?: string },
): number {
  return insertForecast(db, {
    claimId: opts.claimId,
    personId: opts.personId ?? makePerson(db),
    probability: opts.probability ?? 0.7,
    madeAt: opts.madeAt ?? "2018-01-01T00:00:00.000Z",
    commentId: null,
    sourceId: null,
    quote: null,
    reasoning: null,
    recordedBy: null,
    createdAt: CREATED_AT,
  });
}

/** A claim (resolve-by 2020-01-01) resolved on a new event of 2019-05-01. */
export function makeResolvedClaim(
  db: Db,
  opts: { text?: string; verdict?: Verdict } = {},
): { claimId: number; eventId: number; resolutionId: number } {
  const claimId = makeClaim(db, { text: opts.text, resolveBy: "2020-01-01" });
  const eventId = makeEvent(db);
  const resolutionId = insertResolution(db, {
    claimId,
    verdict: opts.verdict ?? "YES",
    knownAt: "2019-05-01T00:00:00.000Z",
    knownAtBasis: "event",
    rationale: "It happened.",
    resolvedBy: null,
    createdAt: CREATED_AT,
    eventIds: [eventId],
  });
  return { claimId, eventId, resolutionId };
}

/** A source with a thread of the given comments (one commenter each), imported as an editor would. */
export function makeThread(db: Db, comments: readonly string[] = ["They will probably buy it outright."]): number {
  const n = next();
  const body = comments.map(
    (text, i) => `${i + 1}. thread${n}user${i}\n\nPosts: 1; Member since: Jan 01, 2014\n\n${text}\n`,
  );
  return importThread(db, `Thread #${n}\n\nThe article.\n\nsource: Example News\n\n${body.join("\n")}`, {}, TEST_NOW)
    .sourceId;
}
