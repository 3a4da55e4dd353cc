// Atom feeds (issue 10), read back with a real feed parser: entries, links, ids and updated times,
// the head links that announce them, and a reader's private feed behind a token they can replace.
import assert from "node:assert/strict";
import { parseFeed } from "@rowanmanning/feed-parser";
import request from "supertest";
import { findAccount } from "../../db/accounts";
import type { Db } from "../../db/connection";
import { insertResolution } from "../../db/resolutions";
import { rescoreClaims } from "../../server/services/stored-scores";
import { writeTransaction } from "../../server/services/write-transaction";
import type { Logger } from "../../server/http/logging";
import { testApp } from "../support/app";
import { emptyDb } from "../support/db";
import { makeClaim, makeEvent, makeForecast, makePerson, makeResolvedClaim } from "../support/factories";
import { agentAs, postForm, type Agent } from "../support/session";

const CREATED_AT = "2026-01-01T00:00:00.000Z";

async function feedAt(app: Parameters<typeof request>[0], url: string) {
  const res = await request(app).get(url).expect(200);
  assert.match(String(res.headers["content-type"]), /^application\/atom\+xml/);
  return { res, feed: parseFeed(res.text) };
}

describe("Atom feeds", () => {
  it("/feeds/claims.atom: published claims, newest first, with absolute links, stable ids and their times", async () => {
    const db = emptyDb();
    const a = makeClaim(db, { text: "Example Corp ships the <b>gizmo</b> & more before 2028" });
    const b = makeClaim(db, { text: "Example Corp ships the widget before 2028" });
    const { res, feed } = await feedAt(testApp(db), "/feeds/claims.atom");
    assert.equal(res.headers["cache-control"], "public, max-age=300");
    assert.equal(feed.title, "Hindsight: new claims");
    assert.match(feed.self ?? "", /^http:\/\/127\.0\.0\.1:\d+\/feeds\/claims\.atom$/);
    const base = (feed.self ?? "").replace("/feeds/claims.atom", "");
    assert.equal(feed.url, `${base}/claims`);
    assert.deepEqual(
      feed.items.map((i) => [i.id, i.url, i.title]),
      [
        [`${base}/claims/${b}`, `${base}/claims/${b}`, "Example Corp ships the widget before 2028"],
        [`${base}/claims/${a}`, `${base}/claims/${a}`, "Example Corp ships the <b>gizmo</b> & more before 2028"],
      ],
    );
    assert.deepEqual(
      feed.items.map((i) => i.updated?.toISOString()),
      [CREATED_AT, CREATED_AT],
    );
    assert.equal(feed.updated?.toISOString(), CREATED_AT);
    assert.match(feed.items[0]?.content ?? "", /Open: resolves by 1 Jan 2028\./);
    assert.doesNotMatch(res.text, /<b>gizmo/, "user text is escaped inside the feed's HTML");
  });

  it("BASE_URL, when set, makes every link and id", async () => {
    const db = emptyDb();
    const id = makeClaim(db);
    process.env.BASE_URL = "https://hindsight.example/";
    try {
      const { feed } = await feedAt(testApp(db), "/feeds/claims.atom");
      assert.equal(feed.self, "https://hindsight.example/feeds/claims.atom");
      assert.equal(feed.items[0]?.id, `https://hindsight.example/claims/${id}`);
    } finally {
      delete process.env.BASE_URL;
    }
  });

  it("/feeds/resolutions.atom: each resolution and re-resolution, updated when it was recorded", async () => {
    const db = emptyDb();
    const { claimId, resolutionId } = makeResolvedClaim(db, {
      text: "Example Corp buys Acme before 2020",
      verdict: "YES",
    });
    const again = insertResolution(db, {
      claimId,
      verdict: "NO",
      knownAt: "2019-06-01T00:00:00.000Z",
      knownAtBasis: "event",
      rationale: "The deal fell through.",
      resolvedBy: null,
      createdAt: "2026-02-03T04:05:06.000Z",
      eventIds: [makeEvent(db)],
    });
    makeClaim(db);
    const { feed } = await feedAt(testApp(db), "/feeds/resolutions.atom");
    const base = (feed.self ?? "").replace("/feeds/resolutions.atom", "");
    assert.deepEqual(
      feed.items.map((i) => [i.id, i.title, i.url, i.updated?.toISOString()]),
      [
        [
          `${base}/claims/${claimId}#resolution-${again}`,
          "Re-resolved NO: Example Corp buys Acme before 2020",
          `${base}/claims/${claimId}`,
          "2026-02-03T04:05:06.000Z",
        ],
        [
          `${base}/claims/${claimId}#resolution-${resolutionId}`,
          "Resolved YES: Example Corp buys Acme before 2020",
          `${base}/claims/${claimId}`,
          CREATED_AT,
        ],
      ],
    );
    assert.match(feed.items[0]?.content ?? "", /The deal fell through\./);
    assert.equal(feed.updated?.toISOString(), "2026-02-03T04:05:06.000Z");
  });

  it("/feeds/tags/:tag.atom: the tag's claims only; an unknown tag is a 404", async () => {
    const db = emptyDb();
    const tagged = makeClaim(db, { tags: ["node.js"] });
    makeClaim(db, { tags: ["other"] });
    const app = testApp(db);
    const { feed } = await feedAt(app, "/feeds/tags/node.js.atom");
    assert.equal(feed.title, "Hindsight: claims tagged #node.js");
    assert.deepEqual(
      feed.items.map((i) => i.id?.replace(/^.*\/claims\//, "")),
      [String(tagged)],
    );
    assert.match(feed.url ?? "", /\/claims\?tag=node\.js$/);
    await request(app).get("/feeds/tags/nosuch.atom").expect(404);
    await request(app).get("/feeds/tags/node.js").expect(404);
  });

  it("/people/:id/feed.atom: the person's scored forecasts with the verdict and Brier score", async () => {
    const db = emptyDb();
    const person = makePerson(db, { handle: "oracle" });
    const { claimId } = makeResolvedClaim(db, { text: "Example Corp buys Acme before 2020", verdict: "YES" });
    makeForecast(db, { claimId, personId: person, probability: 0.8 });
    makeForecast(db, { claimId: makeClaim(db), personId: person });
    writeTransaction(db, () => rescoreClaims(db, [claimId]))();
    const app = testApp(db);
    const { feed } = await feedAt(app, `/people/${person}/feed.atom`);
    assert.equal(feed.title, "Hindsight: oracle's resolved forecasts");
    assert.equal(feed.items.length, 1, "the open claim's forecast is not in it");
    const item = feed.items[0];
    assert.equal(item?.title, "YES: Example Corp buys Acme before 2020");
    assert.equal(item?.updated?.toISOString(), CREATED_AT);
    // (1 − 0.8)² = 0.04
    assert.match(
      item?.content ?? "",
      /oracle forecast 80% YES on 1 Jan 2018; the claim resolved YES\..*Brier score 0\.040/s,
    );
    await request(app).get("/people/999999/feed.atom").expect(404);
  });

  it("pages announce their feeds in the head and link them visibly", async () => {
    const db = emptyDb();
    const person = makePerson(db, { handle: "oracle" });
    makeClaim(db, { tags: ["phones"] });
    const app = testApp(db);
    const expectations: [string, string][] = [
      ["/", "/feeds/claims.atom"],
      ["/", "/feeds/resolutions.atom"],
      ["/claims", "/feeds/claims.atom"],
      ["/claims?tag=phones", "/feeds/tags/phones.atom"],
      [`/people/${person}`, `/people/${person}/feed.atom`],
    ];
    for (const [page, feed] of expectations) {
      const html = (await request(app).get(page).expect(200)).text;
      const href = feed.replace(/[.?]/g, "\\$&");
      assert.match(
        html,
        new RegExp(`<link rel="alternate" type="application/atom\\+xml" title="[^"]+" href="${href}">`),
        page,
      );
      assert.match(html, new RegExp(`<a href="${href}" class="feed-link">`), page);
      await request(app).get(feed).expect(200);
    }
  });

  it("/feed, /rss and /atom.xml lead to the claims feed", async () => {
    const app = testApp(emptyDb());
    for (const url of ["/feed", "/rss", "/atom.xml"]) {
      const res = await request(app).get(url).expect(301);
      assert.equal(res.headers.location, "/feeds/claims.atom");
    }
  });
});

/** The reader's private feed address, read from their settings page. */
async function feedUrlOf(agent: Agent): Promise<string | undefined> {
  const html = (await agent.get("/me/settings").expect(200)).text;
  return html.match(/id="private-feed-url"[^>]*value="([^"]+)"/)?.[1];
}

async function readerWithClaims(db: Db) {
  const app = testApp(db);
  const agent = await agentAs(app, db, "reader");
  const html = (await agent.get("/me/settings").expect(200)).text;
  const username = html.match(/Log out ([^<]+)</)?.[1]?.trim() ?? "";
  const personId = (db.prepare("SELECT id FROM people WHERE handle = ?").pluck().get(username) as number) ?? 0;
  const account = findAccount(
    db,
    (db.prepare("SELECT account_id FROM people WHERE id = ?").pluck().get(personId) as number) ?? 0,
  );
  assert.ok(account);
  return { app, agent, personId };
}

describe("a reader's private feed", () => {
  it("carries the claims they forecast as they resolve, and their open ones due within 14 days", async () => {
    const db = emptyDb();
    const { app, agent, personId } = await readerWithClaims(db);
    assert.equal(await feedUrlOf(agent), undefined, "no address until the reader asks for one");
    const made = await postForm(agent, "/me/settings", "/me/feed", {});
    assert.equal(made.status, 303);
    const url = await feedUrlOf(agent);
    assert.match(url ?? "", /^http:\/\/127\.0\.0\.1:\d+\/feeds\/private\/[0-9a-f]{64}\.atom$/);
    const path = new URL(url ?? "").pathname;

    // TEST_NOW is 2026-11-23: due on 2026-12-01 is within 14 days, 2027-01-15 is not.
    const resolved = makeResolvedClaim(db, { text: "Example Corp buys Acme before 2020", verdict: "NO" });
    const dueSoon = makeClaim(db, { text: "Example Corp ships the gadget by December", resolveBy: "2026-12-01" });
    const dueLater = makeClaim(db, { text: "Example Corp ships the gadget by mid-January", resolveBy: "2027-01-15" });
    const notMine = makeResolvedClaim(db, { text: "Someone else's claim that resolved" });
    for (const claimId of [resolved.claimId, dueSoon, dueLater]) makeForecast(db, { claimId, personId });
    makeForecast(db, { claimId: notMine.claimId });

    const res = await request(app).get(path).expect(200);
    assert.equal(res.headers["cache-control"], "private, no-store");
    const feed = parseFeed(res.text);
    // Each supertest request has its own port: the feed's links follow the request's Host.
    const base = feed.self?.replace(path, "") ?? "";
    assert.deepEqual(
      feed.items.map((i) => [i.id, i.title, i.updated?.toISOString()]),
      [
        [
          `${base}/claims/${dueSoon}#due-2026-12-01`,
          "Due 1 Dec 2026: Example Corp ships the gadget by December",
          "2026-11-17T00:00:00.000Z",
        ],
        [
          `${base}/claims/${resolved.claimId}#resolution-${resolved.resolutionId}`,
          "Resolved NO: Example Corp buys Acme before 2020",
          CREATED_AT,
        ],
      ],
    );
    assert.equal(feed.items[0]?.url, `${base}/claims/${dueSoon}`);
  });

  it("a new address replaces the old one, which is then a 404; made-up addresses are 404s", async () => {
    const db = emptyDb();
    const { app, agent } = await readerWithClaims(db);
    await postForm(agent, "/me/settings", "/me/feed", {});
    const first = new URL((await feedUrlOf(agent)) ?? "").pathname;
    await request(app).get(first).expect(200);
    const again = await postForm(agent, "/me/settings", "/me/feed", {});
    assert.equal(again.status, 303);
    const second = new URL((await feedUrlOf(agent)) ?? "").pathname;
    assert.notEqual(second, first);
    await request(app).get(first).expect(404);
    await request(app).get(second).expect(200);
    await request(app)
      .get(`/feeds/private/${"0".repeat(64)}.atom`)
      .expect(404);
    await request(app).get("/feeds/private/short.atom").expect(404);
    // Without the form token, nothing changes.
    await agent.post("/me/feed").type("form").send({}).expect(403);
    await request(app).get(second).expect(200);
    // Only a signed-in reader can make one.
    const anonymous = await request(app).post("/me/feed").type("form").send({});
    assert.notEqual(anonymous.status, 303);
  });

  it("the request log never holds the whole token", async () => {
    const db = emptyDb();
    const logged: string[] = [];
    const logger: Logger = { info: (e) => logged.push(JSON.stringify(e)), error: (e) => logged.push(String(e)) };
    const app = testApp(db, { logger });
    const agent = await agentAs(app, db, "reader");
    await postForm(agent, "/me/settings", "/me/feed", {});
    const path = new URL((await feedUrlOf(agent)) ?? "").pathname;
    const token = path.match(/([0-9a-f]{64})/)?.[1] ?? "";
    await request(app).get(path).expect(200);
    const line = logged.find((l) => l.includes("/feeds/private/"));
    assert.ok(line, "the request is logged");
    assert.ok(!logged.some((l) => l.includes(token)), "the full token is in no log line");
    assert.match(line, new RegExp(`/feeds/private/${token.slice(0, 6)}…`));
  });
});
