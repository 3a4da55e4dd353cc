import assert from "node:assert/strict";
import request from "supertest";
import { insertForecast } from "../../db/forecasts";
import { findPersonByHandle } from "../../db/people";
import { findAccount } from "../../db/accounts";
import type { Db } from "../../db/connection";
import { findClaim } from "../../db/claims";
import type { Verdict } from "../../server/domain/types";
import { resolveClaim } from "../../server/services/claim-writes";
import { makeAccount } from "../support/session";
import { demoDb, TEST_NOW } from "../support/db";
import { testApp } from "../support/app";
import { demoClaimId, demoEventId } from "../support/demo";

/** Re-resolves through the service an editor's form calls, citing the 2016-06-01 patent deal. */
async function resolveAsEditor(db: Db, claimId: number, verdict: Verdict, rationale: string): Promise<void> {
  const editor = findAccount(db, (await makeAccount(db, "editor")).id);
  const claim = findClaim(db, claimId);
  assert.ok(editor && claim);
  const eventIds = [demoEventId(db, "1,500 Microsoft patents")];
  const done = resolveClaim(db, editor, claim, { verdict, basis: "event", eventIds, rationale }, TEST_NOW);
  assert.ok(done.ok);
}

// `office` is the demo's "Xiaomi preinstalls Microsoft Office …" claim: YES, known 2016-06-01.

describe("after the fact and re-resolution on a claim page", () => {
  it("a forecast made after the outcome was known is shown, marked, and not scored", async () => {
    const db = demoDb();
    const office = demoClaimId(db, "Microsoft Office");
    const app = testApp(db);
    const before = (await request(app).get("/api/leaderboard")).body.rows;
    const person = findPersonByHandle(db, "Tziggy14");
    insertForecast(db, {
      claimId: office,
      personId: person?.id ?? 0,
      probability: 0.99,
      madeAt: "2016-06-02T00:00:00.000Z",
      commentId: null,
      sourceId: null,
      quote: null,
      reasoning: "I knew it",
      recordedBy: null,
      createdAt: "2016-06-02T00:00:00.000Z",
    });
    const page = await request(app).get(`/claims/${office}`).expect(200);
    assert.match(page.text, /class="forecast after-the-fact"/);
    assert.match(page.text, /Made after the outcome was known: shown, never scored/);
    const after = (await request(app).get("/api/leaderboard")).body.rows;
    assert.deepEqual(after, before);
  });

  it("a re-resolution supersedes the old one: history stays, scores follow the new verdict", async () => {
    const db = demoDb();
    const office = demoClaimId(db, "Microsoft Office");
    const app = testApp(db);
    await resolveAsEditor(db, office, "NO", "Test re-resolution");
    const page = await request(app).get(`/claims/${office}`).expect(200);
    assert.match(page.text, /Resolution: NO/);
    assert.match(page.text, /Earlier resolutions \(1\)/);
    const rows = (await request(app).get("/api/leaderboard?min=1&tag=office")).body.rows;
    // xoxoGeorges said 70 % on a claim now resolved NO: Brier 0.49, adjusted (0.49 + 0.5) / 3 = 0.33.
    assert.deepEqual(rows, [
      {
        handle: "xoxoGeorges",
        resolved: 1,
        adjusted_brier: 0.33,
        brier: 0.49,
        log_score: -1.203973,
        peer_score: null,
        accuracy: 0,
      },
    ]);
  });

  it("an annulled claim is listed as annulled and scores nobody", async () => {
    const db = demoDb();
    const office = demoClaimId(db, "Microsoft Office");
    const app = testApp(db);
    await resolveAsEditor(db, office, "ANNULLED", "Test annulment");
    const list = await request(app).get("/claims?status=annulled").expect(200);
    assert.match(list.text, /Xiaomi preinstalls Microsoft Office/);
    assert.deepEqual((await request(app).get("/api/leaderboard?tag=office")).body.rows, []);
  });
});
