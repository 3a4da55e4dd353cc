// Issue 12: passwords per NIST SP 800-63B at signup and change, and accounts whose stored password
// fails the rules are sent to change it at their next login.
import assert from "node:assert/strict";
import request from "supertest";
import { findAccount, insertAccount } from "../../db/accounts";
import { hashPassword, verifyPassword } from "../../server/services/passwords";
import { PASSWORD_RULES_VERSION } from "../../server/domain/password-rules";
import { emptyDb, rowCount } from "../support/db";
import { testApp } from "../support/app";
import { changedTables, fieldError, signedIn, snapshot, tokenOf, PASSWORD, type Agent } from "../support/session";

async function post(agent: Agent, page: string, action: string, fields: Record<string, string>) {
  const token = await tokenOf(agent, page);
  return agent
    .post(action)
    .type("form")
    .send({ ...fields, _csrf: token });
}

describe("passwords at signup: the measured ones are refused with the reason beside the field", () => {
  for (const [password, message] of [
    [" ".repeat(10), /spaces only/],
    ["aaaaaaaaaa", /repeated character/],
    ["1234567890", /sequence/],
    ["password12", /common or breached passwords/],
    ["newperson42", /made from your username/],
    ["newperson4", /made from your username/],
  ] as const) {
    it(JSON.stringify(password), async () => {
      const db = emptyDb();
      const app = testApp(db);
      const agent = request.agent(app);
      const before = rowCount(db, "accounts");
      const res = await post(agent, "/signup", "/signup", { username: "newperson4", password, confirm: password });
      assert.equal(res.status, 422);
      assert.match(fieldError(res.text, "password") ?? "", message);
      assert.equal(rowCount(db, "accounts"), before);
    });
  }

  it("the username itself", async () => {
    const db = emptyDb();
    const res = await post(request.agent(testApp(db)), "/signup", "/signup", {
      username: "chloe.martin",
      password: "chloe.martin",
      confirm: "chloe.martin",
    });
    assert.equal(res.status, 422);
    assert.match(fieldError(res.text, "password") ?? "", /made from your username/);
  });

  it("a good passphrase is accepted", async () => {
    const db = emptyDb();
    const res = await post(request.agent(testApp(db)), "/signup", "/signup", {
      username: "chloe.martin",
      password: PASSWORD,
      confirm: PASSWORD,
    });
    assert.equal(res.status, 303);
  });
});

describe("an account whose stored password fails the rules", () => {
  async function weakAccount() {
    const db = emptyDb();
    const id = insertAccount(db, {
      username: "oldtimer",
      passwordHash: await hashPassword("password12"),
      role: "editor",
      now: "2025-01-01T00:00:00.000Z",
    });
    const app = testApp(db);
    const agent = request.agent(app);
    const login = await post(agent, "/login", "/login", { username: "oldtimer", password: "password12" });
    return { db, id, agent, login };
  }

  it("is sent to the change-password page at login, and every other page sends it back there", async () => {
    const { db, id, agent, login } = await weakAccount();
    assert.equal(login.status, 303);
    assert.equal(login.headers.location, "/me/password");
    assert.equal(findAccount(db, id)?.mustChangePassword, true);
    assert.equal(findAccount(db, id)?.passwordRules, PASSWORD_RULES_VERSION, "checked under the current rules");
    const page = await agent.get("/me/password").expect(200);
    assert.match(page.text, /no longer meets this site&#39;s rules|no longer meets this site's rules/);
    for (const path of ["/", "/claims", "/me/forecasts", "/editor", "/me/settings"]) {
      const res = await agent.get(path);
      assert.equal(res.status, 303, path);
      assert.equal(res.headers.location, "/me/password", path);
    }
    // A form posted elsewhere writes nothing.
    const before = snapshot(db);
    const res = await post(agent, "/me/password", "/me/settings", { timeZone: "Europe/Berlin" });
    assert.equal(res.headers.location, "/me/password");
    assert.deepEqual(changedTables(before, snapshot(db)), []);
  });

  it("must give its current password and a new one that passes; then it is free again", async () => {
    const { db, id, agent } = await weakAccount();
    const wrong = await post(agent, "/me/password", "/me/password", {
      current: "not it at all",
      password: PASSWORD,
      confirm: PASSWORD,
    });
    assert.equal(wrong.status, 422);
    assert.match(fieldError(wrong.text, "current") ?? "", /not your current password/);
    const weak = await post(agent, "/me/password", "/me/password", {
      current: "password12",
      password: "1234567890",
      confirm: "1234567890",
    });
    assert.equal(weak.status, 422);
    assert.match(fieldError(weak.text, "password") ?? "", /sequence/);
    assert.equal(findAccount(db, id)?.mustChangePassword, true);

    const done = await post(agent, "/me/password", "/me/password", {
      current: "password12",
      password: PASSWORD,
      confirm: PASSWORD,
    });
    assert.equal(done.status, 303);
    assert.equal(findAccount(db, id)?.mustChangePassword, false);
    const hash = db.prepare("SELECT password_hash FROM accounts WHERE id = ?").pluck().get(id) as string;
    assert.equal(await verifyPassword(PASSWORD, hash), true);
    await agent.get("/claims").expect(200);
    const audit = db.prepare("SELECT action FROM audit_log WHERE account_id = ?").pluck().all(id);
    assert.deepEqual(audit, ["password changed"]);
  });

  it("is checked once per version of the rules: a login after that reads the recorded outcome", async () => {
    const { db, id } = await weakAccount();
    // Pretend the outcome recorded under the current rules was a pass: the next login believes it.
    db.prepare("UPDATE accounts SET must_change_password = 0 WHERE id = ?").run(id);
    const again = await post(request.agent(testApp(db)), "/login", "/login", {
      username: "oldtimer",
      password: "password12",
    });
    assert.equal(again.headers.location, "/");
    // Rules tightened (an older version recorded): the next login checks again.
    db.prepare("UPDATE accounts SET password_rules = ? WHERE id = ?").run(PASSWORD_RULES_VERSION - 1, id);
    const third = await post(request.agent(testApp(db)), "/login", "/login", {
      username: "oldtimer",
      password: "password12",
    });
    assert.equal(third.headers.location, "/me/password");
  });

  it("an account with a good password is not asked, and can change it from /me/password", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const { agent, id } = await signedIn(app, db, "reader");
    assert.equal(findAccount(db, id)?.mustChangePassword, false);
    assert.equal(findAccount(db, id)?.passwordRules, PASSWORD_RULES_VERSION);
    await agent.get("/me/forecasts").expect(200);
    const settings = await agent.get("/me/settings").expect(200);
    assert.match(settings.text, /href="\/me\/password"/);
    const res = await post(agent, "/me/password", "/me/password", {
      current: PASSWORD,
      password: "a different long passphrase",
      confirm: "a different long passphrase",
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, "/me/settings");
  });
});
