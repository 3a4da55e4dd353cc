// The accept form of the speculation queue: the box is the chance that the claim resolves YES,
// stored as typed; the stance must agree with it; a new claim written is used when no claim is chosen.
import assert from "node:assert/strict";
import { candidateAcceptForm, parseForm, stanceOf, stanceProblem } from "../../server/domain/forms";

const TODAY = "2026-11-23";
const parse = (body: Record<string, string>) => parseForm(candidateAcceptForm(TODAY), body);

describe("candidate accept form", () => {
  it("stores the number as typed, never flipped by the stance", () => {
    const against = parse({ claimId: "4", stance: "against", probability: "10" });
    assert.ok(against.ok);
    assert.equal(against.values.probability, 0.1);
    assert.equal(against.values.claimId, 4);
    const forIt = parse({ claimId: "4", stance: "for", probability: "85" });
    assert.ok(forIt.ok);
    assert.equal(forIt.values.probability, 0.85);
  });

  it("refuses a stance that contradicts the number, saying what would agree", () => {
    const cases: [string, string, RegExp][] = [
      ["against", "90", /Choose “for”, or enter 10 %/],
      ["for", "10", /Choose “against”, or enter 90 %/],
      ["for", "50", /choose “undecided”/],
      ["against", "50", /choose “undecided”/],
      ["undecided", "30", /“Undecided” means exactly 50 %/],
    ];
    for (const [stance, probability, message] of cases) {
      const form = parse({ claimId: "4", stance, probability });
      assert.ok(!form.ok, `${stance} ${probability}`);
      assert.match(form.errors.probability ?? "", message, `${stance} ${probability}`);
    }
    assert.ok(parse({ claimId: "4", stance: "undecided", probability: "50" }).ok);
  });

  it("requires a stance", () => {
    const form = parse({ claimId: "4", probability: "30" });
    assert.ok(!form.ok);
    assert.match(form.errors.stance ?? "", /for or against/);
  });

  it("uses a new claim written while the list still says “choose a claim”", () => {
    const text = "Xiaomi sells a car in China before 2027-01-01";
    const form = parse({ claimId: "", text, resolveBy: "2027-01-01", stance: "against", probability: "10" });
    assert.ok(form.ok);
    assert.equal(form.values.claimId, null);
    assert.equal(form.values.newClaim?.text, text);
  });

  it("refuses a claim chosen from the list together with a new one written, and nothing at all", () => {
    const both = parse({
      claimId: "4",
      text: "Xiaomi sells a car in China before 2027-01-01",
      stance: "for",
      probability: "60",
    });
    assert.ok(!both.ok);
    assert.match(both.errors.claimId ?? "", /also wrote a new one/);
    const neither = parse({ claimId: "", stance: "for", probability: "60" });
    assert.ok(!neither.ok);
    assert.equal(neither.errors.claimId, "Choose a claim, or write a new one");
  });

  it("binds the confirmation token to the claim and the number", () => {
    const a = parse({ claimId: "4", stance: "against", probability: "10" });
    const b = parse({ claimId: "4", stance: "against", probability: "20" });
    const c = parse({ claimId: "5", stance: "against", probability: "10" });
    assert.ok(a.ok && b.ok && c.ok);
    assert.equal(new Set([a.values.token, b.values.token, c.values.token]).size, 3);
  });

  it("names the stance of a number", () => {
    assert.deepEqual([0.1, 0.5, 0.51].map(stanceOf), ["against", "undecided", "for"]);
    assert.equal(stanceProblem("against", 0.1), null);
  });
});
