import assert from "node:assert/strict";
import { insertClaim } from "../../db/claims";
import type { Db } from "../../db/connection";
import { findPerson, type Person } from "../../db/people";
import { claimHandle, proposeForecast } from "../../server/services/proposals";
import { demoDb, TEST_NOW } from "../support/db";
import { rowCounts } from "../support/db";
import { makeClaim } from "../support/factories";
import { newAccount } from "../support/session";

function person(db: Db, kind: "commenter" | "reader"): Person {
  const id = db.prepare("SELECT id FROM people WHERE kind = ? ORDER BY id LIMIT 1").pluck().get(kind) as number;
  const found = findPerson(db, id);
  assert.ok(found);
  return found;
}

describe("proposals service", () => {
  describe("claimHandle", () => {
    it("links a reader to an imported commenter, pending an editor", async () => {
      const db = demoDb();
      const account = await newAccount(db, "reader");
      const commenter = person(db, "commenter");
      const done = claimHandle(db, account, commenter, TEST_NOW);
      assert.ok(done.ok);
      const row = db
        .prepare("SELECT account_id AS a, person_id AS p, status FROM handle_links WHERE id = ?")
        .get(done.value);
      assert.deepEqual(row, { a: account.id, p: commenter.id, status: "pending" });
    });

    it("refuses a handle that is not an imported commenter's", async () => {
      const db = demoDb();
      const account = await newAccount(db, "reader");
      const done = claimHandle(db, account, person(db, "reader"), TEST_NOW);
      assert.deepEqual(done, {
        ok: false,
        field: "form",
        message: "Only an imported commenter's handle can be claimed.",
      });
      assert.equal(rowCounts(db, ["handle_links"]).handle_links, 0);
    });

    it("refuses a handle already claimed or awaiting an editor", async () => {
      const db = demoDb();
      const commenter = person(db, "commenter");
      assert.ok(claimHandle(db, await newAccount(db, "reader"), commenter, TEST_NOW).ok);
      const done = claimHandle(db, await newAccount(db, "reader"), commenter, TEST_NOW);
      assert.deepEqual(done, {
        ok: false,
        field: "form",
        message: "This handle is already claimed or awaiting an editor.",
      });
      assert.equal(rowCounts(db, ["handle_links"]).handle_links, 1);
    });
  });

  describe("proposeForecast", () => {
    const comment = { id: 0, body: "Mark my words: they will ship it before the holidays. Or not." };

    function setup(db: Db): { id: number; body: string } {
      const row = db.prepare("SELECT id FROM comments ORDER BY id LIMIT 1").pluck().get() as number;
      return { ...comment, id: row };
    }

    it("records the proposal when the quote is the commenter's own words", async () => {
      const db = demoDb();
      const account = await newAccount(db, "reader");
      const claimId = makeClaim(db);
      const v = { claimId, probability: 0.7, quote: "they will ship it before the holidays" };
      const done = proposeForecast(db, account, setup(db), v, TEST_NOW);
      assert.ok(done.ok);
      const row = db
        .prepare("SELECT claim_id AS c, quote, status FROM forecast_proposals WHERE id = ?")
        .get(done.value);
      assert.deepEqual(row, { c: claimId, quote: v.quote, status: "pending" });
    });

    it("refuses a quote that is not in the comment, and writes nothing", async () => {
      const db = demoDb();
      const account = await newAccount(db, "reader");
      const v = { claimId: makeClaim(db), probability: 0.7, quote: "they will certainly ship it" };
      const done = proposeForecast(db, account, setup(db), v, TEST_NOW);
      assert.deepEqual(done, {
        ok: false,
        field: "quote",
        message: "Quote words that appear in the comment, exactly as written",
      });
      assert.equal(rowCounts(db, ["forecast_proposals"]).forecast_proposals, 0);
    });

    it("refuses a claim that is not published", async () => {
      const db = demoDb();
      const account = await newAccount(db, "reader");
      const claimId = insertClaim(db, {
        text: "Xiaomi ships a phone running Windows 11 on Arm before 2028-01-01",
        details: "",
        resolveBy: "2028-01-01",
        tags: [],
        createdAt: "2026-01-01T00:00:00.000Z",
        createdBy: account.id,
        state: "proposed",
      });
      const v = { claimId, probability: 0.7, quote: "they will ship it" };
      const done = proposeForecast(db, account, setup(db), v, TEST_NOW);
      assert.deepEqual(done, { ok: false, field: "claimId", message: "Choose a claim from the list" });
      assert.equal(rowCounts(db, ["forecast_proposals"]).forecast_proposals, 0);
    });
  });
});
