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
import { makeClaim, makeForecast, makePerson, makeResolvedClaim } from "../support/factories";

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

/** A person whose forecasts are on claims still open: nothing of theirs is scored. */
function openForecaster(db: Db, handle: string): void {
  makeForecast(db, { claimId: makeClaim(db), personId: makePerson(db, { handle }) });
}

/** A person whose one forecast on a resolved claim came after it was known: it is not counted. */
function lateForecaster(db: Db, handle: string): void {
  const { claimId } = makeResolvedClaim(db);
  makeForecast(db, { claimId, personId: makePerson(db, { handle }), madeAt: "2019-06-01T00:00:00.000Z" });
  writeTransaction(db, () => rescoreClaims(db, [claimId]))();
}

const BELOW_MIN =
  /No one has 2 or more resolved forecasts yet\. <a href="\/leaderboard\?min=1">Show everyone with a resolved forecast<\/a>\./;

describe("the home page's top of the board", () => {
  it("tells no scored forecast at all from people with fewer than 2", async () => {
    const db = emptyDb();
    // Forecasts that are not resolved, or not counted, put no one below the board's minimum.
    openForecaster(db, "StillWaiting");
    lateForecaster(db, "TooLate");
    const empty = await topOfBoard(db);
    assert.match(empty, /No one has scored forecasts yet\./);
    assert.doesNotMatch(empty, /min=1/);

    scoredPerson(db, "OneLuckyCall", 1);
    const below = await topOfBoard(db);
    assert.match(below, BELOW_MIN);
    assert.doesNotMatch(below, /No one has scored forecasts/);
    assert.doesNotMatch(below, /OneLuckyCall/);
  });

  it("when people have one resolved forecast but no one two: says so, and links to everyone with one", async () => {
    const db = emptyDb();
    scoredPerson(db, "OneLuckyCall", 1);
    const section = await topOfBoard(db);
    assert.doesNotMatch(section, /No one has scored forecasts/);
    assert.match(section, BELOW_MIN);
    assert.doesNotMatch(section, /OneLuckyCall/);
    // The link leads to them.
    const board = (await request(testApp(db)).get("/leaderboard?min=1").expect(200)).text;
    assert.match(board, /OneLuckyCall/);
  });

  it("uses the full board's words for the same case", async () => {
    const db = emptyDb();
    scoredPerson(db, "OneLuckyCall", 1);
    const board = (await request(testApp(db)).get("/leaderboard").expect(200)).text;
    assert.match(board, /No one has 2 or more resolved forecasts yet\./);
    assert.match(board, />Show everyone with a resolved forecast<\/a>\./);
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
