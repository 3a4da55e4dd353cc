import assert from "node:assert/strict";
import { findAccount, findAccountByUsername } from "../../db/accounts";
import { changePassword, changeRole, createAccount, NAME_TAKEN, signUp } from "../../server/services/accounts";
import { CHANGED_MEANWHILE } from "../../server/domain/password-change";
import { verifyPassword } from "../../server/services/passwords";
import { demoDb, emptyDb, TEST_NOW } from "../support/db";
import { rowCounts } from "../support/db";
import { makeAccount, newAccount, PASSWORD } from "../support/session";

describe("accounts service", () => {
  describe("changePassword", () => {
    it("of two changes checked at once, the second to write is refused and changes nothing", async () => {
      const db = emptyDb();
      const account = await newAccount(db, "reader");
      const hashOf = () => findAccountByUsername(db, account.username)?.passwordHash ?? "";
      // Both check the current password against the same stored hash before either writes.
      const passwords = ["first new passphrase here", "second new passphrase here"];
      const results = await Promise.all(
        passwords.map((password, i) =>
          changePassword(db, account, { current: PASSWORD, password }, TEST_NOW, `session-${i}`),
        ),
      );
      // Whichever finished hashing first wrote; the other was refused.
      const won = results.findIndex((r) => r.ok);
      assert.ok(won >= 0, "one change is made");
      assert.deepEqual(results[1 - won], { ok: false, field: "form", message: CHANGED_MEANWHILE });
      assert.equal(await verifyPassword(passwords[won] ?? "", hashOf()), true);
      assert.equal(await verifyPassword(passwords[1 - won] ?? "", hashOf()), false);
      assert.equal(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'password changed'").pluck().get(), 1);
    });
  });

  describe("changeRole", () => {
    it("refuses to demote the last admin, and writes nothing", async () => {
      const db = emptyDb();
      const admin = await newAccount(db, "admin");
      const before = rowCounts(db, ["audit_log"]);
      const done = changeRole(db, admin, admin, "editor", TEST_NOW);
      assert.deepEqual(done, {
        ok: false,
        field: "role",
        message: "This is the only admin account; make another admin first.",
      });
      assert.equal(findAccount(db, admin.id)?.role, "admin");
      assert.deepEqual(rowCounts(db, ["audit_log"]), before);
    });

    it("lets an admin step down once another admin exists, with an audit entry", async () => {
      const db = emptyDb();
      const admin = await newAccount(db, "admin");
      await newAccount(db, "admin");
      assert.deepEqual(changeRole(db, admin, admin, "reader", TEST_NOW), { ok: true, value: null });
      assert.equal(findAccount(db, admin.id)?.role, "reader");
      const entry = db.prepare("SELECT account_id AS accountId, action, details FROM audit_log").get();
      assert.deepEqual(entry, {
        accountId: admin.id,
        action: "role changed",
        details: `${admin.username}: admin → reader`,
      });
    });

    it("promotes a reader when there is only one admin", async () => {
      const db = emptyDb();
      const admin = await newAccount(db, "admin");
      const reader = await newAccount(db, "reader");
      assert.equal(changeRole(db, admin, reader, "editor", TEST_NOW).ok, true);
      assert.equal(findAccount(db, reader.id)?.role, "editor");
    });
  });

  describe("signUp", () => {
    it("creates a reader with its own person and a hash that verifies", async () => {
      const db = emptyDb();
      const done = await signUp(db, { username: "newcomer", password: "a long password" }, TEST_NOW);
      assert.ok(done.ok);
      const stored = findAccountByUsername(db, "newcomer");
      assert.equal(stored?.id, done.value);
      assert.equal(stored.role, "reader");
      assert.notEqual(stored.personId, null);
      assert.equal(await verifyPassword("a long password", stored.passwordHash), true);
    });

    it("refuses a name an account already has, and writes nothing", async () => {
      const db = emptyDb();
      const { username } = await makeAccount(db, "reader");
      const before = rowCounts(db, ["accounts", "people"]);
      const done = await signUp(db, { username, password: "a long password" }, TEST_NOW);
      assert.deepEqual(done, { ok: false, field: "username", message: NAME_TAKEN });
      assert.deepEqual(rowCounts(db, ["accounts", "people"]), before);
    });

    it("refuses an imported commenter's handle", async () => {
      const db = demoDb();
      const handle = db.prepare("SELECT handle FROM people WHERE kind = 'commenter' LIMIT 1").pluck().get() as string;
      const before = rowCounts(db, ["accounts", "people"]);
      const done = await signUp(db, { username: handle, password: "a long password" }, TEST_NOW);
      assert.equal(done.ok, false);
      assert.deepEqual(rowCounts(db, ["accounts", "people"]), before);
    });
  });

  it("createAccount gives the role asked for", async () => {
    const db = emptyDb();
    const done = await createAccount(db, { username: "boss", password: "a long password", role: "admin" }, TEST_NOW);
    assert.ok(done.ok);
    assert.equal(findAccount(db, done.value)?.role, "admin");
  });
});
