// The resolve form as an editor meets it (issue 9 #4): "became known" follows what is cited, not
// the resolve-by date, and re-resolving starts from the resolution it corrects.
import assert from "node:assert/strict";
import { testApp } from "../support/app";
import { emptyDb } from "../support/db";
import { makeClaim, makeEvent, makePerson, makeForecast } from "../support/factories";
import { agentAs, csrfFrom } from "../support/session";
import type { Db } from "../../db/connection";

/** Submits the form exactly as the page rendered it, with these choices made on top. */
async function submitAsRendered(
  agent: Awaited<ReturnType<typeof agentAs>>,
  claimId: number,
  choices: Record<string, string | string[]>,
) {
  const page = await agent.get(`/claims/${claimId}/resolve`).expect(200);
  const basis = /name="basis" value="(\w+)" checked/.exec(page.text)?.[1];
  assert.ok(basis, "one 'became known' choice is checked by default");
  const fields = {
    _csrf: csrfFrom(page.text),
    expected: /name="expected" value="(\d*)"/.exec(page.text)?.[1] ?? "",
    basis,
    ...choices,
  };
  return agent.post(`/claims/${claimId}/resolve`).type("form").send(fields);
}

const current = (db: Db, claimId: number) =>
  db
    .prepare("SELECT known_at AS knownAt, known_at_basis AS basis FROM current_resolutions WHERE claim_id = ?")
    .get(claimId) as { knownAt: string; basis: string };

describe("the resolve form", () => {
  // TEST_NOW is in late 2026: the resolve-by date 2025-01-01 has passed.
  it("YES on a claim past its deadline, citing an event, is known on the event's date by default", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const claimId = makeClaim(db, { text: "Example Corp ships the widget before 2025-01-01", resolveBy: "2025-01-01" });
    const event = makeEvent(db, { title: "The widget ships", occurredOn: "2024-04-03" });
    const person = makePerson(db);
    // Made between the event and the resolve-by date: after the fact, never scored.
    makeForecast(db, { claimId, personId: person, probability: 0.99, madeAt: "2024-06-01T00:00:00.000Z" });
    const page = await editor.get(`/claims/${claimId}/resolve`).expect(200);
    assert.match(page.text, /name="basis" value="auto" checked> From what I cite/);
    const res = await submitAsRendered(editor, claimId, {
      verdict: "YES",
      eventIds: String(event),
      rationale: "The widget shipped in April 2024.",
    });
    assert.equal(res.status, 303, res.text);
    assert.deepEqual(current(db, claimId), { knownAt: "2024-04-03T00:00:00.000Z", basis: "event" });
    const claim = await editor.get(`/claims/${claimId}`).expect(200);
    assert.match(claim.text, /\(the date of the cited event\)/);
    assert.match(claim.text, /class="forecast after-the-fact"/);
  });

  it("by default, a claim that lapsed with no event cited is known at its resolve-by date", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const claimId = makeClaim(db, { text: "Example Corp ships the gadget before 2025-01-01", resolveBy: "2025-01-01" });
    const res = await submitAsRendered(editor, claimId, { verdict: "NO", rationale: "Nothing shipped by then." });
    assert.equal(res.status, 303, res.text);
    assert.deepEqual(current(db, claimId), { knownAt: "2025-01-01T00:00:00.000Z", basis: "lapse" });
  });

  it("by default, NO citing an event after the deadline is known when the deadline passed", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const claimId = makeClaim(db, { text: "Example Corp ships the gizmo before 2025-01-01", resolveBy: "2025-01-01" });
    const event = makeEvent(db, { title: "The gizmo is cancelled", occurredOn: "2025-09-01" });
    const res = await submitAsRendered(editor, claimId, {
      verdict: "NO",
      eventIds: String(event),
      rationale: "Not shipped by the deadline, cancelled later.",
    });
    assert.equal(res.status, 303, res.text);
    assert.deepEqual(current(db, claimId), { knownAt: "2025-01-01T00:00:00.000Z", basis: "lapse" });
  });

  it("before the deadline with nothing cited, the default asks for the event beside the events", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const claimId = makeClaim(db, { resolveBy: "2030-01-01" });
    const res = await submitAsRendered(editor, claimId, { verdict: "YES", rationale: "It happened already." });
    assert.equal(res.status, 422);
    assert.match(res.text, /A YES came true on some day: cite the event that made it true/);
    assert.equal(db.prepare("SELECT count(*) FROM resolutions").pluck().get(), 0);
  });

  it("re-resolving shows the current verdict, events, rationale and known-at basis, ready to correct", async () => {
    const db = emptyDb();
    const app = testApp(db);
    const editor = await agentAs(app, db, "editor");
    const claimId = makeClaim(db, { text: "Example Corp ships the widget before 2025-01-01", resolveBy: "2025-01-01" });
    const cited = makeEvent(db, { title: "The widget ships", occurredOn: "2024-04-03" });
    const other = makeEvent(db, { title: "Something else", occurredOn: "2024-05-05" });
    const first = await submitAsRendered(editor, claimId, {
      verdict: "YES",
      basis: "event",
      eventIds: String(cited),
      rationale: "The widget shipped in April 2024.",
    });
    assert.equal(first.status, 303, first.text);
    const page = await editor.get(`/claims/${claimId}/resolve`).expect(200);
    assert.match(page.text, /name="verdict" value="YES" checked/);
    assert.match(page.text, /name="basis" value="event" checked/);
    assert.match(page.text, new RegExp(`name="eventIds" value="${cited}" checked`));
    assert.doesNotMatch(page.text, new RegExp(`name="eventIds" value="${other}" checked`));
    assert.match(
      page.text,
      /<textarea id="f-rationale" name="rationale"[^>]*>The widget shipped in April 2024.<\/textarea>/,
    );
    // Submitting it unchanged but for the verdict is a valid re-resolution.
    const again = await submitAsRendered(editor, claimId, {
      verdict: "NO",
      eventIds: String(cited),
      rationale: "The widget shipped in April 2024.",
    });
    assert.equal(again.status, 303, again.text);
    assert.equal(db.prepare("SELECT count(*) FROM resolutions WHERE claim_id = ?").pluck().get(claimId), 2);
  });

  describe("a YES does not lapse", () => {
    /** Everything a resolution writes: its rows, their citations, the audit trail and the stored scores. */
    const snapshot = (db: Db) =>
      ["resolutions", "resolution_events", "audit_log", "forecast_scores", "claim_scores", "person_scores"].map((t) => [
        t,
        db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all(),
      ]);

    /** A claim past its deadline with a forecast made after the widget shipped but before that date. */
    async function setUp() {
      const db = emptyDb();
      const app = testApp(db);
      const editor = await agentAs(app, db, "editor");
      const claimId = makeClaim(db, {
        text: "Example Corp ships the widget before 2025-01-01",
        resolveBy: "2025-01-01",
      });
      const event = makeEvent(db, { title: "The widget ships", occurredOn: "2024-04-03" });
      const person = makePerson(db);
      makeForecast(db, { claimId, personId: person, probability: 0.99, madeAt: "2024-06-01T00:00:00.000Z" });
      return { db, editor, claimId, event };
    }

    /** The "When did the outcome become known?" fieldset's error message. */
    const basisError = (html: string) =>
      /<fieldset class="field has-error"><legend>When did the outcome become known\?<\/legend>[\s\S]*?<p class="error-msg">([^<]*)<\/p>/.exec(
        html,
      )?.[1];

    /** Submits the form as rendered: a 422 saying "A YES does not lapse" beside the basis, nothing written. */
    async function refusedAsLapsedYes(
      db: Db,
      editor: Awaited<ReturnType<typeof agentAs>>,
      claimId: number,
      choices: Record<string, string>,
    ) {
      const before = snapshot(db);
      const res = await submitAsRendered(editor, claimId, choices);
      assert.equal(res.status, 422, res.text);
      assert.match(basisError(res.text) ?? "", /A YES does not lapse/);
      assert.deepEqual(snapshot(db), before);
      return res;
    }

    it("the third option says it is for NO or ANNULLED", async () => {
      const { editor, claimId } = await setUp();
      const page = await editor.get(`/claims/${claimId}/resolve`).expect(200);
      assert.match(page.text, /value="lapse"> The resolve-by date \(1 Jan 2025\) passed: for NO or ANNULLED only/);
    });

    it("YES dated by the resolve-by date is refused beside the basis, and nothing is stored", async () => {
      const { db, editor, claimId } = await setUp();
      const res = await refusedAsLapsedYes(db, editor, claimId, {
        verdict: "YES",
        basis: "lapse",
        rationale: "The date passed and it had shipped.",
      });
      assert.match(basisError(res.text) ?? "", /Cite that event/);
      assert.match(basisError(res.text) ?? "", /known to the month/);
      assert.match(res.text, /name="verdict" value="YES" checked/, "the form keeps the editor's choices");
    });

    it("still refused when an event is cited too: the explicit lapse would ignore it", async () => {
      const { db, editor, claimId, event } = await setUp();
      await refusedAsLapsedYes(db, editor, claimId, {
        verdict: "YES",
        basis: "lapse",
        eventIds: String(event),
        rationale: "The widget shipped in April 2024.",
      });
    });

    it("re-resolving a lapsed NO to YES by lapse is refused; the NO stays current", async () => {
      const { db, editor, claimId } = await setUp();
      const first = await submitAsRendered(editor, claimId, {
        verdict: "NO",
        basis: "lapse",
        rationale: "Nothing shipped by then.",
      });
      assert.equal(first.status, 303, first.text);
      assert.deepEqual(current(db, claimId), { knownAt: "2025-01-01T00:00:00.000Z", basis: "lapse" });
      await refusedAsLapsedYes(db, editor, claimId, {
        verdict: "YES",
        basis: "lapse",
        rationale: "It had shipped after all.",
      });
    });

    it("NO by lapse after the date and YES on its event are still accepted, and score what they should", async () => {
      const { db, editor, claimId, event } = await setUp();
      const no = await submitAsRendered(editor, claimId, {
        verdict: "NO",
        basis: "lapse",
        rationale: "Nothing by then.",
      });
      assert.equal(no.status, 303, no.text);
      assert.deepEqual(current(db, claimId), { knownAt: "2025-01-01T00:00:00.000Z", basis: "lapse" });
      const scored = () => db.prepare("SELECT count(*) FROM forecast_scores").pluck().get();
      assert.equal(scored(), 1, "the June 2024 forecast came before the resolve-by date");
      const yes = await submitAsRendered(editor, claimId, {
        verdict: "YES",
        basis: "event",
        eventIds: String(event),
        rationale: "The widget shipped in April 2024.",
      });
      assert.equal(yes.status, 303, yes.text);
      assert.deepEqual(current(db, claimId), { knownAt: "2024-04-03T00:00:00.000Z", basis: "event" });
      assert.equal(scored(), 0, "the June 2024 forecast came after the widget shipped");
    });
  });
});
