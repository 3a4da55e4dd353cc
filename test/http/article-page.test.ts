// An article's text is Markdown made safe, with pasted pages' subheadings and picture placeholders
// understood; the thread says why its numbers run out of order (issue 9 #11).
import assert from "node:assert/strict";
import request from "supertest";
import { importArticle, importThread } from "../../server/services/import-thread";
import { testApp } from "../support/app";
import { demoDb, emptyDb, TEST_NOW } from "../support/db";
import { demoSourceId } from "../support/demo";

describe("the article and thread pages", () => {
  const db = demoDb();
  const app = testApp(db);

  it("the 2018 article renders emphasis, subheadings and a note where the picture was", async () => {
    const res = await request(app)
      .get(`/sources/${demoSourceId(db, "strategic MoU")}`)
      .expect(200);
    assert.match(res.text, /author of <em>The Nature of Technology<\/em>/);
    assert.doesNotMatch(res.text, /\*The Nature of Technology\*/);
    assert.match(res.text, /<h2>Artificial Intelligence: The Key to IoT<\/h2>/);
    assert.match(res.text, /<h2>Democratization of Science and Technology<\/h2>/);
    assert.match(
      res.text,
      /<figure class="figure-note"><figcaption>Picture in the original article: Microsoft and Xiaomi join hands/,
    );
    assert.doesNotMatch(res.text, /\[Image:/);
  });

  it("the 2014 thread explains its out-of-order numbers", async () => {
    const res = await request(app)
      .get(`/sources/${demoSourceId(db, "CEOs meet up in China")}`)
      .expect(200);
    const shown = [...res.text.matchAll(/<span class="num">([^<]+)\.<\/span>/g)].map((m) => Number(m[1]));
    assert.ok(
      shown.some((n, i) => i > 0 && n < (shown[i - 1] ?? n)),
      "the demo thread is out of order",
    );
    assert.match(res.text, /The numbers are the site’s own/);
    assert.match(res.text, /placed each reply after the comment it answers/);
  });

  it("a thread numbered in order says nothing about the order", async () => {
    const fresh = emptyDb();
    const body = ["1. ann\n\nPosts: 1\n\nFirst.\n", "2. bob\n\nPosts: 1\n\nSecond.\n"].join("\n");
    const { sourceId } = importThread(fresh, `A thread\n\nThe article.\n\nsource: Example\n\n${body}`, {}, TEST_NOW);
    const res = await request(testApp(fresh)).get(`/sources/${sourceId}`).expect(200);
    assert.doesNotMatch(res.text, /The numbers are the site’s own/);
  });

  it("raw HTML and script links in an article are shown as text, never run", async () => {
    const fresh = emptyDb();
    const text = [
      "A headline for the test",
      "",
      'Body with <script>alert("x")</script> and <img src=x onerror=alert(1)> and [a link](javascript:alert(1)) and https://example.com/page.',
      "",
      "More text here, long enough to be a paragraph.",
    ].join("\n");
    const { sourceId } = importArticle(fresh, text, { title: "Hostile article" }, TEST_NOW);
    const res = await request(testApp(fresh)).get(`/sources/${sourceId}`).expect(200);
    const body = /<div class="article-body">([\s\S]*?)<\/div>/.exec(res.text)?.[1] ?? "";
    assert.match(body, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
    assert.match(body, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.doesNotMatch(body, /<script|<img|href="javascript/);
    assert.match(body, /<a href="https:\/\/example.com\/page" rel="nofollow noopener noreferrer">/);
  });
});
