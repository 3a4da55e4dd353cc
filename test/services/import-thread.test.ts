import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { candidatesForSource } from "../../db/candidates";
import { commentsForSource } from "../../db/comments";
import type { Db } from "../../db/connection";
import { ROOT } from "../../db/paths";
import { generateThread } from "../../scripts/bench/thread";
import { splitSentences } from "../../server/domain/speculation";
import {
  decodeImport,
  ImportError,
  importThread,
  MAX_IMPORT_BYTES,
  type ImportSummary,
} from "../../server/services/import-thread";
import { emptyDb, rowCounts, TEST_NOW } from "../support/db";
import { makeAccount } from "../support/session";

const read = (...parts: string[]) => fs.readFileSync(path.join(ROOT, ...parts), "utf8");
const SEED = read("db", "seed-data", "2014-rumor-thread.txt");

function rows(db: Db): { sources: number; comments: number; people: number; candidates: number } {
  return rowCounts(db, ["sources", "comments", "people", "candidates"]);
}

describe("importThread", () => {
  // [fixture, comments, distinct commenters, site numbers in order]
  const fixtures: [string, number, number, string[]][] = [
    ["boilerplate.txt", 1, 1, ["1"]],
    ["bom-crlf.txt", 1, 1, ["1"]],
    ["duplicate-number.txt", 3, 3, ["7", "8", "7-2"]],
    ["empty-comment.txt", 3, 3, ["1", "2", "3"]],
    ["html-like.txt", 1, 1, ["1"]],
    ["mojibake.txt", 1, 1, ["1"]],
    ["numbered-list-body.txt", 2, 2, ["1", "2"]],
    ["out-of-order.txt", 3, 3, ["1", "5", "2"]],
    ["repeat-commenter.txt", 3, 2, ["1", "2", "3"]],
    ["unicode.txt", 3, 3, ["1", "2", "3"]],
    ["unregistered.txt", 3, 3, ["1", "2", "3"]],
  ];
  for (const [fixture, comments, people, numbers] of fixtures) {
    it(`imports ${fixture}: ${comments} comments by ${people} people, in order of appearance`, () => {
      const db = emptyDb();
      const summary = importThread(db, read("test", "fixtures", "threads", fixture), {}, TEST_NOW);
      assert.equal(summary.comments, comments);
      assert.equal(summary.people, people);
      assert.deepEqual(rows(db), { sources: 1, comments, people, candidates: summary.candidates });
      const stored = commentsForSource(db, summary.sourceId);
      assert.deepEqual(
        stored.map((c) => c.siteNumber),
        numbers,
      );
      assert.deepEqual(
        stored.map((c) => c.position),
        numbers.map((_, i) => i + 1),
      );
    });
  }

  it("stores the candidates of the speculative seed comments, pending, with their suggestion", () => {
    const db = emptyDb();
    const summary = importThread(db, SEED, {}, TEST_NOW);
    const candidates = candidatesForSource(db, summary.sourceId);
    assert.equal(candidates.length, summary.candidates);
    const office = candidates.filter((c) => c.siteNumber === "15");
    assert.equal(office.length, 1);
    assert.equal(office[0]?.sentence.slice(0, 30), "Probably to put Office + servi");
    assert.equal(office[0]?.suggestedProbability, 0.7);
    assert.deepEqual(office[0]?.cues, ["probably"]);
    assert.equal(office[0]?.status, "pending");
    assert.equal(office[0]?.handle, "xoxoGeorges");
    // Comment 17 speculates in four of its sentences; the index is the sentence's place in the body.
    const ferney = candidates.filter((c) => c.siteNumber === "17");
    assert.deepEqual(
      ferney.map((c) => c.sentenceIndex),
      [0, 3, 4, 5],
    );
    for (const c of ferney) assert.equal(splitSentences(c.commentBody)[c.sentenceIndex], c.sentence);
    assert.equal(candidates.filter((c) => c.siteNumber === "3").length, 0, '"Why ?" is not speculation');
  });

  it("adds nothing when the same thread is imported again", () => {
    const db = emptyDb();
    const first = importThread(db, SEED, { published: "2014-09-30" }, TEST_NOW);
    const before = rows(db);
    const again = importThread(db, SEED, { published: "2014-09-30" }, TEST_NOW);
    assert.deepEqual(
      { ...again, skipped: [] },
      { ...first, createdSource: false, comments: 0, alreadyStored: 21, people: 0, candidates: 0, skipped: [] },
    );
    assert.deepEqual(rows(db), before);
  });

  it("a thread first imported without a date says so, and a re-import with --published fills it in", () => {
    const db = emptyDb();
    const first = importThread(db, SEED, {}, TEST_NOW);
    assert.ok(first.warnings.some((w) => /No publication date was given/.test(w)));
    importThread(db, SEED, { published: "2014-09-30" }, TEST_NOW);
    assert.equal(db.prepare("SELECT published_on FROM sources WHERE id = ?").pluck().get(first.sourceId), "2014-09-30");
  });

  it("adds only the new comments of a thread that gained some, after the stored ones", () => {
    const db = emptyDb();
    const partial = SEED.slice(0, SEED.indexOf("17. FerneyZan"));
    const first = importThread(db, partial, {}, TEST_NOW);
    assert.equal(first.comments, 18);
    const before = rows(db);
    const second = importThread(db, SEED, {}, TEST_NOW);
    assert.equal(second.sourceId, first.sourceId);
    assert.equal(second.createdSource, false);
    assert.equal(second.comments, 3);
    assert.equal(second.alreadyStored, 18);
    assert.equal(second.people, 3, "FerneyZan, xoxoGeorges (again) and flamencoguy");
    const tail = commentsForSource(db, first.sourceId).slice(18);
    assert.deepEqual(
      tail.map((c) => [c.position, c.siteNumber, c.handle]),
      [
        [19, "17", "FerneyZan"],
        [20, "18", "xoxoGeorges"],
        [21, "20", "flamencoguy"],
      ],
    );
    assert.deepEqual(rows(db), {
      sources: 1,
      comments: 21,
      people: before.people + 2,
      candidates: before.candidates + second.candidates,
    });
    // 17 has four, 20 one; 18 ("I hope they don't use MediaTeks") is a hope, not a forecast.
    assert.equal(second.candidates, 5);
  });

  it("keeps a stored comment as it is when a later paste words it differently, and says so", () => {
    const db = emptyDb();
    const { sourceId } = importThread(db, SEED, {}, TEST_NOW);
    const edited = importThread(db, SEED.replace("Why ?", "Why not?"), {}, TEST_NOW);
    assert.equal(edited.comments, 0);
    assert.deepEqual(edited.warnings, [
      "1 already stored comment differs from this paste (3); the stored text was kept.",
    ]);
    assert.equal(commentsForSource(db, sourceId).find((c) => c.siteNumber === "3")?.body, "Why ?");
  });

  it("reports progress from (0, total) to (total, total)", () => {
    const calls: [number, number][] = [];
    importThread(emptyDb(), generateThread(1200), {}, TEST_NOW, (done, total) => calls.push([done, total]));
    assert.deepEqual(calls, [
      [0, 1200],
      [500, 1200],
      [1000, 1200],
      [1200, 1200],
    ]);
  });

  it("an imported commenter never becomes a reader who signed up with the same name", async () => {
    const db = emptyDb();
    await makeAccount(db, "reader", "rvreader");
    const summary = importThread(
      db,
      "A thread\n\nBody.\n\nsource: X\n\n1. rvreader\n\nPosts: 1; Member since: Jan 01, 2014\n\nThey will probably buy Xiaomi outright.\n",
      {},
      TEST_NOW,
    );
    const person = db
      .prepare(
        "SELECT p.handle, p.kind, p.account_id FROM comments c JOIN people p ON p.id = c.person_id WHERE c.source_id = ?",
      )
      .get(summary.sourceId);
    assert.deepEqual(person, { handle: "rvreader (commenter)", kind: "commenter", account_id: null });
    assert.ok(summary.warnings.some((w) => /shares a name with a reader account/.test(w)));
  });
});

describe("importThread commits whole or not at all", () => {
  function failOn(db: Db, table: string, after: number): void {
    db.exec(`CREATE TEMP TRIGGER fail_${table} BEFORE INSERT ON ${table}
      WHEN (SELECT count(*) FROM ${table}) >= ${after} BEGIN SELECT RAISE(ABORT, 'boom'); END`);
  }

  for (const [table, after] of [
    ["comments", 5],
    ["candidates", 3],
    ["people", 10],
  ] as const) {
    it(`a failure at the ${after + 1}th row of ${table} leaves no source, comment, person or candidate`, () => {
      const db = emptyDb();
      failOn(db, table, after);
      assert.throws(() => importThread(db, SEED, {}, TEST_NOW), /boom/);
      assert.deepEqual(rows(db), { sources: 0, comments: 0, people: 0, candidates: 0 });
    });
  }

  it("a failure while adding new comments leaves the stored thread exactly as it was", () => {
    const db = emptyDb();
    importThread(db, SEED.slice(0, SEED.indexOf("17. FerneyZan")), {}, TEST_NOW);
    const before = rows(db);
    failOn(db, "comments", 19);
    assert.throws(() => importThread(db, SEED, {}, TEST_NOW), /boom/);
    assert.deepEqual(rows(db), before);
  });
});

describe("importThread refuses what it cannot import, with an ImportError and nothing stored", () => {
  const refusals: [string, () => string, RegExp][] = [
    ["empty text", () => "", /empty: there is nothing to import/],
    ["blank lines only", () => "\n \n\t\n", /empty/],
    ["binary data", () => "PK\u0003\u0004\u0000\u0000 1. x\nPosts: 1", /binary data, not text/],
    ["a text without comments", () => "A title\n\nJust an article.\n", /No comments found/],
    ["a text without a title", () => SEED.slice(SEED.indexOf("1. htcforlife")), /no title: it starts with a comment/],
    [
      "more than 20 MB",
      () => `${SEED}\n${"x".repeat(MAX_IMPORT_BYTES)}`,
      /too big to import: .* over the limit of 20 MB/,
    ],
  ];
  for (const [what, text, message] of refusals) {
    it(what, () => {
      const db = emptyDb();
      assert.throws(
        () => importThread(db, text(), {}, TEST_NOW),
        (err: unknown) => err instanceof ImportError && message.test(err.message),
      );
      assert.deepEqual(rows(db), { sources: 0, comments: 0, people: 0, candidates: 0 });
    });
  }

  it("takes the title from the options when the text has none", () => {
    const db = emptyDb();
    const summary = importThread(db, SEED.slice(SEED.indexOf("1. htcforlife")), { title: "Given" }, TEST_NOW);
    assert.equal(summary.title, "Given");
    assert.equal(summary.comments, 21);
  });

  it("counts bytes, not characters: 20 MB of three-byte characters is over the limit", () => {
    const text = `${SEED}\n${"€".repeat(Math.ceil(MAX_IMPORT_BYTES / 3))}`;
    assert.ok(text.length < MAX_IMPORT_BYTES);
    assert.throws(() => importThread(emptyDb(), text, {}, TEST_NOW), ImportError);
  });

  it("decodeImport refuses an oversized upload before decoding it, and strips a BOM", () => {
    assert.throws(() => decodeImport(new Uint8Array(MAX_IMPORT_BYTES + 1)), ImportError);
    assert.equal(decodeImport(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69])).text, "hi");
  });
});

// Keeps the summary's documented shape (DESIGN.md: sourceId, comments, people, candidates, skipped).
describe("the import summary", () => {
  it("has the documented fields", () => {
    const summary: ImportSummary = importThread(emptyDb(), SEED, {}, TEST_NOW);
    for (const key of ["sourceId", "comments", "people", "candidates", "skipped", "warnings"]) {
      assert.ok(key in summary, key);
    }
  });
});
