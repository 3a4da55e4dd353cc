import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { openDb } from "../../db/connection";
import { ROOT } from "../../db/paths";
import { generateThread } from "../../scripts/bench/thread";
import { MAX_IMPORT_BYTES } from "../../server/services/import-thread";
import { runScript } from "../support/cli";
import { rowCountIn as count, tempPath } from "../support/db";

const SEED = path.join(ROOT, "db", "seed-data", "2014-rumor-thread.txt");
const TABLES = ["sources", "comments", "people", "candidates"] as const;

function write(name: string, content: string | Buffer): string {
  const file = tempPath(name);
  fs.writeFileSync(file, content);
  return file;
}

describe("npm run import-thread", () => {
  it("imports the 2014 seed into an empty database and prints one JSON summary", () => {
    const db = tempPath("seed.db");
    const res = runScript("import-thread", [SEED, "--json"], db);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stderr, "");
    const summary = JSON.parse(res.stdout);
    assert.equal(summary.comments, 21);
    assert.equal(summary.people, 20);
    assert.ok(summary.candidates > 0);
    assert.equal(typeof summary.sourceId, "number");
    assert.deepEqual(
      summary.skipped.map((s: { reason: string; excerpt: string }) => [s.reason, s.excerpt.slice(0, 14)]),
      [
        ["boilerplate", "Latest Stories"],
        ["boilerplate", "This copy is f"],
      ],
    );
    // Imported without --published: the one warning says what that means for forecasts.
    assert.equal(summary.warnings.length, 1);
    assert.match(summary.warnings[0], /No publication date was given/);
    assert.equal(count(db, "comments"), 21);
    assert.equal(count(db, "people"), 20);
    assert.equal(count(db, "candidates"), summary.candidates);
  });

  it("says what it added in words, and on a second import that everything was already stored", () => {
    const db = tempPath("twice.db");
    const first = runScript("import-thread", [SEED], db);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /21 comments by 20 people, \d+ speculative sentences to review/);
    assert.match(first.stdout, /line \d+, boilerplate: Latest Stories/);
    const again = runScript("import-thread", [SEED], db);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Nothing new .*: all 21 comments were already stored\./);
    const json = JSON.parse(runScript("import-thread", [SEED, "--json"], db).stdout);
    assert.equal(json.comments, 0);
    assert.equal(json.alreadyStored, 21);
    assert.equal(json.candidates, 0);
    assert.equal(count(db, "comments"), 21);
    assert.equal(count(db, "sources"), 1);
  });

  it("stores --title, --publisher, --published and --url", () => {
    const db = tempPath("meta.db");
    const args = ["--title", "A thread", "--publisher", "Example News", "--published", "2014-09-30"];
    const res = runScript("import-thread", [SEED, ...args, "--url", "https://example.com/t/1", "--json"], db);
    assert.equal(res.code, 0, res.stderr);
    const conn = openDb(db);
    const row = conn.prepare("SELECT title, publisher, published_on, url FROM sources").get();
    conn.close();
    assert.deepEqual(row, {
      title: "A thread",
      publisher: "Example News",
      published_on: "2014-09-30",
      url: "https://example.com/t/1",
    });
  });

  const bad: [string, () => string[], RegExp][] = [
    ["a missing file", () => [tempPath("nope.txt")], /nope\.txt: no such file/],
    ["an empty file", () => [write("empty.txt", "")], /empty: there is nothing to import/],
    [
      "a binary file",
      () => [write("binary.bin", Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 8, 0, 0x31, 0x2e, 0x20, 0x78]))],
      /binary data, not text/,
    ],
    [
      "a text with no comments",
      () => [write("article.txt", "Just an article.\n\nTwo paragraphs.\n")],
      /No comments found/,
    ],
    [
      "a file over 20 MB",
      () => [write("huge.txt", Buffer.alloc(MAX_IMPORT_BYTES + 1, "a"))],
      /too big to import: 20,971,521 bytes, over the limit of 20 MB/,
    ],
    ["a date that does not exist", () => [SEED, "--published", "2019-02-30"], /--published must be a real date/],
    ["a URL that is not http(s)", () => [SEED, "--url", "javascript:alert(1)"], /--url must be an http/],
    ["an unknown option", () => [SEED, "--bogus"], /Unknown option '--bogus'/],
    ["no file at all", () => [], /usage: npm run import-thread -- FILE/],
  ];
  for (const [what, args, message] of bad) {
    it(`refuses ${what}: exit 1, one line on stderr, nothing stored`, () => {
      const db = tempPath("bad.db");
      const res = runScript("import-thread", [...args(), "--json"], db);
      assert.equal(res.code, 1);
      assert.match(res.stderr, message);
      assert.match(res.stderr, /^error: [^\n]+\n$/);
      assert.equal(res.stdout, "");
      for (const table of TABLES) assert.equal(count(db, table), 0, table);
    });
  }

  it("shows no progress bar when stderr is not a terminal", () => {
    const res = runScript("import-thread", [write("big.txt", generateThread(2500))], tempPath("notty.db"));
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stderr, "");
  });

  const hasScript = fs.existsSync("/usr/bin/script");
  (hasScript ? it : it.skip)("shows a progress bar on a terminal for a thread of more than 2,000 comments", () => {
    const file = write("big.txt", generateThread(2500));
    const command = `'${process.execPath}' '${path.join(ROOT, "dist/scripts/import-thread.js")}' '${file}'`;
    // script(1) runs the command on a pseudo-terminal, as when a person types it.
    const res = spawnSync("/usr/bin/script", ["-qec", command, "/dev/null"], {
      env: { ...process.env, HINDSIGHT_DB: tempPath("tty.db"), DEBUG: "" },
      encoding: "utf8",
    });
    assert.equal(res.status, 0, res.stdout);
    assert.match(res.stdout, /storing comments \[.*\] 100% \| 2500\/2500/);
    assert.match(res.stdout, /Imported .*: 2500 comments by 125 people/);
  });
});
