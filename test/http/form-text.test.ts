// Every form's text goes through server/domain/text-normalizer.ts: a NUL, a control character or
// text made only of zero-width characters is refused with a message that says which, and nothing
// is written. One row per text field of every form.
import assert from "node:assert/strict";
import type { Role } from "../../server/domain/roles";
import type { Db } from "../../db/connection";
import { demoDb } from "../support/db";
import { makeClaim, makeEvent, makeResolvedClaim } from "../support/factories";
import { testApp } from "../support/app";
import { changedTables, decodeEntities, signedIn, snapshot, tokenOf, postConfirmed } from "../support/session";

type Fields = Record<string, string | string[]>;

interface FormSpec {
  form: string;
  role: Role | null;
  setup: (db: Db) => { action: string; fill?: Fields };
  valid: Fields;
  /** The fields typed as text, each checked with every bad text. */
  fields: string[];
}

const pendingCandidate = (db: Db) =>
  db.prepare("SELECT id FROM candidates WHERE status = 'pending' ORDER BY id LIMIT 1").pluck().get() as number;

const FORMS: FormSpec[] = [
  {
    form: "login",
    role: null,
    setup: () => ({ action: "/login" }),
    valid: { username: "somebody", password: "correct horse battery" },
    fields: ["username"],
  },
  {
    form: "forecast",
    role: "reader",
    setup: (db) => ({ action: `/claims/${makeClaim(db)}/forecasts` }),
    valid: { probability: "70", reasoning: "They already sell Windows laptops in China." },
    fields: ["reasoning"],
  },
  {
    form: "new claim",
    role: "reader",
    setup: () => ({ action: "/claims" }),
    valid: {
      text: "Xiaomi ships a laptop running Windows on Arm before 2028-01-01",
      resolveBy: "2028-01-01",
      details: "YES if it is sold in any market.",
      tags: "xiaomi, windows",
    },
    fields: ["text", "details", "tags"],
  },
  {
    form: "claim edit",
    role: "editor",
    setup: (db) => ({ action: `/claims/${makeClaim(db)}/edit` }),
    valid: { text: "Xiaomi ships a laptop running Windows on Arm before 2028-01-01", resolveBy: "2028-01-01" },
    fields: ["text"],
  },
  {
    form: "event",
    role: "editor",
    setup: () => ({ action: "/events" }),
    valid: {
      title: "Xiaomi announces a Windows laptop",
      occurredOn: "2026-01-15",
      datePrecision: "day",
      summary: "Announced at a launch event in Beijing.",
      evidenceQuote: "Xiaomi today announced …",
      evidenceUrl: "https://example.com/launch",
    },
    fields: ["title", "summary", "evidenceQuote", "evidenceUrl"],
  },
  {
    form: "resolve",
    role: "editor",
    setup: (db) => {
      const id = makeClaim(db);
      return { action: `/claims/${id}/resolve`, fill: { eventIds: [String(makeEvent(db))] } };
    },
    valid: { verdict: "YES", basis: "event", rationale: "The public record shows it happened." },
    fields: ["rationale"],
  },
  {
    form: "dispute",
    role: "reader",
    setup: (db) => ({ action: `/claims/${makeResolvedClaim(db).claimId}/disputes` }),
    valid: { reason: "Office came preinstalled only in some markets.", evidence: "https://example.com/report" },
    fields: ["reason", "evidence"],
  },
  {
    form: "approve a proposal (note)",
    role: "editor",
    setup: (db) => {
      const id = makeClaim(db);
      db.prepare("UPDATE claims SET state = 'proposed' WHERE id = ?").run(id);
      return { action: `/claims/${id}/approve` };
    },
    valid: { note: "Clear enough." },
    fields: ["note"],
  },
  {
    form: "dismiss a candidate",
    role: "editor",
    setup: (db) => ({ action: `/editor/candidates/${pendingCandidate(db)}/dismiss` }),
    valid: { reason: "Not a forecast." },
    fields: ["reason"],
  },
  {
    form: "accept a candidate as a new claim",
    role: "editor",
    setup: (db) => ({ action: `/editor/candidates/${pendingCandidate(db)}/accept` }),
    valid: {
      claimId: "new",
      probability: "70",
      stance: "for",
      text: "Xiaomi ships a laptop running Windows on Arm before 2028-01-01",
      resolveBy: "2028-01-01",
    },
    fields: ["text"],
  },
  {
    form: "propose a forecast from a comment",
    role: "reader",
    setup: (db) => {
      const c = db
        .prepare(
          "SELECT source_id AS sourceId, site_number AS number, body FROM comments WHERE length(body) > 40 ORDER BY id LIMIT 1",
        )
        .get() as { sourceId: number; number: string; body: string };
      const action = `/sources/${c.sourceId}/comments/${encodeURIComponent(c.number)}/propose`;
      return { action, fill: { claimId: String(makeClaim(db)), quote: c.body.slice(0, 30) } };
    },
    valid: { probability: "70", quote: "(the comment's first words, filled in by setup)" },
    fields: ["quote"],
  },
];

const BAD: { name: string; text: (valid: string) => string; message: RegExp }[] = [
  { name: "a NUL byte", text: (v) => `${v}\u0000`, message: /contains a NUL character \(U\+0000\)/ },
  { name: "a control character (BEL)", text: (v) => `${v}\u0007`, message: /contains a control character \(U\+0007\)/ },
  { name: "a C1 control (U+009B)", text: (v) => `\u009B${v}`, message: /contains a control character \(U\+009B\)/ },
  {
    name: "twelve zero-width spaces",
    text: () => "\u200B".repeat(12),
    message: /shows nothing: it is only spaces or invisible \(zero-width\) characters/,
  },
  {
    name: "zero-width joiners, word joiners and a BOM between spaces",
    text: () => " \u200D\u2060 \uFEFF\u200C ",
    message: /shows nothing/,
  },
];

describe("every form's text goes through one normalizer: refused with a message, nothing written", () => {
  for (const spec of FORMS) {
    describe(spec.form, () => {
      it("control: the valid form is accepted", async () => {
        const db = demoDb();
        const app = testApp(db);
        const agent = spec.role ? (await signedIn(app, db, spec.role)).agent : (await import("supertest")).agent(app);
        const { action, fill } = spec.setup(db);
        const token = await tokenOf(agent, "/login");
        // A form that shows what it will save first (accepting a candidate) is confirmed as an editor would.
        const res = await postConfirmed(agent, action, { ...spec.valid, ...fill, _csrf: token });
        // A login for an unknown name is a 401: the form itself was accepted.
        assert.ok(
          [303, 401].includes(res.status),
          `${res.status} ${decodeEntities(res.text)
            .replace(/<[^>]*>/g, " ")
            .replace(/\s+/g, " ")
            .slice(0, 600)}`,
        );
      });

      for (const field of spec.fields) {
        for (const bad of BAD) {
          it(`${field} with ${bad.name}`, async () => {
            const db = demoDb();
            const app = testApp(db);
            const agent = spec.role
              ? (await signedIn(app, db, spec.role)).agent
              : (await import("supertest")).agent(app);
            const { action, fill } = spec.setup(db);
            const token = await tokenOf(agent, "/login");
            const before = snapshot(db);
            const valid = { ...spec.valid, ...fill }[field];
            const fields = { ...spec.valid, ...fill, [field]: bad.text(typeof valid === "string" ? valid : "") };
            const res = await agent
              .post(action)
              .type("form")
              .send({ ...fields, _csrf: token });
            assert.equal(res.status, 422, res.text.slice(0, 300));
            assert.match(decodeEntities(res.text), bad.message);
            assert.deepEqual(changedTables(before, snapshot(db)), [], "nothing written");
          });
        }
      }
    });
  }

  it("a claim written with a decomposed ë is stored in NFC", async () => {
    const db = demoDb();
    const app = testApp(db);
    const { agent } = await signedIn(app, db, "reader");
    const text = "Chloe\u0308 Martin becomes CEO of Example Corp before 2028-01-01";
    const res = await agent
      .post("/claims")
      .type("form")
      .send({ text, resolveBy: "2028-01-01", _csrf: await tokenOf(agent, "/") });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    const stored = db.prepare("SELECT text FROM claims ORDER BY id DESC LIMIT 1").pluck().get();
    assert.equal(stored, text.normalize("NFC"));
    assert.notEqual(stored, text);
  });
});
