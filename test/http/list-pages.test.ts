// The site's lists are read a page at a time: no page grows with the data behind it.
import assert from "node:assert/strict";
import request from "supertest";
import { testApp } from "../support/app";
import { emptyDb } from "../support/db";
import { makeClaim, makeEvent, makePerson } from "../support/factories";

const rowsOf = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0;

describe("lists are paged", () => {
  it("/people: 50 a page, in handle order, with links between pages", async () => {
    const db = emptyDb();
    for (let i = 0; i < 120; i += 1) makePerson(db, { handle: `person${String(i).padStart(3, "0")}` });
    const app = testApp(db);
    const first = await request(app).get("/people").expect(200);
    assert.equal(rowsOf(first.text, /href="\/people\/\d+"/g), 50);
    assert.match(first.text, /person000/);
    assert.match(first.text, /page 1 of 3/);
    assert.match(first.text, /href="\/people\?page=2" rel="next"/);
    const last = await request(app).get("/people?page=3").expect(200);
    assert.equal(rowsOf(last.text, /href="\/people\/\d+"/g), 20);
    assert.match(last.text, /person119/);
    await request(app).get("/people?page=4").expect(404);
    await request(app).get("/people?page=abc").expect(400);
  });

  it("/events: 50 a page, newest first", async () => {
    const db = emptyDb();
    for (let i = 0; i < 60; i += 1)
      makeEvent(db, { title: `Event number ${i}`, occurredOn: `2019-01-${String((i % 28) + 1).padStart(2, "0")}` });
    const app = testApp(db);
    const first = await request(app).get("/events").expect(200);
    assert.equal(rowsOf(first.text, /href="\/events\/\d+"/g), 50);
    const second = await request(app).get("/events?page=2").expect(200);
    assert.equal(rowsOf(second.text, /href="\/events\/\d+"/g), 10);
    await request(app).get("/events?page=3").expect(404);
  });

  it("/claims: ten of each status with a link to all; one status 50 a page", async () => {
    const db = emptyDb();
    for (let i = 0; i < 75; i += 1) makeClaim(db);
    const app = testApp(db);
    const all = await request(app).get("/claims").expect(200);
    assert.equal(rowsOf(all.text, /href="\/claims\/\d+"/g), 10);
    assert.match(all.text, /All 75 open claims/);
    const open = await request(app).get("/claims?status=open").expect(200);
    assert.equal(rowsOf(open.text, /href="\/claims\/\d+"/g), 50);
    assert.match(open.text, /href="\/claims\?status=open&amp;page=2" rel="next"/);
    const rest = await request(app).get("/claims?status=open&page=2").expect(200);
    assert.equal(rowsOf(rest.text, /href="\/claims\/\d+"/g), 25);
    await request(app).get("/claims?status=open&page=3").expect(404);
    await request(app).get("/claims?page=2").expect(404);
  });
});
