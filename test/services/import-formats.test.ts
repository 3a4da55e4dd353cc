// Importing each format where comments live into a real database: the counts, handles, times and
// parents stored; a second import adds nothing; a malformed file stores nothing; files in other
// encodings; forecasts taken from a dated comment are dated at the comment.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { candidatesForSource, findCandidate } from "../../db/candidates";
import { commentsForSource } from "../../db/comments";
import type { Db } from "../../db/connection";
import { findClaim } from "../../db/claims";
import { forecastsForClaim } from "../../db/forecasts";
import { EVERY_ROW } from "../../db/connection";
import { ROOT } from "../../db/paths";
import { findSource } from "../../db/sources";
import { findCandidates } from "../../server/domain/speculation";
import { decodeImport, ImportError, importThread } from "../../server/services/import-thread";
import { acceptCandidate } from "../../server/services/review";
import { emptyDb, rowCounts, TEST_NOW } from "../support/db";
import { makeClaim } from "../support/factories";
import { newAccount } from "../support/session";

const TABLES = ["sources", "comments", "people", "candidates"] as const;
const file = (name: string) => fs.readFileSync(path.join(ROOT, "test", "fixtures", "formats", name));
const text = (name: string) => file(name).toString("utf8");

/** The stored thread as [site number, handle, posted at, parent's site number]. */
function stored(db: Db, sourceId: number): (string | null)[][] {
  const comments = commentsForSource(db, sourceId);
  const siteNumber = new Map(comments.map((c) => [c.id, c.siteNumber]));
  return comments.map((c) => [
    c.siteNumber,
    c.handle,
    c.postedAt,
    c.parentId === null ? null : (siteNumber.get(c.parentId) ?? "?"),
  ]);
}

const expected: Record<string, { comments: number; people: number; thread: (string | null)[][] }> = {
  "disqus.xml": {
    comments: 4,
    people: 3,
    thread: [
      ["1612000101", "Jo Smith", "2014-09-29T17:45:10.000Z", null],
      ["1612000103", "Marie Curie", "2014-09-29T18:02:41.000Z", "1612000101"],
      ["1612000104", "Jo Smith", "2014-09-30T07:11:00.000Z", "1612000103"],
      ["1612000105", "Li Wei", "2014-09-30T09:30:00.000Z", null],
    ],
  },
  "wordpress.xml": {
    comments: 3,
    people: 2,
    thread: [
      ["12", "Anna Lindqvist", "2014-09-30T10:01:00.000Z", null],
      ["15", "admin", "2014-09-30T11:40:00.000Z", "12"],
      ["17", "Anna Lindqvist", "2014-09-30T13:20:00.000Z", "15"],
    ],
  },
  "reddit.json": {
    comments: 4,
    people: 4,
    thread: [
      ["ckw1a", "lumia_fan", "2014-09-30T17:00:00.000Z", null],
      ["ckw2b", "skeptic42", "2014-09-30T17:43:20.000Z", "ckw1a"],
      ["ckw3c", "Jo_Smith", "2014-09-30T18:00:00.000Z", "ckw2b"],
      ["ckw5e", "mi_user", "2014-09-30T19:00:00.000Z", null],
    ],
  },
  "hacker-news.json": {
    comments: 4,
    people: 4,
    thread: [
      ["8390451", "jo smith", "2014-09-30T09:12:44.000Z", null],
      ["8390455", "tptacek", "2014-09-30T10:05:00.000Z", "8390451"],
      ["8390460", "pg_fan", "2014-09-30T11:20:00.000Z", "8390455"],
      ["8390470", "nadella_watch", "2014-09-30T13:00:00.000Z", null],
    ],
  },
};

describe("importing the formats comments live in", () => {
  for (const [name, want] of Object.entries(expected)) {
    it(`${name}: the comments in page order with handles, times and parents; a second import adds nothing`, () => {
      const db = emptyDb();
      const first = importThread(db, decodeImport(file(name)), {}, TEST_NOW);
      assert.equal(first.comments, want.comments);
      assert.equal(first.people, want.people);
      assert.deepEqual(stored(db, first.sourceId), want.thread);
      // The candidates are the detector's findings in the stored bodies, all of them stored.
      const bodies = commentsForSource(db, first.sourceId).map((c) => c.body);
      const found = bodies.reduce((n, b) => n + findCandidates(b).length, 0);
      assert.equal(first.candidates, found);
      assert.equal(candidatesForSource(db, first.sourceId).length, found);
      // The file's date is the source's: no "no publication date" warning.
      assert.ok(findSource(db, first.sourceId)?.publishedOn);
      assert.ok(!first.warnings.some((w) => /No publication date/.test(w)), first.warnings.join("\n"));
      const before = rowCounts(db, TABLES);
      const again = importThread(db, decodeImport(file(name)), {}, TEST_NOW);
      assert.equal(again.sourceId, first.sourceId);
      assert.equal(again.createdSource, false);
      assert.equal(again.comments, 0);
      assert.equal(again.alreadyStored, want.comments);
      assert.deepEqual(rowCounts(db, TABLES), before);
    });
  }

  const malformed = [
    "disqus-truncated.xml",
    "disqus-bad-time.xml",
    "wordpress-truncated.xml",
    "wordpress-no-id.xml",
    "reddit-truncated.json",
    "reddit-no-time.json",
    "hacker-news-bad-time.json",
    "hacker-news-firebase.json",
  ];
  for (const name of malformed) {
    it(`refuses ${name} and stores nothing`, () => {
      const db = emptyDb();
      assert.throws(() => importThread(db, text(name), {}, TEST_NOW), ImportError);
      assert.deepEqual(rowCounts(db, TABLES), { sources: 0, comments: 0, people: 0, candidates: 0 });
    });
  }

  it("adds a reply that arrives in a later export under its parent stored by the first", () => {
    const db = emptyDb();
    const full = text("wordpress.xml");
    // The first export, before comment 17 (a reply to 15) was written.
    const early = full.replace(/<wp:comment>\s*<wp:comment_id>17<\/wp:comment_id>[\s\S]*?<\/wp:comment>/, "");
    const first = importThread(db, early, {}, TEST_NOW);
    assert.equal(first.comments, 2);
    const later = importThread(db, full, {}, TEST_NOW);
    assert.equal(later.comments, 1);
    assert.deepEqual(stored(db, first.sourceId).at(-1), ["17", "Anna Lindqvist", "2014-09-30T13:20:00.000Z", "15"]);
  });
});

describe("a forecast taken from a dated comment", () => {
  it("is dated when the comment was written, not at the source's date or at acceptance", async () => {
    const db = emptyDb();
    const { sourceId } = importThread(db, text("disqus.xml"), {}, TEST_NOW);
    const editor = await newAccount(db, "editor");
    // The last comment with a candidate: written a day after the thread, hours after the first.
    const candidate = candidatesForSource(db, sourceId).at(-1);
    assert.ok(candidate, "the detector finds a hedge in the thread");
    const comment = commentsForSource(db, sourceId).find((c) => c.siteNumber === candidate.siteNumber);
    assert.ok(comment?.postedAt);
    const claim = findClaim(db, makeClaim(db));
    assert.ok(claim);
    const done = acceptCandidate(db, editor, candidate, claim, 0.3, TEST_NOW);
    assert.ok(done.ok);
    assert.equal(findCandidate(db, candidate.id)?.status, "accepted");
    const [forecast] = forecastsForClaim(db, claim.id, EVERY_ROW);
    assert.equal(forecast?.madeAt, comment.postedAt);
    assert.notEqual(forecast?.madeAt.slice(0, 10), findSource(db, sourceId)?.publishedOn);
  });

  it("from an undated pasted comment is still dated at the source's publication", async () => {
    const db = emptyDb();
    const paste = "T\n\n1. someone\nPosts: 2\n\nThey will probably buy it outright.";
    const { sourceId } = importThread(db, paste, { published: "2014-09-30" }, TEST_NOW);
    const editor = await newAccount(db, "editor");
    const [candidate] = candidatesForSource(db, sourceId);
    const claim = findClaim(db, makeClaim(db));
    assert.ok(candidate && claim);
    assert.ok(acceptCandidate(db, editor, candidate, claim, 0.7, TEST_NOW).ok);
    assert.equal(forecastsForClaim(db, claim.id, EVERY_ROW)[0]?.madeAt, "2014-09-30T00:00:00.000Z");
  });
});

describe("importing files in other encodings", () => {
  it("imports a 200-comment Latin-1 file with its accents, a warning, and no U+FFFD", () => {
    const names = ["josé", "François", "Zoë", "Ángel"];
    const paste = ["Le fil de discussion", ""];
    for (let i = 1; i <= 200; i += 1) {
      paste.push(
        `${i}. ${names[i % names.length]}`,
        `Posts: ${i}; Member since: Jan 02, 2014`,
        "",
        `Peut-être ${i}, à bientôt.`,
        "",
      );
    }
    const bytes = Buffer.from(paste.join("\n"), "latin1");
    const db = emptyDb();
    const summary = importThread(db, decodeImport(bytes), {}, TEST_NOW);
    assert.equal(summary.comments, 200);
    assert.ok(
      summary.warnings.some((w) => /read as Latin-1 \(ISO-8859-1\)/.test(w)),
      summary.warnings.join("\n"),
    );
    const comments = commentsForSource(db, summary.sourceId);
    assert.deepEqual([...new Set(comments.map((c) => c.handle))].sort(), [...names].sort());
    assert.equal(comments[0]?.body, "Peut-être 1, à bientôt.");
    assert.ok(comments.every((c) => !c.body.includes("\uFFFD") && !c.handle.includes("\uFFFD")));
  });

  it("imports the small Latin-1 and Windows-1252 fixtures instead of refusing them as binary", () => {
    const db = emptyDb();
    const latin1 = importThread(db, decodeImport(file("latin1-paste.txt")), {}, TEST_NOW);
    assert.deepEqual(
      commentsForSource(db, latin1.sourceId).map((c) => [c.handle, c.postedAt]),
      [
        ["josé", null],
        ["François", "2014-09-30T10:00:00.000Z"],
      ],
    );
    const cp1252 = importThread(db, decodeImport(file("windows-1252-paste.txt")), {}, TEST_NOW);
    assert.ok(cp1252.warnings.some((w) => /read as Windows-1252/.test(w)));
    assert.equal(
      commentsForSource(db, cp1252.sourceId)[0]?.body,
      "She said “Xiaomi will likely ship Windows” – I doubt it… Café talk.",
    );
  });
});
