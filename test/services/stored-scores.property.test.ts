// Property: whatever sequence of writes happens — forecasts, newer forecasts, resolutions,
// re-resolutions, annulments, merges, claim edits, renames — if each write rescores the claims it
// touched, the stored scores (forecast_scores, person_scores and each claim's crowd in
// claim_scores) equal a full recomputation by the pure module after every step.
// The writes are plain db/ calls (the write services are being reworked elsewhere), each with
// rescoreClaims in the same transaction, as a service will do it.
import assert from "node:assert/strict";
import fc from "fast-check";
import { mergeClaimInto, updateClaim } from "../../db/claims";
import type { Db } from "../../db/connection";
import type { Verdict } from "../../server/domain/types";
import { filteredLeaderboard } from "../../server/services/stored-board";
import { leaderboard } from "../../server/services/recomputed-scores";
import { describeDifference, diffStoredScores, rescoreClaims } from "../../server/services/stored-scores";
import { addClaim, addForecast, addPerson, resolve } from "../support/score-world";
import { emptyDb } from "../support/db";

const PEOPLE = 3;
const CLAIMS = 3;
const TAGS = ["red", "blue"];

type Op =
  | { kind: "forecast"; claim: number; person: number; percent: number; day: number }
  | { kind: "newer"; pick: number; percent: number; later: number }
  | { kind: "resolve"; claim: number; verdict: Verdict; day: number }
  | { kind: "merge"; from: number; to: number }
  | { kind: "edit"; claim: number; tags: string[] }
  | { kind: "rename"; person: number; suffix: number };

const claimIndex = fc.integer({ min: 0, max: CLAIMS - 1 });
const personIndex = fc.integer({ min: 0, max: PEOPLE - 1 });
// Days 0–12 for both forecasts and known-at, so that ties with known-at (after the fact) are common.
const dayArb = fc.integer({ min: 0, max: 12 });

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("forecast" as const),
      claim: claimIndex,
      person: personIndex,
      percent: fc.integer({ min: 1, max: 99 }),
      day: dayArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("newer" as const),
      pick: fc.nat(),
      percent: fc.integer({ min: 1, max: 99 }),
      later: fc.integer({ min: 0, max: 4 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("resolve" as const),
      claim: claimIndex,
      verdict: fc.constantFrom<Verdict>("YES", "NO", "ANNULLED"),
      day: dayArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("merge" as const), from: claimIndex, to: claimIndex }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("edit" as const), claim: claimIndex, tags: fc.subarray(TAGS) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("rename" as const), person: personIndex, suffix: fc.nat(99) }),
  },
);

interface World {
  db: Db;
  people: number[];
  claims: number[];
  forecasts: { claimId: number; personId: number; day: number }[];
}

function newWorld(): World {
  const db = emptyDb();
  const people = Array.from({ length: PEOPLE }, (_, i) => addPerson(db, `p${i}`));
  const claims = Array.from({ length: CLAIMS }, (_, i) => addClaim(db, TAGS.slice(0, i % 3)));
  return { db, people, claims, forecasts: [] };
}

const at = <T>(list: readonly T[], i: number): T => {
  const v = list[i % list.length];
  if (v === undefined) throw new Error(`no element ${i} in a list of ${list.length}`);
  return v;
};

/** Applies one write and returns the claims whose scores it may change. */
function apply(w: World, op: Op): number[] {
  switch (op.kind) {
    case "forecast": {
      const f = { claimId: at(w.claims, op.claim), personId: at(w.people, op.person), day: op.day };
      addForecast(w.db, { ...f, probability: op.percent / 100, madeDay: f.day });
      w.forecasts.push(f);
      return [f.claimId];
    }
    case "newer": {
      if (w.forecasts.length === 0) return [];
      // The same person on the same claim, later: it replaces the earlier one if still before known-at.
      const prior = at(w.forecasts, op.pick);
      const f = { ...prior, day: prior.day + op.later };
      addForecast(w.db, { ...f, probability: op.percent / 100, madeDay: f.day });
      w.forecasts.push(f);
      return [f.claimId];
    }
    case "resolve": {
      const claimId = at(w.claims, op.claim);
      resolve(w.db, claimId, op.verdict, op.day);
      return [claimId];
    }
    case "merge":
      return mergeClaims(w, at(w.claims, op.from), at(w.claims, op.to));
    case "edit": {
      const claimId = at(w.claims, op.claim);
      updateClaim(w.db, claimId, { text: "An edited claim text", details: "", resolveBy: "2021-06-01", tags: op.tags });
      return [claimId];
    }
    case "rename":
      // No rescoring: the trigger of migration 0006 keeps the copied handle.
      w.db
        .prepare("UPDATE people SET handle = ? WHERE id = ?")
        .run(`p${op.person}-${op.suffix}`, at(w.people, op.person));
      return [];
  }
}

/** Unlike the merge service, any two claims (even resolved ones): the stored scores must follow regardless. */
function mergeClaims(w: World, from: number, to: number): number[] {
  if (from === to) return [];
  mergeClaimInto(w.db, from, to);
  for (const f of w.forecasts) if (f.claimId === from) f.claimId = to;
  return [from, to];
}

function assertBoardsAgree(db: Db): void {
  for (const filter of [{}, { tag: "red" }]) {
    const memory = leaderboard(db, filter, { min: 1, sort: "adjusted_brier" });
    const stored = filteredLeaderboard(db, filter, { min: 1, sort: "adjusted_brier", page: 1, perPage: 100 });
    assert.deepEqual(
      stored.rows.map((r) => r.handle),
      memory.map((r) => r.handle),
      `board order for ${JSON.stringify(filter)}`,
    );
  }
}

describe("stored scores after any sequence of writes (property)", () => {
  it("equal a full recomputation by the pure module after every step", () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 15 }), (ops) => {
        const w = newWorld();
        try {
          ops.forEach((op, step) => {
            w.db.transaction(() => rescoreClaims(w.db, apply(w, op)))();
            const differences = diffStoredScores(w.db);
            assert.deepEqual(differences.map(describeDifference), [], `after step ${step}: ${JSON.stringify(op)}`);
          });
          assertBoardsAgree(w.db);
        } finally {
          w.db.close();
        }
      }),
      { numRuns: 100 },
    );
  });
});
