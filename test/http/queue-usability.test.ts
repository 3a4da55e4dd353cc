// What the walkthrough of the editor's pages found (issue "queue"): "+ a new claim" chosen with nothing
// written says where to write it, with the section open; a saved forecast says so at the top with a
// link to its claim, and the page lands on that message; the import form keeps what was typed (an
// invalid date too, in a plain box beside its error) and names the file to choose again.
import assert from "node:assert/strict";
import http from "node:http";
import { candidatesForSource, findCandidate } from "../../db/candidates";
import type { Db } from "../../db/connection";
import { importThread } from "../../server/services/import-thread";
import { testApp } from "../support/app";
import { emptyDb, TEST_NOW } from "../support/db";
import { makeClaim } from "../support/factories";
import { agentAs, csrfFrom, decodeEntities, fieldError, fieldValue, snapshot } from "../support/session";

/** A thread with one comment saying `sentence`; returns the candidate found in it. */
let threads = 0;
function commentSaying(db: Db, sentence: string, handle = "skeptic_joe"): number {
  threads += 1;
  const text = `Cars #${threads}\n\nAn article.\n\nsource: Other News\n\n1. ${handle}\n\nPosts: 3; Member since: Jan 01, 2015\n\n${sentence}\n`;
  const { sourceId } = importThread(db, text, { published: "2015-03-01" }, TEST_NOW);
  const [candidate] = candidatesForSource(db, sourceId);
  assert.ok(candidate);
  return candidate.id;
}

describe("the speculation queue after the walkthrough", () => {
  it("“+ a new claim” chosen with nothing written: the message says where to write it, the section is open, nothing saved", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    makeClaim(db);
    const id = commentSaying(db, "They will never sell a car in Europe.");
    const token = csrfFrom((await editor.get("/editor/candidates").expect(200)).text);
    const before = snapshot(db);
    const res = await editor
      .post(`/editor/candidates/${id}/accept`)
      .type("form")
      .send({ _csrf: token, claimId: "new", text: "", resolveBy: "2030-13-45", stance: "against", probability: "10" })
      .expect(422);
    assert.deepEqual(snapshot(db), before);
    const html = decodeEntities(res.text);
    const message = "You chose “+ a new claim”: write it under “New claim”, with its resolve-by date.";
    assert.ok(html.includes(`<p class="error-msg" id="c${id}-text-err">${message}</p>`), "beside the claim box");
    assert.ok(html.includes(`(comment 1)</a>: ${message}`), "in the summary at the top");
    assert.match(html, /<details class="new-claim" open><summary>New claim/);
    assert.match(html, /<option value="new" selected>/);
    assert.doesNotMatch(html, /Choose a claim, or write a new one/);
    // The invalid date comes back as typed, in a plain box (a date box would show it empty).
    assert.match(html, new RegExp(`<input id="c${id}-resolveBy" name="resolveBy" type="text" value="2030-13-45"`));
  });

  it("a saved forecast: the flash says it with a link to the claim, and the page lands on it, not on the gone card", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const claimId = makeClaim(db, { text: "Xiaomi sells a car before 2025-01-01", resolveBy: "2025-01-01" });
    const id = commentSaying(db, "No way they sell a car before 2025.");
    const next = commentSaying(db, "They will probably sell a car.", "optimist_ann");
    const fields = {
      _csrf: csrfFrom((await editor.get("/editor/candidates").expect(200)).text),
      claimId: String(claimId),
      stance: "against",
      probability: "10",
    };
    const action = `/editor/candidates/${id}/accept#card-${id}`;
    const shown = await editor.post(action).type("form").send(fields).expect(200);
    const confirm = decodeEntities(/name="confirm" value="([^"]*)"/.exec(shown.text)?.[1] ?? "");
    const saved = await editor
      .post(action)
      .type("form")
      .send({ ...fields, confirm })
      .expect(303);
    // A Location without a fragment would inherit the form's #card-N, a card no longer on the page.
    assert.equal(saved.headers.location, "/editor/candidates#flash");
    assert.ok(findCandidate(db, id)?.forecastId);
    const page = decodeEntities((await editor.get("/editor/candidates").expect(200)).text);
    assert.ok(
      page.includes(
        `<p class="flash" id="flash" role="status">Forecast saved: skeptic_joe, 10% that “Xiaomi sells a car before 2025-01-01”. <a href="/claims/${claimId}">See the claim</a></p>`,
      ),
    );
    assert.ok(page.includes(`id="card-${next}"`) && !page.includes(`id="card-${id}"`));
    // Shown once.
    assert.doesNotMatch((await editor.get("/editor/candidates").expect(200)).text, /class="flash"/);
  });

  it("a dismissal lands on its message too", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const id = commentSaying(db, "They will probably sell a car.");
    const token = csrfFrom((await editor.get("/editor/candidates").expect(200)).text);
    const res = await editor
      .post(`/editor/candidates/${id}/dismiss#card-${id}`)
      .type("form")
      .send({ _csrf: token, reason: "a joke" })
      .expect(303);
    assert.equal(res.headers.location, "/editor/candidates#flash");
  });
});

describe("the import form after a mistake", () => {
  async function editorOnImport() {
    const db = emptyDb();
    const agent = await agentAs(http.createServer(testApp(db)), db, "editor");
    const token = csrfFrom((await agent.get("/editor/import").expect(200)).text);
    return { db, agent, token };
  }

  it("keeps what was typed, an invalid date as typed beside its error, and names the file to choose again", async () => {
    const { db, agent, token } = await editorOnImport();
    const before = snapshot(db);
    const thread = "Cars\n\nAn article.\n\n1. someone\n\nPosts: 3\n\nThey will probably sell a car.\n";
    const res = await agent
      .post("/editor/import")
      .field("_csrf", token)
      .field("title", "My title")
      .field("url", "not a url")
      .field("published", "2014-02-30")
      .attach("file", Buffer.from(thread), "cars-thread.txt")
      .expect(422);
    assert.deepEqual(snapshot(db), before);
    assert.equal(fieldValue(res.text, "title"), "My title");
    assert.equal(fieldValue(res.text, "url"), "not a url");
    assert.equal(fieldValue(res.text, "published"), "2014-02-30");
    assert.match(res.text, /<input id="f-published" name="published" type="text"/);
    assert.ok(fieldError(res.text, "published"));
    assert.match(
      decodeEntities(res.text),
      /<p class="notice" id="f-file-again">Choose the file again \(browsers do not keep it\): <strong><bdi>cars-thread\.txt<\/bdi><\/strong><\/p>/,
    );
    assert.match(res.text, /aria-describedby="f-file-hint f-file-again"/);
  });

  it("a pasted thread: no file to name; a good date stays a date box", async () => {
    const { agent, token } = await editorOnImport();
    const res = await agent
      .post("/editor/import")
      .field("_csrf", token)
      .field("text", "Cars\n\nAn article.\n\n1. someone\n\nPosts: 3\n\nThey will probably sell a car.\n")
      .field("url", "not a url")
      .field("published", "2014-02-03")
      .expect(422);
    assert.doesNotMatch(res.text, /f-file-again/);
    assert.match(res.text, /<input id="f-published" name="published" type="date" value="2014-02-03"/);
  });
});
