// The accept form states the forecast in words before saving and refuses a stance that contradicts
// the number; editors correct forecasts, events and dismissals through forms that say why, and the
// board follows. Bad input is answered with a message beside the field and changes nothing.
import assert from "node:assert/strict";
import request from "supertest";
import { candidatesForSource, findCandidate } from "../../db/candidates";
import type { Db } from "../../db/connection";
import { importThread } from "../../server/services/import-thread";
import { testApp } from "../support/app";
import { emptyDb, TEST_NOW } from "../support/db";
import { makeClaim, makeResolvedClaim } from "../support/factories";
import { agentAs, csrfFrom, decodeEntities, snapshot, type Agent } from "../support/session";

let threads = 0;
/** A thread of 2015 with one comment by a new commenter; returns the candidate found in it. */
function commentSaying(db: Db, sentence: string): { candidateId: number; handle: string } {
  threads += 1;
  const handle = `skeptic_joe${threads}`;
  const text = `Cars #${threads}\n\nAn article.\n\nsource: Other News\n\n1. ${handle}\n\nPosts: 3; Member since: Jan 01, 2015\n\n${sentence}\n`;
  const { sourceId } = importThread(db, text, { published: "2015-03-01" }, TEST_NOW);
  const [candidate] = candidatesForSource(db, sourceId);
  assert.ok(candidate);
  return { candidateId: candidate.id, handle };
}

async function queueToken(editor: Agent): Promise<string> {
  return csrfFrom((await editor.get("/editor/candidates").expect(200)).text);
}

const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " "));

/** The leaderboard CSV's row for a handle, or undefined when the handle is not on the board. */
async function boardRow(app: ReturnType<typeof testApp>, handle: string): Promise<string | undefined> {
  const csv = (await request(app).get("/leaderboard.csv?min=1").expect(200)).text;
  return csv.split("\n").find((line) => line.startsWith(`${handle},`));
}

describe("accepting speculation: the number is the claim's chance, said in words before it is saved", () => {
  it("a negated comment on a positive claim: prefilled below 50 %, “against”, stated, then stored as shown", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const claimId = makeClaim(db, { text: "Xiaomi sells a car before 2025-01-01", resolveBy: "2025-01-01" });
    const { candidateId, handle } = commentSaying(db, "No way they sell a car before 2025.");
    const queue = (await editor.get("/editor/candidates").expect(200)).text;
    assert.match(queue, new RegExp(`id="c${candidateId}-probability" name="probability" type="text" value="10"`));
    assert.match(queue, /name="stance" value="against" checked/);
    const action = `/editor/candidates/${candidateId}/accept`;
    const fields = { _csrf: csrfFrom(queue), claimId: String(claimId), stance: "against", probability: "10" };
    const before = snapshot(db);
    const shown = await editor.post(action).type("form").send(fields).expect(200);
    assert.match(
      text(shown.text),
      new RegExp(`Check before saving: ${handle}: 10% that Xiaomi sells a car before 2025-01-01`),
    );
    assert.deepEqual(snapshot(db), before, "nothing is saved before the editor has read it");
    const token = decodeEntities(/name="confirm" value="([^"]*)"/.exec(shown.text)?.[1] ?? "");
    // A form changed after the statement is stated again, not saved.
    await editor
      .post(action)
      .type("form")
      .send({ ...fields, probability: "20", confirm: token })
      .expect(200);
    assert.deepEqual(snapshot(db), before);
    const saved = await editor
      .post(action)
      .type("form")
      .send({ ...fields, confirm: token })
      .expect(303);
    assert.match(decodeURIComponent(saved.headers.location ?? ""), /^\/editor\/candidates/);
    const forecastId = findCandidate(db, candidateId)?.forecastId;
    const stored = db.prepare("SELECT probability FROM forecasts WHERE id = ?").pluck().get(forecastId);
    assert.equal(stored, 0.1);
  });

  it("refuses a stance that contradicts the number, at the top of the page and beside the card, writing nothing", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const claimId = makeClaim(db, { text: "Xiaomi sells a car before 2025-01-01", resolveBy: "2025-01-01" });
    const { candidateId } = commentSaying(db, "No way they sell a car before 2025.");
    const token = await queueToken(editor);
    const before = snapshot(db);
    const res = await editor
      .post(`/editor/candidates/${candidateId}/accept`)
      .type("form")
      .send({ _csrf: token, claimId: String(claimId), stance: "against", probability: "90" })
      .expect(422);
    assert.deepEqual(snapshot(db), before);
    const message = "90 % says the claim will happen, but you chose “against it” \\(below 50 %\\)";
    assert.match(decodeEntities(res.text), new RegExp(`role="alert">[^]*href="#card-${candidateId}"[^]*${message}`));
    assert.match(decodeEntities(res.text), new RegExp(`id="c${candidateId}-probability-err">${message}`));
    assert.match(res.text, new RegExp(`action="/editor/candidates/${candidateId}/accept#card-${candidateId}"`));
  });

  it("a new claim written while the list says “choose a claim” is the claim used; an empty form says so beside the card with the section open", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    makeClaim(db);
    const { candidateId } = commentSaying(db, "They will never sell a car in Europe.");
    const token = await queueToken(editor);
    const action = `/editor/candidates/${candidateId}/accept`;
    const empty = await editor
      .post(action)
      .type("form")
      .send({ _csrf: token, claimId: "", stance: "against", probability: "10", resolveBy: "2030-01-01" })
      .expect(422);
    assert.match(decodeEntities(empty.text), /Choose a claim, or write a new one/);
    assert.match(empty.text, /<details class="new-claim" open><summary>New claim/);
    const fields = {
      _csrf: token,
      claimId: "",
      text: "Xiaomi sells a car in Europe before 2030-01-01",
      resolveBy: "2030-01-01",
      stance: "against",
      probability: "10",
    };
    const shown = await editor.post(action).type("form").send(fields).expect(200);
    assert.match(text(shown.text), /10% that Xiaomi sells a car in Europe before 2030-01-01/);
    const confirm = decodeEntities(/name="confirm" value="([^"]*)"/.exec(shown.text)?.[1] ?? "");
    await editor
      .post(action)
      .type("form")
      .send({ ...fields, confirm })
      .expect(303);
    const claim = db.prepare("SELECT id FROM claims WHERE text = ?").pluck().get(fields.text);
    assert.ok(claim, "the written claim was created");
    assert.equal(db.prepare("SELECT probability FROM forecasts WHERE claim_id = ?").pluck().get(claim), 0.1);
  });

  it("every element id on the queue is unique, whatever the number of cards", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    makeClaim(db);
    for (let i = 0; i < 3; i++) commentSaying(db, "They will probably sell a car.");
    const html = (await editor.get("/editor/candidates").expect(200)).text;
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(ids.length > 10);
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
    );
    for (const m of html.matchAll(/<label for="([^"]+)"/g)) assert.ok(ids.includes(m[1]), `label for ${m[1]}`);
  });
});

/** A claim resolved YES on 2019-05-01, with a forecast of 90 % taken from a 2015 comment. */
async function takenForecast(
  db: Db,
  editor: Agent,
): Promise<{ claimId: number; eventId: number; forecastId: number; handle: string }> {
  const { claimId, eventId } = makeResolvedClaim(db);
  const { candidateId, handle } = commentSaying(db, "They will sell a car for sure.");
  const fields = { _csrf: await queueToken(editor), claimId: String(claimId), stance: "for", probability: "90" };
  const action = `/editor/candidates/${candidateId}/accept`;
  const shown = await editor.post(action).type("form").send(fields).expect(200);
  const confirm = decodeEntities(/name="confirm" value="([^"]*)"/.exec(shown.text)?.[1] ?? "");
  await editor
    .post(action)
    .type("form")
    .send({ ...fields, confirm })
    .expect(303);
  const forecastId = findCandidate(db, candidateId)?.forecastId;
  assert.ok(forecastId);
  return { claimId, eventId, forecastId, handle };
}

describe("corrections by an editor", () => {
  it("correct a forecast's number: a bad number or no reason changes nothing; a good one moves the board", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const { claimId, forecastId, handle } = await takenForecast(db, editor);
    const claimPage = (await editor.get(`/claims/${claimId}`).expect(200)).text;
    assert.match(claimPage, new RegExp(`href="/editor/forecasts/${forecastId}">correct or withdraw`));
    assert.doesNotMatch((await request(app).get(`/claims/${claimId}`)).text, /correct or withdraw/);
    assert.match((await boardRow(app, handle)) ?? "", new RegExp(`^${handle},1,[^,]+,0\\.01`));
    const page = await editor.get(`/editor/forecasts/${forecastId}`).expect(200);
    const token = csrfFrom(page.text);
    const action = `/editor/forecasts/${forecastId}/correct`;
    const before = snapshot(db);
    const bad = await editor
      .post(action)
      .type("form")
      .send({ _csrf: token, probability: "0", reason: "typo" })
      .expect(422);
    assert.match(decodeEntities(bad.text), /id="correct-probability-err">A forecast is between 1 and 99 %/);
    const noReason = await editor.post(action).type("form").send({ _csrf: token, probability: "10" }).expect(422);
    assert.match(decodeEntities(noReason.text), /id="correct-reason-err">The reason is required/);
    assert.deepEqual(snapshot(db), before);
    await editor
      .post(action)
      .type("form")
      .send({ _csrf: token, probability: "10", reason: "read backwards" })
      .expect(303);
    assert.match((await boardRow(app, handle)) ?? "", new RegExp(`^${handle},1,[^,]+,0\\.81`));
    const history = (await editor.get(`/claims/${claimId}/history`).expect(200)).text;
    assert.match(decodeEntities(history), /forecast corrected[^]*90 % → 10 % — read backwards/);
  });

  it("withdraw a forecast: off the board, hidden from the public, listed as withdrawn to editors", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const { claimId, forecastId, handle } = await takenForecast(db, editor);
    const token = csrfFrom((await editor.get(`/editor/forecasts/${forecastId}`)).text);
    const action = `/editor/forecasts/${forecastId}/withdraw`;
    const before = snapshot(db);
    const noReason = await editor.post(action).type("form").send({ _csrf: token, reason: " " }).expect(422);
    assert.match(decodeEntities(noReason.text), /id="withdraw-reason-err">The reason needs at least 3 characters/);
    assert.deepEqual(snapshot(db), before);
    const done = await editor.post(action).type("form").send({ _csrf: token, reason: "not about this claim" });
    assert.equal(done.status, 303);
    assert.equal(await boardRow(app, handle), undefined, "no counted forecast: off the board");
    const publicView = decodeEntities((await request(app).get(`/claims/${claimId}`)).text);
    assert.match(publicView, /Forecasts <span class="count">\(0\)/, "the public list holds it no more");
    assert.doesNotMatch(publicView, /Withdrawn forecasts/, "the withdrawn list is for editors");
    const editorView = decodeEntities((await editor.get(`/claims/${claimId}`)).text);
    assert.match(
      editorView,
      new RegExp(`Withdrawn forecasts \\(1\\), not scored[^]*${handle}[^]*not about this claim`),
    );
    // The sentence is back in the queue, and a second withdrawal is refused.
    assert.match((await editor.get("/editor/candidates")).text, /They will sell a car for sure\./);
    const again = await editor.post(action).type("form").send({ _csrf: token, reason: "twice" }).expect(422);
    assert.match(decodeEntities(again.text), /already withdrawn/);
  });

  it("a reader cannot open the correction page or withdraw", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const { forecastId } = await takenForecast(db, editor);
    const reader = await agentAs(app, db, "reader");
    await reader.get(`/editor/forecasts/${forecastId}`).expect(403);
    const token = csrfFrom((await reader.get("/me/forecasts")).text);
    const before = snapshot(db);
    await reader
      .post(`/editor/forecasts/${forecastId}/withdraw`)
      .type("form")
      .send({ _csrf: token, reason: "mine" })
      .expect(403);
    await reader.post(`/events/1/edit`).type("form").send({ _csrf: token, title: "x", reason: "y" }).expect(403);
    assert.deepEqual(snapshot(db), before);
  });

  it("correct an event's date: a future date is refused; a real correction moves known-at and the board", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const { claimId, eventId, handle } = await takenForecast(db, editor);
    const show = (await editor.get(`/events/${eventId}`).expect(200)).text;
    assert.match(show, new RegExp(`href="/events/${eventId}/edit"`));
    const form = await editor.get(`/events/${eventId}/edit`).expect(200);
    const token = csrfFrom(form.text);
    const title = /name="title" type="text" value="([^"]*)"/.exec(form.text)?.[1] ?? "";
    const fields = { _csrf: token, title: decodeEntities(title), datePrecision: "day", reason: "misdated" };
    const before = snapshot(db);
    const future = await editor
      .post(`/events/${eventId}/edit`)
      .type("form")
      .send({ ...fields, occurredOn: "2099-01-01" })
      .expect(422);
    assert.match(decodeEntities(future.text), /An event cannot be in the future/);
    assert.deepEqual(snapshot(db), before);
    // Known 2014-06-01: the 2015 comment is now after the fact and no longer scored.
    await editor
      .post(`/events/${eventId}/edit`)
      .type("form")
      .send({ ...fields, occurredOn: "2014-06-01" })
      .expect(303);
    const knownAt = db.prepare("SELECT known_at FROM current_resolutions WHERE claim_id = ?").pluck().get(claimId);
    assert.equal(knownAt, "2014-06-01T00:00:00.000Z");
    assert.equal(await boardRow(app, handle), undefined);
    assert.match(text((await request(app).get(`/claims/${claimId}`)).text), /after the fact/);
  });

  it("undo a dismissal from the list of dismissed sentences, with a reason", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const { candidateId } = commentSaying(db, "They will never sell a car.");
    const token = await queueToken(editor);
    await editor
      .post(`/editor/candidates/${candidateId}/dismiss`)
      .type("form")
      .send({ _csrf: token, reason: "a joke" })
      .expect(303);
    const list = (await editor.get("/editor/candidates/dismissed").expect(200)).text;
    assert.match(list, new RegExp(`action="/editor/candidates/${candidateId}/restore#card-${candidateId}"`));
    const before = snapshot(db);
    const noReason = await editor
      .post(`/editor/candidates/${candidateId}/restore`)
      .type("form")
      .send({ _csrf: token, reason: "" })
      .expect(422);
    assert.match(
      decodeEntities(noReason.text),
      new RegExp(`id="c${candidateId}-reason-err">The reason needs at least 3 characters`),
    );
    assert.deepEqual(snapshot(db), before);
    await editor
      .post(`/editor/candidates/${candidateId}/restore`)
      .type("form")
      .send({ _csrf: token, reason: "it is a forecast" })
      .expect(303);
    assert.equal(findCandidate(db, candidateId)?.status, "pending");
    assert.match((await editor.get("/editor/candidates")).text, /They will never sell a car\./);
  });
});
