// Every write that can change a score keeps the stored scores (docs/decisions/0003) equal to a full
// recomputation by the pure scoring module, in the same transaction. One test per write service.
import assert from "node:assert/strict";
import request from "supertest";
import type { Account } from "../../db/accounts";
import { candidatesForSource } from "../../db/candidates";
import { findClaim } from "../../db/claims";
import { openDb, type Db } from "../../db/connection";
import { findCommentBySiteNumber } from "../../db/comments";
import { findEvent } from "../../db/events";
import { findForecast } from "../../db/forecasts";
import { findForecastProposal } from "../../db/proposals";
import type { Verdict } from "../../server/domain/types";
import { mergeClaim, resolveClaim } from "../../server/services/claim-writes";
import { correctForecast, withdrawForecast } from "../../server/services/corrections";
import { editEvent } from "../../server/services/events";
import { importThread } from "../../server/services/import-thread";
import { loadDataset } from "../../server/services/load-dataset";
import { proposeForecast } from "../../server/services/proposals";
import { acceptCandidateOnto, decideProposal } from "../../server/services/review";
import { diffStoredScores } from "../../server/services/stored-scores";
import { testApp } from "../support/app";
import { demoDb, emptyDb, TEST_NOW } from "../support/db";
import { demoClaimId, demoEventId } from "../support/demo";
import { makeClaim } from "../support/factories";
import { newAccount } from "../support/session";

function resolve(db: Db, editor: Account, claimId: number, verdict: Verdict): void {
  const claim = findClaim(db, claimId);
  assert.ok(claim);
  const eventIds = [demoEventId(db, "1,500 Microsoft patents")];
  const done = resolveClaim(db, editor, claim, { verdict, basis: "event", eventIds, rationale: "Test." }, TEST_NOW);
  assert.ok(done.ok);
}

// A thread from 2015, so a forecast taken from it lands before the Office claim's known-at (2016-06-01).
const THREAD = `Xiaomi and Office

An article.

source: Other News

1. early_bird

Posts: 3; Member since: Jan 01, 2015

Office will be on every Xiaomi phone for sure.
`;

describe("writes keep the stored scores current", () => {
  it("resolving, re-resolving and annulling", async () => {
    const db = demoDb();
    const editor = await newAccount(db, "editor");
    const office = demoClaimId(db, "Microsoft Office");
    for (const verdict of ["NO", "YES", "ANNULLED", "NO"] as const) {
      resolve(db, editor, office, verdict);
      assert.deepEqual(diffStoredScores(db), [], `after ${verdict}`);
    }
  });

  it("taking a forecast from a comment onto an already resolved claim", async () => {
    const db = demoDb();
    const editor = await newAccount(db, "editor");
    const { sourceId } = importThread(db, THREAD, { published: "2015-03-01" }, TEST_NOW);
    const [candidate] = candidatesForSource(db, sourceId);
    assert.ok(candidate);
    const target = { claimId: demoClaimId(db, "Microsoft Office"), newClaim: null, probability: 0.9 };
    assert.ok(acceptCandidateOnto(db, editor, candidate, target, TEST_NOW).ok);
    assert.deepEqual(diffStoredScores(db), []);
    const stored = db.prepare("SELECT count(*) FROM forecast_scores WHERE claim_id = ?").pluck().get(target.claimId);
    assert.equal(stored, 2, "xoxoGeorges and the new commenter are both counted");
  });

  it("accepting a reader's proposed forecast onto an already resolved claim", async () => {
    const db = demoDb();
    const [reader, editor] = [await newAccount(db, "reader"), await newAccount(db, "editor")];
    const { sourceId } = importThread(db, THREAD, { published: "2015-03-01" }, TEST_NOW);
    const comment = findCommentBySiteNumber(db, sourceId, "1");
    assert.ok(comment);
    const v = { claimId: demoClaimId(db, "Microsoft Office"), probability: 0.8, quote: "Office will be on every" };
    const proposed = proposeForecast(db, reader, comment, v, TEST_NOW);
    assert.ok(proposed.ok);
    const proposal = findForecastProposal(db, proposed.value);
    assert.ok(proposal);
    assert.ok(decideProposal(db, editor, proposal, "accept", TEST_NOW).ok);
    assert.deepEqual(diffStoredScores(db), []);
  });

  it("merging claims", async () => {
    const db = demoDb();
    const editor = await newAccount(db, "editor");
    const [from, to] = [findClaim(db, makeClaim(db)), findClaim(db, makeClaim(db))];
    assert.ok(from && to);
    assert.ok(mergeClaim(db, editor, from, to, TEST_NOW).ok);
    assert.deepEqual(diffStoredScores(db), []);
  });

  it("correcting and withdrawing a forecast read from a comment", async () => {
    const db = demoDb();
    const editor = await newAccount(db, "editor");
    const scored = () =>
      db
        .prepare(
          `SELECT f.id FROM forecasts f JOIN forecast_scores s ON s.forecast_id = f.id
           WHERE f.comment_id IS NOT NULL ORDER BY f.id`,
        )
        .pluck()
        .all() as number[];
    const [first, second] = scored();
    const [a, b] = [first && findForecast(db, first), second && findForecast(db, second)];
    assert.ok(a && b, "the demo has counted forecasts read from comments");
    assert.ok(
      correctForecast(db, editor, a, { probability: a.probability > 0.5 ? 0.2 : 0.8, reason: "test" }, TEST_NOW).ok,
    );
    assert.deepEqual(diffStoredScores(db), []);
    assert.ok(withdrawForecast(db, editor, b, "test", TEST_NOW).ok);
    assert.deepEqual(diffStoredScores(db), []);
    assert.ok(!scored().includes(b.id), "a withdrawn forecast has no stored score");
  });

  it("correcting the date of an event that resolutions cite", async () => {
    const db = demoDb();
    const editor = await newAccount(db, "editor");
    const event = findEvent(db, demoEventId(db, "1,500 Microsoft patents"));
    assert.ok(event);
    const fields = { ...event, summary: event.summary || null, reason: "test" };
    const moved = editEvent(db, editor, event, { ...fields, occurredOn: "2014-01-01" }, TEST_NOW);
    assert.ok(moved.ok);
    assert.ok(moved.value.rescored.length > 0, "the demo resolves claims on this event");
    assert.deepEqual(diffStoredScores(db), []);
  });

  it("loading a dataset", () => {
    const db = emptyDb();
    loadDataset(
      db,
      {
        claims: [{ key: "c", text: "Example Corp ships the widget before 2020-01-01", resolveBy: "2020-01-01" }],
        forecasts: [
          { claim: "c", person: "ann", probability: 0.8, madeAt: "2019-01-01" },
          { claim: "c", person: "bob", probability: 0.3, madeAt: "2019-01-01" },
        ],
        resolutions: [{ claim: "c", verdict: "YES", basis: "lapse", rationale: "It shipped." }],
      },
      TEST_NOW,
    );
    assert.deepEqual(diffStoredScores(db), []);
    const board = db.prepare("SELECT adjusted_brier FROM person_scores ORDER BY adjusted_brier").pluck().all();
    // ann: (0.04 + 0.5) / 3 = 0.18; bob: (0.49 + 0.5) / 3 = 0.33.
    assert.deepEqual(
      board.map((b) => Math.round((b as number) * 1e9) / 1e9),
      [0.18, 0.33],
    );
  });

  it("a write by another process (a CLI, say) through a service shows on the next request", async () => {
    const db = demoDb();
    const app = testApp(db);
    const row = async () =>
      ((await request(app).get("/api/leaderboard")).body.rows as { handle: string; brier: number }[]).find(
        (r) => r.handle === "xoxoGeorges",
      );
    assert.equal((await row())?.brier, 0.17);
    const other = openDb(db.name);
    resolve(other, await newAccount(other, "editor"), demoClaimId(other, "Microsoft Office"), "NO");
    other.close();
    // xoxoGeorges: 70 % on Office (now NO, Brier 0.49) and 85 % on a YES claim (0.0225): mean 0.37.
    assert.equal((await row())?.brier, 0.37);
  });
});
