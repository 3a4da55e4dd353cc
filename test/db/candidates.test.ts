import assert from "node:assert/strict";
import {
  candidatesForSource,
  countCandidates,
  findCandidate,
  insertCandidates,
  listCandidates,
  markAccepted,
  markDismissed,
} from "../../db/candidates";
import type { Db } from "../../db/connection";
import { findCandidates } from "../../server/domain/speculation";
import { emptyDb } from "../support/db";

const now = "2026-01-01T00:00:00.000Z";

/**
 * Two sources, the newer one created first by id, each with comments whose bodies speculate;
 * one account, one claim and one forecast to accept candidates with.
 */
function seed(): Db {
  const db = emptyDb();
  db.exec(`
    INSERT INTO accounts (id, username, password_hash, created_at) VALUES (1, 'edna', 'x', '${now}');
    INSERT INTO people (id, handle, kind, created_at) VALUES (1, 'ann', 'commenter', '${now}'), (2, 'bob', 'commenter', '${now}');
    INSERT INTO sources (id, title, body, fingerprint, created_at) VALUES
      (1, 'Newer thread', '', 'fp1', '2025-06-01T00:00:00.000Z'),
      (2, 'Older thread', '', 'fp2', '2025-01-01T00:00:00.000Z');
    INSERT INTO comments (id, source_id, site_number, position, person_id, body) VALUES
      (10, 1, '1', 1, 1, 'They will ship it. Nice weather. Maybe not.'),
      (11, 2, '9', 2, 2, 'I doubt it will happen.'),
      (12, 2, '3', 1, 1, 'Probably next year.');
    INSERT INTO claims (id, text, resolve_by, created_at) VALUES (1, 'Example Corp ships the widget', '2027-01-01', '${now}');
    INSERT INTO forecasts (id, claim_id, person_id, probability, made_at, created_at) VALUES (1, 1, 1, 0.7, '${now}', '${now}');
  `);
  for (const [id, body] of db.prepare("SELECT id, body FROM comments").raw().all() as [number, string][]) {
    insertCandidates(db, id, findCandidates(body), now);
  }
  return db;
}

describe("db/candidates", () => {
  it("stores each speculative sentence once, with its index, cues and suggestion", () => {
    const db = seed();
    assert.equal(countCandidates(db), 4);
    assert.equal(insertCandidates(db, 10, findCandidates("They will ship it. Nice weather. Maybe not."), now), 0);
    assert.equal(countCandidates(db), 4);
    const [ship, maybe] = listCandidates(db, { sourceId: 1 });
    assert.deepEqual(
      { ...ship, commentBody: undefined },
      {
        id: ship?.id,
        commentId: 10,
        sourceId: 1,
        sourceTitle: "Newer thread",
        siteNumber: "1",
        handle: "ann",
        personId: 1,
        commentBody: undefined,
        sentenceIndex: 0,
        sentence: "They will ship it.",
        cues: ["will"],
        suggestedProbability: 0.75,
        negated: false,
        question: false,
        status: "pending",
        forecastId: null,
        dismissReason: null,
        decidedBy: null,
        decidedAt: null,
      },
    );
    assert.equal(maybe?.sentenceIndex, 2);
    assert.deepEqual(maybe?.cues, ["maybe"]);
  });

  it("lists the queue oldest source first, then by comment position, then by sentence", () => {
    const db = seed();
    assert.deepEqual(
      listCandidates(db, { status: "pending" }).map((c) => [c.sourceTitle, c.siteNumber, c.sentenceIndex]),
      [
        ["Older thread", "3", 0],
        ["Older thread", "9", 0],
        ["Newer thread", "1", 0],
        ["Newer thread", "1", 2],
      ],
    );
    assert.deepEqual(
      listCandidates(db, { status: "pending", limit: 2, offset: 1 }).map((c) => c.siteNumber),
      ["9", "1"],
    );
    assert.deepEqual(
      candidatesForSource(db, 2).map((c) => c.siteNumber),
      ["3", "9"],
    );
    assert.deepEqual(listCandidates(db, { status: "accepted" }), []);
  });

  it("accepts a pending candidate with its forecast, and dismisses one with a reason", () => {
    const db = seed();
    const [first, second] = listCandidates(db, { status: "pending" });
    assert.ok(first && second);
    markAccepted(db, first.id, 1, 1, now);
    markDismissed(db, second.id, "about the past", null, now);
    assert.deepEqual(
      (({ status, forecastId, decidedBy, decidedAt }) => ({ status, forecastId, decidedBy, decidedAt }))(
        findCandidate(db, first.id) ?? first,
      ),
      { status: "accepted", forecastId: 1, decidedBy: "edna", decidedAt: now },
    );
    assert.equal(findCandidate(db, second.id)?.dismissReason, "about the past");
    assert.equal(findCandidate(db, second.id)?.decidedBy, null);
    assert.deepEqual(
      [countCandidates(db, "pending"), countCandidates(db, "accepted"), countCandidates(db, "dismissed")],
      [2, 1, 1],
    );
    assert.equal(findCandidate(db, 9999), undefined);
  });

  it("refuses to decide a candidate twice, or one that does not exist", () => {
    const db = seed();
    const [first] = listCandidates(db, { status: "pending" });
    assert.ok(first);
    markDismissed(db, first.id, "not a forecast", 1, now);
    assert.throws(() => markAccepted(db, first.id, 1, 1, now), /candidate \d+ is already dismissed/);
    assert.throws(() => markDismissed(db, 9999, "x", 1, now), /no candidate 9999/);
    assert.equal(findCandidate(db, first.id)?.dismissReason, "not a forecast");
  });

  describe("schema constraints", () => {
    const raw = (db: Db, sql: string) => () => db.prepare(sql).run();
    it("an accepted candidate names its forecast", () => {
      const db = seed();
      assert.throws(
        raw(db, `UPDATE candidates SET status = 'accepted', decided_at = '${now}' WHERE id = 1`),
        /CHECK constraint failed/,
      );
    });
    it("a dismissed candidate says why (not blank)", () => {
      const db = seed();
      assert.throws(() => markDismissed(db, 1, "   ", 1, now), /CHECK constraint failed/);
      assert.throws(
        raw(db, `UPDATE candidates SET status = 'dismissed', decided_at = '${now}' WHERE id = 1`),
        /CHECK constraint failed/,
      );
    });
    it("a pending candidate has no decision", () => {
      assert.throws(raw(seed(), `UPDATE candidates SET forecast_id = 1 WHERE id = 1`), /CHECK constraint failed/);
    });
    it("a suggestion is 1–99 % and the cues a JSON array", () => {
      const db = seed();
      assert.throws(raw(db, `UPDATE candidates SET suggested_probability = 1 WHERE id = 1`), /CHECK constraint failed/);
      assert.throws(raw(db, `UPDATE candidates SET cues = '"will"' WHERE id = 1`), /CHECK constraint failed/);
    });
    it("a sentence is stored once per comment and goes with its comment", () => {
      const db = seed();
      assert.throws(
        raw(
          db,
          `INSERT INTO candidates (comment_id, sentence_index, sentence, cues, suggested_probability, created_at)
             VALUES (10, 0, 'dup', '[]', 0.5, '${now}')`,
        ),
        /UNIQUE constraint failed/,
      );
      db.prepare("DELETE FROM comments WHERE id = 10").run();
      assert.equal(countCandidates(db), 2);
    });
  });
});
