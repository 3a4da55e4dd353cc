import assert from "node:assert/strict";
import request from "supertest";
import { demoDb } from "../support/db";
import { testApp } from "../support/app";
import { demoClaimId, demoEventId } from "../support/demo";
import { agentAs, csrfFrom, postForm } from "../support/session";

// `office` is the demo's "Xiaomi preinstalls Microsoft Office …" claim: YES on 2016-06-01 (xoxoGeorges 70 %).

async function board(app: ReturnType<typeof testApp>, handle: string) {
  const rows = (await request(app).get("/api/leaderboard?min=1")).body.rows as {
    handle: string;
    adjusted_brier: number;
  }[];
  return rows.find((r) => r.handle === handle);
}

describe("write flows", () => {
  it("an editor publishes a claim, a reader forecasts and updates it, and My forecasts lists it", async () => {
    const db = demoDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const created = await postForm(editor, "/claims/new", "/claims", {
      text: "Xiaomi ships a laptop running Windows on Arm before 2028-01-01",
      resolveBy: "2028-01-01",
      tags: "xiaomi, windows",
    });
    assert.equal(created.status, 303);
    const url = created.headers.location ?? "";
    assert.match(url, /^\/claims\/\d+$/);
    const reader = await agentAs(app, db, "reader");
    assert.equal((await postForm(reader, url, `${url}/forecasts`, { probability: "30" })).status, 303);
    assert.equal(
      (await postForm(reader, url, `${url}/forecasts`, { probability: "45", reasoning: "Changed my mind" })).status,
      303,
    );
    const page = await reader.get(url).expect(200);
    assert.match(page.text, /Forecast updated: 45% YES \(was 30%\)/);
    assert.equal(page.text.match(/class="forecast open"/g)?.length, 1, "one forecast stands: the latest");
    assert.equal(page.text.match(/class="forecast replaced"/g)?.length, 1, "the first is kept, marked replaced");
    assert.ok(page.text.indexOf('class="forecast replaced"') < page.text.indexOf('class="forecast open"'));
    assert.match(page.text, /open · current/);
    assert.match(page.text, /Replaced by a later forecast from the same person/);
    assert.match(page.text, /Your current forecast: <strong>45%<\/strong>/);
    assert.match(page.text, /id="f-probability" name="probability" type="text" value="45" inputmode="decimal"/);
    assert.match(page.text, />Update forecast<\/button>/);
    const mine = await reader.get("/me/forecasts").expect(200);
    assert.match(mine.text, /Open <span class="count">\(1\)/);
    assert.match(mine.text, /Earlier forecasts you have since updated \(1\)/);
    assert.equal(mine.text.match(/class="forecast open"/g)?.length, 1);
    const history = await editor.get(url);
    assert.match(history.text, /claim created/);
  });

  it("a resolved claim refuses new forecasts with a message saying why", async () => {
    const db = demoDb();
    const office = demoClaimId(db, "Microsoft Office");
    const app = testApp(db);
    const reader = await agentAs(app, db, "reader");
    const res = await postForm(reader, `/claims/${office}`, `/claims/${office}/forecasts`, {
      probability: "90",
    });
    assert.equal(res.status, 422);
    assert.match(res.text, /This claim was resolved YES; forecasts are closed/);
    assert.equal(db.prepare("SELECT count(*) FROM forecasts WHERE claim_id = ?").pluck().get(office), 1);
  });

  it("resolving through the web changes the leaderboard as the contract says, and re-resolving changes it back", async () => {
    const db = demoDb();
    const office = demoClaimId(db, "Microsoft Office");
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    assert.deepEqual(await board(app, "xoxoGeorges"), {
      handle: "xoxoGeorges",
      resolved: 2,
      adjusted_brier: 0.21,
      brier: 0.17,
      log_score: -0.524911,
      peer_score: 3.660496,
      accuracy: 0.75,
    });
    const no = await postForm(editor, `/claims/${office}/resolve`, `/claims/${office}/resolve`, {
      verdict: "NO",
      basis: "event",
      eventIds: [String(demoEventId(db, "preinstall Office"))],
      rationale: "Test: suppose the preinstall deal had fallen through.",
    });
    assert.equal(no.status, 303, no.text);
    // 0.5 on the phone claim (NO): 0.25; 0.7 on Office now NO: 0.49. Σ = 0.74, adjusted (0.74 + 0.5) / 4 = 0.31.
    assert.deepEqual(await board(app, "xoxoGeorges"), {
      handle: "xoxoGeorges",
      resolved: 2,
      adjusted_brier: 0.31,
      brier: 0.37,
      log_score: -0.94856,
      peer_score: 3.660496,
      accuracy: 0.25,
    });
    const yes = await postForm(editor, `/claims/${office}/resolve`, `/claims/${office}/resolve`, {
      verdict: "YES",
      basis: "event",
      eventIds: [String(demoEventId(db, "preinstall Office"))],
      rationale: "Back to the public record: Office was preinstalled.",
    });
    assert.equal(yes.status, 303);
    assert.equal((await board(app, "xoxoGeorges"))?.adjusted_brier, 0.21);
    const page = await request(app).get(`/claims/${office}`);
    assert.match(page.text, /Earlier resolutions \(2\)/);
    assert.match(page.text, /re-resolved NO → YES/);
  });

  it("a reader disputes a resolution and an editor upholds it; the claim page shows both", async () => {
    const db = demoDb();
    const office = demoClaimId(db, "Microsoft Office");
    const app = testApp(db);
    const reader = await agentAs(app, db, "reader");
    const filed = await postForm(reader, `/claims/${office}`, `/claims/${office}/disputes`, {
      reason: "Office came preinstalled only in some markets.",
      evidence: "https://example.com/report",
    });
    assert.equal(filed.status, 303);
    const editor = await agentAs(app, db, "editor");
    const queue = await editor.get("/editor").expect(200);
    const id = /action="\/editor\/disputes\/(\d+)\/uphold"/.exec(queue.text)?.[1];
    const answered = await editor
      .post(`/editor/disputes/${id}/uphold`)
      .type("form")
      .send({ answer: "The claim says phones or tablets, in any market.", _csrf: csrfFrom(queue.text) });
    assert.equal(answered.status, 303);
    const page = await request(app).get(`/claims/${office}`);
    assert.match(page.text, /Office came preinstalled only in some markets/);
    assert.match(page.text, /Resolution upheld<\/strong> by editor/);
  });
});
