// Issue 9, finding 14: handles compared as people read them (migration 0014, server/domain/usernames.ts).
import assert from "node:assert/strict";
import { listMigrations, migrate } from "../../db/connection";
import { findPersonByHandle } from "../../db/people";
import { signUp, NAME_LOOKS_TAKEN, NAME_TAKEN } from "../../server/services/accounts";
import { importThread } from "../../server/services/import-thread";
import { emptyDb, TEST_NOW } from "../support/db";
import { makeAccount } from "../support/session";
import { openDb } from "../../db/connection";
import { tempPath } from "../support/db";

let threads = 0;
/** A thread whose comments are by these handles, one comment each. */
function thread(handles: readonly string[]): string {
  threads += 1;
  const comments = handles.map(
    (h, i) => `${i + 1}. ${h}\n\nPosts: 3; Member since: Jan 01, 2014\n\nComment number ${i + 1} of the thread.\n`,
  );
  return `Thread ${threads}\n\nThe article.\n\nsource: Example News\n\n${comments.join("\n")}`;
}

function authors(db: ReturnType<typeof emptyDb>, sourceId: number): string[] {
  return db
    .prepare(
      "SELECT p.handle FROM comments c JOIN people p ON p.id = c.person_id WHERE c.source_id = ? ORDER BY c.position",
    )
    .pluck()
    .all(sourceId) as string[];
}

describe("handles: one person per name as people read it", () => {
  for (const [name, a, b] of [
    ["ASCII case", "CaseFold", "casefold"],
    ["case beyond ASCII", "Ödön", "ödön"],
    ["the two encodings of Chloë", "Chlo\u00EB", "Chloe\u0308"],
    ["Greek case", "ΣΟΦΙΑ", "σοφια"],
  ] as const) {
    it(`an import treats ${name} as one person: ${a} / ${b}`, () => {
      const db = emptyDb();
      const first = importThread(db, thread([a]), {}, TEST_NOW);
      const second = importThread(db, thread([b]), {}, TEST_NOW);
      const [x] = authors(db, first.sourceId);
      const [y] = authors(db, second.sourceId);
      assert.equal(x, a.normalize("NFC"));
      assert.equal(y, x, "the second thread's commenter is the first's person");
      assert.equal(db.prepare("SELECT count(*) FROM people").pluck().get(), 1);
      assert.equal(findPersonByHandle(db, b)?.handle, a.normalize("NFC"));
    });
  }

  it("stores a decomposed handle in NFC", () => {
    const db = emptyDb();
    const s = importThread(db, thread(["Chloe\u0308"]), {}, TEST_NOW);
    assert.deepEqual(authors(db, s.sourceId), ["Chlo\u00EB"]);
  });

  it("keeps a Cyrillic look-alike of an account apart, and flags it in the summary", async () => {
    const db = emptyDb();
    await makeAccount(db, "reader", "ed1");
    const s = importThread(db, thread(["\u0435d1"]), {}, TEST_NOW);
    assert.deepEqual(authors(db, s.sourceId), ["\u0435d1"]);
    assert.equal(db.prepare("SELECT count(*) FROM people").pluck().get(), 2, "not merged");
    assert.ok(
      s.warnings.some((w) => w.includes('"\u0435d1" looks like "ed1"')),
      s.warnings.join("\n"),
    );
  });

  it("leaves out a comment whose handle is 5,000 characters, and says why", () => {
    const db = emptyDb();
    const s = importThread(db, thread(["x".repeat(5000), "shortname"]), {}, TEST_NOW);
    assert.deepEqual(authors(db, s.sourceId), ["shortname"]);
    assert.equal(s.skipped[0]?.reason, "unusable handle");
    assert.ok(s.warnings.some((w) => /longer than 60 characters/.test(w)));
    assert.equal(db.prepare("SELECT max(length(handle)) FROM people").pluck().get(), "shortname".length);
  });

  it("signup refuses a name taken in another case or encoding, and a look-alike of a commenter", async () => {
    const db = emptyDb();
    importThread(db, thread(["CaseFold", "Ödön", "\u0435d1"]), {}, TEST_NOW);
    for (const [username, message] of [
      ["casefold", NAME_TAKEN],
      ["Odon", NAME_LOOKS_TAKEN],
      ["ed1", NAME_LOOKS_TAKEN],
    ] as const) {
      const done = await signUp(db, { username, password: "correct horse battery" }, TEST_NOW);
      assert.deepEqual(done, { ok: false, field: "username", message }, username);
    }
    const free = await signUp(db, { username: "someone-else", password: "correct horse battery" }, TEST_NOW);
    assert.equal(free.ok, true);
  });

  it("migration 0014 gives existing people their keys; two rows of one name stay two people", () => {
    const file = tempPath("handles-0013.db");
    const db = openDb(file);
    migrate(
      db,
      listMigrations().filter((m) => m.version <= 13),
    );
    const add = db.prepare(
      "INSERT INTO people (handle, kind, created_at) VALUES (?, 'commenter', '2026-01-01T00:00:00Z')",
    );
    for (const h of ["Chlo\u00EB", "Chloe\u0308", "Ödön", "ödön", "\u0435d1", "ed1"]) add.run(h);
    assert.deepEqual(
      migrate(
        db,
        listMigrations().filter((m) => m.version === 14),
      ),
      ["0014_add_handle_keys_and_password_change.sql"],
    );
    const rows = db
      .prepare("SELECT handle, handle_key AS key, handle_skeleton AS skeleton FROM people ORDER BY id")
      .all();
    assert.deepEqual(
      rows.map((r) => (r as { key: string }).key.replace(/ #\d+$/, " #n")),
      ["chlo\u00EB", "chlo\u00EB #n", "ödön", "ödön #n", "\u0435d1", "ed1"],
    );
    assert.equal((rows[4] as { skeleton: string }).skeleton, "ed1");
    // The unique index holds from now on: a third Chloë finds the first.
    assert.equal(findPersonByHandle(db, "CHLOË")?.handle, "Chlo\u00EB");
    assert.throws(() =>
      db
        .prepare("INSERT INTO people (handle, handle_key, kind, created_at) VALUES ('x', 'ed1', 'commenter', 'now')")
        .run(),
    );
  });
});
