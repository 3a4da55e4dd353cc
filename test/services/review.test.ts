import assert from "node:assert/strict";
import { findCandidate, listCandidates, type Candidate } from "../../db/candidates";
import type { Db } from "../../db/connection";
import { acceptCandidateOnto } from "../../server/services/review";
import { demoDb, TEST_NOW } from "../support/db";
import { rowCounts } from "../support/db";
import { makeClaim } from "../support/factories";
import { newAccount } from "../support/session";

const NEW_CLAIM = {
  text: "Xiaomi sells a Windows phone in Europe before 2028-01-01",
  details: null,
  resolveBy: "2028-01-01",
  tags: ["xiaomi"],
};
const TABLES = ["claims", "claim_tags", "forecasts", "candidates", "audit_log"] as const;

function pending(db: Db): Candidate {
  const first = listCandidates(db, { status: "pending" })[0];
  assert.ok(first, "the demo has pending candidates");
  return first;
}

describe("review service: acceptCandidateOnto", () => {
  it("creates the new claim and the forecast on it together", async () => {
    const db = demoDb();
    const editor = await newAccount(db, "editor");
    const candidate = pending(db);
    const before = rowCounts(db, ["claims", "forecasts"]);
    const done = acceptCandidateOnto(
      db,
      editor,
      candidate,
      { claimId: null, newClaim: NEW_CLAIM, probability: 0.3 },
      TEST_NOW,
    );
    assert.ok(done.ok);
    assert.equal(done.value.text, NEW_CLAIM.text);
    const after = rowCounts(db, ["claims", "forecasts"]);
    assert.equal(after.claims, (before.claims ?? 0) + 1);
    assert.equal(after.forecasts, (before.forecasts ?? 0) + 1);
    const accepted = findCandidate(db, candidate.id);
    assert.equal(accepted?.status, "accepted");
    const forecast = db
      .prepare("SELECT claim_id AS c, probability AS p FROM forecasts WHERE id = ?")
      .get(accepted.forecastId);
    assert.deepEqual(forecast, { c: done.value.id, p: 0.3 });
  });

  it("leaves no claim behind when the forecast is refused (candidate already decided)", async () => {
    const db = demoDb();
    const editor = await newAccount(db, "editor");
    const candidate = pending(db);
    assert.ok(
      acceptCandidateOnto(db, editor, candidate, { claimId: makeClaim(db), newClaim: null, probability: 0.6 }, TEST_NOW)
        .ok,
    );
    const decided = findCandidate(db, candidate.id);
    assert.ok(decided);
    const before = rowCounts(db, TABLES);
    const done = acceptCandidateOnto(
      db,
      editor,
      decided,
      { claimId: null, newClaim: NEW_CLAIM, probability: 0.3 },
      TEST_NOW,
    );
    assert.deepEqual(done, { ok: false, field: "form", message: "This candidate was already decided." });
    assert.deepEqual(rowCounts(db, TABLES), before);
  });

  it("leaves no claim behind when the new claim cannot take the forecast (not published)", async () => {
    const db = demoDb();
    // A reader's new claim is only proposed, and a forecast needs a published claim.
    const reader = await newAccount(db, "reader");
    const before = rowCounts(db, TABLES);
    const done = acceptCandidateOnto(
      db,
      reader,
      pending(db),
      { claimId: null, newClaim: NEW_CLAIM, probability: 0.3 },
      TEST_NOW,
    );
    assert.deepEqual(done, { ok: false, field: "claimId", message: "Attach it to a published claim." });
    assert.deepEqual(rowCounts(db, TABLES), before);
    assert.equal(db.prepare("SELECT count(*) FROM claims WHERE text = ?").pluck().get(NEW_CLAIM.text), 0);
  });

  it("refuses a claim that does not exist", async () => {
    const db = demoDb();
    const editor = await newAccount(db, "editor");
    const done = acceptCandidateOnto(
      db,
      editor,
      pending(db),
      { claimId: 999999, newClaim: null, probability: 0.3 },
      TEST_NOW,
    );
    assert.deepEqual(done, { ok: false, field: "claimId", message: "Choose a claim, or write a new one" });
  });
});
