// The search box's text made into FTS5 queries (server/domain/search-query.ts), checked against a
// real FTS5 table: whatever a reader types is either refused with a message or runs.
import assert from "node:assert/strict";
import Database from "better-sqlite3";
import fc from "fast-check";
import { MARK_END, MARK_START, snippetPieces, toMatchQuery } from "../../server/domain/search-query";

describe("toMatchQuery", () => {
  const cases: [string, string][] = [
    ["xiaomi", '"xiaomi"'],
    ["xiao*", '"xiao"*'],
    ['"mi 4" phone', '"mi 4" "phone"'],
    ['"mi 4"*', '"mi 4"*'],
    ["Xiaomi's", '"Xiaomi"'],
    ["C++", '"C++"'],
    ["AND OR NOT", '"AND" "OR" "NOT"'],
    ["title:x", '"title:x"'],
    ['"unclosed phrase', '"unclosed phrase"'],
    ["- nokia", '"nokia"'],
  ];
  for (const [input, match] of cases) {
    it(`${input} → ${match}`, () => {
      const q = toMatchQuery(input);
      assert.equal(q.ok ? q.match : q.message, match);
    });
  }

  it("refuses text with no word, and text too long, saying why", () => {
    for (const q of ["", "   ", "-", "* ! ?", '""']) assert.equal(toMatchQuery(q).ok, false, q);
    const long = toMatchQuery("a".repeat(201));
    assert.equal(long.ok, false);
    assert.match(long.ok ? "" : long.message, /at most 200 characters/);
    const many = toMatchQuery(Array.from({ length: 17 }, (_, i) => `w${i}`).join(" "));
    assert.match(many.ok ? "" : many.message, /at most 16 words/);
  });

  it("whatever is typed, FTS5 runs the query (property, against a real FTS5 table)", () => {
    const db = new Database(":memory:");
    db.exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
    db.prepare("INSERT INTO t (body) VALUES (?)").run("Xiaomi's Mi 4 ships in C++ land");
    const run = db.prepare("SELECT count(*) FROM t WHERE t MATCH ?").pluck();
    const chars = fc.constantFrom(..."ab xyz\"'*-+^():.,&|{}[]NEARORANDNOT\\\u00e9\u4e2d");
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 40 }).map((a) => a.join("")),
        (text) => {
          const q = toMatchQuery(text);
          if (q.ok) run.get(q.match);
        },
      ),
      { numRuns: 500 },
    );
    db.close();
  });
});

describe("snippetPieces", () => {
  it("splits at the markers; a stray marker makes no piece of its own", () => {
    assert.deepEqual(snippetPieces(`a ${MARK_START}b${MARK_END} c`), [
      { text: "a ", mark: false },
      { text: "b", mark: true },
      { text: " c", mark: false },
    ]);
    assert.deepEqual(snippetPieces(`${MARK_END}plain`), [{ text: "plain", mark: false }]);
    assert.deepEqual(snippetPieces(""), []);
  });
});
