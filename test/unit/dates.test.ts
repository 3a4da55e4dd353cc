import assert from "node:assert/strict";
import { DateTime } from "luxon";
import { parseDay, storedInstant, today, toStored } from "../../server/domain/dates";

describe("dates", () => {
  describe("storedInstant", () => {
    const cases: [string, string | null][] = [
      ["2019-01-01", "2019-01-01T00:00:00.000Z"],
      ["2019-01-01T12:30:00.000Z", "2019-01-01T12:30:00.000Z"],
      // Other ISO forms go the slow way, through luxon, to the same stored form.
      ["2019-01-01T12:30:00.5Z", "2019-01-01T12:30:00.500Z"],
      ["2019-01-01T12:30:00Z", "2019-01-01T12:30:00.000Z"],
      ["2019-02-29T12:30:00Z", null],
      ["2019-01-01T14:30:00+02:00", "2019-01-01T12:30:00.000Z"],
      ["2019-02-30", null],
      ["2019-02-28T25:00:00.000Z", null],
      ["2019-13-01T00:00:00.000Z", null],
      ["yesterday", null],
      ["", null],
    ];
    for (const [text, stored] of cases) {
      it(`${JSON.stringify(text)} → ${JSON.stringify(stored)}`, () => assert.equal(storedInstant(text), stored));
    }
  });

  it("parseDay refuses a day that does not exist instead of rolling over", () => {
    assert.equal(parseDay("2019-02-30"), null);
    assert.equal(parseDay("2019-02-28")?.toISODate(), "2019-02-28");
  });

  it("today is the UTC calendar date, whatever the zone of now", () => {
    const lateInBerlin = DateTime.fromISO("2026-01-01T00:30:00", { zone: "Europe/Berlin" });
    assert.equal(today(lateInBerlin), "2025-12-31");
    assert.equal(toStored(lateInBerlin), "2025-12-31T23:30:00.000Z");
  });
});
