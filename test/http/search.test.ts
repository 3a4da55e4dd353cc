// Search (issue 10): /search over the FTS5 index of migration 0015 (kept by triggers), and the
// claims list's ?q= and ?tag= filters.
import assert from "node:assert/strict";
import request from "supertest";
import { insertClaim, setClaimState, setClaimTags, updateClaim } from "../../db/claims";
import { listMigrations, migrate, type Db } from "../../db/connection";
import { insertForecast } from "../../db/forecasts";
import { testApp } from "../support/app";
import { emptyDb, tempPath } from "../support/db";
import { makeClaim, makeEvent, makePerson, makeThread } from "../support/factories";
import { openDb } from "../../db/connection";

function quote(db: Db, claimId: number, words: string): number {
  return insertForecast(db, {
    claimId,
    personId: makePerson(db, { handle: `quoter${claimId}` }),
    probability: 0.8,
    madeAt: "2018-01-01T00:00:00.000Z",
    commentId: null,
    sourceId: null,
    quote: words,
    reasoning: null,
    recordedBy: null,
    createdAt: "2018-01-01T00:00:00.000Z",
  });
}

/** The result links of a search page, in order. */
const links = (html: string) =>
  [...html.matchAll(/<li class="search-hit kind-(\w+)">[\s\S]*?href="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);

function world() {
  const db = emptyDb();
  const xiaomi = makeClaim(db, { text: "Xiaomi launches the Mi 4 phone in Europe before 2016", tags: ["smartphones"] });
  const nokia = makeClaim(db, { text: "Nokia ships a Windows tablet before 2015" });
  const forecast = quote(db, nokia, "I reckon the zebrafish tablet will flop");
  const sourceId = makeThread(db, ["The quokka rumour is nonsense, they will probably not buy it."]);
  const event = makeEvent(db, { title: "Walrus Corp announces the narwhal" });
  const person = makePerson(db, { handle: "capybara_fan" });
  return { db, app: testApp(db), xiaomi, nokia, forecast, sourceId, event, person };
}

/** The results of /search?q= on this app, as "kind address" lines. */
async function searchLinks(app: ReturnType<typeof testApp>, q: string): Promise<string[]> {
  return links(
    (
      await request(app)
        .get(`/search?q=${encodeURIComponent(q)}`)
        .expect(200)
    ).text,
  );
}

describe("search", () => {
  it("finds claims, forecast quotes, comments, events and people by a word, with links", async () => {
    const w = world();
    const get = (q: string) => searchLinks(w.app, q);
    assert.deepEqual(await get("Europe"), [`claim /claims/${w.xiaomi}`]);
    assert.deepEqual(await get("zebrafish"), [`quote /claims/${w.nokia}`]);
    assert.deepEqual(await get("quokka"), [`comment /sources/${w.sourceId}#comment-1`]);
    assert.deepEqual(await get("narwhal"), [`event /events/${w.event}`]);
    assert.deepEqual(await get("capybara"), [`person /people/${w.person}`]);
    // A tag's name finds its claims.
    assert.deepEqual(await get("smartphones"), [`claim /claims/${w.xiaomi}`]);
    // Every word must be there.
    assert.deepEqual((await get("tablet")).sort(), [`claim /claims/${w.nokia}`, `quote /claims/${w.nokia}`]);
    assert.deepEqual(await get("tablet Nokia"), [`claim /claims/${w.nokia}`]);
    assert.deepEqual(await get("Europe zebrafish"), []);
  });

  it('finds by prefix (xiao*) and by phrase ("mi 4 phone"), not by a part of a word', async () => {
    const w = world();
    const get = (q: string) => searchLinks(w.app, q);
    assert.deepEqual(await get("xiao*"), [`claim /claims/${w.xiaomi}`]);
    assert.deepEqual(await get("xiao"), []);
    assert.deepEqual(await get('"mi 4 phone"'), [`claim /claims/${w.xiaomi}`]);
    assert.deepEqual(await get('"phone mi 4"'), []);
    assert.deepEqual(await get('"the zebra*"'), []);
    assert.deepEqual(await get('"the zebrafish"'), [`quote /claims/${w.nokia}`]);
    // Diacritics are folded: "Xiãomi" is Xiaomi.
    assert.deepEqual(await get("Xiãomi"), [`claim /claims/${w.xiaomi}`]);
  });

  it("ordinary text with FTS5 operators or punctuation is searched for, never an error", async () => {
    const w = world();
    for (const q of [
      `Xiaomi's "Mi 4"`,
      "C++",
      "Nokia AND",
      "OR Nokia",
      "NOT Nokia",
      "title:Nokia",
      "Nokia (",
      "NEAR(Nokia",
      '"Mi 4',
      "Nokia -tablet",
      "^Nokia",
      "Nokia*:",
    ]) {
      const res = await request(w.app).get(`/search?q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200, `${q} answered ${res.status}`);
    }
    const res = await request(w.app)
      .get(`/search?q=${encodeURIComponent(`Xiaomi's "Mi 4"`)}`)
      .expect(200);
    assert.deepEqual(links(res.text), [`claim /claims/${w.xiaomi}`]);
  });

  it("a query with nothing to search for, or too long, is a 400 page that says why", async () => {
    const { app } = world();
    const none = await request(app)
      .get(`/search?q=${encodeURIComponent("- * !!")}`)
      .expect(400);
    assert.match(none.text, /has no word or number to search for/);
    assert.match(none.text, /<form method="get" action="\/search"/, "the search box is there to try again");
    const long = await request(app)
      .get(`/search?q=${"a".repeat(201)}`)
      .expect(400);
    assert.match(long.text, /at most 200 characters/);
    await request(app).get("/search?q=a&q=b").expect(400);
    await request(app).get("/search?q=nokia&kind=forecast").expect(400);
    await request(app)
      .get(`/claims?q=${encodeURIComponent("***")}`)
      .expect(400);
    // No query: just the form.
    const empty = await request(app).get("/search").expect(200);
    assert.doesNotMatch(empty.text, /search-hit/);
  });

  it("escapes HTML in what users wrote and marks only the matched words", async () => {
    const db = emptyDb();
    const claimId = makeClaim(db, { text: "<script>alert(1)</script> Example wins zanzibar" });
    quote(db, claimId, "<img src=x onerror=alert(2)> zanzibar \uE000stray\uE001 & co");
    makeThread(db, ['<b onmouseover="alert(3)">zanzibar</b> is coming']);
    const res = await request(testApp(db)).get("/search?q=zanzibar").expect(200);
    assert.doesNotMatch(res.text, /<script>alert|<img src=x|<b onmouseover/);
    assert.match(res.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt; Example wins <mark>zanzibar<\/mark>/);
    assert.match(res.text, /&lt;img src=x onerror=alert\(2\)&gt; <mark>zanzibar<\/mark> stray &amp; co/);
    assert.match(res.text, /&lt;b onmouseover=&#34;alert\(3\)&#34;&gt;<mark>zanzibar<\/mark>/);
    assert.equal(res.text.match(/<mark>/g)?.length, 3);
  });

  it("ranks a match in a claim's text above one in its details, and shows the details' excerpt", async () => {
    const db = emptyDb();
    const inDetails = insertClaim(db, {
      text: "Example Corp ships a small mammal tracker",
      details: "Reported by a site about the ferret trade.",
      resolveBy: "2028-01-01",
      createdAt: "2026-01-01T00:00:00.000Z",
      createdBy: null,
      tags: [],
    });
    const inText = makeClaim(db, { text: "Example Corp ships a ferret tracker before 2028" });
    const res = await request(testApp(db)).get("/search?q=ferret").expect(200);
    assert.deepEqual(links(res.text), [`claim /claims/${inText}`, `claim /claims/${inDetails}`]);
    assert.match(res.text, /<p class="excerpt">Reported by a site about the <mark>ferret<\/mark> trade\.<\/p>/);
  });

  it("pages results 20 at a time, counts each kind, and filters by kind", async () => {
    const db = emptyDb();
    for (let i = 0; i < 25; i += 1) makeClaim(db, { text: `Walrus rumour number ${i} comes true` });
    makeEvent(db, { title: "The walrus event" });
    const app = testApp(db);
    const first = await request(app).get("/search?q=walrus").expect(200);
    assert.equal(links(first.text).length, 20);
    assert.match(first.text, /Claims <span class="count">\(25\)<\/span>/);
    assert.match(first.text, /Events <span class="count">\(1\)<\/span>/);
    assert.match(first.text, /href="\/search\?q=walrus&amp;page=2" rel="next"/);
    const second = await request(app).get("/search?q=walrus&page=2").expect(200);
    assert.equal(links(second.text).length, 6);
    await request(app).get("/search?q=walrus&page=3").expect(404);
    const events = await request(app).get("/search?q=walrus&kind=event").expect(200);
    assert.deepEqual(
      links(events.text).map((l) => l.split(" ")[0]),
      ["event"],
    );
  });

  it("leaves out claims that are not published, and the quotes on them", async () => {
    const db = emptyDb();
    const id = insertClaim(db, {
      text: "A proposed claim about okapis arriving",
      details: "",
      resolveBy: "2028-01-01",
      createdAt: "2026-01-01T00:00:00.000Z",
      createdBy: null,
      tags: [],
      state: "proposed",
    });
    quote(db, id, "okapis everywhere");
    const app = testApp(db);
    assert.deepEqual(links((await request(app).get("/search?q=okapis").expect(200)).text), []);
    setClaimState(db, id, "published");
    assert.equal(links((await request(app).get("/search?q=okapis").expect(200)).text).length, 2);
  });

  it("follows edits: new text and tags are found, the old are not", async () => {
    const db = emptyDb();
    const id = makeClaim(db, { text: "Example Corp ships the flamingo", tags: ["birds"] });
    updateClaim(db, id, {
      text: "Example Corp ships the pelican",
      details: "Big beak",
      resolveBy: "2028-01-01",
      tags: ["seabirds"],
    });
    const app = testApp(db);
    const found = async (q: string) => links((await request(app).get(`/search?q=${q}`).expect(200)).text).length;
    assert.equal(await found("flamingo"), 0);
    assert.equal(await found("pelican"), 1);
    assert.equal(await found("beak"), 1);
    assert.equal(await found("birds"), 0);
    assert.equal(await found("seabirds"), 1);
    setClaimTags(db, id, []);
    assert.equal(await found("seabirds"), 0);
  });

  it("follows edits and deletions of comments, quotes, handles and events (triggers)", async () => {
    const db = emptyDb();
    const claimId = makeClaim(db);
    const forecastId = quote(db, claimId, "a quote about lemurs");
    makeThread(db, ["a comment about lemurs"]);
    const person = makePerson(db, { handle: "lemur_fan" });
    const event = makeEvent(db, { title: "The lemur event" });
    const app = testApp(db);
    const kinds = async (q: string) =>
      links((await request(app).get(`/search?q=${q}`).expect(200)).text)
        .map((l) => l.split(" ")[0])
        .sort();
    assert.deepEqual(await kinds("lemur*"), ["comment", "event", "person", "quote"]);
    db.prepare("UPDATE comments SET body = 'now about tapirs'").run();
    db.prepare("UPDATE people SET handle = 'tapir_fan' WHERE id = ?").run(person);
    db.prepare("UPDATE events SET title = 'The tapir event' WHERE id = ?").run(event);
    db.prepare("UPDATE forecasts SET quote = 'tapirs too' WHERE id = ?").run(forecastId);
    assert.deepEqual(await kinds("lemur*"), []);
    assert.deepEqual(await kinds("tapir*"), ["comment", "event", "person", "quote"]);
    db.prepare("DELETE FROM forecast_scores WHERE forecast_id = ?").run(forecastId);
    db.prepare("DELETE FROM forecasts WHERE id = ?").run(forecastId);
    db.prepare("DELETE FROM comments").run();
    assert.deepEqual(await kinds("tapir*"), ["event", "person"]);
  });

  it("the migration indexes the rows that were there before it", () => {
    const file = tempPath("search-migration.db");
    const db = openDb(file);
    migrate(
      db,
      listMigrations().filter((m) => m.version < 15),
    );
    // Rows written as the code before migration 0015 wrote them (today's insert functions also index).
    const at = "2026-01-01T00:00:00.000Z";
    db.exec(`INSERT INTO people (id, handle, kind, created_at) VALUES (1, 'ocelot_person', 'commenter', '${at}');
      INSERT INTO claims (id, text, resolve_by, created_at) VALUES (1, 'An older claim about ocelots', '2028-01-01', '${at}');
      INSERT INTO tags (id, name) VALUES (1, 'felines'); INSERT INTO claim_tags (claim_id, tag_id) VALUES (1, 1);
      INSERT INTO forecasts (claim_id, person_id, probability, made_at, quote, created_at)
        VALUES (1, 1, 0.5, '${at}', 'ocelot quote', '${at}');
      INSERT INTO sources (id, title, fingerprint, created_at) VALUES (1, 'A thread', 'a thread', '${at}');
      INSERT INTO comments (source_id, site_number, position, person_id, body) VALUES (1, '1', 1, 1, 'ocelots in the comments');
      INSERT INTO events (title, occurred_on, created_at) VALUES ('Ocelots event', '2019-01-01', '${at}');`);
    migrate(db);
    const kinds = db
      .prepare("SELECT rowid % 8 AS k FROM search_index WHERE search_index MATCH 'ocelot*' ORDER BY k")
      .pluck()
      .all();
    assert.deepEqual(kinds, [1, 2, 3, 4, 5]);
    assert.equal(db.prepare("SELECT count(*) FROM search_index WHERE search_index MATCH 'felines'").pluck().get(), 1);
    db.close();
  });

  it("has a labelled search box in the header of every page", async () => {
    const { app } = world();
    const res = await request(app).get("/claims").expect(200);
    assert.match(res.text, /<form method="get" action="\/search" class="site-search" role="search" aria-label="Site">/);
    assert.match(res.text, /<label for="site-search-q"[^>]*>Search Hindsight<\/label>/);
    assert.match(res.text, /<input id="site-search-q" name="q" type="search"/);
  });
});

describe("the claims list's ?q= and ?tag=", () => {
  it("filters by tag and by words, keeps them in the paging links, and tag chips lead there", async () => {
    const db = emptyDb();
    for (let i = 0; i < 55; i += 1)
      makeClaim(db, { text: `Tagged claim number ${i} about gadgets`, tags: ["gadgets"] });
    const other = makeClaim(db, { text: "An untagged claim about gadgets", tags: ["other"] });
    const app = testApp(db);
    const tagged = await request(app).get("/claims?tag=gadgets").expect(200);
    assert.match(tagged.text, /Claims tagged #gadgets/);
    assert.doesNotMatch(tagged.text, new RegExp(`href="/claims/${other}"`));
    assert.match(tagged.text, /Open <span class="count">\(55\)<\/span>/);
    assert.match(tagged.text, /href="\/claims\?status=open&amp;tag=gadgets"/);
    const page2 = await request(app).get("/claims?status=open&tag=gadgets&page=2").expect(200);
    assert.equal(page2.text.match(/<li class="claim-row">/g)?.length, 5);
    assert.match(page2.text, /href="\/claims\?status=open&amp;tag=gadgets" rel="prev"/);
    assert.match(tagged.text, /<a class="tag" href="\/claims\?tag=gadgets">#gadgets<\/a>/);

    const words = await request(app).get("/claims?q=untagged").expect(200);
    assert.equal(words.text.match(/<li class="claim-row">/g)?.length, 1);
    assert.match(words.text, new RegExp(`href="/claims/${other}"`));
    const both = await request(app).get("/claims?q=number%2012&tag=gadgets").expect(200);
    assert.equal(both.text.match(/<li class="claim-row">/g)?.length, 1);
    const none = await request(app).get("/claims?tag=nosuchtag").expect(404);
    assert.match(none.text, /No tag named “nosuchtag”/);
  });

  it("a signed-out visitor's cached list is kept per query", async () => {
    const db = emptyDb();
    makeClaim(db, { text: "Claim about aardvarks arriving" });
    makeClaim(db, { text: "Claim about badgers arriving" });
    const app = testApp(db);
    const a = await request(app).get("/claims?q=aardvarks").expect(200);
    const b = await request(app).get("/claims?q=badgers").expect(200);
    assert.match(a.text, /aardvarks arriving/);
    assert.doesNotMatch(a.text, /badgers arriving/);
    assert.match(b.text, /badgers arriving/);
    assert.doesNotMatch(b.text, /aardvarks arriving/);
  });
});
