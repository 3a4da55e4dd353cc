// `npm start` loads the demo only into a database with no data at all: a dataset loaded with
// load-dataset (or an account made with create-user) is a real site, and the demo's commenters must
// not join its board. Driven as an operator would: the real commands, then the real startup path.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { openDb } from "../../db/connection";
import { ROOT } from "../../db/paths";
import { runScript } from "../support/cli";
import { tempPath } from "../support/db";

const DATASET = {
  claims: [{ key: "c1", text: "Example Corp ships the widget before 2020-01-01", resolveBy: "2020-01-01" }],
  events: [{ key: "e1", title: "The widget ships", occurredOn: "2019-05-01" }],
  forecasts: [
    { claim: "c1", person: "ann", probability: 0.8, madeAt: "2018-01-01" },
    { claim: "c1", person: "bob", probability: 0.3, madeAt: "2018-02-01" },
  ],
  resolutions: [{ claim: "c1", verdict: "YES", basis: "event", events: ["e1"], rationale: "It shipped." }],
};

/** Starts the server on the database, waits for its "listening" line, stops it, and returns that line. */
async function startOnce(dbFile: string): Promise<{ demoLoaded: boolean }> {
  const child = spawn(process.execPath, [path.join(ROOT, "dist", "server", "main.js")], {
    env: { ...process.env, HINDSIGHT_DB: dbFile, PORT: "0", HOST: "127.0.0.1", DEBUG: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    return await new Promise((resolve, reject) => {
      let out = "";
      let err = "";
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const line = out.split("\n").find((l) => l.includes('"listening"'));
        if (line) resolve(JSON.parse(line) as { demoLoaded: boolean });
      });
      child.on("exit", (code) => reject(new Error(`server exited ${code}: ${err}`)));
    });
  } finally {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
}

const handles = (dbFile: string) => {
  const db = openDb(dbFile);
  try {
    return db.prepare("SELECT handle FROM people ORDER BY handle").pluck().all() as string[];
  } finally {
    db.close();
  }
};

describe("npm start and the demo", () => {
  it("loads the demo into a brand-new database", async () => {
    const dbFile = tempPath("fresh.db");
    assert.equal((await startOnce(dbFile)).demoLoaded, true);
    assert.ok(handles(dbFile).includes("xoxoGeorges"), "the demo's commenters are there");
  });

  it("after load-dataset into an empty database, starts without the demo: only the dataset's people", async () => {
    const dbFile = tempPath("real.db");
    const file = tempPath("dataset.json");
    fs.writeFileSync(file, JSON.stringify(DATASET));
    const loaded = runScript("load-dataset", [file], dbFile);
    assert.equal(loaded.code, 0, loaded.stderr);
    assert.equal((await startOnce(dbFile)).demoLoaded, false);
    assert.deepEqual(handles(dbFile), ["ann", "bob"]);
    const db = openDb(dbFile);
    try {
      assert.equal(db.prepare("SELECT count(*) FROM sources").pluck().get(), 0, "no demo thread or article");
      assert.deepEqual(db.prepare("SELECT handle FROM person_scores ORDER BY handle").pluck().all(), ["ann", "bob"]);
    } finally {
      db.close();
    }
  });

  it("after create-user on an empty database, starts without the demo", async () => {
    const dbFile = tempPath("admin.db");
    const made = runScript("create-user", ["--role", "admin", "alice"], dbFile);
    assert.equal(made.code, 0, made.stderr);
    assert.equal((await startOnce(dbFile)).demoLoaded, false);
    const db = openDb(dbFile);
    try {
      assert.equal(db.prepare("SELECT count(*) FROM claims").pluck().get(), 0);
    } finally {
      db.close();
    }
  });
});
