// The ways a claim and a person leave the site: the framed card, JSON, CSV, link previews and
// ClaimReview structured data. Worked by hand: the crowd of 20 %, 60% and 90 % is 60%; a YES
// claim forecast at 80% has Brier (0.8 − 1)² = 0.04 and adjusted Brier (0.04 + 2 × 0.25) / 3 = 0.18.
import assert from "node:assert/strict";
import request from "supertest";
import { insertClaim } from "../../db/claims";
import type { Db } from "../../db/connection";
import { rescoreClaims } from "../../server/services/stored-scores";
import { testApp } from "../support/app";
import { emptyDb } from "../support/db";
import { rowCounts } from "../support/db";
import { makeClaim, makeForecast, makePerson, makeResolvedClaim } from "../support/factories";

const SITE = "https://hindsight.example.org";

function app(db: Db) {
  return testApp(db, { baseUrl: SITE });
}

function rescore(db: Db, claimId: number): void {
  db.transaction(() => rescoreClaims(db, [claimId]))();
}

/** Named entities and numeric references as EJS writes them. */
function decode(html: string): string {
  return html
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

function metaContent(html: string, attr: "property" | "name", key: string): string | undefined {
  const m = new RegExp(`<meta ${attr}="${key.replace(".", "\\.")}" content="([^"]*)">`).exec(html);
  return m?.[1] === undefined ? undefined : decode(m[1]);
}

function jsonLdOf(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1] ?? "") as Record<string, unknown>,
  );
}

/** An open claim with three people's current forecasts (20 %, 60%, 90 %); the first changed their mind from 95 %. */
function openClaimWithCrowd(db: Db): number {
  const claimId = makeClaim(db, { text: "Example Corp opens a store on the Moon before 2028" });
  const changer = makePerson(db);
  makeForecast(db, { claimId, personId: changer, probability: 0.95, madeAt: "2018-01-01T00:00:00.000Z" });
  makeForecast(db, { claimId, personId: changer, probability: 0.2, madeAt: "2018-02-01T00:00:00.000Z" });
  makeForecast(db, { claimId, probability: 0.6 });
  makeForecast(db, { claimId, probability: 0.9 });
  return claimId;
}

/** A YES claim with counted forecasts at 80% (called it), 30 % (did not) and 90 % (called it). */
function resolvedClaimWithForecasts(db: Db, text?: string): { claimId: number; personId: number } {
  const { claimId } = makeResolvedClaim(db, { text });
  const personId = makePerson(db, { handle: "seer" });
  makeForecast(db, { claimId, personId, probability: 0.8 });
  makeForecast(db, { claimId, probability: 0.3 });
  makeForecast(db, { claimId, probability: 0.9 });
  rescore(db, claimId);
  return { claimId, personId };
}

describe("the embeddable claim card", () => {
  it("shows an open claim's crowd estimate: the median of each person's current forecast", async () => {
    const db = emptyDb();
    const claimId = openClaimWithCrowd(db);
    const res = await request(app(db)).get(`/claims/${claimId}/embed`).expect(200);
    assert.match(res.text, /The crowd says <strong class="big">60%<\/strong>/);
    assert.match(res.text, /median of 3 forecasters/);
    assert.match(res.text, new RegExp(`href="${SITE}/claims/${claimId}" target="_blank" rel="noopener"`));
    assert.doesNotMatch(res.text, /<form|<script/);
  });

  it("shows a resolved claim's verdict and how many scored forecasters called it", async () => {
    const db = emptyDb();
    const { claimId } = resolvedClaimWithForecasts(db);
    const res = await request(app(db)).get(`/claims/${claimId}/embed`).expect(200);
    assert.match(res.text, /Came true/);
    assert.match(
      res.text,
      /<strong>2 of 3<\/strong> scored forecasters called it; the crowd said <strong>80%<\/strong>/,
    );
  });

  it("may be framed by any site, while every other page may be framed by none", async () => {
    const db = emptyDb();
    const claimId = openClaimWithCrowd(db);
    const personId = makePerson(db);
    const embed = await request(app(db)).get(`/claims/${claimId}/embed`).expect(200);
    assert.match(embed.headers["content-security-policy"] ?? "", /frame-ancestors \*/);
    assert.doesNotMatch(embed.headers["content-security-policy"] ?? "", /script-src 'self'/);
    assert.equal(embed.headers["x-frame-options"], undefined);
    for (const path of [
      "/",
      `/claims/${claimId}`,
      `/people/${personId}`,
      "/leaderboard",
      "/login",
      `/api/claims/${claimId}`,
      `/claims/${claimId}/forecasts.csv`,
      "/no-such-page",
    ]) {
      const res = await request(app(db)).get(path);
      assert.match(res.headers["content-security-policy"] ?? "", /frame-ancestors 'none'/, path);
      assert.equal(res.headers["x-frame-options"], "DENY", path);
    }
  });

  it("is not shown for a proposal, and a merged claim's card leads to the claim it went into", async () => {
    const db = emptyDb();
    const proposal = insertClaim(db, {
      text: "A proposal nobody approved",
      details: "",
      resolveBy: "2028-01-01",
      tags: [],
      createdAt: "2026-01-01T00:00:00.000Z",
      createdBy: null,
      state: "proposed",
    });
    const target = makeClaim(db);
    const merged = makeClaim(db);
    db.prepare("UPDATE claims SET state = 'merged', merged_into_id = ? WHERE id = ?").run(target, merged);
    await request(app(db)).get(`/claims/${proposal}/embed`).expect(404);
    await request(app(db)).get(`/api/claims/${proposal}`).expect(404);
    await request(app(db)).get(`/claims/${merged}/embed`).expect(301).expect("Location", `/claims/${target}/embed`);
    await request(app(db)).get(`/api/claims/${merged}`).expect(301).expect("Location", `/api/claims/${target}`);
    await request(app(db)).get("/claims/99999/embed").expect(404);
  });

  it("the claim page offers a snippet to copy, with the claim's words escaped for its attribute", async () => {
    const db = emptyDb();
    const claimId = makeClaim(db, { text: `Example Corp says "soon" & means <it>` });
    const res = await request(app(db)).get(`/claims/${claimId}`).expect(200);
    const box = /<textarea id="embed-snippet"[^>]*>([\s\S]*?)<\/textarea>/.exec(res.text);
    assert.ok(box?.[1], "the snippet box");
    const snippet = decode(box[1]);
    assert.equal(
      snippet,
      `<iframe src="${SITE}/claims/${claimId}/embed" title="Example Corp says &quot;soon&quot; &amp; means &lt;it&gt;: forecasts on Hindsight" width="100%" height="200" style="border:0" loading="lazy"></iframe>`,
    );
  });
});

describe("ClaimReview structured data", () => {
  it("a resolved claim carries a ClaimReview with its required fields", async () => {
    const db = emptyDb();
    const { claimId } = resolvedClaimWithForecasts(db, "Example Corp lists on the exchange before 2020");
    const res = await request(app(db)).get(`/claims/${claimId}`).expect(200);
    const [review, ...others] = jsonLdOf(res.text);
    assert.equal(others.length, 0);
    assert.ok(review);
    assert.equal(review["@context"], "https://schema.org");
    assert.equal(review["@type"], "ClaimReview");
    assert.equal(review.url, `${SITE}/claims/${claimId}`);
    assert.equal(review.claimReviewed, "Example Corp lists on the exchange before 2020");
    assert.equal(review.reviewBody, "It happened.");
    assert.equal(review.datePublished, "2026-01-01");
    assert.deepEqual(review.reviewRating, {
      "@type": "Rating",
      ratingValue: 5,
      bestRating: 5,
      worstRating: 1,
      alternateName: "Came true",
    });
    assert.deepEqual(review.author, { "@type": "Organization", name: "Hindsight", url: SITE });
    assert.equal((review.itemReviewed as Record<string, unknown>)["@type"], "Claim");
    assert.equal((review.citation as string[]).length, 1);
  });

  it("names the editor who resolved it as the author, and rates NO as the worst", async () => {
    const db = emptyDb();
    const { claimId } = makeResolvedClaim(db, { verdict: "NO" });
    db.prepare(
      "INSERT INTO accounts (username, password_hash, role, created_at) VALUES ('ed_smith', 'x', 'editor', '2026-01-01')",
    ).run();
    db.prepare("UPDATE resolutions SET resolved_by = (SELECT id FROM accounts WHERE username = 'ed_smith')").run();
    const res = await request(app(db)).get(`/claims/${claimId}`).expect(200);
    const [review] = jsonLdOf(res.text);
    assert.deepEqual(review?.author, { "@type": "Person", name: "ed_smith" });
    assert.equal((review?.reviewRating as Record<string, unknown>).ratingValue, 1);
    assert.equal((review?.reviewRating as Record<string, unknown>).alternateName, "Did not happen");
  });

  it("an open claim has none, and no claim text can end the script element", async () => {
    const db = emptyDb();
    const open = makeClaim(db);
    assert.equal(jsonLdOf((await request(app(db)).get(`/claims/${open}`).expect(200)).text).length, 0);
    const text = "Example Corp </script><script>alert(1)</script> & more";
    const { claimId } = makeResolvedClaim(db, { text });
    const res = await request(app(db)).get(`/claims/${claimId}`).expect(200);
    assert.doesNotMatch(res.text, /<script>alert/);
    assert.equal(jsonLdOf(res.text)[0]?.claimReviewed, text);
  });
});

describe("link previews (Open Graph and Twitter cards)", () => {
  it("claim, person and board pages describe themselves, at the configured address", async () => {
    const db = emptyDb();
    const claimId = openClaimWithCrowd(db);
    const { personId } = resolvedClaimWithForecasts(db);
    const claim = await request(app(db)).get(`/claims/${claimId}`).set("Host", "evil.example").expect(200);
    assert.equal(metaContent(claim.text, "property", "og:title"), "Example Corp opens a store on the Moon before 2028");
    assert.equal(metaContent(claim.text, "property", "og:url"), `${SITE}/claims/${claimId}`);
    assert.match(metaContent(claim.text, "property", "og:description") ?? "", /The crowd says 60% \(3 forecasters\)/);
    assert.equal(metaContent(claim.text, "name", "twitter:card"), "summary");
    const person = await request(app(db)).get(`/people/${personId}`).expect(200);
    assert.equal(metaContent(person.text, "property", "og:title"), "seer");
    assert.equal(metaContent(person.text, "property", "og:type"), "profile");
    assert.match(metaContent(person.text, "property", "og:description") ?? "", /1 resolved forecast, Brier 0\.040/);
    const board = await request(app(db)).get("/leaderboard").expect(200);
    assert.equal(metaContent(board.text, "property", "og:url"), `${SITE}/leaderboard`);
    assert.match(metaContent(board.text, "property", "og:description") ?? "", /lower is better/);
  });
});

describe("claim and person exports", () => {
  it("/api/claims/:id: the claim, the crowd now and the resolution", async () => {
    const db = emptyDb();
    const open = openClaimWithCrowd(db);
    const body = (await request(app(db)).get(`/api/claims/${open}`).expect(200).expect("Content-Type", /json/))
      .body as Record<string, unknown>;
    assert.equal(body.id, open);
    assert.equal(body.forecasts, 4);
    assert.deepEqual(body.crowd, { median: 0.6, forecasters: 3 });
    assert.equal(body.resolution, null);
    const { claimId } = resolvedClaimWithForecasts(db);
    const resolved = (await request(app(db)).get(`/api/claims/${claimId}`).expect(200)).body as {
      resolution: Record<string, unknown>;
    };
    assert.equal(resolved.resolution.verdict, "YES");
    assert.equal(resolved.resolution.counted, 3);
    assert.equal(resolved.resolution.called_it, 2);
    assert.equal(resolved.resolution.crowd_median, 0.8);
  });

  it("/api/people/:id: the person's scores as the board computes them", async () => {
    const db = emptyDb();
    const { personId } = resolvedClaimWithForecasts(db);
    const body = (await request(app(db)).get(`/api/people/${personId}`).expect(200)).body as {
      handle: string;
      scores: Record<string, number>;
    };
    assert.equal(body.handle, "seer");
    assert.equal(body.scores.resolved, 1);
    assert.ok(Math.abs((body.scores.brier ?? NaN) - 0.04) < 1e-12);
    assert.ok(Math.abs((body.scores.adjusted_brier ?? NaN) - 0.18) < 1e-12);
    assert.equal(body.scores.accuracy, 1);
    await request(app(db)).get("/api/people/99999").expect(404);
    await request(app(db)).get("/api/people/abc").expect(404);
  });

  it("a claim's forecasts as CSV: every forecast, its status and score, formulas defused", async () => {
    const db = emptyDb();
    const { claimId, personId } = resolvedClaimWithForecasts(db);
    db.prepare("UPDATE forecasts SET quote = '=HYPERLINK(\"x\")' WHERE person_id = ?").run(personId);
    const before = rowCounts(db, ["forecasts", "forecast_scores", "claims", "audit_log"]);
    const res = await request(app(db)).get(`/claims/${claimId}/forecasts.csv`).expect(200);
    assert.match(res.headers["content-type"] ?? "", /text\/csv/);
    assert.match(res.headers["content-disposition"] ?? "", new RegExp(`claim-${claimId}-forecasts\\.csv`));
    const lines = res.text.trimEnd().split("\r\n");
    assert.equal(
      lines[0],
      "forecast_id,claim_id,claim,person_id,handle,probability,made_at,status,brier,log_score,peer_score,source_id,quote",
    );
    assert.equal(lines.length, 4);
    const seer = lines.find((l) => l.includes(",seer,"));
    assert.ok(seer);
    assert.match(seer, /,seer,0\.8,2018-01-01T00:00:00\.000Z,counted,0\.04,-0\.223144,/);
    assert.match(seer, /,"'=HYPERLINK\(""x""\)"$/);
    assert.deepEqual(rowCounts(db, ["forecasts", "forecast_scores", "claims", "audit_log"]), before);
  });

  it("a person's forecasts as CSV, and the links to both exports on the pages", async () => {
    const db = emptyDb();
    const { claimId, personId } = resolvedClaimWithForecasts(db);
    const res = await request(app(db)).get(`/people/${personId}/forecasts.csv`).expect(200);
    const lines = res.text.trimEnd().split("\r\n");
    assert.equal(lines.length, 2);
    assert.match(lines[1] ?? "", new RegExp(`^\\d+,${claimId},`));
    const page = await request(app(db)).get(`/people/${personId}`).expect(200);
    assert.match(page.text, new RegExp(`href="/people/${personId}/forecasts.csv"`));
    const claim = await request(app(db)).get(`/claims/${claimId}`).expect(200);
    assert.match(claim.text, new RegExp(`href="/claims/${claimId}/forecasts.csv"`));
    await request(app(db)).get("/people/99999/forecasts.csv").expect(404);
  });

  it("a long export comes 10,000 rows at a time, each page naming the next", async () => {
    const db = emptyDb();
    const claimId = makeClaim(db);
    const personId = makePerson(db);
    db.transaction(() => {
      for (let i = 0; i < 10_001; i++) makeForecast(db, { claimId, personId, probability: 0.5 });
    })();
    for (const base of [`/claims/${claimId}/forecasts.csv`, `/people/${personId}/forecasts.csv`]) {
      const first = await request(app(db)).get(base).expect(200);
      assert.equal(first.text.trimEnd().split("\r\n").length, 10_001, base);
      assert.equal(first.headers.link, `<${base}?page=2>; rel="next"`);
      const second = await request(app(db)).get(`${base}?page=2`).expect(200);
      assert.equal(second.text.trimEnd().split("\r\n").length, 2, base);
      assert.equal(second.headers.link, undefined);
      await request(app(db)).get(`${base}?page=3`).expect(404);
      await request(app(db)).get(`${base}?page=x`).expect(400);
    }
  });
});
