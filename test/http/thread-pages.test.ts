import assert from "node:assert/strict";
import request from "supertest";
import { importThread } from "../../server/services/import-thread";
import { testApp } from "../support/app";
import { emptyDb, TEST_NOW } from "../support/db";

function bigThread(n: number): string {
  const comments = Array.from(
    { length: n },
    (_, i) => `${i + 1}. user${i % 40}\n\nPosts: 5; Member since: Jan 01, 2014\n\nComment number ${i + 1}.\n`,
  );
  return `A long thread\n\nThe article.\n\nsource: Example News\n\n${comments.join("\n")}`;
}

describe("a long thread's page", () => {
  const db = emptyDb();
  const { sourceId } = importThread(db, bigThread(250), {}, TEST_NOW);
  const app = testApp(db);

  it("shows a hundred comments a page, with links between pages", async () => {
    const first = await request(app).get(`/sources/${sourceId}`).expect(200);
    assert.match(first.text, /\(250; page 1 of 3\)/);
    assert.match(first.text, /id="comment-100"/);
    assert.doesNotMatch(first.text, /id="comment-101"/);
    const last = await request(app).get(`/sources/${sourceId}?page=3`).expect(200);
    assert.match(last.text, /id="comment-250"/);
    assert.match(last.text, /rel="prev"/);
  });

  it("a page past the end is a 404, a bad page number a 400", async () => {
    await request(app).get(`/sources/${sourceId}?page=4`).expect(404);
    const bad = await request(app).get(`/sources/${sourceId}?page=abc`).expect(400);
    assert.match(bad.text, /page must be a whole number/);
  });

  it("a comment's stable address leads to the page it is on", async () => {
    const res = await request(app).get(`/sources/${sourceId}/comments/230`).expect(302);
    assert.equal(res.headers.location, `/sources/${sourceId}?page=3#comment-230`);
    await request(app).get(`/sources/${sourceId}/comments/9999`).expect(404);
  });
});
