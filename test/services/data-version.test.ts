// Cached visitor pages last exactly as long as the data version (server/http/page-cache.ts): every
// kind of write must bump it in its own transaction, and a refused write must not.
import assert from "node:assert/strict";
import type { Account } from "../../db/accounts";
import { candidatesForSource } from "../../db/candidates";
import { findClaim } from "../../db/claims";
import type { Db } from "../../db/connection";
import { dataVersion, scoresVersion } from "../../db/data-version";
import {
  createClaim,
  editClaim,
  fileDispute,
  logForecast,
  mergeClaim,
  resolveClaim,
} from "../../server/services/claim-writes";
import { recordEvent } from "../../server/services/events";
import { importThread } from "../../server/services/import-thread";
import { loadDataset } from "../../server/services/load-dataset";
import { acceptCandidateOnto, dismissCandidate } from "../../server/services/review";
import { demoDb, TEST_NOW } from "../support/db";
import { demoClaimId, demoEventId } from "../support/demo";
import { makeClaim } from "../support/factories";
import { newAccount } from "../support/session";

const claim = (db: Db, id: number) => {
  const found = findClaim(db, id);
  assert.ok(found);
  return found;
};

const values = {
  text: "Example Corp ships the widget before 2028-01-01",
  details: null,
  resolveBy: "2028-01-01",
  tags: [],
};
const THREAD = "A thread\n\nAn article.\n\n1. someone\n\nPosts: 1\n\nThey will probably ship it.\n";

type Write = (db: Db, editor: Account, reader: Account) => unknown;

const WRITES: [string, Write][] = [
  ["a claim written", (db, editor) => createClaim(db, editor, values, TEST_NOW)],
  [
    "a claim edited",
    (db, editor) => editClaim(db, editor, claim(db, makeClaim(db)), { ...values, tags: ["x"] }, TEST_NOW),
  ],
  [
    "a forecast logged",
    (db, _e, reader) =>
      logForecast(db, reader, claim(db, makeClaim(db)), { probability: 0.4, reasoning: null }, TEST_NOW),
  ],
  [
    "a resolution",
    (db, editor) =>
      resolveClaim(
        db,
        editor,
        claim(db, demoClaimId(db, "Microsoft Office")),
        { verdict: "NO", basis: "event", eventIds: [demoEventId(db, "1,500 Microsoft patents")], rationale: "Test." },
        TEST_NOW,
      ),
  ],
  ["a merge", (db, editor) => mergeClaim(db, editor, claim(db, makeClaim(db)), claim(db, makeClaim(db)), TEST_NOW)],
  [
    "a dispute",
    (db, _e, reader) =>
      fileDispute(
        db,
        reader,
        claim(db, demoClaimId(db, "Microsoft Office")),
        { reason: "It was not preinstalled everywhere.", evidence: "A 2017 review of a Mi 6 without Office." },
        TEST_NOW,
      ),
  ],
  [
    "an event",
    (db, editor) =>
      recordEvent(
        db,
        editor,
        {
          title: "Something happened",
          occurredOn: "2020-01-01",
          datePrecision: "day",
          summary: null,
          evidenceQuote: null,
          evidenceUrl: null,
          sourceId: null,
        },
        TEST_NOW,
      ),
  ],
  ["a thread imported", (db) => importThread(db, THREAD, {}, TEST_NOW)],
  [
    "a candidate dismissed",
    (db, editor) => {
      const [candidate] = candidatesForSource(db, importThread(db, THREAD, {}, TEST_NOW).sourceId);
      assert.ok(candidate);
      const before = dataVersion(db);
      dismissCandidate(db, editor, candidate, "Not a prediction.", TEST_NOW);
      assert.ok(dataVersion(db) > before);
    },
  ],
  [
    "a candidate accepted",
    (db, editor) => {
      const [candidate] = candidatesForSource(db, importThread(db, THREAD, {}, TEST_NOW).sourceId);
      assert.ok(candidate);
      return acceptCandidateOnto(
        db,
        editor,
        candidate,
        { claimId: makeClaim(db), newClaim: null, probability: 0.7 },
        TEST_NOW,
      );
    },
  ],
  [
    "a dataset loaded",
    (db) =>
      loadDataset(
        db,
        { claims: [{ key: "c", text: "Example Corp ships the widget before 2020-01-01", resolveBy: "2020-01-01" }] },
        TEST_NOW,
      ),
  ],
];

describe("the data version that cached pages are kept by", () => {
  for (const [name, write] of WRITES) {
    it(`is bumped by ${name}`, async () => {
      const db = demoDb();
      const [editor, reader] = [await newAccount(db, "editor"), await newAccount(db, "reader")];
      const before = dataVersion(db);
      const result = write(db, editor, reader);
      if (result && typeof result === "object" && "ok" in result) assert.ok(result.ok, JSON.stringify(result));
      assert.ok(dataVersion(db) > before);
    });
  }

  it("is not bumped by a refused write, nor are scores by a forecast on an open claim", async () => {
    const db = demoDb();
    const [editor, reader] = [await newAccount(db, "editor"), await newAccount(db, "reader")];
    const [data, scores] = [dataVersion(db), scoresVersion(db)];
    const office = claim(db, demoClaimId(db, "Microsoft Office"));
    assert.equal(logForecast(db, reader, office, { probability: 0.5, reasoning: null }, TEST_NOW).ok, false);
    assert.equal(mergeClaim(db, editor, office, office, TEST_NOW).ok, false);
    assert.equal(dataVersion(db), data);
    logForecast(db, reader, claim(db, makeClaim(db)), { probability: 0.5, reasoning: null }, TEST_NOW);
    assert.equal(scoresVersion(db), scores);
    assert.ok(dataVersion(db) > data);
  });
});
