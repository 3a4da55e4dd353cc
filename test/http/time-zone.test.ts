import assert from "node:assert/strict";
import { makeFmt } from "../../server/http/format";
import { testApp } from "../support/app";
import { demoDb } from "../support/db";
import { agentAs, postForm } from "../support/session";

describe("times in the reader's time zone", () => {
  it("formats instants in the zone and leaves calendar dates alone", () => {
    const la = makeFmt("America/Los_Angeles");
    assert.equal(la.dateTime("2026-11-23T05:30:00.000Z"), "22 Nov 2026, 21:30 PST");
    assert.equal(la.date("2026-11-23T05:30:00.000Z"), "22 Nov 2026");
    assert.equal(la.date("2016-06-01T00:00:00.000Z"), "1 Jun 2016", "a known-at date does not shift to 31 May");
    assert.equal(la.date("2028-01-01"), "1 Jan 2028");
    assert.equal(makeFmt("Not/AZone").zone, "UTC");
  });

  it("a reader chooses a zone in settings; an invalid zone is refused with a message", async () => {
    const db = demoDb();
    const app = testApp(db);
    const reader = await agentAs(app, db, "reader");
    const bad = await postForm(reader, "/me/settings", "/me/settings", { timeZone: "Mars/Olympus" });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /Choose a time zone from the list/);
    const ok = await postForm(reader, "/me/settings", "/me/settings", { timeZone: "Asia/Shanghai" });
    assert.equal(ok.status, 303);
    const page = await reader.get("/me/settings");
    assert.match(page.text, /<option selected>Asia\/Shanghai<\/option>/);
  });
});
