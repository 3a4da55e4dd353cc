import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import {
  findCandidates,
  HEDGE_TABLE,
  hedgeTableMarkdown,
  splitSentences,
  suggestProbability,
} from "../../server/domain/speculation";
import { parseThread } from "../../server/domain/thread-parser";
import { FIXTURES, measureFixture, repoRoot } from "../../scripts/measure-speculation";

describe("suggestProbability on sentences from the 2014 seed", () => {
  const expected: ReadonlyArray<readonly [string, number, boolean?]> = [
    [
      "now MS will try to bribe xiaomi and then kill it off ... just like they have always done in their glorious past..",
      0.75,
    ],
    [
      "Because, M$ is planning to send Tr0jen H0rse to Xiaomi and destroy them and buy for cheap, like they did to N0kia earlier...",
      0.75,
    ],
    ["is MS planning to buy Xiaomi's too?", 0.5, true],
    ["Probably to put Office + services on MIUI like the just announced deal they have stricken with Samsung.", 0.7],
    ["Maybe to extract royalties from Xiaomi like they did with other Android manufacturers", 0.6],
    ["Don't tell me Xiaomi is considering Windows Phones now.", 0.3],
    ["Maybe if MS offer Windows 9 free to Xiaomi than MS might have a fighting chance in China.", 0.6],
    ["If they ever make WPs, I hope they don't use MediaTeks.", 0.5],
    ["If Microsoft manages to get this company on their side, future windows phones will flourish for sure.", 0.9],
    ["The more the better it will do.", 0.75],
    ["Yep the future looks good for the OS.", 0.65],
    [
      "Naturally, a meetup between these two figures instantly generates speculation about possible Xiaomi devices, powered by Microsoft's Windows Phone operating systems.",
      0.6,
    ],
  ];
  for (const [sentence, probability, question = false] of expected) {
    it(`${probability} for "${sentence.slice(0, 50)}…"`, () => {
      const s = suggestProbability(sentence);
      assert.equal(s?.probability, probability);
      assert.equal(s?.question, question);
      assert.ok((s?.cues.length ?? 0) > 0);
    });
  }

  const notSpeculation = [
    "Here have a cookie, laden with mercury chips and lead butter.",
    "Why ?",
    "Not confirmed yet...",
    "In other news, Apple's and Samsung's CEO meet up in New York - rumors ensue.",
    "gogle is flop",
    "If I were a CEO I would meet with other CEOs just to talk and start rumors",
    'Xiaomi = "Show me" Lei Jun = "Legion" I... think... we\'ve found.. the hyper-advanced aliens with made-up names.',
    "",
  ];
  for (const sentence of notSpeculation) {
    it(`no candidate: "${sentence.slice(0, 50)}"`, () => assert.equal(suggestProbability(sentence), null));
  }
});

describe("suggestProbability combination rules", () => {
  const cases: ReadonlyArray<readonly [string, number, string]> = [
    ["Xiaomi won't ship a Windows phone.", 0.25, "won't alone"],
    ["Xiaomi will not ship a Windows phone.", 0.25, "will not"],
    ["Xiaomi is not going to ship a Windows phone.", 0.25, "not going to"],
    ["Xiaomi will never ship a Windows phone.", 0.1, "will never"],
    ["No way, not happening.", 0.1, "emphatic negations"],
    ["They probably won't.", 0.3, "a negated hedge flips"],
    ["They definitely won’t.", 0.1, "curly apostrophe, certain flipped"],
    ["Maybe they will.", 0.6, "the hedge decides over will"],
    ["I doubt they will ever do it.", 0.3, "doubt decides over will"],
    ["If they do it, they'll win.", 0.75, "a prediction beats a conditional"],
    ["Will Xiaomi never ship one?", 0.5, "a question with a negation"],
    ["Mark my words, Xiaomi lists in Hong Kong.", 0.9, "added idiom"],
    ["I reckon they go to Europe next.", 0.7, "added idiom"],
    ["No chance they sell in the US.", 0.1, "added negation"],
    ["The odds of that are close to zero.", 0.2, "slim odds"],
    ["It is only a matter of time.", 0.8, "added idiom"],
  ];
  for (const [sentence, probability, why] of cases) {
    it(`${why}: ${sentence} -> ${probability}`, () =>
      assert.equal(suggestProbability(sentence)?.probability, probability));
  }

  it("reports the cues in order of appearance, and the negation", () => {
    assert.deepEqual(suggestProbability("If Microsoft manages it, WP will flourish for sure."), {
      probability: 0.9,
      cues: ["if … (then)", "will", "for sure"],
      negated: false,
      question: false,
    });
    assert.equal(suggestProbability("They won't.")?.negated, true);
  });

  const pastOrNotAForecast = [
    "The meeting could have been about something else.",
    "Jun might have declined the pitch.",
    "Xiaomi could have bought these patents years ago.",
    "Remember when Nokia was going to save Windows Phone?",
    "I'm going to the store.",
    "I never liked it.",
    "Send it as soon as possible.",
    "It looks as if they met.",
    "Free will is an illusion.",
  ];
  for (const sentence of pastOrNotAForecast) {
    it(`no candidate: ${sentence}`, () => assert.equal(suggestProbability(sentence), null));
  }
});

describe("splitSentences", () => {
  it("splits on ? and ! always, on periods only before a capital", () => {
    assert.deepEqual(splitSentences("is MS planning to buy Xiaomi's too? this will be the worst. Legendary Nokia"), [
      "is MS planning to buy Xiaomi's too?",
      "this will be the worst.",
      "Legendary Nokia",
    ]);
    assert.deepEqual(splitSentences("kill it off ... just like before.. Next one"), [
      "kill it off ... just like before..",
      "Next one",
    ]);
  });

  it("keeps abbreviations, list markers and lines apart", () => {
    assert.deepEqual(splitSentences("Ask Mr. Nadella. Then\n1. one\n2. Two things"), [
      "Ask Mr. Nadella.",
      "Then",
      "1. one",
      "2. Two things",
    ]);
  });

  it("splits on CJK full stops and handles empty bodies", () => {
    assert.deepEqual(splitSentences("会吗？不会。"), ["会吗？", "不会。"]);
    assert.deepEqual(splitSentences(""), []);
    assert.deepEqual(splitSentences("\n\n  \n"), []);
  });
});

describe("findCandidates", () => {
  it("returns each speculative sentence with its index among the sentences", () => {
    const body =
      "Maybe if MS offer Windows 9 free to Xiaomi than MS might have a fighting chance in China. Otherwise nobody will bites. I already start changing my cores skills set.";
    assert.deepEqual(
      findCandidates(body).map((c) => [c.index, c.probability, c.sentence.slice(0, 20)]),
      [
        [0, 0.6, "Maybe if MS offer Wi"],
        [1, 0.75, "Otherwise nobody wil"],
      ],
    );
  });

  it("finds a candidate in every seed comment that predicts, and none in the others", () => {
    const thread = parseThread(fs.readFileSync(path.join(repoRoot(), "db/seed-data/2014-rumor-thread.txt"), "utf8"));
    const withCandidates = thread.comments.filter((c) => findCandidates(c.body).length > 0).map((c) => c.number);
    // #6 "Another month, another new manufacturer joins Windows Phone...." predicts only by irony,
    // with no cue word: a known miss, labelled speculative in the fixture so recall counts it.
    // #18 "If they ever make WPs, I hope they don't use MediaTeks." is a hope, not a forecast.
    assert.deepEqual(withCandidates, ["7", "21", "5", "8", "10", "12", "13", "15", "17", "20"]);
  });
});

describe("the detector measured on the labelled fixtures", () => {
  // Floors below the measured values (seed 0.93 / 0.74, written thread 0.83 / 0.71), so that a
  // change to the table that loses a sentence or two fails here and gets looked at. These labels
  // follow an older rule that counts questions, hopes and bare conditions as speculative; since
  // issue 11 the detector does not flag those, so the seed's recall is lower than it was (0.89): its questions and its hope are missed.
  // The figures that matter are the held-out ones on real threads (speculation-corpus.test.ts).
  const floors: Readonly<Record<string, { precision: number; recall: number }>> = {
    "2014 seed thread": { precision: 0.9, recall: 0.7 },
    "2016 written thread": { precision: 0.75, recall: 0.65 },
  };
  for (const fixture of FIXTURES) {
    it(`${fixture.name}: labels list exactly the thread's sentences`, () => {
      const m = measureFixture(fixture);
      assert.deepEqual(
        m.labelled.map((l) => l.sentence),
        m.sentences,
      );
    });
    it(`${fixture.name}: precision and recall above the floors`, () => {
      const { score } = measureFixture(fixture);
      const floor = floors[fixture.name];
      assert.ok(floor, `no floor for ${fixture.name}`);
      assert.ok(score.precision >= floor.precision, `precision ${score.precision.toFixed(2)}`);
      assert.ok(score.recall >= floor.recall, `recall ${score.recall.toFixed(2)}`);
    });
  }
});

describe("HEDGE_TABLE and its markdown", () => {
  it("has probabilities in (0, 1) and patterns that are not global", () => {
    for (const r of HEDGE_TABLE) {
      assert.ok(r.probability > 0 && r.probability < 1, r.cue);
      assert.ok(!r.pattern.global && !r.pattern.sticky, r.cue);
    }
  });

  it("prints one row per rule", () => {
    const md = hedgeTableMarkdown();
    assert.ok(md.startsWith("| cue | kind | probability | note |"));
    assert.equal(
      md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| cue") && !l.startsWith("| ---")).length,
      HEDGE_TABLE.length,
    );
    assert.ok(md.includes("| for sure | certain | 0.90 |"));
  });
});

describe("the one search for any cue (a speed-up for big imports)", () => {
  it("works because every rule carries only the i flag", () => {
    for (const r of HEDGE_TABLE) assert.equal(r.pattern.flags, "i", r.cue);
  });

  it("turns away exactly the labelled sentences that no rule matches", () => {
    for (const fixture of FIXTURES) {
      for (const { sentence } of measureFixture(fixture).labelled) {
        const text = sentence.replace(/[‘’]/g, "'");
        const anyRule = HEDGE_TABLE.some((r) => r.pattern.test(text));
        assert.equal(suggestProbability(sentence) !== null, anyRule, sentence);
      }
    }
  });
});
