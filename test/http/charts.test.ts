// The server-drawn charts, parsed out of real pages: each SVG is an accessible image (role, title,
// desc), has both axes, the right number of points and a real table beside it.
import assert from "node:assert/strict";
import { XMLParser } from "fast-xml-parser";
import request from "supertest";
import type { Db } from "../../db/connection";
import { forecastInputsForClaims } from "../../db/stored-scores";
import { currentResolutionInputs } from "../../db/resolutions";
import { brier, median, scoreClaim } from "../../server/domain/scoring";
import { rebuildAllScores } from "../../server/services/stored-scores";
import { writeTransaction } from "../../server/services/write-transaction";
import { CHART_POINTS, CHART_STEPS } from "../../server/services/charts";
import { testApp } from "../support/app";
import { demoDb, emptyDb } from "../support/db";
import { demoClaimId, personIdByHandle } from "../support/demo";
import { makeClaim, makeForecast, makePerson, makeResolvedClaim } from "../support/factories";

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  isArray: (name) => ["circle", "line", "text", "g", "tr", "path"].includes(name),
});

/** The SVG with data-chart="name" on the page, parsed as XML (so it must be well-formed). */
function svgOf(html: string, name: string): Node {
  const match = new RegExp(`<svg[^>]*data-chart="${name}"[\\s\\S]*?</svg>`).exec(html);
  assert.ok(match, `no ${name} chart on the page`);
  const svg = (parser.parse(match[0]) as { svg: Node }).svg;
  // Accessible: an image named by its own title and described by its desc.
  assert.equal(svg["@role"], "img");
  const [titleId, descId] = String(svg["@aria-labelledby"]).split(" ");
  assert.equal((svg.title as Node)["@id"], titleId);
  assert.equal((svg.desc as Node)["@id"], descId);
  assert.ok(String((svg.title as Node)["#text"]).length > 0);
  return svg;
}

const groups = (svg: Node) => svg.g as Node[];
const group = (svg: Node, cls: string) => groups(svg).find((g) => String(g["@class"]).split(" ").includes(cls));
const circles = (g: Node | undefined) => (g?.circle as Node[] | undefined) ?? [];

function axes(svg: Node): { x: string[]; y: string[] } {
  const label = (g: Node | undefined) =>
    ((g?.text as Node[] | undefined) ?? []).filter((t) => t["@class"] !== "axis-label").map((t) => String(t["#text"]));
  return { x: label(group(svg, "axis-x")), y: label(group(svg, "axis-y")) };
}

/** The rows of the table right after the chart (inside the same figure). */
function tableRows(html: string, name: string): string[] {
  const figure = new RegExp(`<svg[^>]*data-chart="${name}"[\\s\\S]*?</figure>`).exec(html)?.[0] ?? "";
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(figure)?.[1] ?? "";
  return body.match(/<tr[\s>][\s\S]*?<\/tr>/g) ?? [];
}

function rescoreAll(db: Db): void {
  writeTransaction(db, () => rebuildAllScores(db))();
}

describe("charts on the demo's pages", () => {
  const db = demoDb();
  const app = testApp(db);

  it("a person's calibration: ten buckets in the table, a point per non-empty one, the diagonal, both axes", async () => {
    const res = await request(app)
      .get(`/people/${personIdByHandle(db, "xoxoGeorges")}`)
      .expect(200);
    const svg = svgOf(res.text, "calibration");
    assert.deepEqual(axes(svg), {
      x: ["0%", "20%", "40%", "60%", "80%", "100%"],
      y: ["0%", "20%", "40%", "60%", "80%", "100%"],
    });
    const rows = tableRows(res.text, "calibration");
    assert.equal(rows.length, 10);
    const counts = rows.map((r) => Number(/<td class="num">(\d+)<\/td>/.exec(r)?.[1]));
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      2,
      "xoxoGeorges has 2 resolved",
    );
    const points = circles(group(svg, "points"));
    assert.equal(points.length, counts.filter((n) => n > 0).length);
    assert.deepEqual(
      points.map((p) => Number(p["@data-bucket"])),
      counts.flatMap((n, i) => (n > 0 ? [i] : [])),
    );
    const diagonal = (svg.line as Node[]).find((l) => l["@class"] === "diagonal");
    assert.ok(diagonal, "the diagonal is drawn");
  });

  it("a person's Brier over time: a point and a table row per date an outcome became known", async () => {
    const res = await request(app)
      .get(`/people/${personIdByHandle(db, "xoxoGeorges")}`)
      .expect(200);
    const svg = svgOf(res.text, "brier");
    assert.ok(axes(svg).x.length >= 1);
    assert.equal(axes(svg).y.at(-1), "0.50");
    const points = circles(group(svg, "brier-points"));
    assert.ok(points.length >= 1);
    assert.equal(tableRows(res.text, "brier").length, points.length);
  });

  it("a claim's crowd: every forecast a dot, the median a step line, known-at marked", async () => {
    const claimId = demoClaimId(db, "Microsoft acquires Xiaomi");
    const res = await request(app).get(`/claims/${claimId}`).expect(200);
    const svg = svgOf(res.text, "crowd");
    const count = db.prepare("SELECT count(*) FROM forecasts WHERE claim_id = ?").pluck().get(claimId) as number;
    assert.equal(circles(group(svg, "forecast-points")).length, count);
    assert.deepEqual(axes(svg).y, ["0%", "25%", "50%", "75%", "100%"]);
    assert.ok(axes(svg).x.length >= 2, "dates along the bottom");
    assert.match(String((svg.path as Node[])[0]?.["@d"]), /^M[\d.]+ [\d.]+( [HV][\d.]+)*$/);
    assert.ok((svg.line as Node[]).some((l) => l["@class"] === "known-at"));
    // The last step is the stored crowd: the median of the counted forecasts.
    const rows = tableRows(res.text, "crowd");
    const [resolution] = currentResolutionInputs(db, [claimId]);
    assert.ok(resolution);
    const scored = scoreClaim(forecastInputsForClaims(db, [claimId]), resolution);
    const crowd = Math.round((scored.crowdMedian ?? 0) * 100);
    assert.match(rows.at(-1) ?? "", new RegExp(`<td class="num">${crowd}%</td>`));
  });
});

describe("a claim with many forecasts", () => {
  const db = emptyDb();
  const app = testApp(db);
  const { claimId } = makeResolvedClaim(db); // known 2019-05-01
  const people = Array.from({ length: 300 }, () => makePerson(db));
  // 600 forecasts over 2018 by 300 people (each twice), then 5 after the outcome was known.
  for (let i = 0; i < 600; i += 1) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const month = String(1 + Math.floor(i / 50)).padStart(2, "0");
    makeForecast(db, {
      claimId,
      personId: people[i % 300],
      probability: 0.01 + ((i * 37) % 98) / 100,
      madeAt: `2018-${month}-${day}T${String(i % 24).padStart(2, "0")}:00:00.000Z`,
    });
  }
  for (let i = 0; i < 5; i += 1)
    makeForecast(db, { claimId, probability: 0.99, madeAt: `2019-06-0${i + 1}T00:00:00.000Z` });
  rescoreAll(db);

  it(`draws at most ${CHART_POINTS} dots and ${CHART_STEPS} steps, and says it sampled`, async () => {
    const res = await request(app).get(`/claims/${claimId}`).expect(200);
    const svg = svgOf(res.text, "crowd");
    const dots = circles(group(svg, "forecast-points"));
    assert.equal(dots.length, CHART_POINTS);
    assert.match(String((svg.desc as Node)["#text"]), /400 of 605, evenly sampled/);
    // The last dot (the newest forecast, after the fact) is kept and hollow.
    assert.equal(dots.at(-1)?.["@class"], "crowd-dot after");
    assert.equal(tableRows(res.text, "crowd").length, CHART_STEPS);
  });

  it("the line's last value is the crowd the claim was scored against", async () => {
    const res = await request(app).get(`/claims/${claimId}`).expect(200);
    const [resolution] = currentResolutionInputs(db, [claimId]);
    assert.ok(resolution);
    const crowd = scoreClaim(forecastInputsForClaims(db, [claimId]), resolution).crowdMedian ?? -1;
    const last = tableRows(res.text, "crowd").at(-1) ?? "";
    assert.match(last, new RegExp(`<td class="num">${Math.round(crowd * 1000) / 10}%</td><td class="num">300</td>`));
  });

  it("the forecaster's page draws a Brier chart from their stored scores", async () => {
    const res = await request(app).get(`/people/${people[0]}`).expect(200);
    const svg = svgOf(res.text, "brier");
    assert.equal(circles(group(svg, "brier-points")).length, 1, "one claim, one known-at date");
  });
});

describe("closing soon and the crowd estimate", () => {
  const db = emptyDb();
  const app = testApp(db);
  // TEST_NOW is 2026-11-23: a claim due yesterday is awaiting resolution, not "closing soon".
  const late = makeClaim(db, { text: "Late claim before 2026-11-22", resolveBy: "2026-11-22" });
  const far = makeClaim(db, { text: "Far claim before 2029-01-01", resolveBy: "2029-01-01" });
  const near = makeClaim(db, { text: "Near claim before 2026-12-01", resolveBy: "2026-12-01" });
  const a = makePerson(db);
  makeForecast(db, { claimId: near, personId: a, probability: 0.9, madeAt: "2026-01-01T00:00:00.000Z" });
  makeForecast(db, { claimId: near, personId: a, probability: 0.2, madeAt: "2026-02-01T00:00:00.000Z" });
  makeForecast(db, { claimId: near, probability: 0.6 });
  makeForecast(db, { claimId: near, probability: 0.7 });
  makeForecast(db, { claimId: late, probability: 0.4 });

  it("home lists open claims by the nearest resolve-by date ahead, with the crowd's median of current forecasts", async () => {
    const res = await request(app).get("/").expect(200);
    const section = /<h2>Closing soon<\/h2>([\s\S]*?)<\/ul>/.exec(res.text)?.[1] ?? "";
    const ids = [...section.matchAll(/href="\/claims\/(\d+)"/g)].map((m) => Number(m[1]));
    assert.deepEqual(ids, [near, far]);
    // a's latest is 20 %; with 60 % and 70 %: the median is 60 %, of 3 people
    const want = median([0.2, 0.6, 0.7]);
    assert.equal(want, 0.6);
    assert.match(section, /crowd<\/a> <strong>60%<\/strong> \(3 people\)/);
  });

  it("the open claims list shows the crowd beside each open claim", async () => {
    const res = await request(app).get("/claims?status=open").expect(200);
    assert.match(res.text, /crowd<\/a> <strong>60%<\/strong> \(3 people\)/);
    assert.match(res.text, /crowd<\/a> <strong>40%<\/strong> \(1 person\)/);
    assert.doesNotMatch(res.text, /Far claim[\s\S]{0,400}crowd<\/a>[\s\S]*Near claim/);
  });
});

describe("calibration for the site and per tag", () => {
  const db = demoDb();
  const app = testApp(db);
  const counted = (sql: string, ...args: string[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...args) as number;

  for (const tag of [undefined, "xiaomi"]) {
    it(`/calibration${tag ? `?tag=${tag}` : ""}: ten buckets holding every ${tag ? "tagged " : ""}scored forecast`, async () => {
      const res = await request(app)
        .get(`/calibration${tag ? `?tag=${tag}` : ""}`)
        .expect(200);
      const svg = svgOf(res.text, "calibration");
      assert.equal(axes(svg).x.length, 6);
      const rows = tableRows(res.text, "calibration");
      assert.equal(rows.length, 10);
      const counts = rows.map((r) => Number(/<td class="num">(\d+)<\/td>/.exec(r)?.[1]));
      const want = tag
        ? counted(
            "SELECT count(*) FROM forecast_scores WHERE claim_id IN (SELECT ct.claim_id FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = ?)",
            tag,
          )
        : counted("SELECT count(*) FROM forecast_scores");
      assert.ok(want > 0);
      assert.equal(
        counts.reduce((a, b) => a + b, 0),
        want,
      );
      assert.equal(circles(group(svg, "points")).length, counts.filter((n) => n > 0).length);
    });
  }

  it("an unknown tag is a 404 that says so; a bad tag is a 400", async () => {
    const none = await request(app).get("/calibration?tag=no-such-tag").expect(404);
    assert.match(none.text, /No tag named “no-such-tag”/);
    const bad = await request(app)
      .get(`/calibration?tag=${"x".repeat(41)}`)
      .expect(400);
    assert.match(bad.text, /tag is at most 40 characters/);
  });
});

describe("how scores work", () => {
  const db = demoDb();
  const app = testApp(db);

  it("works each score out on a real resolved claim, with the scoring functions' numbers", async () => {
    const res = await request(app).get("/scores").expect(200);
    const claimId = Number(/The example claim<\/h2>\s*<p><a href="\/claims\/(\d+)"/.exec(res.text)?.[1]);
    const [resolution] = currentResolutionInputs(db, [claimId]);
    assert.ok(resolution, "the example claim is resolved");
    const scored = scoreClaim(forecastInputsForClaims(db, [claimId]), resolution);
    assert.ok(scored.counted.length >= 2, "enough forecasters for a peer score");
    const first = scored.counted[0];
    assert.ok(first);
    const o = resolution.verdict === "YES" ? 1 : 0;
    assert.match(res.text, new RegExp(`− ${o}\\)² = <strong>${brier(first.probability, o).toFixed(3)}</strong>`));
    assert.match(res.text, new RegExp(`= <strong>${(first.peerScore ?? 0).toFixed(1)}</strong>`));
    assert.match(res.text, new RegExp(`a Brier of <strong>${(scored.crowdBrier ?? 0).toFixed(3)}</strong>`));
  });

  it("every score heading on the board, a person's page and a claim's page links to a section that exists", async () => {
    const guide = (await request(app).get("/scores").expect(200)).text;
    const pages = [
      "/",
      "/leaderboard",
      `/people/${personIdByHandle(db, "xoxoGeorges")}`,
      `/claims/${demoClaimId(db, "Microsoft acquires Xiaomi")}`,
    ];
    const anchors = new Set<string>();
    for (const url of pages) {
      const html = (await request(app).get(url).expect(200)).text;
      const found = [...html.matchAll(/href="\/scores(?:#([\w-]+))?"/g)].map((m) => m[1] ?? "");
      assert.ok(found.length > 0, `${url} links to /scores`);
      for (const a of found) anchors.add(a);
    }
    for (const key of [
      "adjusted-brier",
      "brier",
      "log-score",
      "peer-score",
      "accuracy",
      "resolved",
      "calibration",
      "crowd",
      "lead-time",
    ]) {
      assert.ok(anchors.has(key), `a heading links to #${key}`);
    }
    for (const a of anchors) if (a) assert.match(guide, new RegExp(`id="${a}"`), `/scores has #${a}`);
  });

  it("an empty site still explains the scores", async () => {
    const res = await request(testApp(emptyDb())).get("/scores").expect(200);
    assert.match(res.text, /No claim has been resolved yet/);
    assert.match(res.text, /id="adjusted-brier"/);
  });
});
