// An editor's corrections: each changes what it says, writes its reason to the log, and leaves the
// stored scores equal to a full recomputation; a refusal changes nothing.
import assert from "node:assert/strict";
import type { Account } from "../../db/accounts";
import { candidatesForSource, findCandidate, type Candidate } from "../../db/candidates";
import type { Db } from "../../db/connection";
import { findEvent } from "../../db/events";
import { findForecast, type ForecastRecord } from "../../db/forecasts";
import { insertResolution } from "../../db/resolutions";
import { correctForecast, undoDismissal, withdrawForecast } from "../../server/services/corrections";
import { editEvent } from "../../server/services/events";
import { importThread } from "../../server/services/import-thread";
import { acceptCandidateOnto, dismissCandidate } from "../../server/services/review";
import { diffStoredScores, rescoreClaims } from "../../server/services/stored-scores";
import { writeTransaction } from "../../server/services/write-transaction";
import { emptyDb, TEST_NOW } from "../support/db";
import { makeClaim, makeEvent, makeForecast, makeResolvedClaim } from "../support/factories";
import { newAccount, snapshot } from "../support/session";

// Published 2015-03-01: a forecast taken from it is dated then, before the claims' known-at.
let threads = 0;
function thread(db: Db, sentence: string): { candidate: Candidate; handle: string } {
  threads += 1;
  const handle = `skeptic${threads}`;
  const text = `Cars #${threads}\n\nAn article.\n\nsource: Other News\n\n1. ${handle}\n\nPosts: 3; Member since: Jan 01, 2015\n\n${sentence}\n`;
  const { sourceId } = importThread(db, text, { published: "2015-03-01" }, TEST_NOW);
  const [candidate] = candidatesForSource(db, sourceId);
  assert.ok(candidate, "the sentence is a candidate");
  return { candidate, handle };
}

interface World {
  db: Db;
  editor: Account;
  claimId: number;
  eventId: number;
  forecast: ForecastRecord;
}

/** A claim resolved YES on an event of 2019-05-01, with a reader's 70 % and a comment's 90 %. */
async function world(): Promise<World> {
  const db = emptyDb();
  const editor = await newAccount(db, "editor");
  const { claimId, eventId } = makeResolvedClaim(db, { verdict: "YES" });
  makeForecast(db, { claimId, probability: 0.7, madeAt: "2018-01-01T00:00:00.000Z" });
  const { candidate } = thread(db, "They will sell a car for sure.");
  const done = acceptCandidateOnto(db, editor, candidate, { claimId, newClaim: null, probability: 0.9 }, TEST_NOW);
  assert.ok(done.ok);
  const id = findCandidate(db, candidate.id)?.forecastId;
  const forecast = id ? findForecast(db, id) : undefined;
  assert.ok(forecast);
  return { db, editor, claimId, eventId, forecast };
}

function sumBrier(db: Db, personId: number): number | undefined {
  return db.prepare("SELECT sum_brier FROM person_scores WHERE person_id = ?").pluck().get(personId) as
    number | undefined;
}

function lastAudit(db: Db): { action: string; details: string; claim_id: number | null } {
  return db.prepare("SELECT action, details, claim_id FROM audit_log ORDER BY id DESC LIMIT 1").get() as {
    action: string;
    details: string;
    claim_id: number | null;
  };
}

const countedOn = (db: Db, claimId: number): number =>
  db.prepare("SELECT count(*) FROM forecast_scores WHERE claim_id = ?").pluck().get(claimId) as number;

describe("corrections: a forecast read from a comment", () => {
  it("correcting its number rescores the person (Brier 0.01 at 90 % on YES, 0.81 at 10 %) and logs both numbers", async () => {
    const { db, editor, forecast } = await world();
    assert.equal(sumBrier(db, forecast.personId)?.toFixed(4), "0.0100");
    const done = correctForecast(db, editor, forecast, { probability: 0.1, reason: "read backwards" }, TEST_NOW);
    assert.ok(done.ok);
    assert.equal(findForecast(db, forecast.id)?.probability, 0.1);
    assert.equal(sumBrier(db, forecast.personId)?.toFixed(4), "0.8100");
    assert.deepEqual(diffStoredScores(db), []);
    const entry = lastAudit(db);
    assert.equal(entry.action, "forecast corrected");
    assert.equal(entry.claim_id, forecast.claimId);
    assert.match(entry.details, /90 % → 10 % — read backwards/);
  });

  it("withdrawing it takes it off the board and puts its sentence back in the queue", async () => {
    const { db, editor, claimId, forecast } = await world();
    assert.equal(countedOn(db, claimId), 2);
    const done = withdrawForecast(db, editor, forecast, "not about this claim", TEST_NOW);
    assert.ok(done.ok);
    assert.deepEqual(done.value, { requeued: true });
    assert.equal(sumBrier(db, forecast.personId), undefined, "no counted forecast left: off the board");
    assert.equal(countedOn(db, claimId), 1);
    assert.deepEqual(diffStoredScores(db), []);
    const after = findForecast(db, forecast.id);
    assert.equal(after?.withdrawReason, "not about this claim");
    assert.equal(after?.withdrawnBy, editor.username);
    const candidate = db.prepare("SELECT status, forecast_id AS forecastId FROM candidates").get();
    assert.deepEqual(candidate, { status: "pending", forecastId: null });
    assert.equal(lastAudit(db).action, "forecast withdrawn");
    assert.match(lastAudit(db).details, /90 % on “They will sell a car for sure\.” — not about this claim/);
  });

  it("a withdrawn forecast lets the person's earlier one count again", async () => {
    const { db, editor, claimId, forecast } = await world();
    const later = makeForecast(db, {
      claimId,
      personId: forecast.personId,
      probability: 0.2,
      madeAt: "2018-06-01T00:00:00.000Z",
    });
    // Made as if read from words (a quote), and stored-scored as a service would.
    db.prepare("UPDATE forecasts SET quote = 'x' WHERE id = ?").run(later);
    writeTransaction(db, () => rescoreClaims(db, [claimId]))();
    assert.equal(sumBrier(db, forecast.personId)?.toFixed(4), "0.6400", "the later 20 % counts");
    const laterRecord = findForecast(db, later);
    assert.ok(laterRecord);
    const withdrawn = withdrawForecast(db, editor, laterRecord, "duplicate", TEST_NOW);
    assert.ok(withdrawn.ok);
    assert.equal(sumBrier(db, forecast.personId)?.toFixed(4), "0.0100", "the 90 % of 2015 counts again");
    assert.deepEqual(diffStoredScores(db), []);
  });

  it("refuses, changing nothing: a second withdrawal, a reader's own forecast, the same number", async () => {
    const { db, editor, claimId, forecast } = await world();
    const reader = findForecast(db, makeForecast(db, { claimId }));
    assert.ok(reader);
    const before = snapshot(db);
    const same = correctForecast(db, editor, forecast, { probability: 0.9, reason: "no change" }, TEST_NOW);
    assert.ok(!same.ok);
    assert.match(same.message, /already 90 %/);
    const readers = correctForecast(db, editor, reader, { probability: 0.2, reason: "mine now" }, TEST_NOW);
    assert.ok(!readers.ok);
    assert.match(readers.message, /logged by a reader/);
    assert.ok(!withdrawForecast(db, editor, reader, "x", TEST_NOW).ok);
    assert.deepEqual(snapshot(db), before);
    assert.ok(withdrawForecast(db, editor, forecast, "wrong claim", TEST_NOW).ok);
    const gone = findForecast(db, forecast.id);
    assert.ok(gone);
    const after = snapshot(db);
    assert.ok(!withdrawForecast(db, editor, gone, "again", TEST_NOW).ok);
    assert.ok(!correctForecast(db, editor, gone, { probability: 0.5, reason: "again" }, TEST_NOW).ok);
    // A stale record (read before the withdrawal) is refused by the write itself.
    assert.ok(!correctForecast(db, editor, forecast, { probability: 0.5, reason: "stale" }, TEST_NOW).ok);
    assert.deepEqual(snapshot(db), after);
  });
});

describe("corrections: an event's date", () => {
  it("moves the known-at of the resolutions it dates, and the scores follow", async () => {
    const { db, editor, claimId, eventId } = await world();
    assert.equal(countedOn(db, claimId), 2, "2015 and 2018 forecasts, known 2019-05-01");
    const event = findEvent(db, eventId);
    assert.ok(event);
    const fields = { ...event, summary: event.summary || null };
    const moved = editEvent(db, editor, event, { ...fields, occurredOn: "2017-06-01", reason: "misdated" }, TEST_NOW);
    assert.ok(moved.ok);
    assert.deepEqual(moved.value.rescored, [claimId]);
    const knownAt = db.prepare("SELECT known_at FROM current_resolutions WHERE claim_id = ?").pluck().get(claimId);
    assert.equal(knownAt, "2017-06-01T00:00:00.000Z");
    assert.equal(countedOn(db, claimId), 1, "the 2018 forecast is now after the fact");
    assert.deepEqual(diffStoredScores(db), []);
    const log = db.prepare("SELECT action, details FROM audit_log WHERE claim_id = ? ORDER BY id DESC").all(claimId);
    assert.deepEqual(log[0], {
      action: "known-at moved",
      details: `2019-05-01 → 2017-06-01: event #${eventId} “${event.title}” corrected — misdated`,
    });
    const back = findEvent(db, eventId);
    assert.ok(back);
    const undo = { ...back, summary: null, occurredOn: "2019-05-01", reason: "it was right" };
    assert.ok(editEvent(db, editor, back, undo, TEST_NOW).ok);
    assert.equal(countedOn(db, claimId), 2);
    assert.deepEqual(diffStoredScores(db), []);
  });

  it("leaves a resolution alone when an event it cites is not its earliest", async () => {
    const db = emptyDb();
    const editor = await newAccount(db, "editor");
    const claimId = makeClaim(db, { resolveBy: "2020-01-01" });
    const [first, second] = [makeEvent(db, { occurredOn: "2019-05-01" }), makeEvent(db, { occurredOn: "2019-08-01" })];
    insertResolution(db, {
      claimId,
      verdict: "NO",
      knownAt: "2019-05-01T00:00:00.000Z",
      knownAtBasis: "event",
      rationale: "Two reports.",
      resolvedBy: null,
      createdAt: "2026-01-01T00:00:00.000Z",
      eventIds: [first, second],
    });
    const event = findEvent(db, second);
    assert.ok(event);
    const done = editEvent(db, editor, event, { ...event, occurredOn: "2019-09-01", reason: "typo" }, TEST_NOW);
    assert.ok(done.ok);
    assert.deepEqual(done.value.rescored, []);
    assert.equal(findEvent(db, second)?.occurredOn, "2019-09-01");
    assert.equal(lastAudit(db).action, "event corrected");
  });

  it("a NO is known by its resolve-by date at the latest: an event moved past it does not move known-at past it", async () => {
    const db = emptyDb();
    const editor = await newAccount(db, "editor");
    const claimId = makeClaim(db, { resolveBy: "2020-12-31" });
    const eventId = makeEvent(db, { occurredOn: "2019-12-10" });
    insertResolution(db, {
      claimId,
      verdict: "NO",
      knownAt: "2019-12-10T00:00:00.000Z",
      knownAtBasis: "event",
      rationale: "End of support.",
      resolvedBy: null,
      createdAt: "2026-01-01T00:00:00.000Z",
      eventIds: [eventId],
    });
    const event = findEvent(db, eventId);
    assert.ok(event);
    const done = editEvent(db, editor, event, { ...event, occurredOn: "2021-06-01", reason: "misdated" }, TEST_NOW);
    assert.ok(done.ok);
    const row = db
      .prepare("SELECT known_at AS knownAt, known_at_basis AS basis FROM current_resolutions WHERE claim_id = ?")
      .get(claimId);
    assert.deepEqual(row, { knownAt: "2020-12-31T00:00:00.000Z", basis: "lapse" });
    assert.deepEqual(diffStoredScores(db), []);
  });

  it("a corrected title moves no known-at, even a NO dated by an event after its resolve-by date", async () => {
    // The editor chose the event's date (2025-03-01) over the resolve-by date (2025-01-01), so the
    // forecast of 2025-02-01 counts. Re-deriving the basis on a title fix would date it 2025-01-01.
    const db = emptyDb();
    const editor = await newAccount(db, "editor");
    const claimId = makeClaim(db, { resolveBy: "2025-01-01" });
    const eventId = makeEvent(db, { occurredOn: "2025-03-01" });
    makeForecast(db, { claimId, probability: 0.2, madeAt: "2025-02-01T00:00:00.000Z" });
    insertResolution(db, {
      claimId,
      verdict: "NO",
      knownAt: "2025-03-01T00:00:00.000Z",
      knownAtBasis: "event",
      rationale: "Called off.",
      resolvedBy: null,
      createdAt: "2026-01-01T00:00:00.000Z",
      eventIds: [eventId],
    });
    writeTransaction(db, () => rescoreClaims(db, [claimId]))();
    const event = findEvent(db, eventId);
    assert.ok(event);
    const done = editEvent(
      db,
      editor,
      event,
      { ...event, title: "Deal called off", reason: "clearer title" },
      TEST_NOW,
    );
    assert.ok(done.ok);
    assert.deepEqual(done.value.rescored, []);
    const row = db
      .prepare("SELECT known_at AS knownAt, known_at_basis AS basis FROM current_resolutions WHERE claim_id = ?")
      .get(claimId);
    assert.deepEqual(row, { knownAt: "2025-03-01T00:00:00.000Z", basis: "event" });
    assert.equal(lastAudit(db).action, "event corrected");
    assert.deepEqual(diffStoredScores(db), []);
  });

  it("refuses an edit that changes nothing, or names a missing source, writing nothing", async () => {
    const { db, editor, eventId } = await world();
    const event = findEvent(db, eventId);
    assert.ok(event);
    const before = snapshot(db);
    const same = editEvent(db, editor, { ...event }, { ...event, summary: null, reason: "nothing" }, TEST_NOW);
    assert.ok(!same.ok);
    const missing = editEvent(db, editor, event, { ...event, sourceId: 99999, reason: "a source" }, TEST_NOW);
    assert.ok(!missing.ok);
    assert.equal(missing.field, "sourceId");
    assert.deepEqual(snapshot(db), before);
  });
});

describe("corrections: a dismissal undone", () => {
  it("puts the sentence back in the queue with the reason logged; a second undo is refused", async () => {
    const db = emptyDb();
    const editor = await newAccount(db, "editor");
    const { candidate } = thread(db, "They will never sell a car.");
    assert.ok(dismissCandidate(db, editor, candidate, "a joke", TEST_NOW).ok);
    const dismissed = findCandidate(db, candidate.id);
    assert.ok(dismissed);
    assert.ok(undoDismissal(db, editor, dismissed, "it is a forecast", TEST_NOW).ok);
    const again = findCandidate(db, candidate.id);
    assert.equal(again?.status, "pending");
    assert.equal(again?.dismissReason, null);
    assert.equal(lastAudit(db).action, "dismissal undone");
    assert.match(lastAudit(db).details, /dismissed as: a joke\) — it is a forecast/);
    const before = snapshot(db);
    assert.ok(again);
    assert.ok(!undoDismissal(db, editor, again, "twice", TEST_NOW).ok);
    assert.ok(!undoDismissal(db, editor, dismissed, "stale", TEST_NOW).ok, "a stale record is refused by the write");
    assert.deepEqual(snapshot(db), before);
  });
});
