// Editors' moderation on a reader's person page: suspend (writes refused with the reason), lift,
// and reject everything the account has pending; each is in the audit log.
import assert from "node:assert/strict";
import type { Db } from "../../db/connection";
import { findAccount } from "../../db/accounts";
import { testApp } from "../support/app";
import { emptyDb, rowCount } from "../support/db";
import { makeClaim, makePerson, makeResolvedClaim, makeThread } from "../support/factories";
import { changedTables, signedIn, snapshot, postWithToken } from "../support/session";

const post = postWithToken;

const personOf = (db: Db, accountId: number) => findAccount(db, accountId)?.personId ?? 0;

function auditActions(db: Db): string[] {
  return db.prepare("SELECT action FROM audit_log ORDER BY id").pluck().all() as string[];
}

describe("moderation", () => {
  it("an editor suspends a reader: every write is refused with the reason, reading and logging out still work", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const claim = makeClaim(db);
    const resolved = makeResolvedClaim(db).claimId;
    const commenter = makePerson(db);
    const reader = await signedIn(app, db, "reader");
    const editor = await signedIn(app, db, "editor");
    const page = await editor.agent.get(`/people/${personOf(db, reader.id)}`);
    assert.match(page.text, /Moderation of the account/);
    assert.match(page.text, /Suspend this account/);

    const short = await post(editor.agent, `/people/${personOf(db, reader.id)}/suspend`, { reason: "x" });
    assert.equal(short.status, 422);
    assert.match(short.text, /The reason needs at least 5 characters/);
    const done = await post(editor.agent, `/people/${personOf(db, reader.id)}/suspend`, {
      reason: "Flooding the claims queue",
    });
    assert.equal(done.status, 303);
    assert.ok(auditActions(db).includes("account suspended"));
    const admin = await signedIn(app, db, "admin");
    assert.match(
      (await admin.agent.get("/admin/accounts")).text,
      new RegExp(`${reader.username}</a> <span class="badge">suspended`),
    );

    const writes: [string, Record<string, string>][] = [
      [`/claims/${claim}/forecasts`, { probability: "70" }],
      ["/claims", { text: "Example Corp ships a red widget before 2028", resolveBy: "2028-06-01", tags: "" }],
      [`/claims/${resolved}/disputes`, { reason: "The event says the opposite.", evidence: "https://example.com" }],
      [`/people/${commenter}/claim-handle`, {}],
      [
        `/sources/${makeThread(db)}/comments/1/propose`,
        { claimId: String(claim), probability: "60", quote: "probably buy" },
      ],
      ["/me/settings", { timeZone: "Europe/Berlin" }],
    ];
    const made = snapshot(db); // the thread above is the test's own row
    for (const [path, fields] of writes) {
      const res = await post(reader.agent, path, fields);
      assert.equal(res.status, 403, path);
      assert.match(res.text, /An editor suspended your account/);
      assert.match(res.text, /Flooding the claims queue/);
      assert.match(res.text, /Nothing was saved/);
    }
    // (The session's cookie expiry rolls forward on every request: that is not the account writing.)
    const changed = changedTables(made, snapshot(db)).filter((t) => t !== "sessions");
    assert.deepEqual(changed, [], "nothing written by the suspended account");
    assert.equal((await reader.agent.get(`/claims/${claim}`)).status, 200, "reading works");
    const mine = await reader.agent.get("/me/forecasts");
    assert.match(mine.text, /An editor suspended your account: <strong>Flooding the claims queue<\/strong>/);

    // Lifting the suspension lets the reader write again.
    assert.equal((await post(editor.agent, `/people/${personOf(db, reader.id)}/unsuspend`)).status, 303);
    assert.ok(auditActions(db).includes("suspension lifted"));
    assert.equal((await post(reader.agent, `/claims/${claim}/forecasts`, { probability: "70" })).status, 303);
    assert.equal((await post(reader.agent, "/logout")).status, 303);
  });

  it("a suspended reader can still log out", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const reader = await signedIn(app, db, "reader");
    const editor = await signedIn(app, db, "editor");
    await post(editor.agent, `/people/${personOf(db, reader.id)}/suspend`, { reason: "Spam links" });
    assert.equal((await post(reader.agent, "/logout")).status, 303);
    assert.equal((await reader.agent.get("/me/forecasts")).status, 303, "signed out");
  });

  it("only readers are suspended; readers cannot moderate", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await signedIn(app, db, "editor");
    const other = await signedIn(app, db, "editor");
    const res = await post(editor.agent, `/people/${personOf(db, other.id)}/suspend`, { reason: "Not allowed here" });
    assert.equal(res.status, 422);
    assert.match(res.text, /only a reader&#39;s account can be suspended/);
    assert.equal(findAccount(db, other.id)?.suspendedReason, null);
    const reader = await signedIn(app, db, "reader");
    const byReader = await post(reader.agent, `/people/${personOf(db, editor.id)}/suspend`, { reason: "Revenge!!" });
    assert.equal(byReader.status, 403);
  });

  it("rejects in bulk everything pending from one account, and only from it", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const claim = makeClaim(db);
    const resolved = makeResolvedClaim(db).claimId;
    const source = makeThread(db);
    const flooder = await signedIn(app, db, "reader");
    const bystander = await signedIn(app, db, "reader");
    const editor = await signedIn(app, db, "editor");
    for (const who of [flooder, bystander]) {
      const text = `Example Corp ships widget ${who.username} before 2028`;
      assert.equal((await post(who.agent, "/claims", { text, resolveBy: "2028-06-01", tags: "" })).status, 303);
      const proposal = { claimId: String(claim), probability: "70", quote: "probably buy it" };
      assert.equal((await post(who.agent, `/sources/${source}/comments/1/propose`, proposal)).status, 303);
      const dispute = { reason: "The event says the opposite.", evidence: "https://example.com/a" };
      assert.equal((await post(who.agent, `/claims/${resolved}/disputes`, dispute)).status, 303);
      assert.equal((await post(who.agent, `/people/${makePerson(db)}/claim-handle`)).status, 303);
    }
    // The editors' queues link each reader's name to the page with these controls.
    const queues = await editor.agent.get("/editor");
    const links = queues.text.split(`href="/people/${personOf(db, flooder.id)}"`).length - 1;
    assert.equal(links, 3, "the proposal, the dispute and the link request name the reader with a link");
    const page = await editor.agent.get(`/people/${personOf(db, flooder.id)}`);
    assert.match(page.text, /Reject all 4 pending item\(s\)/);

    const res = await post(editor.agent, `/people/${personOf(db, flooder.id)}/reject-pending`);
    assert.equal(res.status, 303);
    const flash = await editor.agent.get(res.headers.location ?? "/");
    assert.match(
      flash.text,
      /1 proposed claim\(s\), 1 forecast proposal\(s\), 1 handle link request\(s\), 1 dispute\(s\)/,
    );

    const states = (table: string, status: string, who: string, id: number) =>
      db.prepare(`SELECT ${status} FROM ${table} WHERE ${who} = ?`).pluck().all(id);
    assert.deepEqual(states("claims", "state", "created_by", flooder.id), ["rejected"]);
    assert.deepEqual(states("forecast_proposals", "status", "proposed_by", flooder.id), ["rejected"]);
    assert.deepEqual(states("handle_links", "status", "account_id", flooder.id), ["rejected"]);
    assert.deepEqual(states("disputes", "status", "account_id", flooder.id), ["upheld"]);
    // The other reader's items still wait.
    assert.deepEqual(states("claims", "state", "created_by", bystander.id), ["proposed"]);
    assert.deepEqual(states("forecast_proposals", "status", "proposed_by", bystander.id), ["pending"]);
    assert.deepEqual(states("handle_links", "status", "account_id", bystander.id), ["pending"]);
    assert.deepEqual(states("disputes", "status", "account_id", bystander.id), ["open"]);
    assert.ok(auditActions(db).includes("pending items rejected in bulk"));
    assert.equal(rowCount(db, "forecasts"), 0, "nothing rejected became a forecast");
    const after = await editor.agent.get(`/people/${personOf(db, flooder.id)}`);
    assert.doesNotMatch(after.text, /Reject all/);
  });
});
