import assert from "node:assert/strict";
import type { Role } from "../../server/domain/roles";
import type { Db } from "../../db/connection";
import { demoDb } from "../support/db";
import { makeClaim, makeEvent, makeResolvedClaim } from "../support/factories";
import { testApp } from "../support/app";
import {
  changedTables,
  decodeEntities,
  fieldError,
  fieldValue,
  signedIn,
  snapshot,
  tokenOf,
  type Agent,
} from "../support/session";

type Fields = Record<string, string | string[]>;

interface Case {
  name: string;
  /** Overrides of the form's valid fields; undefined removes a field. */
  change: Record<string, string | string[] | undefined>;
  /** The field the message must stand beside, and what it says. */
  field: string;
  message: RegExp;
}

interface FormSpec {
  form: string;
  role: Role;
  /** Where the form lives and where it posts, after any setup; `fill` adds the ids of rows it made to the valid fields. */
  setup: (db: Db) => { page: string; action: string; fill?: Fields };
  valid: Fields;
  cases: Case[];
  /** Fields typed as text (inputs or textareas) whose value the re-rendered form must keep. */
  kept: string[];
  errorOf?: (html: string, field: string) => string | undefined;
}

/** The message in the fieldset that holds inputs named `name` (radio groups, checkboxes), or a labelled field's. */
function groupError(html: string, name: string): string | undefined {
  for (const m of html.matchAll(/<fieldset[^>]*>([\s\S]*?)<\/fieldset>/g)) {
    const body = m[1] ?? "";
    if (!body.includes(`name="${name}"`)) continue;
    const err = /<p class="error-msg">([^<]*)<\/p>/.exec(body)?.[1];
    return err === undefined ? undefined : decodeEntities(err);
  }
  return fieldError(html, name);
}

function checked(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`name="${name}" value="([^"]*)" checked`, "g"))].map((m) => m[1] ?? "");
}

function apply(valid: Fields, change: Case["change"]): Fields {
  const out: Fields = { ...valid };
  for (const [k, v] of Object.entries(change)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

async function submit(agent: Agent, action: string, fields: Fields) {
  const token = await tokenOf(agent, "/");
  return agent
    .post(action)
    .type("form")
    .send({ ...fields, _csrf: token });
}

const LONG_CLAIM = `Xiaomi ships a laptop running Windows on Arm in Europe before 2028-01-01 ${"x".repeat(300)}`.slice(
  0,
  301,
);

const FORMS: FormSpec[] = [
  {
    form: "forecast form",
    role: "reader",
    setup: (db) => {
      const id = makeClaim(db);
      return { page: `/claims/${id}`, action: `/claims/${id}/forecasts` };
    },
    valid: { probability: "70", reasoning: "They already sell Windows laptops in China." },
    kept: ["probability", "reasoning"],
    cases: [
      { name: "empty probability", change: { probability: "" }, field: "probability", message: /Enter a probability/ },
      { name: 'probability "0"', change: { probability: "0" }, field: "probability", message: /between 1 and 99 %/ },
      {
        name: 'probability "100"',
        change: { probability: "100" },
        field: "probability",
        message: /between 1 and 99 %/,
      },
      {
        name: 'probability "150"',
        change: { probability: "150" },
        field: "probability",
        message: /between 1 and 99 %/,
      },
      { name: 'probability "abc"', change: { probability: "abc" }, field: "probability", message: /Enter a number/ },
      {
        name: 'probability "0.5"',
        change: { probability: "0.5" },
        field: "probability",
        message: /^Enter a percent from 1 to 99 — did you mean 50 %\?$/,
      },
      {
        name: 'probability "0.7" (a fraction, not a percent)',
        change: { probability: "0.7" },
        field: "probability",
        message: /^Enter a percent from 1 to 99 — did you mean 70 %\?$/,
      },
      {
        name: 'probability "0.005" (a fraction too small to be a forecast)',
        change: { probability: "0.005" },
        field: "probability",
        message: /Enter a number from 1 to 99/,
      },
      { name: 'probability "-5"', change: { probability: "-5" }, field: "probability", message: /Enter a number/ },
      {
        name: "reasoning of 2001 characters",
        change: { reasoning: "r".repeat(2001) },
        field: "reasoning",
        message: /at most 2000 characters/,
      },
    ],
  },
  {
    form: "claim form",
    role: "reader",
    setup: () => ({ page: "/claims/new", action: "/claims" }),
    valid: {
      text: "Xiaomi ships a laptop running Windows on Arm before 2028-01-01",
      resolveBy: "2028-01-01",
      details: "YES if it is sold in any market.",
      tags: "xiaomi, windows",
    },
    kept: ["text", "resolveBy", "details", "tags"],
    cases: [
      { name: "empty text", change: { text: "" }, field: "text", message: /at least 10 characters/ },
      {
        name: "text of 301 characters",
        change: { text: LONG_CLAIM },
        field: "text",
        message: /at most 300 characters/,
      },
      {
        name: "a question",
        change: { text: "Will Xiaomi ship a Windows phone before 2028-01-01?" },
        field: "text",
        message: /not a question/,
      },
      {
        name: "a vague claim",
        change: { text: "Xiaomi will do something big soon" },
        field: "text",
        message: /Too vague/,
      },
      {
        name: "markup in a refused claim is kept as text, escaped",
        change: { text: "<script>alert(1)</script> ships before 2028?" },
        field: "text",
        message: /not a question/,
      },
      {
        name: "resolve-by 2027-02-30",
        change: { resolveBy: "2027-02-30" },
        field: "resolveBy",
        message: /must be a real date/,
      },
      {
        name: "resolve-by in the past",
        change: { resolveBy: "2020-01-01" },
        field: "resolveBy",
        message: /must be in the future/,
      },
      { name: "resolve-by today", change: { resolveBy: "2026-11-23" }, field: "resolveBy", message: /in the future/ },
      { name: "empty resolve-by", change: { resolveBy: "" }, field: "resolveBy", message: /is required/ },
      { name: 'tags "Bad Tag!"', change: { tags: "Bad Tag!" }, field: "tags", message: /letters, digits and dashes/ },
    ],
  },
  {
    form: "event form",
    role: "editor",
    setup: () => ({ page: "/events/new", action: "/events" }),
    valid: {
      title: "Xiaomi announces a Windows laptop",
      occurredOn: "2026-01-15",
      datePrecision: "day",
      summary: "Announced at a launch event in Beijing.",
      evidenceQuote: "Xiaomi today announced …",
      evidenceUrl: "https://example.com/launch",
    },
    kept: ["title", "occurredOn", "summary", "evidenceQuote", "evidenceUrl"],
    cases: [
      {
        name: "a date in the future",
        change: { occurredOn: "2027-01-01" },
        field: "occurredOn",
        message: /cannot be in the future/,
      },
      { name: "date 2019-02-30", change: { occurredOn: "2019-02-30" }, field: "occurredOn", message: /real date/ },
      { name: "empty date", change: { occurredOn: "" }, field: "occurredOn", message: /is required/ },
      {
        name: "a javascript: address",
        change: { evidenceUrl: "javascript:alert(1)" },
        field: "evidenceUrl",
        message: /starting with http:\/\/ or https:\/\//,
      },
      { name: "empty title", change: { title: "" }, field: "title", message: /Title needs at least 3 characters/ },
    ],
  },
  {
    form: "resolve form",
    role: "editor",
    setup: (db) => {
      const id = makeClaim(db);
      const fill = { eventIds: [String(makeEvent(db))] };
      return { page: `/claims/${id}/resolve`, action: `/claims/${id}/resolve`, fill };
    },
    valid: { verdict: "YES", basis: "event", rationale: "The public record shows it happened." },
    kept: ["rationale"],
    errorOf: groupError,
    cases: [
      { name: "no verdict", change: { verdict: undefined }, field: "verdict", message: /Choose YES, NO or ANNULLED/ },
      { name: "an unknown verdict", change: { verdict: "MAYBE" }, field: "verdict", message: /Choose YES, NO/ },
      {
        name: "a YES on the event's date with no event cited (it cannot lapse instead)",
        change: { eventIds: undefined },
        field: "eventIds",
        message: /^Cite the event that made it true$/,
      },
      {
        name: "a NO on the event's date with no event cited",
        change: { verdict: "NO", eventIds: undefined },
        field: "eventIds",
        message: /Cite at least one event, or say the resolve-by date passed/,
      },
      {
        name: "basis lapse before the resolve-by date",
        change: { verdict: "NO", basis: "lapse", eventIds: undefined },
        field: "basis",
        message: /has not passed yet/,
      },
      {
        name: "a YES dated by the resolve-by date",
        change: { basis: "lapse" },
        field: "basis",
        message: /A YES does not lapse/,
      },
      {
        name: "the default basis with nothing cited before the resolve-by date",
        change: { basis: "auto", eventIds: undefined },
        field: "eventIds",
        message: /cite the event/,
      },
      {
        name: "an event that does not exist",
        change: { eventIds: ["999"] },
        field: "eventIds",
        message: /does not exist/,
      },
      {
        name: "a short rationale",
        change: { rationale: "short" },
        field: "rationale",
        message: /at least 10 characters/,
      },
    ],
  },
  {
    form: "event correction form",
    role: "editor",
    setup: (db) => {
      const id = makeEvent(db);
      return { page: `/events/${id}/edit`, action: `/events/${id}/edit` };
    },
    valid: {
      title: "Xiaomi announces a Windows laptop",
      occurredOn: "2019-05-02",
      datePrecision: "day",
      summary: "Announced at a launch event in Beijing.",
      reason: "The launch was a day later.",
    },
    kept: ["title", "occurredOn", "summary", "reason"],
    cases: [
      {
        name: "a date in the future",
        change: { occurredOn: "2027-01-01" },
        field: "occurredOn",
        message: /cannot be in the future/,
      },
      { name: "no reason", change: { reason: "" }, field: "reason", message: /The reason needs at least 3 characters/ },
    ],
  },
  {
    form: "forecast correction form",
    role: "editor",
    setup: (db) => {
      const id = db.prepare("SELECT id FROM forecasts WHERE comment_id IS NOT NULL ORDER BY id LIMIT 1").pluck().get();
      return { page: `/editor/forecasts/${String(id)}`, action: `/editor/forecasts/${String(id)}/correct` };
    },
    valid: { probability: "37.5", reason: "The words were read backwards." },
    kept: [],
    errorOf: (html, field) => fieldError(html.replaceAll('id="correct-', 'id="f-'), field),
    cases: [
      { name: "probability 0", change: { probability: "0" }, field: "probability", message: /between 1 and 99 %/ },
      { name: "probability abc", change: { probability: "abc" }, field: "probability", message: /number from 1 to 99/ },
      { name: "no reason", change: { reason: undefined }, field: "reason", message: /The reason is required/ },
    ],
  },
  {
    form: "dispute form",
    role: "reader",
    setup: (db) => {
      const id = makeResolvedClaim(db).claimId;
      return { page: `/claims/${id}`, action: `/claims/${id}/disputes` };
    },
    valid: { reason: "Office came preinstalled only in some markets.", evidence: "https://example.com/report" },
    kept: ["reason", "evidence"],
    cases: [
      { name: "empty reason", change: { reason: "" }, field: "reason", message: /at least 10 characters/ },
      { name: "empty evidence", change: { evidence: "" }, field: "evidence", message: /is required/ },
    ],
  },
];

describe("form validation: 422, the message beside the field, what was typed kept, nothing written", () => {
  for (const spec of FORMS) {
    describe(spec.form, () => {
      it("control: the valid form is accepted", async () => {
        const db = demoDb();
        const app = testApp(db);
        const { agent } = await signedIn(app, db, spec.role);
        const { action, fill } = spec.setup(db);
        const res = await submit(agent, action, { ...spec.valid, ...fill });
        assert.equal(res.status, 303, res.text.slice(0, 500));
      });

      for (const c of spec.cases) {
        it(c.name, async () => {
          const db = demoDb();
          const app = testApp(db);
          const { agent } = await signedIn(app, db, spec.role);
          const { action, fill } = spec.setup(db);
          await tokenOf(agent, "/"); // start the session before the snapshot
          const before = snapshot(db);
          const fields = apply({ ...spec.valid, ...fill }, c.change);
          const res = await submit(agent, action, fields);
          assert.equal(res.status, 422, res.text.slice(0, 500));
          const message = (spec.errorOf ?? fieldError)(res.text, c.field);
          assert.ok(message !== undefined, `a message beside ${c.field}`);
          assert.match(message, c.message);
          for (const name of spec.kept) {
            const typed = fields[name];
            if (typeof typed !== "string") continue;
            // Text fields are trimmed only by the schema, so the form shows exactly what was typed.
            assert.equal(fieldValue(res.text, name), typed, `${name} is kept`);
          }
          if (spec.form === "resolve form") {
            const verdict = fields.verdict;
            assert.deepEqual(
              checked(res.text, "verdict"),
              typeof verdict === "string" && verdict !== "MAYBE" ? [verdict] : [],
            );
            const ids = fields.eventIds;
            assert.deepEqual(checked(res.text, "eventIds"), Array.isArray(ids) ? ids.filter((i) => i !== "999") : []);
          }
          assert.doesNotMatch(res.text, /<script>alert/, "typed markup is escaped");
          assert.doesNotMatch(res.text, /href="javascript:/i);
          assert.deepEqual(changedTables(before, snapshot(db)), [], "nothing written");
        });
      }
    });
  }

  describe("accepted probabilities are stored as fractions", () => {
    for (const [typed, stored] of [
      ["70 %", 0.7],
      ["70%", 0.7],
      ["62.5", 0.625],
      [" 1 ", 0.01],
      ["99", 0.99],
      ["33.33", 0.3333],
    ] as const) {
      it(`"${typed}" is stored as ${stored}`, async () => {
        const db = demoDb();
        const app = testApp(db);
        const { agent, id: accountId } = await signedIn(app, db, "reader");
        const claimId = makeClaim(db);
        const res = await submit(agent, `/claims/${claimId}/forecasts`, { probability: typed });
        assert.equal(res.status, 303, res.text.slice(0, 500));
        const rows = db
          .prepare(
            `SELECT f.probability FROM forecasts f JOIN people p ON p.id = f.person_id
             WHERE f.claim_id = ? AND p.account_id = ?`,
          )
          .pluck()
          .all(claimId, accountId);
        assert.deepEqual(rows, [stored]);
      });
    }
  });

  it("a repeated field (an array where text is expected) is a 422, not a 500", async () => {
    const db = demoDb();
    const app = testApp(db);
    const { agent } = await signedIn(app, db, "reader");
    const claimId = makeClaim(db);
    await tokenOf(agent, "/");
    const before = snapshot(db);
    const res = await submit(agent, `/claims/${claimId}/forecasts`, { probability: ["70", "80"] });
    assert.equal(res.status, 422);
    assert.deepEqual(changedTables(before, snapshot(db)), []);
  });
});
