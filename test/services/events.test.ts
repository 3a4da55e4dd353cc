import assert from "node:assert/strict";
import { findAccount } from "../../db/accounts";
import { findEvent } from "../../db/events";
import { recordEvent, type EventValues } from "../../server/services/events";
import { demoDb, emptyDb, TEST_NOW } from "../support/db";
import { rowCounts } from "../support/db";
import { makeAccount } from "../support/session";

const VALUES: EventValues = {
  title: "Microsoft announces Windows 11 on Arm for phones",
  occurredOn: "2026-10-01",
  datePrecision: "day",
  summary: null,
  evidenceQuote: null,
  evidenceUrl: "https://example.com/news",
  sourceId: null,
};

describe("events service: recordEvent", () => {
  it("refuses a source that does not exist, and writes nothing", async () => {
    const db = emptyDb();
    const editor = findAccount(db, (await makeAccount(db, "editor")).id);
    assert.ok(editor);
    const done = recordEvent(db, editor, { ...VALUES, sourceId: 999 }, TEST_NOW);
    assert.deepEqual(done, { ok: false, field: "sourceId", message: "Choose a source from the list" });
    assert.deepEqual(rowCounts(db, ["events", "audit_log"]), { events: 0, audit_log: 0 });
  });

  it("records an event citing a known source, with its audit entry", async () => {
    const db = demoDb();
    const editor = findAccount(db, (await makeAccount(db, "editor")).id);
    assert.ok(editor);
    const sourceId = db.prepare("SELECT id FROM sources LIMIT 1").pluck().get() as number;
    const done = recordEvent(db, editor, { ...VALUES, sourceId }, TEST_NOW);
    assert.ok(done.ok);
    const event = findEvent(db, done.value);
    assert.equal(event?.sourceId, sourceId);
    assert.equal(event.summary, "");
    const entry = db.prepare("SELECT account_id AS accountId, details FROM audit_log ORDER BY id DESC LIMIT 1").get();
    assert.deepEqual(entry, { accountId: editor.id, details: `#${done.value} ${VALUES.title} (2026-10-01)` });
  });
});
