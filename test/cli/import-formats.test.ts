// The command line on the formats comments live in and on files in other encodings: the JSON
// summary keeps its documented keys (DESIGN.md) and carries the encoding warning.
import assert from "node:assert/strict";
import path from "node:path";
import { ROOT } from "../../db/paths";
import { runScript } from "../support/cli";
import { rowCountIn as count, tempPath } from "../support/db";

const fixture = (name: string) => path.join(ROOT, "test", "fixtures", "formats", name);

describe("npm run import-thread on other formats and encodings", () => {
  it("imports a Disqus export, prints the documented JSON summary, and adds nothing the second time", () => {
    const db = tempPath("disqus.db");
    const res = runScript("import-thread", [fixture("disqus.xml"), "--json"], db);
    assert.equal(res.code, 0, res.stderr);
    const summary = JSON.parse(res.stdout);
    for (const key of ["sourceId", "comments", "people", "candidates", "skipped", "warnings"])
      assert.ok(key in summary, key);
    assert.equal(summary.format, "disqus");
    assert.equal(summary.comments, 4);
    assert.equal(summary.people, 3);
    assert.deepEqual(
      summary.skipped.map((s: { reason: string }) => s.reason),
      ["deleted comment", "spam"],
    );
    const again = JSON.parse(runScript("import-thread", [fixture("disqus.xml"), "--json"], db).stdout);
    assert.equal(again.comments, 0);
    assert.equal(count(db, "comments"), 4);
  });

  it("imports a small Latin-1 file, saying so in words and in --json's warnings", () => {
    const db = tempPath("latin1.db");
    const words = runScript("import-thread", [fixture("latin1-paste.txt")], db);
    assert.equal(words.code, 0, words.stderr);
    assert.match(words.stdout, /Warning: The text is not UTF-8: it was read as Latin-1 \(ISO-8859-1\)/);
    const db2 = tempPath("latin1-json.db");
    const json = JSON.parse(runScript("import-thread", [fixture("latin1-paste.txt"), "--json"], db2).stdout);
    assert.equal(json.comments, 2);
    assert.ok(json.warnings.some((w: string) => /Latin-1/.test(w)));
  });

  it("refuses a malformed Reddit file: exit 1, one line, nothing stored", () => {
    const db = tempPath("reddit-bad.db");
    const res = runScript("import-thread", [fixture("reddit-no-time.json")], db);
    assert.equal(res.code, 1);
    assert.match(
      res.stderr,
      /reddit-no-time\.json: This looks like a Reddit thread.*no created_utc time\. Nothing was imported\.\n$/,
    );
    assert.equal(res.stderr.trim().split("\n").length, 1);
    assert.equal(count(db, "sources"), 0);
  });
});
