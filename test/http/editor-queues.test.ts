import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import request from "supertest";
import { ROOT } from "../../db/paths";
import { demoDb, emptyDb, rowCount } from "../support/db";
import { testApp } from "../support/app";
import { demoClaimId, demoSourceId } from "../support/demo";
import { agentAs, csrfFrom, postConfirmed, postForm } from "../support/session";

const SEED = fs.readFileSync(path.join(ROOT, "db/seed-data/2014-rumor-thread.txt"), "utf8");

describe("editor queues", () => {
  it("a reader proposes a claim; an editor approves it and it is published", async () => {
    const db = demoDb();
    const app = testApp(db);
    const reader = await agentAs(app, db, "reader");
    const res = await postForm(reader, "/claims/new", "/claims", {
      text: "Xiaomi sells a phone with Windows 11 before 2030-01-01",
      resolveBy: "2030-01-01",
    });
    const url = res.headers.location ?? "";
    assert.equal((await request(app).get(url)).status, 404, "a proposal is hidden from others");
    assert.doesNotMatch((await request(app).get("/claims?status=open")).text, /Xiaomi sells a phone with Windows 11/);
    const editor = await agentAs(app, db, "editor");
    const queue = await editor.get("/editor").expect(200);
    assert.match(queue.text, /Xiaomi sells a phone with Windows 11/);
    const id = url.split("/").at(-1);
    await editor
      .post(`/claims/${id}/approve`)
      .type("form")
      .send({ _csrf: csrfFrom(queue.text) })
      .expect(303);
    assert.match((await request(app).get("/claims?status=open")).text, /Xiaomi sells a phone with Windows 11/);
  });

  it("a reader proposes a forecast from a comment; the editor accepts it and it is scored with the quote", async () => {
    const db = demoDb();
    const app = testApp(db);
    const reader = await agentAs(app, db, "reader");
    const form = `/sources/${demoSourceId(db, "CEOs meet up in China")}/comments/12/propose`;
    const claimId = demoClaimId(db, "any device running Windows");
    const bad = await postForm(reader, form, form, {
      claimId: String(claimId),
      probability: "40",
      quote: "words nobody wrote",
    });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /Quote words that appear in the comment/);
    const ok = await postForm(reader, form, form, {
      claimId: String(claimId),
      probability: "40",
      quote: "Otherwise nobody will bites.",
    });
    assert.equal(ok.status, 303);
    const editor = await agentAs(app, db, "editor");
    const queue = await editor.get("/editor");
    const id = /action="\/editor\/proposals\/(\d+)\/accept"/.exec(queue.text)?.[1];
    await editor
      .post(`/editor/proposals/${id}/accept`)
      .type("form")
      .send({ _csrf: csrfFrom(queue.text) })
      .expect(303);
    const claim = await request(app).get(`/claims/${claimId}`);
    assert.match(claim.text, /Otherwise nobody will bites\./);
    assert.match(claim.text, /reader&#39;s forecast proposal accepted/);
  });

  it("a reader claims a commenter's handle; an editor approves; the profile says so", async () => {
    const db = demoDb();
    const app = testApp(db);
    const reader = await agentAs(app, db, "reader");
    const people = await request(app).get("/people");
    const id = /href="\/people\/(\d+)">nokia12</.exec(people.text)?.[1];
    assert.equal((await postForm(reader, `/people/${id}`, `/people/${id}/claim-handle`, {})).status, 303);
    assert.equal((await postForm(reader, `/people/${id}`, `/people/${id}/claim-handle`, {})).status, 409);
    const editor = await agentAs(app, db, "editor");
    const queue = await editor.get("/editor");
    const link = /action="\/editor\/links\/(\d+)\/approve"/.exec(queue.text)?.[1];
    await editor
      .post(`/editor/links/${link}/approve`)
      .type("form")
      .send({ _csrf: csrfFrom(queue.text) })
      .expect(303);
    assert.match((await request(app).get(`/people/${id}`)).text, /confirmed by an editor/);
    const mine = await reader.get("/me/forecasts").expect(200);
    assert.match(mine.text, /As <a href="\/people\/\d+">nokia12<\/a>/);
    assert.match(mine.text, /now MS will try to bribe xiaomi/);
  });

  it("the speculation queue: accept a candidate onto a claim, dismiss another with a reason; the thread page shows both", async () => {
    const db = demoDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const queue = await editor.get("/editor/candidates").expect(200);
    const ids = [...queue.text.matchAll(/action="\/editor\/candidates\/(\d+)\/accept[?#"]/g)].map((m) => m[1]);
    assert.ok(ids.length >= 2, "the demo leaves candidates pending");
    const token = csrfFrom(queue.text);
    const before = rowCount(db, "forecasts");
    const accepted = await postConfirmed(editor, `/editor/candidates/${ids[0]}/accept`, {
      _csrf: token,
      claimId: String(demoClaimId(db, "smartphone running Windows Phone")),
      stance: "against",
      probability: "25",
    });
    assert.equal(accepted.status, 303);
    assert.equal(rowCount(db, "forecasts"), before + 1);
    const made = db.prepare("SELECT probability, recorded_by FROM forecasts ORDER BY id DESC LIMIT 1").get() as {
      probability: number;
      recorded_by: number;
    };
    assert.equal(made.probability, 0.25, "the box is the chance of the claim: stored as typed");
    const noReason = await editor
      .post(`/editor/candidates/${ids[1]}/dismiss`)
      .type("form")
      .send({ _csrf: token, reason: "" });
    assert.equal(noReason.status, 422);
    await editor
      .post(`/editor/candidates/${ids[1]}/dismiss`)
      .type("form")
      .send({ _csrf: token, reason: "a joke" })
      .expect(303);
    const row = db
      .prepare("SELECT status, dismiss_reason, decided_by, decided_at FROM candidates WHERE id = ?")
      .get(ids[1]) as Record<string, unknown>;
    assert.equal(row.status, "dismissed");
    assert.equal(row.dismiss_reason, "a joke");
    assert.ok(row.decided_by && row.decided_at, "who and when are recorded");
    const thread = await request(app).get(`/sources/${demoSourceId(db, "CEOs meet up in China")}`);
    assert.match(thread.text, /Dismissed as a forecast by editor\d+/);
  });

  it("the import form gives the same summary as the command line, and a second paste adds nothing", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const first = await postForm(editor, "/editor/import", "/editor/import", { text: SEED, published: "2014-09-30" });
    assert.equal(first.status, 200);
    assert.match(first.text, /21 comment\(s\) added from 20 commenter\(s\)/);
    const again = await postForm(editor, "/editor/import", "/editor/import", { text: SEED });
    assert.match(again.text, /Already imported/);
    assert.match(again.text, /0 comment\(s\) added/);
    const empty = await postForm(editor, "/editor/import", "/editor/import", { text: "   \n  " });
    assert.equal(empty.status, 422);
  });

  it("an admin changes a role; the last admin cannot demote themselves", async () => {
    const db = demoDb();
    const app = testApp(db);
    const admin = await agentAs(app, db, "admin");
    const reader = await agentAs(app, db, "reader");
    const page = await admin.get("/admin/accounts").expect(200);
    const readerId = db.prepare("SELECT id FROM accounts WHERE role = 'reader'").pluck().get() as number;
    await admin
      .post(`/admin/accounts/${readerId}/role`)
      .type("form")
      .send({ _csrf: csrfFrom(page.text), role: "editor" })
      .expect(303);
    await reader.get("/editor").expect(200);
    const adminId = db.prepare("SELECT id FROM accounts WHERE role = 'admin'").pluck().get() as number;
    await admin
      .post(`/admin/accounts/${adminId}/role`)
      .type("form")
      .send({ _csrf: csrfFrom(page.text), role: "reader" })
      .expect(409);
  });

  it("accepting an already-decided candidate onto a new claim creates no claim", async () => {
    const db = demoDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const queue = await editor.get("/editor/candidates");
    const id = /action="\/editor\/candidates\/(\d+)\/accept[?#"]/.exec(queue.text)?.[1];
    const fields = {
      _csrf: csrfFrom(queue.text),
      claimId: "new",
      text: "Microsoft gives Windows 9 to Xiaomi for free before 2016-01-01",
      resolveBy: "2016-01-01",
      stance: "for",
      probability: "60",
    };
    assert.equal((await postConfirmed(editor, `/editor/candidates/${id}/accept`, fields)).status, 303);
    const claims = rowCount(db, "claims");
    const token = `new|${fields.text}|${fields.resolveBy}|0.6`;
    await editor
      .post(`/editor/candidates/${id}/accept`)
      .type("form")
      .send({ ...fields, confirm: token })
      .expect(303);
    assert.equal(rowCount(db, "claims"), claims, "the second submit left no duplicate claim");
  });

  it("an absurd page number is a 400, not a 500", async () => {
    const db = demoDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    await editor.get("/editor/candidates?page=99999999999999999999").expect(400);
  });
});
