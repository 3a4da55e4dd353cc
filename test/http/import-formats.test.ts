// The editor's import form takes the formats comments live in, pasted whole, and text whose bytes
// are not UTF-8: the page says what it read and warns about the conversion.
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { ROOT } from "../../db/paths";
import { testApp } from "../support/app";
import { emptyDb, rowCount } from "../support/db";
import { agentAs, csrfFrom } from "../support/session";

const fixture = (name: string) => fs.readFileSync(path.join(ROOT, "test", "fixtures", "formats", name), "utf8");

async function editor() {
  const db = emptyDb();
  const agent = await agentAs(http.createServer(testApp(db)), db, "editor");
  const token = csrfFrom((await agent.get("/editor/import")).text);
  return { db, agent, token };
}

describe("the import form with other formats and encodings", function () {
  this.timeout(30_000);

  it("imports a pasted Hacker News item and says which format it read", async () => {
    const { db, agent, token } = await editor();
    const res = await agent
      .post("/editor/import")
      .type("form")
      .send({ text: fixture("hacker-news.json"), _csrf: token })
      .expect(200);
    assert.match(res.text, /Read as: a Hacker News thread\./);
    assert.match(res.text, /4 comment\(s\) added from 4 commenter\(s\)/);
    assert.match(res.text, /deleted comment: comment 8390466/);
    assert.equal(rowCount(db, "comments"), 4);
    // The thread page shows each comment's time and the comment it answers.
    const page = (await agent.get("/sources/1").expect(200)).text;
    assert.match(page, /<time datetime="2014-09-30T10:05:00.000Z">/);
    assert.match(page, /in reply to <a href="\/sources\/1\/comments\/8390451">8390451<\/a>/);
    assert.equal((page.match(/in reply to/g) ?? []).length, 2);
  });

  it("imports a Reddit thread with a comment by an empty name, leaving it out with a warning (was a 500)", async () => {
    const { db, agent, token } = await editor();
    const text = fixture("reddit.json");
    const second = text.indexOf('"author": "lumia_fan"', text.indexOf('"author": "lumia_fan"') + 1);
    const nameless = `${text.slice(0, second)}"author": ""${text.slice(second + '"author": "lumia_fan"'.length)}`;
    const res = await agent.post("/editor/import").type("form").send({ text: nameless, _csrf: token }).expect(200);
    assert.match(res.text, /3 comment\(s\) added/);
    assert.match(res.text, /Comment ckw1a was left out: its commenter&#39;s name is no visible characters\./);
    assert.equal(rowCount(db, "comments"), 3);
  });

  it("refuses a malformed WordPress export beside the field, with 422, storing nothing", async () => {
    const { db, agent, token } = await editor();
    const res = await agent
      .post("/editor/import")
      .type("form")
      .send({ text: fixture("wordpress-truncated.xml"), _csrf: token })
      .expect(422);
    assert.match(
      res.text,
      /This looks like a WordPress export \(WXR\) file, but it ends before its elements are closed/,
    );
    assert.equal(rowCount(db, "sources"), 0);
  });

  it("converts a form body sent in Latin-1 and shows the warning", async () => {
    const { db, agent, token } = await editor();
    // "josé" and "François" percent-encoded as Latin-1 bytes (E9, E7), as a non-UTF-8 client sends them.
    const text = "Fil%0A%0A1.+jos%E9%0APosts%3A+2%0A%0AFran%E7ois+will+probably+come.";
    const res = await agent
      .post("/editor/import")
      .type("form")
      .send(`_csrf=${encodeURIComponent(token)}&text=${text}`)
      .expect(200);
    assert.match(res.text, /The text is not UTF-8: it was read as Latin-1 \(ISO-8859-1\)/);
    assert.equal(rowCount(db, "comments"), 1);
    assert.match((await agent.get("/sources/1").expect(200)).text, /josé/);
  });
});
