// Every format's commenter names pass the pasted format's rule (handleProblem): a comment whose
// name is empty, invisible or too long is left out with a warning, the rest imported. An empty
// Reddit or Hacker News author used to reach SQLite's CHECK and fail the import with a 500; an
// invisible Disqus name was stored with an empty key, merging every such commenter into one.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { commentsForSource } from "../../db/comments";
import type { Db } from "../../db/connection";
import { ROOT } from "../../db/paths";
import { LISTED_WARNINGS } from "../../server/domain/thread-parser";
import { MAX_HANDLE_LENGTH } from "../../server/domain/usernames";
import { importThread } from "../../server/services/import-thread";
import { emptyDb, TEST_NOW } from "../support/db";

const fixture = (name: string) => fs.readFileSync(path.join(ROOT, "test", "fixtures", "formats", name), "utf8");

/** [site number, parent's site number] of the stored comments. */
function stored(db: Db, sourceId: number): (string | null)[][] {
  const comments = commentsForSource(db, sourceId);
  const siteNumber = new Map(comments.map((c) => [c.id, c.siteNumber]));
  return comments.map((c) => [c.siteNumber, c.parentId === null ? null : (siteNumber.get(c.parentId) ?? "?")]);
}

interface FormatCase {
  /** The fixture with the named comment's author replaced by `name`. */
  withAuthor: (name: string) => string;
  left: string[];
  /** What remains, with parents (the left-out comment's replies answer the thread above it). */
  rest: (string | null)[][];
  /** What an empty name becomes where the format has a fallback for it (else it is left out). */
  emptyFallback?: string;
}

const json = (s: string) => JSON.stringify(s);
const FORMATS: Record<string, FormatCase> = {
  reddit: {
    // The second "lumia_fan" is the first comment's (the first is the post's).
    withAuthor: (name) => {
      const text = fixture("reddit.json");
      const at = text.indexOf('"author": "lumia_fan"', text.indexOf('"author": "lumia_fan"') + 1);
      return `${text.slice(0, at)}"author": ${json(name)}${text.slice(at + '"author": "lumia_fan"'.length)}`;
    },
    left: ["ckw1a"],
    rest: [
      ["ckw2b", null],
      ["ckw3c", "ckw2b"],
      ["ckw5e", null],
    ],
  },
  "hacker news": {
    withAuthor: (name) => fixture("hacker-news.json").replace('"author": "jo smith"', `"author": ${json(name)}`),
    left: ["8390451"],
    rest: [
      ["8390455", null],
      ["8390460", "8390455"],
      ["8390470", null],
    ],
  },
  disqus: {
    withAuthor: (name) => fixture("disqus.xml").replaceAll("<name>Jo Smith</name>", `<name>${name}</name>`),
    left: ["1612000101", "1612000104"],
    rest: [
      ["1612000103", null],
      ["1612000105", null],
    ],
    emptyFallback: "josmith",
  },
  wordpress: {
    withAuthor: (name) =>
      fixture("wordpress.xml").replace(
        "<wp:comment_author><![CDATA[Anna Lindqvist]]>",
        `<wp:comment_author><![CDATA[${name}]]>`,
      ),
    left: ["12"],
    rest: [
      ["15", null],
      ["17", "15"],
    ],
    emptyFallback: "Anonymous",
  },
};

const BAD: [string, string, RegExp][] = [
  ["an empty name", "", /its commenter's name is no visible characters\./],
  ["an invisible name", "\u200b\u200b", /its commenter's name is no visible characters\./],
  ["a 100,000-character name", "x".repeat(100_000), new RegExp(`longer than ${MAX_HANDLE_LENGTH} characters\\.`)],
];

describe("importing comments whose commenter's name cannot be stored", () => {
  for (const [format, c] of Object.entries(FORMATS)) {
    for (const [what, name, why] of BAD) {
      if (name === "" && c.emptyFallback) {
        it(`${format}: a comment with ${what} is stored under "${c.emptyFallback}", as before`, () => {
          const db = emptyDb();
          const summary = importThread(db, c.withAuthor(name), {}, TEST_NOW);
          const handles = commentsForSource(db, summary.sourceId).map((x) => x.handle);
          assert.ok(handles.includes(c.emptyFallback ?? ""), handles.join(", "));
        });
        continue;
      }
      it(`${format}: a comment with ${what} is left out with a warning, the rest imported`, () => {
        const db = emptyDb();
        const summary = importThread(db, c.withAuthor(name), {}, TEST_NOW);
        assert.deepEqual(stored(db, summary.sourceId), c.rest);
        for (const id of c.left) {
          const warning = summary.warnings.find((w) => w.startsWith(`Comment ${id} was left out:`));
          assert.match(warning ?? summary.warnings.join("\n"), why);
        }
        const people = db.prepare("SELECT handle, handle_key FROM people").all() as {
          handle: string;
          handle_key: string;
        }[];
        assert.ok(
          people.every((p) => p.handle_key !== "" && p.handle.length <= MAX_HANDLE_LENGTH),
          "no person stored with that name",
        );
      });
    }
  }

  it("lists 20 such comments one by one and counts the rest in one line", () => {
    const children = Array.from({ length: 50 }, (_, i) => ({
      id: 100 + i,
      created_at: "2014-09-30T10:00:00.000Z",
      author: i === 49 ? "kept" : "\u200b",
      text: `comment ${i}`,
      children: [],
    }));
    const item = { id: 1, created_at: "2014-09-30T09:00:00.000Z", title: "T", author: "op", text: null, children };
    const db = emptyDb();
    const summary = importThread(db, JSON.stringify(item), {}, TEST_NOW);
    assert.equal(summary.comments, 1);
    const left = summary.warnings.filter((w) => / was left out: /.test(w));
    assert.equal(left.length, LISTED_WARNINGS);
    assert.ok(summary.warnings.includes("…and 29 more comments were left out for their commenter's name."));
  });
});
