// After a refused form (422) the browser's address is the URL the form posted to. Opening that
// address again is a GET: it must lead back to the form, never to a 404 or an unrelated page
// (issue 9 #8). And an unknown address is the HTML 404 page, .csv or not, outside /api/ (#9).
import assert from "node:assert/strict";
import request from "supertest";
import { testApp } from "../support/app";
import { emptyDb } from "../support/db";
import { makeClaim, makePerson } from "../support/factories";
import { agentAs, postForm } from "../support/session";

describe("the address after a refused form", () => {
  it("the forecast form: 422 at /claims/:id/forecasts, whose GET leads back to the claim's form", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const reader = await agentAs(app, db, "reader");
    const id = makeClaim(db);
    const refused = await postForm(reader, `/claims/${id}`, `/claims/${id}/forecasts`, { probability: "0.7" });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /Enter a percent from 1 to 99 — did you mean 70 %\?/);
    assert.match(refused.text, /id="f-probability" name="probability" type="text" value="0.7" inputmode="decimal"/);
    const again = await reader.get(`/claims/${id}/forecasts`).expect(303);
    assert.equal(again.headers.location, `/claims/${id}#forecast`);
    await reader.get(again.headers.location ?? "").expect(200);
  });

  it("the claim form posts to /claims/new, the address of the form itself", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const reader = await agentAs(app, db, "reader");
    const form = await reader.get("/claims/new").expect(200);
    assert.match(form.text, /<form method="post" action="\/claims\/new"/);
    const refused = await postForm(reader, "/claims/new", "/claims/new", { text: "", resolveBy: "2030-01-01" });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /<form method="post" action="\/claims\/new"/, "the re-rendered form posts there too");
    const made = await postForm(reader, "/claims/new", "/claims/new", {
      text: "Example Corp ships the widget before 2030-01-01",
      resolveBy: "2030-01-01",
    });
    assert.equal(made.status, 303);
    assert.match(made.headers.location ?? "", /^\/claims\/\d+$/);
  });

  it("the event form posts to /events/new, the address of the form itself", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const form = await editor.get("/events/new").expect(200);
    assert.match(form.text, /<form method="post" action="\/events\/new"/);
    const refused = await postForm(editor, "/events/new", "/events/new", { title: "", occurredOn: "2019-01-01" });
    assert.equal(refused.status, 422);
    const made = await postForm(editor, "/events/new", "/events/new", {
      title: "The widget ships",
      occurredOn: "2019-01-01",
    });
    assert.equal(made.status, 303);
    assert.match(made.headers.location ?? "", /^\/events\/\d+$/);
  });

  it("every POST-only path answers GET with its form's page", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const admin = await agentAs(app, db, "admin");
    const claim = makeClaim(db);
    const person = makePerson(db);
    const cases: [string, string][] = [
      [`/claims/${claim}/merge`, `/claims/${claim}#merge`],
      [`/claims/${claim}/approve`, `/claims/${claim}`],
      [`/people/${person}/claim-handle`, `/people/${person}`],
      ["/editor/candidates/1/accept", "/editor/candidates"],
      ["/editor/candidates/1/dismiss", "/editor/candidates"],
      ["/editor/disputes/1/uphold", "/editor"],
      ["/admin/accounts/1/role", "/admin/accounts"],
      ["/logout", "/"],
    ];
    for (const [path, target] of cases) {
      const res = await admin.get(path);
      assert.equal(res.status, 303, path);
      assert.equal(res.headers.location, target, path);
    }
    // Paths with their own GET page keep it.
    await admin.get(`/claims/${claim}/resolve`).expect(200);
    await admin.get(`/claims/${claim}/disputes`).expect(200);
    await admin.get("/signup").expect(200);
  });

  it("a POST-only path with a malformed id is the 404 page, not a redirect", async () => {
    const app = testApp(emptyDb());
    const res = await request(app).get("/claims/abc/forecasts").expect(404);
    assert.match(res.headers["content-type"] ?? "", /text\/html/);
  });
});

describe("unknown addresses", () => {
  const app = testApp(emptyDb());

  it("answer the HTML 404 page, with or without .csv", async () => {
    for (const path of ["/people/17.csv", "/nothing.csv", "/claims/1/export.csv", "/no/such/page"]) {
      const res = await request(app).get(path).expect(404);
      assert.match(res.headers["content-type"] ?? "", /text\/html/, path);
      assert.match(res.text, /<h1>404 · Not found<\/h1>/, path);
    }
  });

  it("under /api/ answer JSON, and the board's CSV export keeps its JSON errors", async () => {
    const api = await request(app).get("/api/nothing").expect(404);
    assert.match(api.headers["content-type"] ?? "", /application\/json/);
    assert.match(api.body.error, /There is no page at \/api\/nothing/);
    const csv = await request(app).get("/leaderboard.csv?min=abc").expect(400);
    assert.match(csv.headers["content-type"] ?? "", /application\/json/);
    assert.match(csv.body.details.join(" "), /min must be a whole number/);
  });
});
