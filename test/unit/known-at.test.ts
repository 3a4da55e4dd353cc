import assert from "node:assert/strict";
import { autoBasis, basisRefusal, knownAtDay, YES_CANNOT_LAPSE } from "../../server/domain/known-at";

describe("known-at from what the editor cites", () => {
  it("no cited event: the resolve-by date passed for NO and ANNULLED; a YES cannot lapse, it needs its event", () => {
    for (const verdict of ["NO", "ANNULLED"] as const) assert.equal(autoBasis(verdict, [], "2025-01-01"), "lapse");
    assert.equal(autoBasis("YES", [], "2025-01-01"), "event");
    assert.equal(knownAtDay(autoBasis("YES", [], "2025-01-01"), [], "2025-01-01"), null, "so the form asks for it");
  });

  it("YES: the earliest cited event, even when the deadline has passed since", () => {
    assert.equal(autoBasis("YES", ["2024-05-05", "2024-04-03"], "2025-01-01"), "event");
    assert.equal(knownAtDay("event", ["2024-05-05", "2024-04-03"], "2025-01-01"), "2024-04-03");
  });

  it("NO: whichever came first, the earliest event or the deadline", () => {
    assert.equal(autoBasis("NO", ["2024-04-03"], "2025-01-01"), "event");
    assert.equal(autoBasis("NO", ["2025-09-01"], "2025-01-01"), "lapse");
    assert.equal(autoBasis("NO", ["2025-01-01"], "2025-01-01"), "lapse", "on the day itself: the deadline");
    assert.equal(knownAtDay("lapse", ["2025-09-01"], "2025-01-01"), "2025-01-01");
  });

  it("an event basis with nothing cited has no day", () => {
    assert.equal(knownAtDay("event", [], "2025-01-01"), null);
  });

  it("a YES cannot have the resolve-by date; NO and ANNULLED can, and every verdict can have its event", () => {
    assert.equal(basisRefusal("YES", "lapse"), YES_CANNOT_LAPSE);
    assert.equal(basisRefusal("YES", "event"), null);
    for (const verdict of ["NO", "ANNULLED"] as const) {
      assert.equal(basisRefusal(verdict, "lapse"), null, verdict);
      assert.equal(basisRefusal(verdict, "event"), null, verdict);
    }
  });

  it("the refusal tells the editor what to do: cite the event, or record it known to the month", () => {
    assert.match(YES_CANNOT_LAPSE, /^A YES does not lapse/);
    assert.match(YES_CANNOT_LAPSE, /Cite that event and choose its date/);
    assert.match(YES_CANNOT_LAPSE, /known to the month \(give the 1st\)/);
  });

  it("the default never picks what the rule refuses", () => {
    const cases: [readonly string[], string][] = [
      [[], "2025-01-01"],
      [["2024-04-03"], "2025-01-01"],
      [["2025-09-01"], "2025-01-01"],
      [["2025-01-01"], "2025-01-01"],
    ];
    for (const verdict of ["YES", "NO", "ANNULLED"] as const)
      for (const [days, resolveBy] of cases)
        assert.equal(basisRefusal(verdict, autoBasis(verdict, days, resolveBy)), null, `${verdict} ${days.join()}`);
  });
});
