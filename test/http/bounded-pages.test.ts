// Every list on a page is bounded ("Fast at a million forecasts"): a claim's forecasts and a
// person's come fifty a page, a claim page shows its newest 20 disputes and history entries, and
// each editor queue 25 items, each with its total and a link to the rest.
import assert from "node:assert/strict";
import request from "supertest";
import { audit } from "../../db/audit";
import type { Db } from "../../db/connection";
import { insertDispute } from "../../db/disputes";
import { rescoreClaims } from "../../server/services/stored-scores";
import { testApp } from "../support/app";
import { emptyDb } from "../support/db";
import { makeForecast, makePerson, makeResolvedClaim } from "../support/factories";
import { agentAs, makeAccount } from "../support/session";

const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0;
const FORECAST = /<li class="forecast /g;

/** As a write service does: the stored scores of the claim follow its forecasts. */
function rescore(db: Db, claimId: number): void {
  db.transaction(() => rescoreClaims(db, [claimId]))();
}

/** A YES claim known 2019-05-01 with `n` forecasts by new people, made on successive days of 2018. */
function claimWithForecasts(n: number) {
  const db = emptyDb();
  const { claimId, resolutionId } = makeResolvedClaim(db);
  for (let i = 0; i < n; i += 1)
    makeForecast(db, { claimId, probability: 0.6, madeAt: new Date(Date.UTC(2018, 0, 1 + i)).toISOString() });
  rescore(db, claimId);
  return { db, claimId, resolutionId };
}

/** `n` disputes on the claim's resolution, numbered "reason number 1." upwards, by one new reader. */
async function fileDisputes(db: Db, claimId: number, resolutionId: number, n: number): Promise<void> {
  const { id: accountId } = await makeAccount(db, "reader");
  for (let i = 1; i <= n; i += 1) {
    const reason = `reason number ${i}.`;
    insertDispute(db, { claimId, resolutionId, accountId, reason, evidence: "e", now: "2026-01-01T00:00:00.000Z" });
  }
}

describe("bounded pages", () => {
  it("a claim with 120 forecasts shows 50 a page, oldest first, and links to the next page", async () => {
    const { db, claimId } = claimWithForecasts(120);
    const app = testApp(db);
    const first = await request(app).get(`/claims/${claimId}`).expect(200);
    assert.equal(count(first.text, FORECAST), 50);
    assert.match(first.text, /Forecasts <span class="count">\(120; page 1 of 3\)/);
    assert.match(first.text, new RegExp(`href="/claims/${claimId}\\?page=2" rel="next"`));
    assert.match(first.text, /datetime="2018-01-01T00:00:00.000Z"/);
    const last = await request(app).get(`/claims/${claimId}?page=3`).expect(200);
    assert.equal(count(last.text, FORECAST), 20);
    assert.match(last.text, /datetime="2018-04-30T00:00:00.000Z"/, "the 120th day of 2018");
    assert.doesNotMatch(last.text, /rel="next"/);
    assert.equal(count(last.text, /class="forecast counted"/g), 20, "every row still says it counted");
  });

  it("a claim page past the end is a 404 and ?page=abc a 400", async () => {
    const { db, claimId } = claimWithForecasts(3);
    const app = testApp(db);
    const past = await request(app).get(`/claims/${claimId}?page=2`).expect(404);
    assert.match(past.text, /This claim has 1 page\(s\) of forecasts, not 2/);
    await request(app).get(`/claims/${claimId}?page=abc`).expect(400);
    await request(app).get(`/claims/${claimId}?page=0`).expect(400);
  });

  it("a claim with 60 disputes shows the newest 20 and their total; the disputes page has the rest", async () => {
    const { db, claimId, resolutionId } = claimWithForecasts(1);
    await fileDisputes(db, claimId, resolutionId, 60);
    const app = testApp(db);
    const page = await request(app).get(`/claims/${claimId}`).expect(200);
    assert.equal(count(page.text, /<div class="dispute">/g), 20);
    assert.match(page.text, /Disputes <span class="count">\(60\)/);
    assert.match(page.text, /reason number 60\./);
    assert.doesNotMatch(page.text, /reason number 40\./);
    assert.match(page.text, new RegExp(`href="/claims/${claimId}/disputes\\?page=2">Older disputes \\(40 more\\)`));
    const second = await request(app).get(`/claims/${claimId}/disputes?page=2`).expect(200);
    assert.equal(count(second.text, /<div class="dispute">/g), 20);
    assert.match(second.text, /reason number 40\./);
    assert.match(second.text, /reason number 21\./);
    await request(app).get(`/claims/${claimId}/disputes?page=4`).expect(404);
    await request(app).get(`/claims/${claimId}/disputes?page=abc`).expect(400);
  });

  it("a claim's history shows the newest 20 entries and links to the rest", async () => {
    const { db, claimId } = claimWithForecasts(1);
    for (let i = 1; i <= 25; i += 1)
      audit(db, { accountId: null, action: `action ${i}`, claimId, details: "", now: "2026-01-01T00:00:00.000Z" });
    const app = testApp(db);
    const page = await request(app).get(`/claims/${claimId}`).expect(200);
    assert.equal(count(page.text, /<strong>action \d+<\/strong>/g), 20);
    assert.match(page.text, /Older entries \(5 more\)/);
    const rest = await request(app).get(`/claims/${claimId}/history?page=2`).expect(200);
    assert.equal(count(rest.text, /<strong>action \d+<\/strong>/g), 5);
    assert.match(rest.text, /<strong>action 1<\/strong>/);
  });

  it("a person with 60 forecasts shows the newest 50, then the other 10 on page 2", async () => {
    const db = emptyDb();
    const personId = makePerson(db, { handle: "prolific" });
    const { claimId } = makeResolvedClaim(db);
    for (let i = 0; i < 60; i += 1)
      makeForecast(db, {
        claimId,
        personId,
        probability: 0.5,
        madeAt: new Date(Date.UTC(2018, 0, 1 + i)).toISOString(),
      });
    rescore(db, claimId);
    const app = testApp(db);
    const first = await request(app).get(`/people/${personId}`).expect(200);
    assert.equal(count(first.text, FORECAST), 50);
    assert.match(first.text, /datetime="2018-03-01T00:00:00.000Z"/, "the newest (day 60) first");
    assert.equal(count(first.text, /class="forecast counted"/g), 1, "only the latest before known-at counts");
    assert.match(first.text, new RegExp(`href="/people/${personId}\\?page=2" rel="next"`));
    const second = await request(app).get(`/people/${personId}?page=2`).expect(200);
    assert.equal(count(second.text, FORECAST), 10);
    assert.match(second.text, /datetime="2018-01-01T00:00:00.000Z"/);
    assert.equal(count(second.text, /class="forecast superseded"/g), 10);
    await request(app).get(`/people/${personId}?page=3`).expect(404);
    await request(app).get(`/people/${personId}?page=abc`).expect(400);
  });

  it("the editor page shows 25 of 60 open disputes with their total; /editor/disputes pages the rest", async () => {
    const { db, claimId, resolutionId } = claimWithForecasts(1);
    await fileDisputes(db, claimId, resolutionId, 60);
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const UPHOLD = /action="\/editor\/disputes\/\d+\/uphold"/g;
    const index = await editor.get("/editor").expect(200);
    assert.equal(count(index.text, UPHOLD), 25);
    assert.match(index.text, /Open disputes <span class="count">\(60\)/);
    assert.match(index.text, /reason number 1\./, "oldest first");
    assert.match(index.text, /href="\/editor\/disputes\?page=2">[^<]*35 more/);
    const second = await editor.get("/editor/disputes?page=2").expect(200);
    assert.equal(count(second.text, UPHOLD), 25);
    assert.match(second.text, /reason number 26\./);
    const third = await editor.get("/editor/disputes?page=3").expect(200);
    assert.equal(count(third.text, UPHOLD), 10);
    await editor.get("/editor/disputes?page=abc").expect(400);
  });
});
