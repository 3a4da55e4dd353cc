// The write limits and login lockout (server/http/limits.ts) through real HTTP on a real file: a
// refused request gets the 429 page and Retry-After, stores nothing, and the counts outlive a restart.
import assert from "node:assert/strict";
import request from "supertest";
import type { Express } from "express";
import type { Db } from "../../db/connection";
import { countRateLimits } from "../../db/rate-limits";
import type { LimitSettings } from "../../server/http/limits";
import { SqliteRateLimitStore } from "../../server/http/rate-limit-store";
import { testApp } from "../support/app";
import { emptyDb, rowCount } from "../support/db";
import { makeClaim, makePerson, makeResolvedClaim, makeThread } from "../support/factories";
import { makeAccount, PASSWORD, signedIn, postWithToken } from "../support/session";

const appWith = (db: Db, limits: Partial<LimitSettings>) => testApp(db, { security: { limits } });

const post = postWithToken;

/** The 429 page: HTML, says what was limited and when to try again; Retry-After in seconds. */
function assertRefused(res: request.Response, what: RegExp): void {
  assert.equal(res.status, 429, res.text.slice(0, 300));
  assert.match(res.headers["content-type"] ?? "", /^text\/html/);
  assert.match(res.text, what);
  assert.match(res.text, /Nothing was saved/);
  assert.match(res.text, /Try again in <strong>\d+ (second|minute|hour)s?<\/strong>/);
  const retryAfter = Number(res.headers["retry-after"]);
  assert.ok(retryAfter > 0, `Retry-After: ${String(res.headers["retry-after"])}`);
}

describe("write limits", () => {
  it("forecasts per minute: the one over the quota gets the 429 page and is not stored", async () => {
    const db = emptyDb();
    const app = appWith(db, { forecastsPerMinute: 3 });
    const claim = makeClaim(db);
    const { agent } = await signedIn(app, db, "reader");
    for (let i = 0; i < 3; i++) {
      const res = await post(agent, `/claims/${claim}/forecasts`, { probability: String(50 + i) });
      assert.equal(res.status, 303, `forecast ${i + 1}`);
    }
    const over = await post(agent, `/claims/${claim}/forecasts`, { probability: "60" });
    assertRefused(over, /forecasts from your account this minute/);
    assert.ok(Number(over.headers["retry-after"]) <= 60);
    assert.equal(rowCount(db, "forecasts"), 3, "nothing stored beyond the quota");
    for (const path of [`/claims/${claim}/forecasts/`, `/CLAIMS/${claim}/forecasts`]) {
      assertRefused(await post(agent, path, { probability: "61" }), /forecasts from your account this minute/);
    }
    assert.equal(rowCount(db, "forecasts"), 3, "nor through another spelling of the address");
    // Another reader is not affected by the first one's quota.
    const other = await signedIn(app, db, "reader");
    assert.equal((await post(other.agent, `/claims/${claim}/forecasts`, { probability: "40" })).status, 303);
    assert.equal(rowCount(db, "forecasts"), 4);
  });

  it("the counts are kept in the database file: a restarted app (same file) still refuses", async () => {
    const db = emptyDb();
    const limits = { signupsPerHour: 2 };
    const signup = async (app: Express, username: string) => {
      const agent = request.agent(app);
      return post(agent, "/signup", { username, password: PASSWORD, confirm: PASSWORD });
    };
    const first = appWith(db, limits);
    assert.equal((await signup(first, "alice_one")).status, 303);
    assert.equal((await signup(first, "alice_two")).status, 303);
    assert.ok(countRateLimits(db) > 0, "the counts are rows in the file");
    const restarted = appWith(db, limits);
    const over = await signup(restarted, "alice_three");
    assertRefused(over, /sign-ups from your address this hour/);
    assert.equal(rowCount(db, "accounts"), 2, "no third account");
  });

  it("signups per address count taken names too, so names cannot be tried in bulk", async () => {
    const db = emptyDb();
    const app = appWith(db, { signupsPerHour: 3 });
    await makeAccount(db, "reader", "taken_name");
    for (let i = 0; i < 3; i++) {
      const res = await post(request.agent(app), "/signup", {
        username: "taken_name",
        password: PASSWORD,
        confirm: PASSWORD,
      });
      assert.equal(res.status, 422, `try ${i + 1}`);
    }
    const over = await post(request.agent(app), "/signup", {
      username: "free_name",
      password: PASSWORD,
      confirm: PASSWORD,
    });
    assertRefused(over, /sign-ups/);
    assert.doesNotMatch(over.text, /That name is taken/);
    assert.equal(rowCount(db, "accounts"), 1);
  });

  it("proposals per day: claims and forecast proposals share one daily quota; editors are not counted", async () => {
    const db = emptyDb();
    const app = appWith(db, { proposalsPerDay: 2 });
    const claim = makeClaim(db);
    const source = makeThread(db);
    const { agent } = await signedIn(app, db, "reader");
    const claimFields = { text: "Example Corp ships a blue widget before 2028", resolveBy: "2028-06-01", tags: "" };
    assert.equal((await post(agent, "/claims", claimFields)).status, 303);
    const proposal = { claimId: String(claim), probability: "70", quote: "probably buy it" };
    assert.equal((await post(agent, `/sources/${source}/comments/1/propose`, proposal)).status, 303);
    assertRefused(await post(agent, "/claims/new", claimFields), /proposals from your account today/);
    assertRefused(await post(agent, `/sources/${source}/comments/1/propose`, proposal), /proposals/);
    assert.equal(rowCount(db, "forecast_proposals"), 1);
    assert.equal(rowCount(db, "claims"), 2, "the made claim and one proposal");
    const editor = await signedIn(app, db, "editor");
    for (let i = 0; i < 3; i++) assert.equal((await post(editor.agent, "/claims", claimFields)).status, 303);
  });

  it("disputes: one open dispute per reader and claim (a message), and a daily quota (429)", async () => {
    const db = emptyDb();
    const app = appWith(db, { disputesPerDay: 2 });
    const a = makeResolvedClaim(db).claimId;
    const b = makeResolvedClaim(db).claimId;
    const c = makeResolvedClaim(db).claimId;
    const { agent } = await signedIn(app, db, "reader");
    const fields = { reason: "The event says the opposite.", evidence: "https://example.com/news" };
    assert.equal((await post(agent, `/claims/${a}/disputes`, fields)).status, 303);
    const again = await post(agent, `/claims/${a}/disputes`, fields);
    assert.equal(again.status, 422);
    assert.match(again.text, /You already have an open dispute on this claim/);
    assert.equal(rowCount(db, "disputes"), 1);
    // The refused second one counted towards the day's quota of 2.
    assertRefused(await post(agent, `/claims/${b}/disputes`, fields), /disputes from your account today/);
    assertRefused(await post(agent, `/claims/${c}/disputes`, fields), /disputes/);
    assert.equal(rowCount(db, "disputes"), 1);
  });

  it("handle links: at most 3 pending per reader (refused with a message), then a daily quota", async () => {
    const db = emptyDb();
    const app = appWith(db, { handleClaimsPerDay: 5 });
    const people = Array.from({ length: 6 }, () => makePerson(db));
    const { agent } = await signedIn(app, db, "reader");
    for (const p of people.slice(0, 3)) assert.equal((await post(agent, `/people/${p}/claim-handle`, {})).status, 303);
    const fourth = await post(agent, `/people/${people[3]}/claim-handle`, {});
    assert.equal(fourth.status, 409);
    assert.match(fourth.text, /already have 3 handle link requests waiting/);
    assert.equal(rowCount(db, "handle_links"), 3);
    // Other readers can still claim the handles the first did not get.
    const other = await signedIn(app, db, "reader");
    assert.equal((await post(other.agent, `/people/${people[3]}/claim-handle`, {})).status, 303);
    assert.equal((await post(agent, `/people/${people[4]}/claim-handle`, {})).status, 409);
    assertRefused(await post(agent, `/people/${people[5]}/claim-handle`, {}), /handle link requests today/);
    assert.equal(rowCount(db, "handle_links"), 4);
  });

  it("the general write limit per account covers every form, e.g. settings", async () => {
    const db = emptyDb();
    const app = appWith(db, { writesPerAccount: 3 });
    const { agent } = await signedIn(app, db, "reader");
    // The login itself was a form from the address, not from the account.
    for (let i = 0; i < 3; i++) assert.equal((await post(agent, "/me/settings", { timeZone: "UTC" })).status, 303);
    assertRefused(await post(agent, "/me/settings", { timeZone: "Europe/Berlin" }), /forms sent from your account/);
    assert.equal((await post(agent, "/logout")).status, 303, "logging out is never refused");
  });

  it("the general write limit per address covers signed-out forms too", async () => {
    const db = emptyDb();
    const app = appWith(db, { writesPerAddress: 2 });
    const agent = request.agent(app);
    for (let i = 0; i < 2; i++)
      assert.equal((await post(agent, "/login", { username: "x", password: "y" })).status, 401);
    assertRefused(await post(agent, "/login", { username: "x", password: "y" }), /forms sent from your address/);
  });

  it("GET pages are never limited", async () => {
    const db = emptyDb();
    const app = appWith(db, { writesPerAddress: 1, writesPerAccount: 1 });
    for (let i = 0; i < 5; i++) assert.equal((await request(app).get("/claims")).status, 200);
    assert.equal(countRateLimits(db), 0);
  });
});

describe("login lockout", () => {
  it("a locked account+address pair does not stop another account's right password from that address", async () => {
    const db = emptyDb();
    const app = appWith(db, { loginFailures: 3 });
    const victim = await makeAccount(db, "reader");
    const other = await makeAccount(db, "reader");
    const agent = request.agent(app);
    for (let i = 0; i < 3; i++) {
      assert.equal((await post(agent, "/login", { username: victim.username, password: `wrong ${i}` })).status, 401);
    }
    const locked = await post(agent, "/login", { username: victim.username, password: PASSWORD });
    assert.equal(locked.status, 429);
    assert.match(locked.text, /Too many failed attempts to log in to this account\. Try again in \d+ minutes?\./);
    assert.ok(Number(locked.headers["retry-after"]) > 0);
    const fine = await post(request.agent(app), "/login", { username: other.username, password: PASSWORD });
    assert.equal(fine.status, 303, "another account logs in from the same address");
    // Case does not buy more tries.
    const upper = await post(agent, "/login", { username: victim.username.toUpperCase(), password: "nope" });
    assert.equal(upper.status, 429);
    // Nor does another spelling of the address, which Express routes to the same handler.
    for (const path of ["/login/", "/LOGIN", "/Login/"]) {
      assert.equal((await post(agent, path, { username: victim.username, password: PASSWORD })).status, 429, path);
    }
  });

  it("the lockout outlives a restart", async () => {
    const db = emptyDb();
    const victim = await makeAccount(db, "reader");
    const first = appWith(db, { loginFailures: 2 });
    for (let i = 0; i < 2; i++)
      await post(request.agent(first), "/login", { username: victim.username, password: "no" });
    const restarted = appWith(db, { loginFailures: 2 });
    assert.equal(
      (await post(request.agent(restarted), "/login", { username: victim.username, password: PASSWORD })).status,
      429,
    );
  });

  describe("behind a trusted proxy (addresses from X-Forwarded-For)", () => {
    let saved: string | undefined;
    before(() => {
      saved = process.env.TRUST_PROXY;
      process.env.TRUST_PROXY = "loopback";
    });
    after(() => {
      if (saved === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = saved;
    });

    it("failures from many addresses lock the account at a higher count; the owner's address pair is its own", async () => {
      const db = emptyDb();
      const app = appWith(db, { loginFailures: 2, loginFailuresPerAccount: 5 });
      const victim = await makeAccount(db, "reader");
      const from = (ip: string, password: string) =>
        request(app)
          .get("/login")
          .set("X-Forwarded-For", ip)
          .then((page) => {
            const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? "";
            const cookie = (page.headers["set-cookie"] as unknown as string[] | undefined)?.[0]?.split(";")[0] ?? "";
            return request(app)
              .post("/login")
              .set("X-Forwarded-For", ip)
              .set("Cookie", cookie)
              .type("form")
              .send({ username: victim.username, password, _csrf: token });
          });
      // Two failures from 10.0.0.1 lock that pair only: the owner at 10.0.0.9 still logs in.
      for (let i = 0; i < 2; i++) assert.equal((await from("10.0.0.1", "wrong")).status, 401);
      assert.equal((await from("10.0.0.1", PASSWORD)).status, 429);
      assert.equal((await from("10.0.0.9", PASSWORD)).status, 303);
      // Three more from other addresses reach the per-account limit of 5 failures across addresses.
      for (const ip of ["10.0.0.2", "10.0.0.3", "10.0.0.4"]) assert.equal((await from(ip, "wrong")).status, 401);
      assert.equal((await from("10.0.0.5", PASSWORD)).status, 429);
    });
  });
});

describe("the rate-limit store", () => {
  it("starts a new window once the old one ended, and prunes expired rows", () => {
    const db = emptyDb();
    let now = 1_000_000;
    const store = new SqliteRateLimitStore(db, "t", () => now);
    store.init({ windowMs: 1000 } as Parameters<SqliteRateLimitStore["init"]>[0]);
    assert.equal(store.increment("k").totalHits, 1);
    assert.equal(store.increment("k").totalHits, 2);
    store.decrement("k");
    assert.equal(store.get("k")?.totalHits, 1);
    assert.equal(store.get("k")?.resetTime?.getTime(), 1_001_000);
    store.increment("other");
    now += 1000;
    assert.equal(store.get("k"), undefined, "an ended window is not reported");
    assert.equal(SqliteRateLimitStore.prune(db, now), 2, "both expired rows deleted");
    assert.equal(countRateLimits(db), 0);
    const fresh = store.increment("k");
    assert.equal(fresh.totalHits, 1);
    assert.equal(fresh.resetTime?.getTime(), now + 1000);
  });

  it("an app prunes expired rows when it starts", () => {
    const db = emptyDb();
    const old = new SqliteRateLimitStore(db, "old", () => Date.now() - 10 * 60_000);
    old.init({ windowMs: 1000 } as Parameters<SqliteRateLimitStore["init"]>[0]);
    old.increment("k");
    assert.equal(countRateLimits(db), 1);
    testApp(db);
    assert.equal(countRateLimits(db), 0);
  });
});
