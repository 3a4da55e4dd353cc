// Defects found in review, each pinned by a test so it cannot come back.
import assert from "node:assert/strict";
import request from "supertest";
import { insertClaim } from "../../db/claims";
import { importThread } from "../../server/services/import-thread";
import { testApp } from "../support/app";
import { demoDb, rowCount, TEST_NOW } from "../support/db";
import { agentAs, csrfFrom, makeAccount, postForm } from "../support/session";

describe("review fixes", () => {
  it("an imported commenter never becomes a reader who signed up with the same name", async () => {
    const db = demoDb();
    await makeAccount(db, "reader", "rvreader");
    const summary = importThread(
      db,
      "A thread\n\nBody.\n\nsource: X\n\n1. rvreader\n\nPosts: 1; Member since: Jan 01, 2014\n\nThey will probably buy Xiaomi outright.\n",
      {},
      TEST_NOW,
    );
    const person = db
      .prepare(
        "SELECT p.handle, p.kind, p.account_id FROM comments c JOIN people p ON p.id = c.person_id WHERE c.source_id = ?",
      )
      .get(summary.sourceId);
    assert.deepEqual(person, { handle: "rvreader (commenter)", kind: "commenter", account_id: null });
    assert.ok(summary.warnings.some((w) => /shares a name with a reader account/.test(w)));
  });

  it("citing the same event twice resolves once; citing an unknown event is a 422, not a 500", async () => {
    const db = demoDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const claim = insertClaim(db, {
      text: "Example Corp ships the widget before 2020-01-01",
      details: "",
      resolveBy: "2020-01-01",
      createdAt: "2019-01-01T00:00:00.000Z",
      createdBy: null,
      tags: [],
    });
    const unknown = await postForm(editor, `/claims/${claim}/resolve`, `/claims/${claim}/resolve`, {
      verdict: "NO",
      basis: "lapse",
      eventIds: "99999",
      rationale: "It lapsed without the widget.",
    });
    assert.equal(unknown.status, 422);
    assert.match(unknown.text, /One of the cited events does not exist/);
    const twice = await postForm(editor, `/claims/${claim}/resolve`, `/claims/${claim}/resolve`, {
      verdict: "NO",
      basis: "event",
      eventIds: ["1", "1"],
      rationale: "Cited twice by mistake.",
    });
    assert.equal(twice.status, 303);
    assert.equal(
      db
        .prepare(
          "SELECT count(*) FROM resolution_events re JOIN resolutions r ON r.id = re.resolution_id WHERE r.claim_id = ?",
        )
        .pluck()
        .get(claim),
      1,
    );
  });

  it("a double-submitted resolve form adds one resolution, and the second submit says why it was refused", async () => {
    const db = demoDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const page = await editor.get("/claims/4/resolve");
    const fields = {
      _csrf: csrfFrom(page.text),
      expected: /name="expected" value="(\d*)"/.exec(page.text)?.[1] ?? "",
      verdict: "NO",
      basis: "event",
      eventIds: "3",
      rationale: "Suppose the deal fell through.",
    };
    const before = rowCount(db, "resolutions");
    await editor.post("/claims/4/resolve").type("form").send(fields).expect(303);
    const again = await editor.post("/claims/4/resolve").type("form").send(fields).expect(422);
    assert.match(again.text, /was resolved NO while the form was open/);
    assert.equal(rowCount(db, "resolutions"), before + 1);
  });

  it("a claim cannot be merged into a resolved one", async () => {
    const db = demoDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const open = insertClaim(db, {
      text: "Example Corp ships the widget before 2030-01-01",
      details: "",
      resolveBy: "2030-01-01",
      createdAt: "2026-01-01T00:00:00.000Z",
      createdBy: null,
      tags: [],
    });
    const res = await postForm(editor, `/claims/${open}`, `/claims/${open}/merge`, { targetId: "1" });
    assert.equal(res.status, 422);
    assert.match(res.text, /already resolved/);
  });

  it("accepting an already-decided candidate onto a new claim creates no claim", async () => {
    const db = demoDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const queue = await editor.get("/editor/candidates");
    const id = /action="\/editor\/candidates\/(\d+)\/accept"/.exec(queue.text)?.[1];
    const fields = {
      _csrf: csrfFrom(queue.text),
      claimId: "new",
      text: "Microsoft gives Windows 9 to Xiaomi for free before 2016-01-01",
      resolveBy: "2016-01-01",
      probability: "60",
    };
    await editor.post(`/editor/candidates/${id}/accept`).type("form").send(fields).expect(303);
    const claims = rowCount(db, "claims");
    await editor.post(`/editor/candidates/${id}/accept`).type("form").send(fields).expect(303);
    assert.equal(rowCount(db, "claims"), claims, "the second submit left no duplicate claim");
  });

  it("an absurd page number is a 400, not a 500", async () => {
    const db = demoDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    await editor.get("/editor/candidates?page=99999999999999999999").expect(400);
  });

  it("an anonymous visitor's large POST to the import form is sent to log in without being read", async () => {
    const db = demoDb();
    const res = await request(testApp(db))
      .post("/editor/import")
      .type("form")
      .send({ text: "x".repeat(5 * 1024 * 1024) });
    assert.equal(res.status, 303);
    assert.match(res.headers.location ?? "", /^\/login/);
  });
});
