// The web form's import parses on a worker thread: the server answers other requests meanwhile,
// and the summary is the command line's.
import assert from "node:assert/strict";
import http from "node:http";
import { generateThread } from "../../scripts/bench/thread";
import { importThread } from "../../server/services/import-thread";
import { ImportTimedOut, prepareInWorker } from "../../server/services/import-worker";
import { emptyDb, rowCount, rowCounts, TEST_NOW } from "../support/db";
import { testApp } from "../support/app";
import { agentAs, csrfFrom } from "../support/session";

const COMMENTS = 20_000;

/**
 * The app behind a server that calls `onImportReceived` once the body of an import has arrived,
 * i.e. when the import proper starts: a request sent then used to wait for the whole import.
 */
function serverWatchingImports(app: http.RequestListener, onImportReceived: () => void): http.Server {
  return http.createServer((req, res) => {
    if (req.method === "POST" && req.url === "/editor/import") req.once("end", onImportReceived);
    app(req, res);
  });
}

describe("the import form off the event loop", function () {
  // Generating and importing 20,000 comments twice takes seconds on a busy two-core machine.
  this.timeout(60_000);

  it(`answers GET / while a ${COMMENTS.toLocaleString("en-US")}-comment paste is imported, and the summary is right`, async () => {
    const text = generateThread(COMMENTS);
    const expected = importThread(emptyDb(), text, {}, TEST_NOW);
    const db = emptyDb();
    const finished: string[] = [];
    let home: Promise<unknown> | undefined;
    const server = serverWatchingImports(testApp(db), () => {
      home = agent
        .get("/")
        .expect(200)
        .then(() => finished.push("home"));
    });
    const agent = await agentAs(server, db, "editor");
    const token = csrfFrom((await agent.get("/editor/import")).text);
    const imported = await agent.post("/editor/import").type("form").send({ text, _csrf: token });
    finished.push("import");
    await home;
    assert.deepEqual(finished, ["home", "import"], "GET / was answered before the import finished");
    assert.equal(imported.status, 200);
    const summary = `${expected.comments} comment(s) added from ${expected.people} commenter(s)`;
    assert.match(imported.text, new RegExp(summary.replace(/[()]/g, "\\$&")));
    assert.match(imported.text, new RegExp(`${expected.candidates} speculative sentence\\(s\\) found`));
    assert.equal(rowCount(db, "comments"), COMMENTS);
    assert.equal(rowCount(db, "candidates"), expected.candidates);
  });

  it("takes two pastes of the same thread at once one after the other: one imports, the other adds nothing", async () => {
    const db = emptyDb();
    const server = http.createServer(testApp(db));
    const agent = await agentAs(server, db, "editor");
    const token = csrfFrom((await agent.get("/editor/import")).text);
    const text = generateThread(2000);
    const post = () => agent.post("/editor/import").type("form").send({ text, _csrf: token }).expect(200);
    const pages = (await Promise.all([post(), post()])).map((r) => r.text);
    assert.equal(pages.filter((p) => /Imported:/.test(p)).length, 1);
    assert.equal(pages.filter((p) => /Already imported:/.test(p) && /0 comment\(s\) added/.test(p)).length, 1);
    assert.equal(rowCount(db, "comments"), 2000);
  });

  it("shows the worker's refusal beside the field, with 422, and stores nothing", async () => {
    const db = emptyDb();
    const agent = await agentAs(http.createServer(testApp(db)), db, "editor");
    const token = csrfFrom((await agent.get("/editor/import")).text);
    const res = await agent
      .post("/editor/import")
      .type("form")
      .send({ text: "7. someone\n\nPosts: 3; Member since: Jan 01, 2014\n\nMaybe.", _csrf: token })
      .expect(422);
    assert.match(res.text, /The text has no title/);
    assert.match(res.text, /Member since: Jan 01, 2014/, "the paste is back in the box");
    assert.equal(rowCount(db, "sources"), 0);
  });

  // A limit far shorter than any import (a worker takes tens of milliseconds to start) stands in
  // for a file that makes the parser slow: the worker is stopped at the limit whatever it does.
  it("stops an import that outlasts the time limit: 422 beside the field, nothing stored, the paste kept", async () => {
    const db = emptyDb();
    const agent = await agentAs(http.createServer(testApp(db, { importTimeoutMs: 5 })), db, "editor");
    const token = csrfFrom((await agent.get("/editor/import")).text);
    const text = generateThread(2000);
    const tables = ["sources", "comments", "people", "candidates", "audit_log"] as const;
    const before = rowCounts(db, tables); // the editor's own account and person
    const res = await agent.post("/editor/import").type("form").send({ text, _csrf: token }).expect(422);
    assert.match(res.text, /The import took longer than 0\.005 s and was stopped; nothing was stored\./);
    assert.ok(res.text.includes(text.split("\n")[0] ?? "?"), "the paste is back in the box");
    assert.deepEqual(rowCounts(db, tables), before);
    assert.equal(before.sources + before.comments, 0);
  });

  it("after an import was stopped, takes the next one as usual", async () => {
    const input = { encoding: "raw" as const, bytes: Buffer.from(generateThread(200)) };
    await assert.rejects(prepareInWorker(input, {}, 1), (err) => {
      assert.ok(err instanceof ImportTimedOut);
      assert.equal(err.message, "The import took longer than 0.001 s and was stopped; nothing was stored.");
      return true;
    });
    const prepared = await prepareInWorker(input, {});
    assert.equal(prepared.thread.comments.length, 200);
    assert.equal(
      new ImportTimedOut(120_000).message,
      "The import took longer than 120 s and was stopped; nothing was stored.",
    );
  });

  it("keeps the paste in the box when another field is wrong", async () => {
    const db = emptyDb();
    const agent = await agentAs(http.createServer(testApp(db)), db, "editor");
    const token = csrfFrom((await agent.get("/editor/import")).text);
    const text = "A thread\n\n1. jos\u00e9\n\nPosts: 3\n\nThey will ship it & soon, 100% + more.";
    const res = await agent.post("/editor/import").type("form").send({ text, url: "not a web address", _csrf: token });
    assert.equal(res.status, 422);
    assert.match(res.text, /Give a web address/);
    assert.match(res.text, /They will ship it &amp; soon, 100% \+ more\./);
    assert.match(res.text, /jos\u00e9/);
    assert.equal(rowCount(db, "sources"), 0);
  });
});
