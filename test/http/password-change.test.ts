// Changing a password (POST /me/password) locks out whoever learnt the old one: the account's other
// sessions are signed out, its private feed gets a new address, and guessing the current password
// from a stolen session is limited like logging in (server/http/limits.ts).
import assert from "node:assert/strict";
import request from "supertest";
import type { Express } from "express";
import type { Db } from "../../db/connection";
import type { LimitSettings } from "../../server/http/limits";
import { verifyPassword } from "../../server/services/passwords";
import { testApp } from "../support/app";
import { emptyDb } from "../support/db";
import { csrfFrom, fieldError, makeAccount, postForm, PASSWORD, postWithToken, type Agent } from "../support/session";

const NEW_PASSWORD = "quiet lanterns over harbour";

/** A new agent logged in through the real form as this account. */
async function logIn(app: Express, username: string, password = PASSWORD): Promise<Agent> {
  const agent = request.agent(app);
  const page = await agent.get("/login");
  await agent
    .post("/login")
    .type("form")
    .send({ username, password, _csrf: csrfFrom(page.text) })
    .expect(303);
  return agent;
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

/** The ids of the stored sessions signed in to this account. */
const sessionsOf = (db: Db, id: number) =>
  db.prepare("SELECT sid FROM sessions WHERE json_extract(sess, '$.accountId') = ?").pluck().all(id) as string[];

describe("changing a password", () => {
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

  it("is limited like logging in: after the failures allowed, a 429 page, and nothing changes", async () => {
    const db = emptyDb();
    const app = appWith(db, { loginFailures: 3 });
    const { id, username } = await makeAccount(db, "reader");
    const agent = await logIn(app, username);
    for (let i = 0; i < 3; i++) {
      const res = await changePassword(agent, `wrong guess ${i}`);
      assert.equal(res.status, 422, `guess ${i + 1}`);
    }
    const refused = await changePassword(agent, PASSWORD);
    assert.equal(refused.status, 429, refused.text.slice(0, 300));
    assert.match(refused.headers["content-type"] ?? "", /^text\/html/);
    assert.match(refused.text, /You have reached the limit of wrong current passwords for this account\./);
    assert.match(refused.text, /Try again in <strong>\d+ minutes?<\/strong>/);
    assert.ok(Number(refused.headers["retry-after"]) > 0);
    assert.equal(await verifyPassword(PASSWORD, hashOf(db, id)), true, "the password is unchanged");
    // Still signed in: the limit refuses the form, not the session.
    await agent.get("/me/forecasts").expect(200);
    // The account's login from this address is locked too: both guess the same password.
    const login = await postWithToken(request.agent(app), "/login", { username, password: PASSWORD });
    assert.equal(login.status, 429);
  });

  it("wrong logins count too, and a new password the rules refuse does not", async () => {
    const db = emptyDb();
    const app = appWith(db, { loginFailures: 3 });
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

    for (let i = 0; i < 2; i++) {
      const res = await postWithToken(request.agent(app), "/login", { username, password: `wrong ${i}` });
      assert.equal(res.status, 401);
    }
    assert.equal((await changePassword(agent, "one more guess", PASSWORD)).status, 422);
    assert.equal((await changePassword(agent, NEW_PASSWORD, PASSWORD)).status, 429);
  });
});
