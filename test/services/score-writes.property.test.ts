// Property: whatever the sequence of writes made *through the write services* — readers'
// forecasts and updates, resolutions, re-resolutions, annulments, merges, claim edits — the stored
// scores equal a full recomputation by the pure scoring module after every step. (The property
// test beside it drives rescoreClaims with raw writes, including ones no service allows.)
import assert from "node:assert/strict";
import fc from "fast-check";
import { DateTime } from "luxon";
import type { Account } from "../../db/accounts";
import { findClaim } from "../../db/claims";
import type { Db } from "../../db/connection";
import type { Verdict } from "../../server/domain/types";
import { editClaim, logForecast, mergeClaim, resolveClaim } from "../../server/services/claim-writes";
import { recordEvent } from "../../server/services/events";
import { describeDifference, diffStoredScores } from "../../server/services/stored-scores";
import { emptyDb } from "../support/db";
import { makeClaim } from "../support/factories";
import { newAccount } from "../support/session";

const READERS = 3;
const CLAIMS = 3;
const DAYS = 10;
/** Forecasts are made on days 0–9 after this; events fall on the same days, so known-at cuts through them. */
const START = DateTime.fromISO("2026-03-01T09:00:00Z", { zone: "utc" });
const day = (d: number) => START.plus({ days: d });

type Op =
  | { kind: "forecast"; reader: number; claim: number; percent: number; day: number }
  | { kind: "resolve"; claim: number; verdict: Verdict; event: number }
  | { kind: "merge"; from: number; to: number }
  | { kind: "edit"; claim: number; tag: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("forecast" as const),
      reader: fc.nat(READERS - 1),
      claim: fc.nat(CLAIMS - 1),
      percent: fc.integer({ min: 1, max: 99 }),
      day: fc.nat(DAYS - 1),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("resolve" as const),
      claim: fc.nat(CLAIMS - 1),
      verdict: fc.constantFrom<Verdict>("YES", "NO", "ANNULLED"),
      event: fc.nat(DAYS - 1),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("merge" as const), from: fc.nat(CLAIMS - 1), to: fc.nat(CLAIMS - 1) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("edit" as const), claim: fc.nat(CLAIMS - 1), tag: fc.boolean() }),
  },
);

interface World {
  db: Db;
  editor: Account;
  readers: Account[];
  claims: number[];
  /** One event on each day. */
  events: number[];
}

const at = <T>(list: readonly T[], i: number): T => {
  const v = list[i];
  if (v === undefined) throw new Error(`no element ${i}`);
  return v;
};

async function newWorld(): Promise<World> {
  const db = emptyDb();
  const editor = await newAccount(db, "editor");
  const readers = [];
  for (let i = 0; i < READERS; i += 1) readers.push(await newAccount(db, "reader"));
  const claims = Array.from({ length: CLAIMS }, () => makeClaim(db, { resolveBy: "2027-01-01" }));
  const events = Array.from({ length: DAYS }, (_, d) => {
    const v = { title: `Something on day ${d}`, occurredOn: day(d).toISODate() ?? "", datePrecision: "day" as const };
    const made = recordEvent(
      db,
      editor,
      { ...v, summary: null, evidenceQuote: null, evidenceUrl: null, sourceId: null },
      day(DAYS),
    );
    if (!made.ok) throw new Error(made.message);
    return made.value;
  });
  return { db, editor, readers, claims, events };
}

/** Applies one write through its service; a refusal (a closed claim, a merge of resolved claims) writes nothing. */
function apply(w: World, op: Op): void {
  const claim = (i: number) => findClaim(w.db, at(w.claims, i));
  switch (op.kind) {
    case "forecast": {
      const c = claim(op.claim);
      if (c)
        logForecast(w.db, at(w.readers, op.reader), c, { probability: op.percent / 100, reasoning: null }, day(op.day));
      return;
    }
    case "resolve": {
      const c = claim(op.claim);
      const v = {
        verdict: op.verdict,
        basis: "event" as const,
        eventIds: [at(w.events, op.event)],
        rationale: "Test.",
      };
      if (c) resolveClaim(w.db, w.editor, c, v, day(DAYS));
      return;
    }
    case "merge": {
      const [from, to] = [claim(op.from), claim(op.to)];
      if (from && to) mergeClaim(w.db, w.editor, from, to, day(DAYS));
      return;
    }
    case "edit": {
      const c = claim(op.claim);
      const v = {
        text: `${c?.text ?? ""} (edited)`.slice(0, 290),
        details: null,
        resolveBy: "2027-06-01",
        tags: op.tag ? ["red"] : [],
      };
      if (c && c.state === "published") editClaim(w.db, w.editor, c, v, day(DAYS));
      return;
    }
  }
}

describe("stored scores after any sequence of service writes (property)", () => {
  it("equal a full recomputation by the pure module after every step", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 20 }), async (ops) => {
        const w = await newWorld();
        try {
          ops.forEach((op, step) => {
            apply(w, op);
            const diff = diffStoredScores(w.db);
            assert.deepEqual(diff, [], `after step ${step} (${JSON.stringify(op)}): ${describeDifference(diff[0])}`);
          });
        } finally {
          w.db.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
