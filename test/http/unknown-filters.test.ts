// A filter value that names nothing (a stale link, a typo) is a 404 that says so, on every list and
// export that takes one; a known name with nothing scored yet keeps the ordinary empty state.
import assert from "node:assert/strict";
import request from "supertest";
import { closeNames, editDistance } from "../../server/domain/filter-names";
import { testApp } from "../support/app";
import { demoDb, rowCounts } from "../support/db";
import { demoSourceId } from "../support/demo";
import { makeClaim, makeThread } from "../support/factories";

const TABLES = ["claims", "tags", "forecasts", "sources", "stored_scores"] as const;

describe("filters that name nothing", () => {
  const db = demoDb();
  // Known but empty: a tag on an open claim nobody forecast on, a publisher whose thread has no forecasts.
  makeClaim(db, { tags: ["fresh"] });
  makeThread(db, ["Nothing to see here."]);
  const app = testApp(db);

  const unknown: [string, RegExp, string][] = [
    ["/leaderboard?tag=smartfones&min=1&page=2", /No tag named “smartfones”\./, "/leaderboard?min=1"],
    ["/leaderboard?tag=windows-fone", /No tag named “windows-fone”\./, "/leaderboard"],
    ["/leaderboard?publisher=GSM%20Insidr&sort=brier", /No publisher named “GSM Insidr”\./, "/leaderboard?sort=brier"],
    ["/leaderboard?source=77", /No source number 77\./, "/leaderboard"],
    ["/claims?status=open&tag=smartfones", /No tag named “smartfones”\./, "/claims?status=open"],
    ["/calibration?tag=smartfones", /No tag named “smartfones”\./, "/calibration"],
  ];
  for (const [url, message, without] of unknown) {
    it(`GET ${url} is a 404 page that says so and links to the list without it`, async () => {
      const before = rowCounts(db, TABLES);
      const res = await request(app).get(url).expect(404);
      assert.match(res.text, message);
      assert.ok(res.text.includes(`href="${without.replace(/&/g, "&amp;")}"`), `a link to ${without}`);
      // The site's own layout and navigation, and not the list itself.
      assert.match(res.text, /<nav aria-label="Main" class="main-wide">/);
      assert.doesNotMatch(res.text, /<table|class="claim-row"|<svg/);
      // The page cache gives what it stores a strong ETag; Express's own is weak (W/"…").
      assert.doesNotMatch(res.headers.etag ?? "", /^"/, "a 404 is not stored by the page cache");
      assert.deepEqual(rowCounts(db, TABLES), before);
    });
  }

  it("suggests the known names close to a mistyped one", async () => {
    const tag = await request(app).get("/leaderboard?tag=windows-fone&min=1").expect(404);
    assert.match(tag.text, /<a href="\/leaderboard\?min=1&amp;tag=windows-phone">Did you mean #windows-phone\?<\/a>/);
    const pub = await request(app).get("/leaderboard?publisher=GSM%20Insidr").expect(404);
    assert.match(pub.text, /<a href="\/leaderboard\?publisher=GSM\+Insider">Did you mean “GSM Insider”\?<\/a>/);
    const claims = await request(app).get("/claims?tag=Xiaomy").expect(404);
    assert.match(claims.text, /href="\/claims\?tag=xiaomi"/);
  });

  // The exports are stable interfaces (DESIGN.md): they answer as they did before the page's 404.
  it("the CSV and the JSON API keep their answer: an unknown tag or publisher is no rows, an unknown source a 400", async () => {
    for (const filter of ["tag=smartfones", "publisher=GSM%20Insidr"]) {
      const api = await request(app).get(`/api/leaderboard?${filter}&min=1`).expect(200);
      assert.match(api.headers["content-type"] ?? "", /application\/json/);
      assert.deepEqual(api.body.rows, []);
      assert.equal(api.body.total, 0);
      assert.deepEqual(Object.keys(api.body), ["columns", "query", "total", "pages", "rows"]);
      const csv = await request(app).get(`/leaderboard.csv?${filter}&min=1`).expect(200);
      assert.match(csv.headers["content-type"] ?? "", /text\/csv/);
      assert.match(csv.headers["content-disposition"] ?? "", /leaderboard\.csv/);
      const lines = csv.text.trim().split("\n");
      assert.equal(lines.length, 1, "the header row only");
      assert.match(lines[0] ?? "", /^handle,resolved,/);
    }
    for (const path of ["/api/leaderboard", "/leaderboard.csv"]) {
      const res = await request(app).get(`${path}?source=77`).expect(400);
      assert.match(res.headers["content-type"] ?? "", /application\/json/);
      assert.deepEqual(res.body, {
        error: "The address has a parameter this page cannot use.",
        details: ["source 77 does not exist"],
      });
    }
  });

  it("the board's 404 names the board, with a trailing slash too", async () => {
    const res = await request(app).get("/leaderboard/?tag=smartfones").expect(404);
    assert.match(res.text, /Show the leaderboard without this tag filter/);
    assert.doesNotMatch(res.text, /every row/);
  });

  it("a known tag or publisher with nothing scored yet shows the ordinary empty state", async () => {
    const board = await request(app).get("/leaderboard?tag=fresh&min=1").expect(200);
    assert.match(board.text, /No one has scored forecasts with these filters yet\./);
    const pub = await request(app).get("/leaderboard?publisher=Example%20News&min=1").expect(200);
    assert.match(pub.text, /with these filters yet\./);
    assert.deepEqual((await request(app).get("/api/leaderboard?tag=fresh&min=1").expect(200)).body.rows, []);
    const csv = await request(app).get("/leaderboard.csv?tag=fresh&min=1").expect(200);
    assert.equal(csv.text.trim().split("\n").length, 1, "the header row only");
    const claims = await request(app).get("/claims?status=resolved&tag=fresh").expect(200);
    assert.match(claims.text, /No resolved claims tagged #fresh\./);
    const calibration = await request(app).get("/calibration?tag=fresh").expect(200);
    assert.match(calibration.text, /No scored forecasts on claims tagged #fresh yet\./);
  });

  it("a known filter lists its rows", async () => {
    const office = (await request(app).get("/api/leaderboard?tag=office&min=1").expect(200)).body.rows;
    assert.ok(office.length > 0);
    const board = await request(app).get("/leaderboard?publisher=GSM%20Insider&min=1").expect(200);
    assert.match(board.text, /<table/);
    const source = demoSourceId(db, "CEOs meet up in China");
    const csv = await request(app).get(`/leaderboard.csv?source=${source}&min=1`).expect(200);
    assert.ok(csv.text.trim().split("\n").length > 1);
    const claims = await request(app).get("/claims?tag=xiaomi").expect(200);
    assert.match(claims.text, /class="claim-row"/);
    const calibration = await request(app).get("/calibration?tag=xiaomi").expect(200);
    assert.match(calibration.text, /<svg/);
  });

  it("the board's filter form left at “any” (empty values) is the whole board, not a 400 or a 404", async () => {
    const form = "/leaderboard?tag=&source=&publisher=&from=&to=&min=1&sort=adjusted_brier";
    const res = await request(app).get(form).expect(200);
    assert.match(res.text, /<table/);
    await request(app).get("/claims?tag=").expect(200);
  });

  it("a 404 is never served from the cache: a tag made after it is found at once", async () => {
    await request(app).get("/leaderboard?tag=later&min=1").expect(404);
    await request(app).get("/calibration?tag=later").expect(404);
    // Written straight to the file: no data version is bumped, so only an unstored 404 lets this show.
    makeClaim(db, { tags: ["later"] });
    await request(app).get("/leaderboard?tag=later&min=1").expect(200);
    await request(app).get("/calibration?tag=later").expect(200);
    await request(app).get("/claims?tag=later").expect(200);
  });
});

describe("a filter value with control or bidi characters", () => {
  const db = demoDb();
  const app = testApp(db);

  for (const path of ["/leaderboard", "/claims", "/calibration", "/leaderboard.csv", "/api/leaderboard"]) {
    it(`GET ${path}?tag=%00 is the board's 400, never echoed in a 404`, async () => {
      const res = await request(app).get(`${path}?tag=a%00b`).expect(400);
      assert.ok(!res.text.includes("\u0000"), "no NUL in the answer");
      assert.match(res.text, /tag must not contain control characters/);
    });
  }

  for (const path of ["/leaderboard", "/claims", "/calibration"]) {
    it(`GET ${path}?tag= with a right-to-left override: the 404 isolates the value`, async () => {
      const res = await request(app).get(`${path}?tag=%E2%80%AEsenohp`).expect(404);
      assert.ok(res.text.includes("No tag named “\u2068\u202Esenohp\u2069”."), "the override ends inside the value");
    });
  }
});

describe("close names", () => {
  it("edit distance, worked by hand", () => {
    assert.equal(editDistance("smartfones", "smartphones"), 2); // f→p, +h
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.equal(editDistance("", "abc"), 3);
    assert.equal(editDistance("abc", "abc"), 0);
    assert.equal(editDistance("abcdef", "uvwxyz", 2), 3, "stops past the limit");
  });

  it("finds a typo, another case or a part; not an unrelated word", () => {
    const tags = ["smartphones", "windows", "windows-phone", "xiaomi", "office"];
    assert.deepEqual(closeNames("smartfones", tags), ["smartphones"]);
    assert.deepEqual(closeNames("XIAOMI", tags), ["xiaomi"]);
    assert.deepEqual(closeNames("window", tags), ["windows", "windows-phone"]);
    assert.deepEqual(closeNames("windows-fone", tags), ["windows-phone", "windows"], "the nearer first");
    assert.deepEqual(closeNames("zz", tags), []);
    // A short known name inside a long wanted one is no suggestion ("Did you mean #a?").
    const short = ["a", "os", "app", "phone", "smartphones"];
    assert.deepEqual(closeNames("smartfones-apps", short), []);
    assert.deepEqual(closeNames("iphones", short), ["phone"], "5 of 7 characters: more than half");
    assert.deepEqual(closeNames("ab", ["a"]), ["a"], "one edit away is still offered");
    assert.deepEqual(closeNames("", tags), []);
  });
});
