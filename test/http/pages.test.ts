import assert from "node:assert/strict";
import request from "supertest";
import { demoDb } from "../support/db";
import { testApp } from "../support/app";
import { demoClaimId, demoEventId, demoSourceId, personIdByHandle } from "../support/demo";

describe("pages on the demo data", () => {
  const db = demoDb();
  const app = testApp(db);
  const thread = demoSourceId(db, "CEOs meet up in China");

  const pages = [
    "/",
    "/sources",
    `/sources/${thread}`,
    `/sources/${demoSourceId(db, "2018 strategic MoU")}`,
    "/claims",
    "/claims?status=open",
    "/claims?status=resolved",
    "/claims?status=annulled",
    `/claims/${demoClaimId(db, "smartphone running Windows Phone")}`,
    "/events",
    `/events/${demoEventId(db, "Mi Pad 2")}`,
    "/people",
    `/people/${personIdByHandle(db, "htcforlife")}`,
    "/leaderboard",
    "/leaderboard?min=2",
    "/leaderboard?tag=xiaomi",
    "/leaderboard?sort=peer_score",
    `/leaderboard?source=${thread}`,
    "/leaderboard?publisher=GSM%20Insider",
    "/leaderboard?from=2016-01-01&to=2016-12-31",
  ];
  for (const url of pages) {
    it(`GET ${url} answers 200 with an HTML page`, async () => {
      const res = await request(app).get(url).expect(200);
      assert.match(res.headers["content-type"] ?? "", /text\/html/);
      assert.match(res.text, /<main id="main">/);
    });
  }

  it("the demo leaves one claim open for readers to forecast on", async () => {
    const res = await request(app).get("/claims?status=open").expect(200);
    assert.match(res.text, /Microsoft announces that it owns at least 5 % of Xiaomi/);
  });

  it("the source page shows the article, then the thread in order, with predictive comments linked to their forecasts", async () => {
    const res = await request(app).get(`/sources/${thread}`).expect(200);
    const order = ["1.", "2.", "7.", "4.", "3.", "21.", "5.", "6."].map((n) =>
      res.text.indexOf(`<span class="num">${n}</span>`),
    );
    assert.ok(
      order.every((pos, i) => pos > 0 && (i === 0 || pos > (order[i - 1] ?? 0))),
      `comments out of order: ${order.join(", ")}`,
    );
    assert.ok(res.text.indexOf("Satya Nadella flew to China") < res.text.indexOf('id="comment-1"'));
    assert.match(res.text, /id="comment-15" class="comment predictive"/);
    assert.match(
      res.text,
      /Forecast taken: <strong>70%<\/strong> on <a href="\/claims\/\d+">Xiaomi preinstalls Microsoft Office/,
    );
    assert.doesNotMatch(res.text, /Latest Stories|Reprints &amp; Permissions/);
  });

  it("the claim page shows forecasts with their quotes, the crowd median and the resolution with its events", async () => {
    const res = await request(app)
      .get(`/claims/${demoClaimId(db, "Microsoft acquires Xiaomi")}`)
      .expect(200);
    assert.match(res.text, /Microsoft acquires Xiaomi/);
    assert.match(res.text, /is MS planning to buy Xiaomi&#39;s too\?/);
    assert.match(res.text, /Resolution: NO/);
    assert.match(res.text, /Crowd \(median of counted forecasts\): <strong>75%<\/strong>,\s*Brier 0.563/);
    assert.match(res.text, /Xiaomi lists on the Hong Kong stock exchange/);
    assert.match(res.text, /half a hit/);
    // Everyone was on the wrong side (75 %) or at 50 % of a NO: the lead time is shown, no one "called it".
    assert.match(res.text, /made 5 years 3 months before the outcome was known/);
    assert.doesNotMatch(res.text, /called it/);
  });

  it("a forecast on the right side 'called it'", async () => {
    const res = await request(app)
      .get(`/claims/${demoClaimId(db, "Microsoft Office")}`)
      .expect(200);
    assert.match(res.text, /right side ·\s*called it 1 year 8 months ahead/);
  });

  it("the event page quotes its evidence and lists the claims it settled", async () => {
    const events = await request(app).get("/events").expect(200);
    const id = /href="\/events\/(\d+)">Xiaomi and Microsoft sign a strategic framework MoU/.exec(events.text)?.[1];
    const res = await request(app).get(`/events/${id}`).expect(200);
    assert.match(res.text, /memorandum of understanding \(MoU\)/);
    assert.match(res.text, /Xiaomi and Microsoft sign a strategic partnership covering cloud/);
  });

  it("the person page shows scores and a ten-row calibration table", async () => {
    const people = await request(app).get("/people").expect(200);
    const id = /href="\/people\/(\d+)">xoxoGeorges</.exec(people.text)?.[1];
    const res = await request(app).get(`/people/${id}`).expect(200);
    assert.match(res.text, /<dt><a href="\/scores#resolved">Resolved<\/a><\/dt><dd>2<\/dd>/);
    assert.match(res.text, /<dt><a href="\/scores#adjusted-brier">Adjusted Brier<\/a><\/dt><dd>0.210<\/dd>/);
    assert.equal(res.text.match(/<tr(?: class="dim")?><th scope="row">\d+–\d+%<\/th>/g)?.length, 10);
    assert.match(res.text, /Median lead time<\/a><\/dt><dd>[^<]*years/);
  });
});

describe("errors", () => {
  const app = testApp(demoDb());

  for (const url of ["/claims/999", "/claims/abc", "/sources/0", "/events/12345", "/people/-1", "/no/such/page"]) {
    it(`GET ${url} is a 404 page`, async () => {
      const res = await request(app).get(url).expect(404);
      assert.match(res.text, /404 · Not found/);
    });
  }

  const bad: [string, RegExp][] = [
    ["/leaderboard?min=abc", /min must be a whole number/],
    ["/leaderboard?min=-1", /min must be a whole number/],
    ["/leaderboard?sort=drop", /sort must be one of: adjusted_brier/],
    ["/leaderboard?sort=brier&sort=drop", /sort must be given once/],
    ["/leaderboard?from=2019-02-30", /from must be a real date/],
    ["/leaderboard?from=2020-01-01&to=2019-01-01", /from must not be after to/],
    ["/claims?status=maybe", /status must be one of: open, resolved, annulled/],
  ];
  for (const [url, message] of bad) {
    it(`GET ${url} is a 400 page that says what is wrong`, async () => {
      const res = await request(app).get(url).expect(400);
      assert.match(res.text, message);
      assert.doesNotMatch(res.text, /at \w+ \(|node_modules/);
    });
  }

  it("a bad parameter on the JSON API is a 400 JSON answer", async () => {
    const res = await request(app).get("/api/leaderboard?sort=drop").expect(400);
    assert.match(res.body.error, /parameter/);
    assert.match(res.body.details[0], /sort must be one of/);
  });
});
