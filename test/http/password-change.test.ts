// Changing a password (POST /me/password) locks out whoever learnt the old one: the account's other
// sessions are signed out, its private feed gets a new address, and guessing the current password
// from a stolen session is limited like logging in (server/http/limits.ts).
import assert from "node:assert/strict";
import request from "supertest";
import type { Express } from "express";
import type { Db } from "../../db/connection";
import type { LimitSettings } from "../../server/http/limits";
import { passwordStamp } from "../../server/domain/password-change";
import { verifyPassword } from "../../server/services/passwords";
import { testApp } from "../support/app";
import { emptyDb, TEST_NOW } from "../support/db";
import { csrfFrom, fieldError, makeAccount, postForm, PASSWORD, postWithToken, type Agent } from "../support/session";

const NEW_PASSWORD = "quiet lanterns over harbour";

/** A new agent logged in through the real form as this account. */
async function logIn(app: Express, username: string, password = PASSWORD): Promise<Agent> {
  return (await logInWithCookie(app, username, password)).agent;
}

/** Logs in as logIn does, and also returns the session cookie the login set ("name=value"). */
async function logInWithCookie(app: Express, username: string, password = PASSWORD) {
  const agent = request.agent(app);
  const page = await agent.get("/login");
  const res = await agent
    .post("/login")
    .type("form")
    .send({ username, password, _csrf: csrfFrom(page.text) })
    .expect(303);
  return { agent, cookie: sessionCookie(res) };
}

function sessionCookie(res: request.Response): string {
  const cookies = res.headers["set-cookie"] as unknown as string[] | undefined;
  const cookie = cookies?.find((c) => c.startsWith("hindsight.sid="))?.split(";")[0];
  assert.ok(cookie, "the response sets the session cookie");
  return cookie;
}

/** Whether a request carrying only this cookie is signed in (My forecasts answers, not a redirect). */
async function signedInWith(app: Express, cookie: string): Promise<boolean> {
  const res = await request(app).get("/me/forecasts").set("Cookie", cookie);
  assert.ok(res.status === 200 || res.status === 303, `status ${res.status}`);
  return res.status === 200;
}

/** The private feed's path, read from the settings page as the reader sees it (undefined: none made). */
async function feedPathOf(agent: Agent): Promise<string | undefined> {
  const html = (await agent.get("/me/settings").expect(200)).text;
  const url = html.match(/id="private-feed-url"[^>]*value="([^"]+)"/)?.[1];
  return url === undefined ? undefined : new URL(url).pathname;
}

function changePassword(agent: Agent, current: string, password = NEW_PASSWORD) {
  return postForm(agent, "/me/password", "/me/password", { current, password, confirm: password });
}

const hashOf = (db: Db, id: number) =>
  db.prepare("SELECT password_hash FROM accounts WHERE id = ?").pluck().get(id) as string;

/** The stored session data of this session id. */
const storedSession = (db: Db, sid: string) =>
  JSON.parse(db.prepare("SELECT sess FROM sessions WHERE sid = ?").pluck().get(sid) as string) as {
    accountId?: number;
    passwordStamp?: string;
  };

/** The ids of the stored sessions signed in to this account. */
const sessionsOf = (db: Db, id: number) =>
  db
    .prepare("SELECT sid FROM sessions WHERE json_valid(sess) AND json_extract(sess, '$.accountId') = ?")
    .pluck()
    .all(id) as string[];

describe("changing a password", () => {
  it("signs out a copy of the changer's own cookie; the changer goes on under a new session id", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const { id, username } = await makeAccount(db, "reader");
    const { agent: owner, cookie: oldCookie } = await logInWithCookie(app, username);
    // Someone copied the cookie (a shared computer, a leaked request log): it works before the change.
    assert.equal(await signedInWith(app, oldCookie), true);

    const done = await changePassword(owner, PASSWORD);
    assert.equal(done.status, 303, done.text.slice(0, 300));
    const newCookie = sessionCookie(done);
    assert.notEqual(newCookie, oldCookie, "the change gives the changer a new session id");

    assert.match((await owner.get("/me/settings").expect(200)).text, /Your password is changed\./);
    assert.equal(await signedInWith(app, oldCookie), false, "the copied cookie is signed out");
    assert.equal(await signedInWith(app, newCookie), true);
    await owner.get("/me/forecasts").expect(200);

    // The one row left is the changer's new session, stamped with the new password's fingerprint.
    const rows = sessionsOf(db, id);
    assert.equal(rows.length, 1);
    const [sid] = rows;
    assert.ok(sid);
    assert.equal(newCookie.includes(sid), true, "the row is the new cookie's session");
    assert.equal(storedSession(db, sid).passwordStamp, passwordStamp(hashOf(db, id)));
    // Nobody else was signed in, so the message does not say so.
    assert.deepEqual(db.prepare("SELECT details FROM audit_log WHERE account_id = ?").pluck().all(id), [
      `${username}: 0 other session(s) signed out`,
    ]);
  });

  it("counts only the other sessions still valid, and a malformed session row does not stop it", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const { id, username } = await makeAccount(db, "reader");
    const owner = await logIn(app, username);
    const [ownSid] = sessionsOf(db, id);
    assert.ok(ownSid);
    const { sess } = db.prepare("SELECT sess FROM sessions WHERE sid = ?").get(ownSid) as { sess: string };
    // An expired session of the account (not yet pruned), and a row that is not JSON at all.
    const insert = db.prepare("INSERT INTO sessions (sid, sess, expires_at) VALUES (?, ?, ?)");
    insert.run("expired-session", sess, TEST_NOW.minus({ days: 1 }).toMillis());
    insert.run("broken-session", "{not json", TEST_NOW.plus({ days: 1 }).toMillis());

    const done = await changePassword(owner, PASSWORD);
    assert.equal(done.status, 303, done.text.slice(0, 300));
    const settings = (await owner.get("/me/settings").expect(200)).text;
    assert.match(settings, /Your password is changed\./);
    assert.doesNotMatch(settings, /signed out everywhere else/, "an expired session is not one signed out");
    const sids = db.prepare("SELECT sid FROM sessions ORDER BY sid").pluck().all() as string[];
    assert.equal(sids.includes("expired-session"), false, "the expired one is deleted all the same");
    assert.equal(sids.includes("broken-session"), true, "the malformed row belongs to no account");
    assert.equal(sessionsOf(db, id).length, 1);
  });

  it("a session from before fingerprints were kept gets one, and a later change signs it out", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const { id, username } = await makeAccount(db, "reader");
    const old = await logIn(app, username);
    const [sid] = sessionsOf(db, id);
    assert.ok(sid);
    // As it was stored before passwordStamp existed.
    const { passwordStamp: _dropped, ...before } = storedSession(db, sid);
    db.prepare("UPDATE sessions SET sess = ? WHERE sid = ?").run(JSON.stringify(before), sid);
    assert.equal(storedSession(db, sid).passwordStamp, undefined);

    await old.get("/me/forecasts").expect(200);
    assert.equal(storedSession(db, sid).passwordStamp, passwordStamp(hashOf(db, id)), "stamped at its next request");

    // The password changes behind its back (another process, a restored row): it is signed out.
    db.prepare("UPDATE accounts SET password_hash = ? WHERE id = ?").run("scrypt$changed", id);
    const after = await old.get("/me/forecasts");
    assert.equal(after.status, 303);
    assert.match(after.headers.location ?? "", /^\/login\?next=/);
  });

  it("signs out the account's other sessions, keeps this one, and replaces the private feed's address", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const { id, username } = await makeAccount(db, "reader");
    const stolen = await logIn(app, username);
    const owner = await logIn(app, username);
    assert.equal(sessionsOf(db, id).length, 2);

    assert.equal((await postForm(owner, "/me/settings", "/me/feed", {})).status, 303);
    const oldFeed = await feedPathOf(owner);
    assert.ok(oldFeed);
    await request(app).get(oldFeed).expect(200);
    // Both sessions are signed in before the change.
    await stolen.get("/me/forecasts").expect(200);

    const done = await changePassword(owner, PASSWORD);
    assert.equal(done.status, 303, done.text.slice(0, 300));
    assert.equal(done.headers.location, "/me/settings");
    assert.equal(await verifyPassword(NEW_PASSWORD, hashOf(db, id)), true);

    // The one that changed it stays signed in, and is told what else changed.
    const settings = await owner.get("/me/settings").expect(200);
    assert.match(settings.text, /Your password is changed\. You are signed out everywhere else\./);
    assert.match(settings.text, /Your private feed has a new address: the old one no longer works\./);
    await owner.get("/me/forecasts").expect(200);
    assert.equal(sessionsOf(db, id).length, 1);

    // The other session's next request is signed out.
    const after = await stolen.get("/me/forecasts");
    assert.equal(after.status, 303);
    assert.match(after.headers.location ?? "", /^\/login\?next=/);
    assert.doesNotMatch((await stolen.get("/").expect(200)).text, /Log out/);
    // Nor can it make itself a feed address: it is sent to log in.
    assert.match((await postWithToken(stolen, "/me/feed")).headers.location ?? "", /^\/login/);

    // The old feed address answers like any unknown token; the settings page shows the new one.
    await request(app).get(oldFeed).expect(404);
    const newFeed = await feedPathOf(owner);
    assert.ok(newFeed);
    assert.notEqual(newFeed, oldFeed);
    await request(app).get(newFeed).expect(200);

    // The old password no longer logs in; the new one does.
    const oldLogin = await postWithToken(request.agent(app), "/login", { username, password: PASSWORD });
    assert.equal(oldLogin.status, 401);
    await logIn(app, username, NEW_PASSWORD);

    const audit = db.prepare("SELECT details FROM audit_log WHERE account_id = ?").pluck().all(id);
    assert.deepEqual(audit, [`${username}: 1 other session(s) signed out, private feed address replaced`]);
  });

  it("a session saved again after the change (a request still running) is signed out all the same", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const { id, username } = await makeAccount(db, "reader");
    const other = await logIn(app, username);
    const [otherSid] = sessionsOf(db, id);
    assert.ok(otherSid);
    const owner = await logIn(app, username);
    await other.get("/me/forecasts").expect(200);
    const row = db.prepare("SELECT sid, sess, expires_at FROM sessions WHERE sid = ?").get(otherSid) as {
      sid: string;
      sess: string;
      expires_at: number;
    };

    assert.equal((await changePassword(owner, PASSWORD)).status, 303);
    // express-session writes a modified session back at the end of its request, after the change.
    db.prepare("INSERT INTO sessions (sid, sess, expires_at) VALUES (?, ?, ?)").run(row.sid, row.sess, row.expires_at);

    const after = await other.get("/me/forecasts");
    assert.equal(after.status, 303);
    assert.match(after.headers.location ?? "", /^\/login\?next=/);
    await owner.get("/me/forecasts").expect(200);
  });

  it("two changes sent at once from two sessions: one is made, the other refused with a message", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const { id, username } = await makeAccount(db, "reader");
    const [a, b] = [await logIn(app, username), await logIn(app, username)];
    const [tokenA, tokenB] = [
      csrfFrom((await a.get("/me/password")).text),
      csrfFrom((await b.get("/me/password")).text),
    ];
    const send = (agent: Agent, _csrf: string, password: string) =>
      agent.post("/me/password").type("form").send({ current: PASSWORD, password, confirm: password, _csrf });
    const answers = await Promise.all([
      send(a, tokenA, "first new passphrase here"),
      send(b, tokenB, "second new passphrase here"),
    ]);
    assert.deepEqual(answers.map((r) => r.status).sort(), [303, 422]);
    const refused = answers.find((r) => r.status === 422);
    assert.match(refused?.text ?? "", /Your password was changed a moment ago/);
    const winner = answers[0]?.status === 303 ? "first new passphrase here" : "second new passphrase here";
    assert.equal(await verifyPassword(winner, hashOf(db, id)), true);
    assert.equal(db.prepare("SELECT count(*) FROM audit_log WHERE account_id = ?").pluck().get(id), 1);
  });

  it("without a private feed, makes none, and says nothing of one", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const { username } = await makeAccount(db, "reader");
    const owner = await logIn(app, username);
    assert.equal((await changePassword(owner, PASSWORD)).status, 303);
    const settings = await owner.get("/me/settings").expect(200);
    assert.match(settings.text, /Your password is changed\./);
    assert.doesNotMatch(settings.text, /signed out everywhere else|new address/);
    assert.equal(await feedPathOf(owner), undefined);
    assert.equal(db.prepare("SELECT count(*) FROM feed_tokens").pluck().get(), 0);
  });

  it("a wrong current password changes nothing: no session ended, the feed keeps its address", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const { id, username } = await makeAccount(db, "reader");
    const other = await logIn(app, username);
    const owner = await logIn(app, username);
    await postForm(owner, "/me/settings", "/me/feed", {});
    const feed = await feedPathOf(owner);
    assert.ok(feed);
    const wrong = await changePassword(owner, "not my password at all");
    assert.equal(wrong.status, 422);
    assert.match(fieldError(wrong.text, "current") ?? "", /not your current password/);
    assert.equal(sessionsOf(db, id).length, 2);
    await other.get("/me/forecasts").expect(200);
    await request(app).get(feed).expect(200);
  });
});

describe("guessing the current password", () => {
  const appWith = (db: Db, limits: Partial<LimitSettings>) => testApp(db, { security: { limits } });

  it("has a limit of its own: after the failures allowed, a 429 on the form, and nothing changes", async () => {
    const db = emptyDb();
    const app = appWith(db, { passwordChangeFailures: 3 });
    const { id, username } = await makeAccount(db, "reader");
    const agent = await logIn(app, username);
    for (let i = 0; i < 3; i++) {
      const res = await changePassword(agent, `wrong guess ${i}`);
      assert.equal(res.status, 422, `guess ${i + 1}`);
    }
    const refused = await changePassword(agent, PASSWORD);
    assert.equal(refused.status, 429, refused.text.slice(0, 300));
    assert.match(refused.headers["content-type"] ?? "", /^text\/html/);
    assert.match(
      refused.text,
      /<p class="form-error" role="alert">Too many wrong current passwords for this account\. Try again in \d+ (?:minutes?|hours?)\.<\/p>/,
    );
    assert.match(refused.text, /<h1>Change your password<\/h1>/);
    assert.ok(Number(refused.headers["retry-after"]) > 0);
    assert.equal(await verifyPassword(PASSWORD, hashOf(db, id)), true, "the password is unchanged");
    // Still signed in: the limit refuses the form, not the session.
    await agent.get("/me/forecasts").expect(200);
  });

  it("the limit per address covers every account from it", async () => {
    const db = emptyDb();
    const app = appWith(db, { passwordChangeFailuresPerAddress: 2 });
    const first = await logIn(app, (await makeAccount(db, "reader")).username);
    const second = await logIn(app, (await makeAccount(db, "reader")).username);
    assert.equal((await changePassword(first, "wrong guess")).status, 422);
    assert.equal((await changePassword(second, "wrong guess")).status, 422);
    const refused = await changePassword(second, PASSWORD);
    assert.equal(refused.status, 429);
    assert.match(refused.text, /Too many wrong current passwords from your address\. Try again in/);
  });

  it("a wrong guess also counts as a failed login, and a new password the rules refuse does not count", async () => {
    const db = emptyDb();
    const app = appWith(db, { passwordChangeFailures: 3, loginFailures: 2 });
    const { id, username } = await makeAccount(db, "reader");
    const agent = await logIn(app, username);
    for (let i = 0; i < 5; i++) {
      const weak = await changePassword(agent, PASSWORD, "1234567890");
      assert.equal(weak.status, 422);
      assert.match(fieldError(weak.text, "password") ?? "", /sequence/);
    }
    const done = await changePassword(agent, PASSWORD);
    assert.equal(done.status, 303, "refused new passwords are not guesses");
    assert.equal(await verifyPassword(NEW_PASSWORD, hashOf(db, id)), true);

    // Two wrong guesses here reach the login's limit of 2 for this account from this address.
    for (let i = 0; i < 2; i++) assert.equal((await changePassword(agent, `guess ${i}`, PASSWORD)).status, 422);
    const login = await postWithToken(request.agent(app), "/login", { username, password: NEW_PASSWORD });
    assert.equal(login.status, 429);
    // The form's own limit (3) is not reached: the owner still changes it.
    assert.equal((await changePassword(agent, NEW_PASSWORD, PASSWORD)).status, 303);
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

    /** A login from this address, as a browser there would send it (its own session and token). */
    async function loginFrom(app: Express, ip: string, username: string, password: string) {
      const page = await request(app).get("/login").set("X-Forwarded-For", ip);
      return request(app)
        .post("/login")
        .set("X-Forwarded-For", ip)
        .set("Cookie", sessionCookie(page))
        .type("form")
        .send({ username, password, _csrf: csrfFrom(page.text) });
    }

    it("failed logins in the account's name, from anywhere, never block its owner's change", async () => {
      const db = emptyDb();
      const app = appWith(db, { loginFailures: 2, loginFailuresPerAccount: 3, loginFailuresPerAddress: 3 });
      const { id, username } = await makeAccount(db, "reader");
      const owner = await logIn(app, username);
      // Strangers fail to log in as the owner from other addresses, past the account's login limit.
      for (const ip of ["10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"]) {
        const res = await loginFrom(app, ip, username, "wrong");
        assert.ok(res.status === 401 || res.status === 429, `status ${res.status}`);
      }
      const locked = await loginFrom(app, "10.0.0.6", username, PASSWORD);
      assert.equal(locked.status, 429, "the account's logins are locked");

      const done = await changePassword(owner, PASSWORD);
      assert.equal(done.status, 303, done.text.slice(0, 300));
      assert.equal(await verifyPassword(NEW_PASSWORD, hashOf(db, id)), true);
    });
  });
});
