import assert from "node:assert/strict";
import fs from "node:fs";
import { openDb } from "../../db/connection";
import { runScript } from "../support/cli";
import { rowCountIn as count, tempPath } from "../support/db";

const GOOD = {
  claims: [
    { key: "c1", text: "Example Corp ships the widget before 2020-01-01", resolveBy: "2020-01-01", tags: ["widgets"] },
  ],
  events: [{ key: "e1", title: "The widget ships", occurredOn: "2019-05-01" }],
  forecasts: [
    { claim: "c1", person: "ann", probability: 0.8, madeAt: "2018-01-01" },
    { claim: "c1", person: "bob", probability: 0.3, madeAt: "2018-02-01T10:00:00Z" },
  ],
  resolutions: [{ claim: "c1", verdict: "YES", basis: "event", events: ["e1"], rationale: "It shipped." }],
};

function write(data: unknown): string {
  const file = tempPath("dataset.json");
  fs.writeFileSync(file, typeof data === "string" ? data : JSON.stringify(data));
  return file;
}

describe("npm run load-dataset", () => {
  it("loads a dataset and prints a JSON summary", () => {
    const db = tempPath("load.db");
    const res = runScript("load-dataset", [write(GOOD), "--json"], db);
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(JSON.parse(res.stdout), {
      claims: 1,
      events: 1,
      forecasts: 2,
      resolutions: 1,
      people: 2,
      yesByLapse: 0,
    });
    assert.doesNotMatch(res.stderr, /warning/);
    const known = openDb(db).prepare("SELECT known_at FROM resolutions").pluck().get();
    assert.equal(known, "2019-05-01T00:00:00.000Z");
  });

  it("still loads a YES dated by the resolve-by date (a migrated record), and warns how many", () => {
    const db = tempPath("lapse.db");
    const yesByLapse = { claim: "c1", verdict: "YES", basis: "lapse", events: [], rationale: "It shipped by then." };
    const res = runScript("load-dataset", [write({ ...GOOD, resolutions: [yesByLapse] })], db);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /1 resolutions/);
    assert.match(res.stderr, /^warning: 1 YES resolution\(s\) dated by the resolve-by date .* migrated records/m);
    const row = openDb(db)
      .prepare("SELECT verdict, known_at AS knownAt, known_at_basis AS basis FROM resolutions")
      .get();
    assert.deepEqual(row, { verdict: "YES", knownAt: "2020-01-01T00:00:00.000Z", basis: "lapse" });
    const json = runScript(
      "load-dataset",
      [write({ ...GOOD, resolutions: [yesByLapse, yesByLapse] }), "--json"],
      tempPath("j.db"),
    );
    assert.equal(json.code, 0, json.stderr);
    assert.equal(JSON.parse(json.stdout).yesByLapse, 2);
    assert.match(json.stderr, /^warning: 2 YES resolution/m);
  });

  const bad: [string, unknown, RegExp][] = [
    [
      "a probability of 100 %",
      { ...GOOD, forecasts: [{ ...GOOD.forecasts[0], probability: 1 }] },
      /probability must be between 0.01 and 0.99/,
    ],
    [
      "an unknown claim key",
      { ...GOOD, forecasts: [{ ...GOOD.forecasts[0], claim: "nope" }] },
      /no claim with key "nope"/,
    ],
    [
      "a date that does not exist",
      { ...GOOD, claims: [{ ...GOOD.claims[0], resolveBy: "2019-02-30" }] },
      /must be a real date/,
    ],
    [
      "an event resolution with no event",
      { ...GOOD, resolutions: [{ ...GOOD.resolutions[0], events: [] }] },
      /needs a cited event/,
    ],
    ["broken JSON", "{ claims: [", /is not valid JSON/],
  ];
  for (const [what, data, message] of bad) {
    it(`refuses ${what} with a one-line reason, exit 1, and loads nothing`, () => {
      const db = tempPath("bad.db");
      const res = runScript("load-dataset", [write(data)], db);
      assert.equal(res.code, 1);
      assert.match(res.stderr, message);
      assert.doesNotMatch(res.stderr, /\n\s+at /);
      assert.equal(count(db, "claims"), 0);
      assert.equal(count(db, "forecasts"), 0);
    });
  }

  it("without a file it prints the usage and exits 1", () => {
    const res = runScript("load-dataset", [], tempPath("none.db"));
    assert.equal(res.code, 1);
    assert.match(res.stderr, /usage: npm run load-dataset -- FILE.json/);
  });
});
