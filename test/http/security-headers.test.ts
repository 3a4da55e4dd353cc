import assert from "node:assert/strict";
import request from "supertest";
import { demoDb } from "../support/db";
import { testApp } from "../support/app";
import { makeResolvedClaim } from "../support/factories";
import { changedTables, signedIn, snapshot, tokenOf } from "../support/session";

/** The CSP as a map of directive → sources. */
function csp(header: string | undefined): Map<string, string[]> {
  assert.ok(header, "a Content-Security-Policy header");
  return new Map(
    header
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name ?? "", sources]),
  );
}

describe("security headers", () => {
  for (const path of ["/", "/claims/:id", "/login", "/leaderboard", "/no-such-page"]) {
    it(`GET ${path}: a strict CSP, nosniff, no X-Powered-By`, async () => {
      const db = demoDb();
      const app = testApp(db);
      const res = await request(app).get(path.replace(":id", String(makeResolvedClaim(db).claimId)));
      assert.ok(res.status === 200 || res.status === 404, `status ${res.status}`);
      const policy = csp(res.headers["content-security-policy"]);
      assert.deepEqual(policy.get("script-src"), ["'self'"]);
      assert.ok(!(policy.get("script-src") ?? []).includes("'unsafe-inline'"));
      assert.ok(!(policy.get("script-src") ?? []).includes("'unsafe-eval'"));
      assert.deepEqual(policy.get("object-src"), ["'none'"]);
      assert.deepEqual(policy.get("form-action"), ["'self'"]);
      assert.deepEqual(policy.get("frame-ancestors"), ["'none'"]);
      assert.equal(res.headers["x-content-type-options"], "nosniff");
      assert.equal(res.headers["x-powered-by"], undefined);
      assert.equal(res.headers["x-frame-options"], "DENY");
      assert.equal(res.headers["referrer-policy"], "no-referrer");
    });
  }

  it("plain http is not upgraded (the site must work on a LAN), so no upgrade-insecure-requests", async () => {
    const res = await request(testApp(demoDb())).get("/");
    assert.ok(!csp(res.headers["content-security-policy"]).has("upgrade-insecure-requests"));
  });

  it("pages carry no inline script or inline event handlers (the CSP would block them)", async () => {
    const db = demoDb();
    const app = testApp(db);
    const { agent } = await signedIn(app, db, "admin");
    const { claimId } = makeResolvedClaim(db);
    for (const path of [
      "/",
      `/claims/${claimId}`,
      "/claims/new",
      `/claims/${claimId}/resolve`,
      "/editor",
      "/admin/accounts",
      "/leaderboard",
    ]) {
      const res = await agent.get(path);
      assert.equal(res.status, 200, path);
      // A JSON-LD data block is never run, so the CSP allows it; any other inline script would be blocked.
      const scripts = res.text.replace(/<script type="application\/ld\+json">[^<]*<\/script>/g, "");
      assert.doesNotMatch(scripts, /<script(?![^>]*\bsrc=)[^>]*>/i, `${path}: no inline <script>`);
      assert.doesNotMatch(res.text, /\son[a-z]+\s*=/i, `${path}: no on… handlers`);
      assert.doesNotMatch(res.text, /href="javascript:/i, `${path}: no javascript: links`);
    }
  });

  it("JSON and CSV answers also carry nosniff", async () => {
    const app = testApp(demoDb());
    for (const path of ["/api/leaderboard", "/leaderboard.csv"]) {
      const res = await request(app).get(path);
      assert.equal(res.status, 200);
      assert.equal(res.headers["x-content-type-options"], "nosniff");
      assert.equal(res.headers["x-powered-by"], undefined);
    }
  });
});

const big = (n: number) => "x".repeat(n);

/** Bodies that no real form sends. Each must be refused with a 4xx page, never a 500. */
const MALFORMED: {
  name: string;
  contentType: string;
  body: (token: string) => string | Buffer;
  headers?: Record<string, string>;
  expect: number;
}[] = [
  {
    name: "a form over 100 kB",
    contentType: "application/x-www-form-urlencoded",
    body: (t) => `_csrf=${t}&text=${big(120 * 1024)}&resolveBy=2028-01-01`,
    expect: 413,
  },
  {
    name: "a form with more than 200 fields",
    contentType: "application/x-www-form-urlencoded",
    body: (t) => `_csrf=${t}&${Array.from({ length: 300 }, (_, i) => `f${i}=1`).join("&")}`,
    expect: 413,
  },
  {
    name: "a form in an unsupported charset",
    contentType: "application/x-www-form-urlencoded; charset=koi8-r",
    body: (t) => `_csrf=${t}&text=abc`,
    expect: 415,
  },
  {
    name: "a gzip body that is not gzip",
    contentType: "application/x-www-form-urlencoded",
    headers: { "Content-Encoding": "gzip" },
    body: () => "this is not gzip",
    expect: 400,
  },
  {
    name: "an unknown content encoding",
    contentType: "application/x-www-form-urlencoded",
    headers: { "Content-Encoding": "snappy" },
    body: (t) => `_csrf=${t}`,
    expect: 415,
  },
  {
    name: "broken JSON (not parsed, so it has no token)",
    contentType: "application/json",
    body: () => '{"text":',
    expect: 403,
  },
];

describe("oversized and malformed bodies", () => {
  for (const m of MALFORMED) {
    // APP BUG: server/app.ts errorHandler treats every error that is not an HttpError as a 500, and
    // body-parser's errors (413 entity.too.large / parameters.too.many, 415 charset/encoding.unsupported,
    // 400 bad gzip) and csrf-sync's 403 are not HttpErrors. Rendering errors/error.ejs then throws
    // ("path is not defined": the locals middleware has not run), so Express's default handler answers
    // 500 with the stack trace in the page. E.g. POST /claims with a 120 kB form → 500, not 413.
    it(`POST /claims with ${m.name} → ${m.expect} page, not 500`, async () => {
      const db = demoDb();
      const app = testApp(db);
      const { agent } = await signedIn(app, db, "reader");
      const token = await tokenOf(agent, "/");
      const before = snapshot(db);
      let req = agent.post("/claims").set("Content-Type", m.contentType);
      for (const [k, v] of Object.entries(m.headers ?? {})) req = req.set(k, v);
      const res = await req.send(m.body(token));
      assert.equal(res.status, m.expect, res.text.slice(0, 300));
      assert.match(res.headers["content-type"] ?? "", /^text\/html/);
      assert.match(res.text, new RegExp(`<h1>${m.expect} · `));
      assert.doesNotMatch(res.text, /Error:|at \w+ \(/, "no stack trace");
      assert.deepEqual(changedTables(before, snapshot(db)), []);
    });

    it(`POST /claims with ${m.name} writes nothing and leaves the app working`, async () => {
      const db = demoDb();
      const app = testApp(db);
      const { agent } = await signedIn(app, db, "reader");
      const token = await tokenOf(agent, "/");
      const before = snapshot(db);
      let req = agent.post("/claims").set("Content-Type", m.contentType);
      for (const [k, v] of Object.entries(m.headers ?? {})) req = req.set(k, v);
      const res = await req.send(m.body(token));
      assert.notEqual(res.status, 303);
      assert.deepEqual(changedTables(before, snapshot(db)), []);
      assert.equal((await agent.get("/me/forecasts")).status, 200, "still signed in, the app still answers");
    });
  }

  it("a form just under 100 kB is parsed (and refused by validation, not by size)", async () => {
    const db = demoDb();
    const app = testApp(db);
    const { agent } = await signedIn(app, db, "reader");
    const token = await tokenOf(agent, "/");
    const res = await agent
      .post("/claims")
      .type("form")
      .send(`_csrf=${token}&text=${big(90 * 1024)}&resolveBy=2028-01-01`);
    assert.equal(res.status, 422);
    assert.match(res.text, /at most 300 characters/);
  });

  it("bad percent-escapes in a form are read leniently: a 422, not a 500", async () => {
    const db = demoDb();
    const app = testApp(db);
    const { agent } = await signedIn(app, db, "reader");
    const token = await tokenOf(agent, "/");
    const before = snapshot(db);
    const res = await agent.post("/claims").type("form").send(`_csrf=${token}&text=%ZZ%E0%A4%A&resolveBy=%&tags=%%%`);
    assert.equal(res.status, 422);
    assert.deepEqual(changedTables(before, snapshot(db)), []);
  });

  it("the thread import form alone accepts a paste larger than 100 kB", async () => {
    const db = demoDb();
    const app = testApp(db);
    const { agent } = await signedIn(app, db, "editor");
    const token = await tokenOf(agent, "/");
    const res = await agent
      .post("/editor/import")
      .type("form")
      .send({ _csrf: token, text: "not a thread\n".repeat(12 * 1024) });
    assert.notEqual(res.status, 413);
    assert.ok(res.status < 500, `got ${res.status}`);
  });

  it("a path id that is not a number is a 404, not a 500", async () => {
    const app = testApp(demoDb());
    for (const path of ["/claims/abc", "/claims/1e3", "/claims/99999999999999999999", "/people/-1", "/events/%00"]) {
      const res = await request(app).get(path);
      assert.equal(res.status, 404, path);
    }
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
