// The home page's top of the board lists people with at least BOARD_MIN_RESOLVED (2) resolved
// forecasts (decision 0004). When no one has that many yet but some have one, it says so and links
// to the board of everyone with at least one.
import assert from "node:assert/strict";
import request from "supertest";
import type { Db } from "../../db/connection";
import { rescoreClaims } from "../../server/services/stored-scores";
import { writeTransaction } from "../../server/services/write-transaction";
import { testApp } from "../support/app";
import { emptyDb } from "../support/db";
import { makeForecast, makePerson, makeResolvedClaim } from "../support/factories";

/** A person with this many forecasts on resolved claims, scored as a resolution would score them. */
function scoredPerson(db: Db, handle: string, resolved: number): void {
  const personId = makePerson(db, { handle });
  const claims: number[] = [];
  for (let i = 0; i < resolved; i++) {
    const { claimId } = makeResolvedClaim(db);
    makeForecast(db, { claimId, personId });
    claims.push(claimId);
  }
  writeTransaction(db, () => rescoreClaims(db, claims))();
}

/** The home page's "Top of the board" section. */
async function topOfBoard(db: Db): Promise<string> {
  const html = (await request(testApp(db)).get("/").expect(200)).text;
  const section = html.match(/<h2>Top of the board[\s\S]*?<\/section>/)?.[0];
  assert.ok(section, "the home page has its board");
  return section;
}

describe("the home page's top of the board", () => {
  it("with no scored forecast at all: no one has scored yet", async () => {
    const section = await topOfBoard(emptyDb());
    assert.match(section, /No one has scored forecasts yet\./);
    assert.doesNotMatch(section, /min=1/);
  });

  it("when people have one resolved forecast but no one two: says so, and links to everyone with one", async () => {
    const db = emptyDb();
    scoredPerson(db, "OneLuckyCall", 1);
    const section = await topOfBoard(db);
    assert.doesNotMatch(section, /No one has scored forecasts/);
    assert.match(
      section,
      /No one has 2 resolved forecasts yet\. <a href="\/leaderboard\?min=1">See everyone with at least one<\/a>\./,
    );
    assert.doesNotMatch(section, /OneLuckyCall/);
    // The link leads to them.
    const board = (await request(testApp(db)).get("/leaderboard?min=1").expect(200)).text;
    assert.match(board, /OneLuckyCall/);
  });

  it("once someone has two, lists them and not the message", async () => {
    const db = emptyDb();
    scoredPerson(db, "OneLuckyCall", 1);
    scoredPerson(db, "SteadyTwo", 2);
    const section = await topOfBoard(db);
    assert.match(section, /SteadyTwo/);
    assert.doesNotMatch(section, /OneLuckyCall/);
    assert.doesNotMatch(section, /No one has/);
  });
});
