import assert from "node:assert/strict";
import request from "supertest";
import { demoDb, rowCount, TEST_NOW } from "../support/db";
import { NAME_LOOKS_TAKEN } from "../../server/services/accounts";
import { importThread } from "../../server/services/import-thread";
import { testApp } from "../support/app";
import { makeClaim } from "../support/factories";
import {
  PASSWORD,
  csrfFrom,
  fieldError,
  fieldValue,
  makeAccount,
  sessionCookie,
  sidOf,
  signedIn,
  tokenOf,
} from "../support/session";

const GENERIC = "That username and password do not match an account.";

function formError(html: string): string | undefined {
  return /<p class="form-error" role="alert">([^<]*)<\/p>/.exec(html)?.[1];
}

async function signup(agent: ReturnType<typeof request.agent>, fields: Record<string, string>) {
  const token = await tokenOf(agent, "/signup");
  return agent
    .post("/signup")
    .type("form")
    .send({ ...fields, _csrf: token });
}

describe("sign up", () => {
  it("creates a reader, signs them in and redirects to My forecasts with a HttpOnly, SameSite=Lax cookie", async () => {
    const db = demoDb();
    const app = testApp(db);
    const agent = request.agent(app);
    const res = await signup(agent, {
      username: "newreader",
      password: "a long passphrase",
      confirm: "a long passphrase",
    });
    assert.equal(res.status, 303, res.text);
    assert.equal(res.headers.location, "/me/forecasts");
    const cookie = sessionCookie(res);
    assert.ok(cookie, "the signup response sets hindsight.sid");
    assert.match(cookie, /;\s*HttpOnly/i);
    assert.match(cookie, /;\s*SameSite=Lax/i);
    assert.doesNotMatch(cookie, /;\s*Secure/i, "plain http must not get a Secure cookie");
    const mine = await agent.get("/me/forecasts");
    assert.equal(mine.status, 200);
    assert.match(mine.text, /Welcome, newreader/);
    const row = db.prepare("SELECT role FROM accounts WHERE username = 'newreader'").get() as { role: string };
    assert.equal(row.role, "reader");
  });

  it("marks the cookie Secure when a trusted proxy says the request came over https", async () => {
    const db = demoDb();
    const before = process.env.TRUST_PROXY;
    process.env.TRUST_PROXY = "loopback";
    let app;
    try {
      app = testApp(db);
    } finally {
      if (before === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = before;
    }
    // A Secure cookie is not sent back over plain http by a cookie jar, so carry it by hand.
    const page = await request(app).get("/signup").set("X-Forwarded-Proto", "https");
    const first = sessionCookie(page);
    assert.ok(first);
    assert.match(first, /;\s*Secure/i);
    const res = await request(app)
      .post("/signup")
      .set("X-Forwarded-Proto", "https")
      .set("Cookie", first.split(";")[0] ?? "")
      .type("form")
      .send({
        username: "tlsreader",
        password: "a long passphrase",
        confirm: "a long passphrase",
        _csrf: csrfFrom(page.text),
      });
    assert.equal(res.status, 303, res.text);
    const cookie = sessionCookie(res);
    assert.ok(cookie);
    assert.match(cookie, /;\s*Secure/i);
    assert.match(cookie, /;\s*HttpOnly/i);
  });

  it("stores an scrypt hash, never the password", async () => {
    const db = demoDb();
    const app = testApp(db);
    const password = "my secret passphrase";
    await signup(request.agent(app), { username: "hashme", password, confirm: password }).then((r) =>
      assert.equal(r.status, 303),
    );
    const hash = db.prepare("SELECT password_hash FROM accounts WHERE username = 'hashme'").pluck().get() as string;
    assert.match(hash, /^scrypt\$/);
    assert.ok(!hash.includes(password));
    const dump = JSON.stringify(db.prepare("SELECT * FROM accounts").all());
    assert.ok(!dump.includes(password), "the password appears nowhere in the accounts table");
    const sessions = JSON.stringify(db.prepare("SELECT sess FROM sessions").all());
    assert.ok(!sessions.includes(password), "nor in a session");
  });

  it("refuses a 9-character password with the message beside the field, keeping the username", async () => {
    const db = demoDb();
    const app = testApp(db);
    const before = rowCount(db, "accounts");
    const res = await signup(request.agent(app), { username: "shortpw", password: "123456789", confirm: "123456789" });
    assert.equal(res.status, 422);
    assert.match(fieldError(res.text, "password") ?? "", /at least 10 characters/);
    assert.equal(fieldValue(res.text, "username"), "shortpw");
    assert.equal(fieldValue(res.text, "password"), "", "the password is never echoed");
    assert.ok(!res.text.includes("123456789"));
    assert.equal(rowCount(db, "accounts"), before);
  });

  it("refuses a confirmation that differs", async () => {
    const db = demoDb();
    const app = testApp(db);
    const before = rowCount(db, "accounts");
    const res = await signup(request.agent(app), {
      username: "mismatch",
      password: "a long passphrase",
      confirm: "a long passphrasE",
    });
    assert.equal(res.status, 422);
    assert.match(fieldError(res.text, "confirm") ?? "", /differ/);
    assert.equal(fieldValue(res.text, "username"), "mismatch");
    assert.equal(rowCount(db, "accounts"), before);
  });

  it("refuses a username taken by an account", async () => {
    const db = demoDb();
    const app = testApp(db);
    const { username } = await makeAccount(db, "reader");
    const before = rowCount(db, "accounts");
    const res = await signup(request.agent(app), {
      username,
      password: "a long passphrase",
      confirm: "a long passphrase",
    });
    assert.equal(res.status, 422);
    assert.match(fieldError(res.text, "username") ?? "", /taken/);
    assert.equal(fieldValue(res.text, "username"), username);
    assert.equal(rowCount(db, "accounts"), before);
  });

  it("refuses the handle of an imported commenter (nokia12)", async () => {
    const db = demoDb();
    const app = testApp(db);
    const before = rowCount(db, "accounts");
    const res = await signup(request.agent(app), {
      username: "nokia12",
      password: "a long passphrase",
      confirm: "a long passphrase",
    });
    assert.equal(res.status, 422);
    assert.match(fieldError(res.text, "username") ?? "", /taken/);
    assert.equal(rowCount(db, "accounts"), before);
    assert.equal(db.prepare("SELECT count(*) FROM people WHERE handle = 'nokia12'").pluck().get(), 1);
  });

  it("names the first non-Latin letter of a look-alike name (Cyrillic е in еdna) and says what is allowed", async () => {
    const db = demoDb();
    const app = testApp(db);
    const before = rowCount(db, "accounts");
    const form = await request(app).get("/signup");
    assert.match(
      form.text,
      /2–40 characters: a–z, A–Z, 0–9, dot, dash or underscore \(plain Latin letters only\)/,
      "the rule is shown up front",
    );
    for (const [username, expected] of [
      [
        "\u0435dna",
        "“\u0435” (Cyrillic) is not a plain Latin letter; a username has 2–40 characters: a–z, A–Z, 0–9, dot, dash or underscore (plain Latin letters only), starting with a letter or digit.",
      ],
      ["ed\u03b1", "“\u03b1” (Greek) is not a plain Latin letter; a username has"],
      ["Chlo\u00eb", "“\u00eb” (a Latin letter with an accent or in another form) is not a plain Latin letter"],
      ["edna smith", "A username cannot contain spaces"],
      ["edna@home", "“@” (U+0040) is not allowed in a username"],
      ["e", "A username has 2 to 40 characters (this one has 1)."],
      ["_edna", "A username starts with a letter or digit, not “_”."],
      ["", "Choose a username: 2–40 characters"],
    ] as const) {
      const res = await signup(request.agent(app), {
        username,
        password: "a long passphrase",
        confirm: "a long passphrase",
      });
      assert.equal(res.status, 422, username);
      const message = fieldError(res.text, "username") ?? "";
      assert.ok(message.startsWith(expected), `${username}: ${message}`);
    }
    assert.equal(rowCount(db, "accounts"), before);
  });

  it("refuses a plain-Latin name that looks like an imported commenter's non-Latin one (ed1 beside Cyrillic еd1)", async () => {
    const db = demoDb();
    const app = testApp(db);
    importThread(
      db,
      "Thread\n\nThe article.\n\nsource: Example News\n\n1. \u0435d1\n\nPosts: 3; Member since: Jan 01, 2014\n\nA comment.\n",
      {},
      TEST_NOW,
    );
    const before = rowCount(db, "accounts");
    const res = await signup(request.agent(app), {
      username: "ed1",
      password: "a long passphrase",
      confirm: "a long passphrase",
    });
    assert.equal(res.status, 422);
    assert.equal(fieldError(res.text, "username"), NAME_LOOKS_TAKEN);
    assert.equal(rowCount(db, "accounts"), before);
    const free = await signup(request.agent(app), {
      username: "ed2",
      password: "a long passphrase",
      confirm: "a long passphrase",
    });
    assert.equal(free.status, 303, "a name unlike any commenter's is free");
  });
});

describe("log in and out", () => {
  it("answers a wrong password with 401 and a generic message", async () => {
    const db = demoDb();
    const app = testApp(db);
    const { username } = await makeAccount(db, "reader");
    const agent = request.agent(app);
    const token = await tokenOf(agent);
    const res = await agent.post("/login").type("form").send({ username, password: "not the password", _csrf: token });
    assert.equal(res.status, 401);
    assert.equal(formError(res.text), GENERIC);
    assert.equal(fieldValue(res.text, "username"), username);
    const sessions = db.prepare("SELECT sess FROM sessions").pluck().all() as string[];
    assert.ok(
      sessions.every((s) => (JSON.parse(s) as { accountId?: number }).accountId === undefined),
      "no session is signed in after a failed login",
    );
    assert.equal((await agent.get("/me/forecasts")).status, 303);
  });

  it("answers an unknown username with exactly the same status and message", async () => {
    const db = demoDb();
    const app = testApp(db);
    const agent = request.agent(app);
    const token = await tokenOf(agent);
    const res = await agent
      .post("/login")
      .type("form")
      .send({ username: "nobody-here", password: PASSWORD, _csrf: token });
    assert.equal(res.status, 401);
    assert.equal(formError(res.text), GENERIC);
  });

  it("an empty login form is a 422 with messages beside the fields, not a 401", async () => {
    const db = demoDb();
    const app = testApp(db);
    const agent = request.agent(app);
    const token = await tokenOf(agent);
    const res = await agent.post("/login").type("form").send({ username: "", password: "", _csrf: token });
    assert.equal(res.status, 422);
    assert.match(fieldError(res.text, "username") ?? "", /required/);
    assert.match(fieldError(res.text, "password") ?? "", /required/);
  });

  it("gives a new session id at login, and the old one no longer exists", async () => {
    const db = demoDb();
    const app = testApp(db);
    const { username, id } = await makeAccount(db, "reader");
    const agent = request.agent(app);
    const page = await agent.get("/login");
    const before = sessionCookie(page);
    assert.ok(before, "the login form starts a session for its CSRF token");
    const res = await agent
      .post("/login")
      .type("form")
      .send({ username, password: PASSWORD, _csrf: csrfFrom(page.text) });
    assert.equal(res.status, 303);
    const after = sessionCookie(res);
    assert.ok(after);
    assert.notEqual(sidOf(after), sidOf(before));
    const sids = db.prepare("SELECT sid FROM sessions").pluck().all() as string[];
    assert.ok(!sids.includes(sidOf(before)), "the pre-login session was destroyed");
    assert.ok(sids.includes(sidOf(after)));
    const sess = JSON.parse(
      db.prepare("SELECT sess FROM sessions WHERE sid = ?").pluck().get(sidOf(after)) as string,
    ) as { accountId?: number };
    assert.equal(sess.accountId, id, "the session row names the account");
  });

  it("keeps sessions as rows in the sessions table, with an expiry", async () => {
    const db = demoDb();
    const app = testApp(db);
    assert.equal(rowCount(db, "sessions"), 0);
    await request(app).get("/").expect(200);
    assert.equal(rowCount(db, "sessions"), 0, "no session for a page without a form");
    const { username } = await makeAccount(db, "reader");
    const agent = request.agent(app);
    const token = await tokenOf(agent);
    const login = await agent.post("/login").type("form").send({ username, password: PASSWORD, _csrf: token });
    assert.equal(login.status, 303);
    const cookie = sessionCookie(login);
    assert.ok(cookie);
    const rows = db.prepare("SELECT sid, sess, expires_at FROM sessions").all() as {
      sid: string;
      sess: string;
      expires_at: number;
    }[];
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.sid, sidOf(cookie));
    assert.ok(rows[0] && rows[0].expires_at > Date.now());
    // A second app over the same file (a restart) still knows the session.
    const restarted = testApp(db);
    const page = await request(restarted)
      .get("/me/forecasts")
      .set("Cookie", cookie.split(";")[0] ?? "");
    assert.equal(page.status, 200);
  });

  it("logs out with a POST carrying the token: the session row is gone and pages are signed out", async () => {
    const db = demoDb();
    const app = testApp(db);
    const { agent } = await signedIn(app, db, "reader");
    assert.equal((await agent.get("/me/forecasts")).status, 200);
    assert.equal(rowCount(db, "sessions"), 1);
    const token = await tokenOf(agent, "/me/forecasts");
    const res = await agent.post("/logout").type("form").send({ _csrf: token });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, "/");
    assert.equal(rowCount(db, "sessions"), 0);
    const after = await agent.get("/me/forecasts");
    assert.equal(after.status, 303);
    assert.match(after.headers.location ?? "", /^\/login\?next=/);
    const home = await agent.get("/");
    assert.match(home.text, /href="\/login">Log in/);
  });

  it("a GET to /logout does not sign anyone out", async () => {
    const db = demoDb();
    const app = testApp(db);
    const { agent } = await signedIn(app, db, "reader");
    await agent.get("/logout");
    assert.equal((await agent.get("/me/forecasts")).status, 200);
  });

  it("after N failed logins from one address the limiter answers 429, even with the right password", async () => {
    const db = demoDb();
    const app = testApp(db, { security: { loginAttempts: 3 } });
    const { username } = await makeAccount(db, "reader");
    const agent = request.agent(app);
    const token = await tokenOf(agent);
    for (let i = 0; i < 3; i++) {
      const res = await agent
        .post("/login")
        .type("form")
        .send({ username, password: `wrong ${i}`, _csrf: token });
      assert.equal(res.status, 401, `attempt ${i + 1}`);
    }
    const blocked = await agent.post("/login").type("form").send({ username, password: "wrong again", _csrf: token });
    assert.equal(blocked.status, 429);
    assert.match(blocked.text, /Too many failed attempts/);
    const right = await agent.post("/login").type("form").send({ username, password: PASSWORD, _csrf: token });
    assert.equal(right.status, 429, "the right password does not get through while the limit holds");
    assert.equal((await agent.get("/me/forecasts")).status, 303, "still signed out");
  });

  it("successful logins do not count towards the limit", async () => {
    const db = demoDb();
    const app = testApp(db, { security: { loginAttempts: 2 } });
    const { username } = await makeAccount(db, "reader");
    for (let i = 0; i < 4; i++) {
      const agent = request.agent(app);
      const token = await tokenOf(agent);
      const res = await agent.post("/login").type("form").send({ username, password: PASSWORD, _csrf: token });
      assert.equal(res.status, 303, `login ${i + 1}`);
    }
  });

  const OFFSITE = [
    "//evil.example",
    "//evil.example/path",
    "https://evil.example",
    "/\\evil.example",
    "http:/evil.example",
  ];
  for (const next of OFFSITE) {
    it(`after login, ?next=${next} does not send the user off-site`, async () => {
      const db = demoDb();
      const app = testApp(db);
      const { username } = await makeAccount(db, "reader");
      const agent = request.agent(app);
      const page = await agent.get(`/login?next=${encodeURIComponent(next)}`);
      assert.equal(page.status, 200);
      const hidden = /name="next" value="([^"]*)"/.exec(page.text)?.[1];
      assert.equal(hidden, "/", "the form does not carry the off-site address");
      // Even if the hidden field is tampered with, the redirect stays on this site.
      const res = await agent
        .post("/login")
        .type("form")
        .send({ username, password: PASSWORD, next, _csrf: csrfFrom(page.text) });
      assert.equal(res.status, 303);
      const location = res.headers.location ?? "";
      assert.equal(location, "/");
    });
  }

  it("after login, a same-site ?next= is followed", async () => {
    const db = demoDb();
    const app = testApp(db);
    const { username } = await makeAccount(db, "reader");
    const claim = `/claims/${makeClaim(db)}`;
    const agent = request.agent(app);
    const page = await agent.get(`/login?next=${encodeURIComponent(claim)}`);
    const res = await agent
      .post("/login")
      .type("form")
      .send({ username, password: PASSWORD, next: claim, _csrf: csrfFrom(page.text) });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, claim);
  });
});
