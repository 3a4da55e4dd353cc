// npm run backup / npm run restore as child processes, against real database files.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import request from "supertest";
import { listMigrations, openDb, type Db } from "../../db/connection";
import { ROOT } from "../../db/paths";
import { runScript } from "../support/cli";
import { demoDb, emptyDb, tempPath } from "../support/db";
import { testApp } from "../support/app";

/** The newest migration this code knows, as the commands name it ("0014"). */
const LATEST = String(Math.max(...listMigrations().map((m) => m.version))).padStart(4, "0");

/** Runs a script without blocking this process, so that it can write while the script runs. */
function runAsync(
  name: string,
  args: string[],
  dbFile: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "dist", "scripts", `${name}.js`), ...args], {
      env: { ...process.env, HINDSIGHT_DB: dbFile, DEBUG: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function board(db: Db): Promise<unknown> {
  return (await request(testApp(db)).get("/api/leaderboard").expect(200)).body;
}

const sha = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/** The demo database as a file that stays open (as the server would keep it). */
function liveDemo(): { db: Db; file: string } {
  const db = demoDb();
  return { db, file: db.name };
}

describe("npm run backup", () => {
  it("copies the database while it is being written, and the copy answers the same board", async () => {
    const { db, file } = liveDemo();
    const expected = await board(db);
    const audit = db.prepare(
      "INSERT INTO audit_log (action, details, created_at) VALUES ('test', ?, '2026-01-01T00:00:00Z')",
    );
    let writes = 0;
    const writer = setInterval(() => {
      for (let i = 0; i < 50; i += 1) audit.run(`write ${(writes += 1)}`);
    }, 2);
    const dest = tempPath("backup.db");
    const before = writes;
    const res = await runAsync("backup", [dest], file);
    clearInterval(writer);
    assert.equal(res.code, 0, res.stderr);
    assert.match(
      res.stdout,
      new RegExp(`^Backed up .* to .*backup\\.db \\(\\d+\\.\\d MB, migrations up to ${LATEST}\\) in \\d+ ms\\.$`, "m"),
    );
    assert.ok(writes > before, "the writer ran while the backup did");

    const copy = openDb(dest);
    const copied = copy.prepare("SELECT count(*) FROM audit_log WHERE action = 'test'").pluck().get() as number;
    assert.ok(copied >= before && copied <= writes, `a consistent snapshot: ${before} ≤ ${copied} ≤ ${writes}`);
    assert.equal(copy.pragma("integrity_check", { simple: true }), "ok");
    copy.close();

    // Restored into a fresh file, it answers the same board.
    const fresh = tempPath("fresh.db");
    const restored = runScript("restore", [dest], fresh);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /Start \(or restart\) the server/);
    const again = openDb(fresh);
    assert.deepEqual(await board(again), expected);
    again.close();
    db.close();
  });

  it("refuses bad arguments, a missing database and an existing DEST, in one line, writing nothing", () => {
    const { db, file } = liveDemo();
    db.close();
    const existing = tempPath("existing.db");
    fs.writeFileSync(existing, "keep me");
    for (const [args, dbFile, message] of [
      [[], file, /^error: give one DEST file; usage: npm run backup -- \[--force\] DEST$/m],
      [["a.db", "b.db"], file, /^error: give one DEST file; usage/],
      [["--nope", "a.db"], file, /^error: Unknown option '--nope'; usage: npm run backup/],
      [[tempPath("x.db")], tempPath("absent.db"), /^error: .*absent\.db: no such database \(HINDSIGHT_DB\)$/m],
      [[existing], file, /^error: .*existing\.db exists; choose a new file or pass --force$/m],
      [[path.join(tempPath("nodir"), "x.db")], file, /^error: .*nodir: no such folder$/m],
      [[file], file, /^error: DEST is the database itself/],
    ] as const) {
      const res = runScript("backup", [...args], dbFile);
      assert.equal(res.code, 1, `${args.join(" ")}: ${res.stdout}`);
      assert.match(res.stderr, message);
      assert.equal(res.stderr.trim().split("\n").length, 1, res.stderr);
    }
    assert.equal(fs.readFileSync(existing, "utf8"), "keep me");
  });
});

describe("npm run restore", () => {
  function target(): { file: string; hash: string } {
    const db = emptyDb();
    db.prepare("INSERT INTO settings (key, value) VALUES ('marker', 'the old database')").run();
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
    return { file: db.name, hash: sha(db.name) };
  }

  function backupOfDemo(): string {
    const { db, file } = liveDemo();
    db.close();
    const dest = tempPath("demo-backup.db");
    assert.equal(runScript("backup", [dest], file).code, 0);
    return dest;
  }

  it("refuses what is not a Hindsight database this code can run, changing nothing", () => {
    const text = tempPath("notes.txt");
    fs.writeFileSync(text, "this is not a database\n".repeat(100));
    const other = tempPath("other.sqlite");
    const o = openDb(other);
    o.exec("CREATE TABLE t (x)");
    o.close();
    const newer = backupOfDemo();
    const n = openDb(newer);
    n.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', 'x')").run();
    n.close();

    const t = target();
    for (const [file, message] of [
      [text, /notes\.txt: not an SQLite database .*; nothing was changed$/m],
      [
        other,
        /other\.sqlite: not a Hindsight database \(no table schema_migrations, accounts, people, sources, claims, forecasts\); nothing was changed$/m,
      ],
      [
        newer,
        new RegExp(
          `made by a newer Hindsight \\(migration 9999; this code knows up to ${LATEST}\\); update the code first; nothing was changed$`,
          "m",
        ),
      ],
      [tempPath("absent.db"), /absent\.db: no such file; nothing was changed$/m],
    ] as const) {
      const res = runScript("restore", [file], t.file);
      assert.equal(res.code, 1, res.stdout);
      assert.match(res.stderr, message);
      assert.equal(res.stderr.trim().split("\n").length, 1, res.stderr);
      assert.equal(sha(t.file), t.hash, "the database is untouched");
    }
    const noArgs = runScript("restore", [], t.file);
    assert.equal(noArgs.code, 1);
    assert.match(noArgs.stderr, /^error: give one backup FILE; usage: npm run restore -- \[--force\] FILE$/m);
  });

  it("refuses while the database is open (a server running), unless --force", () => {
    const backup = backupOfDemo();
    const t = target();
    const server = openDb(t.file); // keeps the -wal file there, as a running server does
    server.prepare("INSERT INTO settings (key, value) VALUES ('live', 'yes')").run();
    const res = runScript("restore", [backup], t.file);
    assert.equal(res.code, 1);
    assert.match(
      res.stderr,
      /seems to be in use .*-wal exists\): stop the server first, or pass --force; nothing was changed/,
    );
    assert.equal(server.prepare("SELECT value FROM settings WHERE key = 'live'").pluck().get(), "yes");
    server.close();
  });

  it("replaces the database in one rename and keeps the old one beside it", async () => {
    const backup = backupOfDemo();
    const expected = await board(openDb(backup));
    const t = target();
    const res = runScript("restore", [backup], t.file);
    assert.equal(res.code, 0, res.stderr);
    const kept = /kept as (\S+)\.$/m.exec(res.stdout)?.[1];
    assert.ok(kept && fs.existsSync(kept), res.stdout);
    assert.equal(sha(kept), t.hash, "the old database is kept as it was");
    const restored = openDb(t.file);
    assert.deepEqual(await board(restored), expected);
    assert.equal(restored.prepare("SELECT count(*) FROM settings WHERE key = 'marker'").pluck().get(), 0);
    restored.close();
    const leftovers = fs.readdirSync(path.dirname(t.file)).filter((f) => f.includes(".restoring-"));
    assert.deepEqual(leftovers, []);
  });
});
