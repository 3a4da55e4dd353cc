// Pages for signed-out visitors are served from rendered HTML until a write changes the data behind
// them (server/http/page-cache.ts, migration 0007): strong ETags, 304s, and no stale page after any
// kind of write, from this process or another.
import assert from "node:assert/strict";
import request from "supertest";
import { findAccount } from "../../db/accounts";
import { findClaim } from "../../db/claims";
import { openDb } from "../../db/connection";
import { resolveClaim } from "../../server/services/claim-writes";
import { testApp } from "../support/app";
import { demoDb, TEST_NOW } from "../support/db";
import { demoClaimId, demoEventId } from "../support/demo";
import { makeClaim } from "../support/factories";
import { agentAs, makeAccount, postForm } from "../support/session";

const PUBLIC_PAGES = ["/", "/leaderboard", "/api/leaderboard", "/claims", "/people", "/sources", "/events"];

describe("pages cached for signed-out visitors", () => {
  for (const url of PUBLIC_PAGES) {
    it(`${url}: the same bytes with a strong ETag, and 304 when the visitor has them`, async () => {
      const app = testApp(demoDb());
      const first = await request(app).get(url).expect(200);
      const etag = first.headers.etag as string;
      assert.match(etag, /^"[\w-]{20,}"$/, "a strong ETag (no W/ prefix)");
      assert.equal(first.headers["cache-control"], "public, no-cache");
      assert.match(String(first.headers.vary), /Cookie/);
      const second = await request(app).get(url).expect(200);
      assert.equal(second.headers.etag, etag);
      assert.equal(second.text, first.text);
      const revalidated = await request(app).get(url).set("If-None-Match", etag).expect(304);
      assert.equal(revalidated.text, "");
    });
  }

  it("a claim, person, source and event page are cached too", async () => {
    const db = demoDb();
    const app = testApp(db);
    const office = demoClaimId(db, "Microsoft Office");
    for (const url of [`/claims/${office}`, `/events/${demoEventId(db, "1,500 Microsoft patents")}`]) {
      const { etag } = (await request(app).get(url).expect(200)).headers as { etag: string };
      await request(app).get(url).set("If-None-Match", etag).expect(304);
    }
  });

  it("a reader's forecast posted through the web changes the claim page at once", async () => {
    const db = demoDb();
    const app = testApp(db);
    const claimId = makeClaim(db, { text: "Example Corp ships the gizmo before 2028-01-01" });
    const url = `/claims/${claimId}`;
    const before = await request(app).get(url).expect(200);
    const reader = await agentAs(app, db, "reader");
    await postForm(reader, url, `${url}/forecasts`, { probability: "64" }).then((r) => assert.equal(r.status, 303));
    const after = await request(app)
      .get(url)
      .set("If-None-Match", before.headers.etag as string)
      .expect(200);
    assert.notEqual(after.headers.etag, before.headers.etag);
    assert.match(after.text, /64%/);
  });

  it("a resolution written by another process changes the board on the next request", async () => {
    const db = demoDb();
    const app = testApp(db);
    const board = async () => (await request(app).get("/api/leaderboard").expect(200)).body as { rows: unknown[] };
    const before = await board();
    const other = openDb(db.name);
    const editor = findAccount(other, (await makeAccount(other, "editor")).id);
    const claim = findClaim(other, demoClaimId(other, "Microsoft Office"));
    assert.ok(editor && claim);
    const eventIds = [demoEventId(other, "1,500 Microsoft patents")];
    const v = { verdict: "NO" as const, basis: "event" as const, eventIds, rationale: "Test." };
    assert.ok(resolveClaim(other, editor, claim, v, TEST_NOW).ok);
    other.close();
    assert.notDeepEqual((await board()).rows, before.rows);
  });

  it("a forecast on an open claim keeps the cached board (it changes no score); home changes", async () => {
    const db = demoDb();
    const app = testApp(db);
    const board = await request(app).get("/leaderboard").expect(200);
    const home = await request(app).get("/").expect(200);
    const claimId = makeClaim(db, { text: "Example Corp ships the gadget before 2028-01-01" });
    const reader = await agentAs(app, db, "reader");
    const posted = await postForm(reader, `/claims/${claimId}`, `/claims/${claimId}/forecasts`, { probability: "30" });
    assert.equal(posted.status, 303);
    await request(app)
      .get("/leaderboard")
      .set("If-None-Match", board.headers.etag as string)
      .expect(304);
    const after = await request(app)
      .get("/")
      .set("If-None-Match", home.headers.etag as string);
    assert.equal(after.status, 200, "home counts forecasts and lists open claims: rendered again");
  });

  it("the CSV is still a download named leaderboard.csv when it comes from the cache", async () => {
    const app = testApp(demoDb());
    for (let i = 0; i < 2; i += 1) {
      const csv = await request(app).get("/leaderboard.csv").expect(200);
      assert.equal(csv.headers["content-disposition"], "attachment; filename=leaderboard.csv");
    }
  });

  it("parameters the page does not read share its cached copy", async () => {
    const app = testApp(demoDb());
    const plain = await request(app).get("/leaderboard?tag=office").expect(200);
    const tracked = await request(app)
      .get("/leaderboard?utm_source=newsletter&tag=office")
      .set("If-None-Match", plain.headers.etag as string);
    assert.equal(tracked.status, 304);
  });

  it("a request whose parameters the route never read cannot store its page under another page's key", async () => {
    const app = testApp(demoDb());
    // The query parser stops at 1,000 parameters: this status= never reaches the route.
    const padding = Array.from({ length: 1000 }, (_, i) => `a${i}=1`).join("&");
    const crafted = await request(app).get(`/claims?${padding}&status=resolved`).expect(200);
    assert.match(crafted.text, /<h2>Open /, "the route saw no status: every section");
    const resolved = await request(app).get("/claims?status=resolved").expect(200);
    assert.doesNotMatch(resolved.text, /<h2>Open /, "visitors asking for resolved claims get them");
    assert.match(resolved.text, /<h2>Resolved /);
  });

  it("the board's export links carry its own filters only, never other parameters of the address", async () => {
    const app = testApp(demoDb());
    await request(app).get("/leaderboard?ref=attacker-site&tag=office").expect(200);
    const page = await request(app).get("/leaderboard?tag=office").expect(200);
    assert.doesNotMatch(page.text, /attacker-site/);
    assert.match(page.text, /leaderboard\.csv\?tag=office/);
  });

  it("retagging a resolved claim changes the cached tag board", async () => {
    const db = demoDb();
    const app = testApp(db);
    assert.deepEqual((await request(app).get("/api/leaderboard?min=1&tag=retagged")).body.rows, []);
    const editor = await agentAs(app, db, "editor");
    const office = demoClaimId(db, "Microsoft Office");
    const claim = findClaim(db, office);
    assert.ok(claim);
    const fields = { text: claim.text, details: claim.details, resolveBy: claim.resolveBy, tags: "office, retagged" };
    const edited = await postForm(editor, `/claims/${office}/edit`, `/claims/${office}/edit`, fields);
    assert.equal(edited.status, 303);
    const rows = (await request(app).get("/api/leaderboard?min=1&tag=retagged")).body.rows as { handle: string }[];
    assert.deepEqual(
      rows.map((r) => r.handle),
      ["xoxoGeorges"],
    );
  });

  it("an event recorded by an editor shows on /events at once", async () => {
    const db = demoDb();
    const app = testApp(db);
    await request(app).get("/events").expect(200);
    const editor = await agentAs(app, db, "editor");
    const fields = { title: "Example Corp opens a store", occurredOn: "2020-02-02", datePrecision: "day" };
    assert.equal((await postForm(editor, "/events/new", "/events", fields)).status, 303);
    assert.match((await request(app).get("/events").expect(200)).text, /Example Corp opens a store/);
  });

  it("any request carrying the session cookie, however spaced, gets its own page", async () => {
    const app = testApp(demoDb());
    for (const cookie of ["hindsight.sid=abc", "a=1; hindsight.sid=abc", "a=1;  hindsight.sid =abc"]) {
      const res = await request(app).get("/leaderboard").set("Cookie", cookie).expect(200);
      assert.equal(res.headers["cache-control"], "private, no-store", cookie);
    }
  });

  it("signed-in pages are rendered each time and never stored or shared", async () => {
    const db = demoDb();
    const app = testApp(db);
    const reader = await agentAs(app, db, "reader");
    const mine = await reader.get("/leaderboard").expect(200);
    assert.equal(mine.headers["cache-control"], "private, no-store");
    const visitor = await request(app).get("/leaderboard").expect(200);
    assert.doesNotMatch(visitor.text, /Log out/, "the visitor never gets the reader's page");
    assert.match(mine.text, /Log out/);
  });
});
