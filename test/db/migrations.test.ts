import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { listMigrations, migrate, openDb } from "../../db/connection";
import { emptyDb, tempPath } from "../support/db";

describe("migrations", () => {
  it("apply in order, are recorded, and a second run applies nothing", () => {
    const db = openDb(tempPath("m.db"));
    const first = migrate(db);
    assert.deepEqual(
      first,
      listMigrations().map((m) => m.name),
    );
    assert.deepEqual(migrate(db), []);
    const recorded = db.prepare("SELECT name FROM schema_migrations ORDER BY version").pluck().all();
    assert.deepEqual(recorded, first);
  });

  it("upgrade an existing database in place, keeping its rows", () => {
    const dir = tempPath("migrations");
    fs.mkdirSync(dir);
    const all = listMigrations();
    const db = openDb(tempPath("upgrade.db"));
    migrate(db, all.slice(0, 1));
    db.prepare("INSERT INTO tags (name) VALUES ('kept')").run();
    const extra = { version: 9999, name: "9999_add_test_column.sql", sql: "ALTER TABLE tags ADD COLUMN note TEXT;" };
    assert.deepEqual(migrate(db, [...all, extra]).at(-1), extra.name);
    assert.equal(db.prepare("SELECT name FROM tags").pluck().get(), "kept");
  });

  it("a failing migration rolls back whole and is not recorded", () => {
    const db = openDb(tempPath("fail.db"));
    const bad = {
      version: 9998,
      name: "9998_broken.sql",
      sql: "CREATE TABLE half_done (id INTEGER); SELECT * FROM no_such_table;",
    };
    assert.throws(() => migrate(db, [...listMigrations(), bad]), /no such table/);
    assert.equal(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get(), 0);
    assert.equal(db.prepare("SELECT count(*) FROM schema_migrations WHERE version = 9998").pluck().get(), 0);
  });

  it("opens with WAL, foreign keys and a busy timeout", () => {
    const db = emptyDb();
    assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
    assert.equal(db.pragma("foreign_keys", { simple: true }), 1);
    assert.ok(Number(db.pragma("busy_timeout", { simple: true })) >= 1000);
  });

  it("migration files are named NNNN_verb_noun.sql", () => {
    const dir = path.join(__dirname, "../../../db/migrations");
    for (const f of fs.readdirSync(dir)) assert.match(f, /^\d{4}_[a-z]+(_[a-z0-9]+)+\.sql$/);
  });
});

describe("schema constraints", () => {
  const now = "2026-01-01T00:00:00.000Z";
  function seed() {
    const db = emptyDb();
    db.prepare("INSERT INTO people (id, handle, kind, created_at) VALUES (1, 'ann', 'reader', ?)").run(now);
    db.prepare(
      "INSERT INTO claims (id, text, resolve_by, created_at) VALUES (1, 'A checkable claim text', '2027-01-01', ?)",
    ).run(now);
    db.prepare("INSERT INTO sources (id, title, body, fingerprint, created_at) VALUES (1, 'T', '', 'fp', ?)").run(now);
    return db;
  }
  const forecast =
    "INSERT INTO forecasts (claim_id, person_id, probability, made_at, created_at) VALUES (1, 1, ?, ?, ?)";

  for (const p of [0, 1, 0.005, 1.5, -0.2]) {
    it(`refuses a probability of ${p}`, () => {
      assert.throws(() => seed().prepare(forecast).run(p, now, now), /CHECK constraint failed/);
    });
  }
  it("accepts 0.01 and 0.99", () => {
    const db = seed();
    db.prepare(forecast).run(0.01, now, now);
    db.prepare(forecast).run(0.99, now, now);
  });
  it("refuses a verdict outside YES / NO / ANNULLED", () => {
    const db = seed();
    assert.throws(
      () =>
        db
          .prepare(
            "INSERT INTO resolutions (claim_id, verdict, known_at, known_at_basis, rationale, created_at) VALUES (1, 'MAYBE', ?, 'lapse', 'r', ?)",
          )
          .run(now, now),
      /CHECK constraint failed/,
    );
  });
  it("refuses two comments with the same site number in one source", () => {
    const db = seed();
    const add = db.prepare(
      "INSERT INTO comments (source_id, site_number, position, person_id, body) VALUES (1, '7', ?, 1, 'x')",
    );
    add.run(1);
    assert.throws(() => add.run(2), /UNIQUE constraint failed/);
  });
  it("refuses a forecast on a claim that does not exist", () => {
    assert.throws(
      () =>
        seed()
          .prepare(
            "INSERT INTO forecasts (claim_id, person_id, probability, made_at, created_at) VALUES (42, 1, 0.5, ?, ?)",
          )
          .run(now, now),
      /FOREIGN KEY/,
    );
  });
});
