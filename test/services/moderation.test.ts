import assert from "node:assert/strict";
import { findAccount } from "../../db/accounts";
import { findClaim } from "../../db/claims";
import { dataVersion } from "../../db/data-version";
import { findPerson } from "../../db/people";
import { createClaim, fileDispute } from "../../server/services/claim-writes";
import { liftSuspension, pendingOf, rejectAllPending, suspendAccount } from "../../server/services/moderation";
import { claimHandle, MAX_PENDING_HANDLE_CLAIMS } from "../../server/services/proposals";
import { emptyDb, TEST_NOW } from "../support/db";
import { makePerson, makeResolvedClaim } from "../support/factories";
import { newAccount } from "../support/session";

const claimValues = (text: string) => ({ text, details: null, resolveBy: "2028-06-01", tags: [] });

describe("moderation service", () => {
  it("suspends and lifts a reader's account, each in the audit log and the data version", async () => {
    const db = emptyDb();
    const editor = await newAccount(db, "editor");
    const reader = await newAccount(db, "reader");
    const before = dataVersion(db);
    assert.ok(suspendAccount(db, editor, reader, "Spam", TEST_NOW).ok);
    const suspended = findAccount(db, reader.id);
    assert.equal(suspended?.suspendedReason, "Spam");
    assert.ok(suspended?.suspendedAt);
    assert.ok(dataVersion(db) > before, "cached pages follow");
    assert.deepEqual(liftSuspension(db, editor, reader, TEST_NOW), {
      ok: false,
      field: "form",
      message: `${reader.username} is not suspended.`,
    });
    assert.ok(suspended && liftSuspension(db, editor, suspended, TEST_NOW).ok);
    assert.equal(findAccount(db, reader.id)?.suspendedReason, null);
    const actions = db.prepare("SELECT action FROM audit_log ORDER BY id").pluck().all();
    assert.deepEqual(actions, ["account suspended", "suspension lifted"]);
  });

  it("refuses to suspend or bulk-reject an editor's account", async () => {
    const db = emptyDb();
    const editor = await newAccount(db, "editor");
    const other = await newAccount(db, "editor");
    assert.equal(suspendAccount(db, editor, other, "No", TEST_NOW).ok, false);
    assert.equal(rejectAllPending(db, editor, other, TEST_NOW).ok, false);
    assert.equal(findAccount(db, other.id)?.suspendedReason, null);
  });

  it("rejects every pending item of one account and counts them; others' items untouched", async () => {
    const db = emptyDb();
    const editor = await newAccount(db, "editor");
    const reader = await newAccount(db, "reader");
    const other = await newAccount(db, "reader");
    const resolved = makeResolvedClaim(db).claimId;
    for (const who of [reader, other]) {
      createClaim(db, who, claimValues(`Example Corp ships a ${who.username} widget before 2028`), TEST_NOW);
      assert.ok(
        fileDispute(db, who, findClaim(db, resolved)!, { reason: "The event says no.", evidence: "x" }, TEST_NOW).ok,
      );
    }
    for (let i = 0; i < 2; i++) assert.ok(claimHandle(db, reader, findPerson(db, makePerson(db))!, TEST_NOW).ok);
    assert.deepEqual(pendingOf(db, reader.id), { claims: 1, forecastProposals: 0, handleLinks: 2, disputes: 1 });
    const done = rejectAllPending(db, editor, reader, TEST_NOW);
    assert.deepEqual(done, { ok: true, value: { claims: 1, forecastProposals: 0, handleLinks: 2, disputes: 1 } });
    assert.deepEqual(pendingOf(db, reader.id), { claims: 0, forecastProposals: 0, handleLinks: 0, disputes: 0 });
    assert.deepEqual(pendingOf(db, other.id), { claims: 1, forecastProposals: 0, handleLinks: 0, disputes: 1 });
    const answer = db.prepare("SELECT status, answer FROM disputes WHERE account_id = ?").get(reader.id);
    assert.deepEqual(answer, {
      status: "upheld",
      answer: `Rejected with everything else pending from ${reader.username}.`,
    });
  });

  it(`a reader may have at most ${MAX_PENDING_HANDLE_CLAIMS} handle link requests waiting; decided ones free a place`, async () => {
    const db = emptyDb();
    const editor = await newAccount(db, "editor");
    const reader = await newAccount(db, "reader");
    const handle = () => findPerson(db, makePerson(db))!;
    for (let i = 0; i < MAX_PENDING_HANDLE_CLAIMS; i++) assert.ok(claimHandle(db, reader, handle(), TEST_NOW).ok);
    const refused = claimHandle(db, reader, handle(), TEST_NOW);
    assert.equal(refused.ok, false);
    rejectAllPending(db, editor, reader, TEST_NOW);
    assert.ok(claimHandle(db, reader, handle(), TEST_NOW).ok, "after the editor's decision, the reader may ask again");
  });
});
