// The errors issue 11 found on real comment threads, one kind at a time, and the corpus of real
// threads (test/fixtures/speculation-corpus) the detector is now measured on.
import assert from "node:assert/strict";
import {
  analyseSentence,
  findCandidates,
  HEDGE_TABLE,
  MAX_SENTENCE_CHARS,
  splitSentences,
  withoutScanningLookarounds,
  suggestProbability,
  unwrapLines,
} from "../../server/domain/speculation";
import {
  FIRST_HELD_OUT,
  halfOf,
  isFlagged,
  readCorpus,
  scoreComments,
  scoreHalf,
  agreement,
  secondLabelling,
} from "../../scripts/measure-speculation";

const flagged = (text: string): boolean => findCandidates(text).length > 0;

/** One test per sentence that is not a forecast, named by the kind of sentence it is. */
function itFindsNoForecast(cases: ReadonlyArray<readonly [kind: string, sentence: string]>): void {
  for (const [kind, sentence] of cases) {
    it(`not a forecast: ${kind}`, () => assert.equal(flagged(sentence), false, sentence));
  }
}

/** One test per text holding exactly one forecast, with the probability it suggests. */
function itFindsOneForecast(cases: ReadonlyArray<readonly [text: string, probability: number]>): void {
  for (const [text, probability] of cases) {
    it(`a forecast: ${text.replace(/\n/g, " ")} -> ${probability}`, () => {
      const candidates = findCandidates(text);
      assert.equal(candidates.length, 1, JSON.stringify(candidates));
      assert.equal(candidates[0]?.probability, probability);
    });
  }
}

describe("speculation on real text: questions are not forecasts", () => {
  const questions = [
    "How much time will it take to fix the issue?",
    "How to will take to fix the issue?",
    "When will there be an IOS App?",
    "Do you think it'll ever be on the appStore",
    "Is MS planning to buy Xiaomi's too?",
    "So, is there a timeline for this being merged?",
  ];
  for (const q of questions) {
    it(`a comment of only a question is not flagged: ${q}`, () => {
      assert.equal(flagged(q), false);
      for (const a of splitSentences(q).map(analyseSentence))
        assert.ok(a.suggestion === null || a.reason === "question");
    });
  }

  it("a question keeps its suggestion of 0.5, marked as a question, but is no candidate", () => {
    assert.deepEqual(analyseSentence("Will Xiaomi never ship one?").suggestion, {
      probability: 0.5,
      cues: ["will", "never"],
      negated: true,
      question: true,
    });
    assert.equal(analyseSentence("Will Xiaomi never ship one?").forecast, false);
  });

  it("a statement beside the question is still found", () => {
    const found = findCandidates("Is MS planning to buy Xiaomi too? This will be the worst.");
    assert.deepEqual(
      found.map((c) => [c.index, c.sentence, c.probability]),
      [[1, "This will be the worst.", 0.75]],
    );
  });

  it("statement words before a trailing-off question are their own sentence", () => {
    const body = "Nothing will happen today, it'll be after the game... Why doesn't someone ask?";
    assert.deepEqual(
      findCandidates(body).map((c) => c.index),
      [0],
    );
  });
});

describe("speculation on real text: hopes and wishes are not forecasts", () => {
  for (const hope of [
    "Everyone should hope that the sooner it will be launched, the better.",
    "hope there will be a ipa iOS build release someday",
    "I would love to see a Portal 3 that will finally end the story.",
    "Wish it will get ported to Linux one day.",
    "Hopefully it will be fixed soon.",
  ]) {
    it(hope, () => {
      assert.equal(flagged(hope), false);
      assert.equal(analyseSentence(hope).reason, "hope");
    });
  }

  it("a forecast after a contrast with the hope still counts", () => {
    const s = analyseSentence("I hope so, but I doubt it will happen this year.");
    assert.equal(s.forecast, true);
    assert.equal(s.suggestion?.probability, 0.3);
  });
});

describe("speculation on real text: forecasts with no old cue word", () => {
  const cases: ReadonlyArray<readonly [string, number, boolean]> = [
    ["Welcome the new CEO of Microsoft.", 0.7, false],
    ["Say hello to your new overlords.", 0.7, false],
    ["I'm just wondering how long before they mess it up.", 0.8, false],
    ["How long until the first racist comment?", 0.8, false],
    ["Shouldn't be a problem.", 0.2, true],
    ["Sarasa Bot should not be affected.", 0.2, true],
    ["The fix should be out next week.", 0.7, false],
    ["Shrewsbury set to swoop for Tom Pope.", 0.7, false],
    ["Barnet's top scorer is to sign for Walsall in the summer.", 0.7, false],
    ["linux support is planned", 0.7, false],
    ["Within the next week.", 0.7, false],
  ];
  for (const [sentence, probability, negated] of cases) {
    it(`${sentence} -> ${probability}`, () => {
      const [c, ...rest] = findCandidates(sentence);
      assert.equal(rest.length, 0);
      assert.equal(c?.probability, probability);
      assert.equal(c?.negated, negated);
    });
  }

  it("a date ahead in a sentence about the past is no forecast", () => {
    assert.equal(flagged("We released it last week, and the next release was cancelled."), false);
    assert.equal(flagged("Should work now."), false);
  });
});

describe("speculation on real text: a sentence wrapped over a line break is one sentence", () => {
  it("keeps 'I don't think' with the verb it governs, on the next line", () => {
    const body = "I don't think such a low volume client\nwill be affected much.";
    assert.deepEqual(splitSentences(body), ["I don't think such a low volume client will be affected much."]);
    const [c, ...rest] = findCandidates(body);
    assert.equal(rest.length, 0);
    assert.equal(c?.index, 0);
    assert.equal(c?.probability, 0.25);
    assert.equal(c?.negated, true);
    assert.deepEqual(c?.cues, ["I don't think", "will"]);
  });

  it("unwraps soft breaks only: punctuation, colons, blank lines and list items still break", () => {
    assert.deepEqual(unwrapLines("A few people have offered to\ntake over in the past.\nThanks"), [
      "A few people have offered to take over in the past.",
      "Thanks",
    ]);
    assert.deepEqual(unwrapLines("Key points:\n- ms has the money\n- gh has none\n\nGet over it"), [
      "Key points:",
      "- ms has the money",
      "- gh has none",
      "Get over it",
    ]);
    assert.deepEqual(unwrapLines("one\r\n\r\n\r\ntwo"), ["one", "two"]);
  });
});

describe("speculation on real text: negation attaches to what it governs", () => {
  it('"not possible" is a negation, not a 0.6 hedge', () => {
    const [c] = findCandidates("No, not possible due apple guidelines then no plan app to iOS.");
    assert.equal(c?.probability, 0.1);
    assert.equal(c?.negated, true);
    assert.deepEqual(c?.cues, ["not possible"]);
  });

  it('"impossible", "not likely" and "no way" lean against', () => {
    assert.equal(suggestProbability("That is impossible before 2020.")?.probability, 0.1);
    assert.equal(suggestProbability("A Linux port is not likely this year.")?.probability, 0.3);
    assert.equal(suggestProbability("No way they ship it.")?.probability, 0.1);
  });

  it('"I don\'t think" governs the verb after it', () => {
    assert.equal(suggestProbability("I don't think it'd be approved.")?.probability, 0.25);
    assert.equal(suggestProbability("I don't think they will ship it.")?.negated, true);
  });
});

describe("speculation on real text: if, whether, requests, jokes", () => {
  for (const text of [
    "I don't know if the same issue persists",
    "I'm wondering when the next release will be.",
    "I really can't tell you if or when it will happen.",
    "Do you have any further word on whether Tweeten is going to lose its link to Twitter?",
    "I asked whether Tweeten is going to lose its link to Twitter.",
    "if you want to save it as well, please voice your support",
    "If you have a crack please open a pull request.",
    "there are probably Turtles in there",
    "Maybe something went wrong with compilation.",
    "This is a head scratcher for sure.",
    "I will try it.",
    "I figured it might be interesting to create a thread.",
  ]) {
    it(`not flagged: ${text}`, () => assert.equal(flagged(text), false));
  }

  it("a condition with a forecast in it is still a candidate", () => {
    assert.equal(suggestProbability("If Twitter unlocks my access, I'll release version 3.0.")?.probability, 0.75);
    assert.equal(suggestProbability("If they merge, then the price doubles.")?.probability, 0.5);
  });

  it("every place a cue occurs counts, not only the first", () => {
    assert.equal(flagged("I will close this app because Twitter will close the UserStream API."), true);
  });
});

describe("speculation on real text: reports, promises and conditions the development corpus showed", () => {
  const notForecasts: ReadonlyArray<readonly [string, string]> = [
    [
      "a refusal reported",
      "I've tried to release it on the App Store, but Apple won't allow any torrent clients after all.",
    ],
    ["a failure on a version", "I'm pretty sure the CLI won't work on 0.10 or 0.12."],
    ["'could' as the past of 'can'", "Apple did not notice it could simulate real dos code."],
    [
      "the writer's own imminent step",
      "We are about to start using the library and would like to keep away from surprises.",
    ],
    ["what readers will say", "I know many of you will think that this is not an option..."],
    [
      "a promise to keep readers informed",
      "We have no plans for an iOS app, but any updates will be shared as soon as that changes.",
    ],
    ["'doesn't mean' declines to forecast", "This doesn't mean that the requested feature won't be added."],
    ["a question asked mid-sentence", "Since it is on the Play Store do u think it'll ever be on the App Store"],
    ["a hedge inside a condition", "Or if you are planning on merging all the fixes to main in the near term."],
    ["'then' that does not close an 'if'", "Then the flip side is if it does not show up somewhere that is proof."],
    ["'should be' as advice", "It's a significant bug that should be released as a hot fix."],
    ["'possible' naming a kind of thing", "I know the scope and possible use cases of this project are wider."],
    ["a negated plan", "I'm sorry but I don't think that's planned at the moment..."],
    ["an upcoming event named in a judgement", "It might be interesting to start a thread on the upcoming election."],
  ];
  itFindsNoForecast(notForecasts);

  const forecasts: ReadonlyArray<readonly [string, number]> = [
    ["We are planning on dropping support in an upcoming major release.", 0.75],
    ["Expected release date: 10/20/2013 - 10/25/2013", 0.7],
    ["ETA: end of next week.", 0.7],
    ["To be merged after 0.9.12 is released to the non-beta Steam channel.", 0.75],
    ["About two weeks.", 0.7],
    ["Laudrup wants Kvist to join the Swans for the upcoming season.", 0.7],
    ["Rumors say that Nadella met Lei Jun in secret.", 0.6],
    ["It generates speculation about possible Xiaomi devices.", 0.6],
    ["If they ship it next week, it will sell out.", 0.75],
    ["Feel free to send patches, but don't expect any new features any time soon.", 0.25],
  ];
  itFindsOneForecast(forecasts);

  it("a question after a statement leaves the statement's forecast alone", () => {
    assert.equal(flagged("Apple won't allow it, I think. It will never ship there."), true);
    assert.equal(flagged("Apple won't allow torrent clients next year."), true);
  });
});

describe("speculation on real text: what the second corpus round showed", () => {
  const notForecasts: ReadonlyArray<readonly [string, string]> = [
    ["a modal on a judgement", "Replacing Linux with QNX might make a nice system."],
    ["a modal on a judgement of a match", "I think it could be a great match."],
    ["'would make sense'", "It would probably make sense to drop Python 2 support when we make that switch."],
    ["'may as well'", "They may as well go further and add in some WebOS ideas."],
    ["'long may it continue', a wish", "His successor is doing a grand job and long may it continue."],
    ["a stance before a wish", "Definitely would like to see this app get back online."],
    ["'likely' on the past", "That was likely the reason for all the now dead products."],
    ["a stance inside a contraction's present", "They're probably trying to perfect the spyware first!"],
    ["a generic statement", "Sometimes even if the product is worthless, there may be value in removing it."],
    ["a belief reported in the past", "Maybe they got too much investment and thought they will exist for a while"],
    ["'never' with an adverb before the past", "I've never personally anthropomorphized time."],
    ["'never' after 'was'", "I don't really have a reason, it just was never a favourite."],
    ["'one could' assume", "One could reasonably assume that the stock would be below 30 today."],
    ["'if … then' on the present", "If you take away the loan signings then we are left with a mediocre squad."],
    ["'by going to', a way of doing", "Not even by going to previously installed apps."],
    ["'set to' a value", "So they're set to 'swoop' but they haven't agreed a fee yet"],
  ];
  itFindsNoForecast(notForecasts);

  const forecasts: ReadonlyArray<readonly [string, number]> = [
    ["We plan to stop offering free product plans.", 0.75],
    ["Quite the contrary.\nPlan is end of February", 0.75],
    ["Everton are destined for greatness when this goes through.", 0.7],
    ["They are as good as down.", 0.7],
    ["Still looking strong, which bodes well for his next team.", 0.65],
    ["I can see them hanging onto fourth by the skin of their teeth.", 0.65],
    ["I would put me money on it being a steward.", 0.8],
    ["Proberly the tea lady to be replaced by a hot drinks machine.", 0.7],
    ["Rumours abound that it's getting confirmed today.", 0.6],
    ["I'm hearing November for the US.", 0.6],
    ["Talk of the Denmark manager being targeted.", 0.6],
    ["I for one welcome 777 as their new overlords.", 0.7],
    ["This API should not shutdown as it is unofficial!", 0.2],
    ["We are never going to see another phone like the N900, are we? ;)", 0.1],
    ["If they let the takeover go through, then they're pilloried.", 0.5],
    ["He is never coming back.", 0.1],
  ];
  itFindsOneForecast(forecasts);
});

describe("speculation on real text: what the third corpus round showed", () => {
  const notForecasts: ReadonlyArray<readonly [string, string]> = [
    ["'ETA:' meaning edited to add", "ETA: Fansite for Clive Barker's Undying game."],
    ["'never' in a past counterfactual", "But they never would have been first."],
    ["'was just never able'", "For whatever reason, Microsoft was just never able to get mobile right."],
    ["'you'll have to', an instruction", "A lot of sites sniff browsers so you'll have to spoof as Firefox."],
    ["'not sure yet what', an embedded question", "I could move, but I'm not sure yet what I'm going to do"],
    ["the writer's own step", "I'll scour crash reports."],
    ["a modal on a present state", "Both might be true, but they had breakdowns."],
    ["a modal on a judgement of a title", "Even though that could definitely work as a title, I need glasses."],
    [
      "a stance on the past beside a future in another clause",
      "It was probably introduced in 1.6.0 - I'm going to need time to find it.",
    ],
  ];
  itFindsNoForecast(notForecasts);

  const forecasts: ReadonlyArray<readonly [string, number]> = [
    ["ETA: next Friday.", 0.7],
    ["I think this will break the component no?", 0.75],
    ["I'll shoot for the end of next week for v0.6.0 (later this week?).", 0.75],
    ["Sadly they introduced quotas and we are likely to run out of them at some point.", 0.7],
    ["Travis is discontinuing its free tier for open source projects.", 0.7],
    ["It's NOT coming out in 2013!", 0.25],
    ["I'd be extremely surprised if it isn't renewed and announced at the upfronts.", 0.7],
    ["I'd be surprised if they ship it.", 0.3],
    ["I have a feeling that they're considering pulling the plug on Windows.", 0.65],
    ["I'll believe it when I see it.", 0.3],
  ];
  itFindsOneForecast(forecasts);
});

describe("speculation on real text: what the fourth corpus round showed", () => {
  const notForecasts: ReadonlyArray<readonly [string, string]> = [
    ["the writer's own purchase", "I'm still going to get it if they wait to reveal it the day before."],
    ["the writer's own caution", "No, Spong isn't that reliable, & I'll take it with a grain of salt."],
    ["the writer's own plan", "Planning to hop on a subscription and this is the only factor I'm hesitant about."],
    ["the writer's own fallback", "If it's no longer maintained, I might need to make a new package myself."],
    ["'I heard that too'", "I heard that too :-("],
    ["a stance on a past verb", "The cast probably thought 112 million gross might have earned a sequel."],
    ["'should never', advice", "CODE SHOULD NEVER DIE."],
    ["'never' on a habit", "Code never dies!"],
    ["'to never', an infinitive", "The alternative is to never ship new products out of fear of failure."],
    ["'would rather', a preference", "If that's your best argument, then I'd rather it die."],
    ["a stance on advice", "I agree we should probably support the latest CentOS."],
    ["'not … impossible' on the present", "Skyrim is beautiful but it is not graphically impossible."],
    ["'could be bothered'", "Not anyone I could be bothered to vote for since series 5."],
    ["'I'd certainly debate'", "It's on par with the existing OSes (though I'd certainly debate that)."],
    ["'was always going to'", "It was always going to be swimming against the tide."],
    ["'were about to'", "It sounded like they were about to be bought out, but it fell apart."],
    ["a maxim about 'you'", "If you don't take massive risks, then you won't be rewarded."],
    ["'the big question is'", "I guess the BIG question is: will legacy gear kill your updates..."],
    ["speculation around what", "There's been a lot of speculation around what Threads will be."],
    ["a purpose clause", "They worked on obsolescence so they could sell more speakers!"],
    ["'I don't see how' on the present", "I don't see how is it even related."],
  ];
  itFindsNoForecast(notForecasts);

  const forecasts: ReadonlyArray<readonly [string, number]> = [
    ["We aim to release the native M1 app before the first half of this year.", 0.75],
    ["There is still no news about it, so I wouldn't count on it.", 0.3],
    ["I'd be very surprised if this happened.", 0.3],
    ["Even if they announce an album, I wouldn't expect to hear it until late this year.", 0.25],
    ["I can't see how Firefox is going to survive in 2021.", 0.3],
    ["I can't see a path to profitability without completely selling out.", 0.3],
    ["If Meta EEEs us then the fediverse as a concept is doomed.", 0.7],
    ["TM has said Fall, so I would expect mine to be delivered in the Fall.", 0.7],
    ["I think we can safely assume that the event is iPad related.", 0.7],
    ["Yes, I'm planning to release it on F-Droid.", 0.75],
  ];
  itFindsOneForecast(forecasts);
});

describe("speculation on long text: a run-on sentence is read in pieces", () => {
  it("cuts a sentence longer than MAX_SENTENCE_CHARS at spaces, keeping every word", () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`);
    const pieces = splitSentences(words.join(" "));
    assert.ok(pieces.length >= 2);
    for (const p of pieces) assert.ok(p.length <= MAX_SENTENCE_CHARS, `${p.length}`);
    assert.deepEqual(pieces.join(" ").split(" "), words);
  });

  it("still finds a forecast at the end of a long run-on comment", () => {
    const body = `${"blah ".repeat(300)}and Apple will buy Xiaomi next year`;
    const found = findCandidates(body);
    assert.equal(found.length, 1);
    assert.match(found[0]?.sentence ?? "", /Apple will buy Xiaomi next year$/);
  });
});

describe("speculation: the whole-body prefilter finds more, never less", () => {
  it("drops only the look-arounds that scan the text, keeping the rest of a pattern", () => {
    assert.equal(
      withoutScanningLookarounds(String.raw`\bplanned\b(?<!(?:\bno\b|n't).*planned)`),
      String.raw`\bplanned\b`,
    );
    assert.equal(withoutScanningLookarounds(String.raw`surprised if (?!.*\bnot\b)`), "surprised if ");
    assert.equal(
      withoutScanningLookarounds(String.raw`(?<!\bas )\bsoon\b(?! as\b)`),
      String.raw`(?<!\bas )\bsoon\b(?! as\b)`,
    );
    assert.equal(withoutScanningLookarounds(String.raw`[(?!.*]x\(?=.*\)`), String.raw`[(?!.*]x\(?=.*\)`);
    for (const r of HEDGE_TABLE)
      assert.doesNotThrow(() => new RegExp(withoutScanningLookarounds(r.pattern.source), "i"), r.cue);
  });

  it("finds a cue wrapped over a line break, as the sentence is read", () => {
    const [c, ...rest] = findCandidates("They are going\nto lose the final.");
    assert.equal(rest.length, 0);
    assert.equal(c?.probability, 0.75);
  });

  it("reads 'isn't possible' as a negation, and 'no plan to' as no plan", () => {
    assert.equal(findCandidates("That isn't possible by then.")[0]?.probability, 0.1);
    assert.equal(flagged("There is no plan to release it"), false);
    assert.equal(flagged("Microsoft does not intend to ship this"), false);
  });
});

describe("the corpus of real comment threads", () => {
  const corpus = readCorpus();

  it("has at least 340 labelled comments from at least 13 files, each with its source address", () => {
    const comments = corpus.flatMap((f) => f.comments);
    assert.ok(comments.length >= 340, `${comments.length} comments`);
    assert.ok(corpus.length >= 13);
    for (const f of corpus) {
      assert.match(f.url, /^https?:\/\//, f.name);
      assert.ok(f.source.length > 0, f.name);
      for (const c of f.comments) {
        assert.equal(typeof c.speculative, "boolean", `${f.name}: ${c.text.slice(0, 40)}`);
        assert.ok(c.text.trim().length > 0, f.name);
        if (c.url !== undefined) assert.match(c.url, /^https?:\/\//, f.name);
      }
    }
  });

  it("splits by file number: files before 170 develop, files from 170 on are held out", () => {
    assert.equal(halfOf("01-x.json"), "dev");
    assert.equal(halfOf("166-x.json"), "dev");
    assert.equal(halfOf("170-x.json"), "held-out");
    assert.throws(() => halfOf("x.json"), /NN-name\.json/);
    const held = corpus.filter((f) => f.half === "held-out");
    assert.ok(held.length >= 6, `${held.length} held-out files`);
    assert.ok(held.every((f) => Number.parseInt(f.name, 10) >= FIRST_HELD_OUT));
  });

  it("measures agreement between two labellings with Cohen's kappa, worked by hand", () => {
    // 10 comments: both say yes on 4, both no on 4, they differ on 2. Rates 0.5 and 0.5, so chance
    // agreement is 0.5 and kappa = (0.8 - 0.5) / (1 - 0.5) = 0.6.
    const first = [true, true, true, true, true, false, false, false, false, false];
    const second = [true, true, true, true, false, true, false, false, false, false];
    const a = agreement(first, second);
    assert.equal(a.agree, 8);
    assert.ok(Math.abs(a.kappa - 0.6) < 1e-9);
    assert.throws(() => agreement([true], []));
  });

  it("the second, blind labelling of round 3 covers its 271 comments and agrees with kappa above 0.9", () => {
    const a = secondLabelling(corpus);
    assert.equal(a.comments, 271);
    assert.equal(a.agree, 263);
    assert.ok(a.kappa > 0.9, a.kappa.toFixed(3));
  });

  it("scores comment by comment: flagged when any candidate comes from the comment", () => {
    const s = scoreComments([
      { text: "It will ship next week.", speculative: true },
      { text: "When will it ship?", speculative: false },
      { text: "Thanks!", speculative: true },
      { text: "They will never fix it.", speculative: false },
    ]);
    assert.deepEqual(s, {
      comments: 4,
      speculative: 2,
      flagged: 2,
      truePositives: 1,
      precision: 0.5,
      recall: 0.5,
    });
    assert.equal(isFlagged("When will it ship?"), false);
  });

  // Floors a little below the measured values, so that a change that loses comments is looked at.
  // Measured (npm run measure-speculation): development 0.84 / 0.86 (rounds 1–5), held-out 0.69 /
  // 0.72 (round 6). The held-out floors are below the 0.85 targets, which the detector does
  // not meet (docs/decisions/0006-speculation-stays-rule-based.md).
  const floors = { dev: { precision: 0.82, recall: 0.84 }, "held-out": { precision: 0.66, recall: 0.7 } } as const;
  for (const half of ["dev", "held-out"] as const) {
    it(`${half} half: comment-level precision and recall above the floors`, () => {
      const s = scoreHalf(corpus, half);
      assert.ok(s.precision >= floors[half].precision, `precision ${s.precision.toFixed(2)}`);
      assert.ok(s.recall >= floors[half].recall, `recall ${s.recall.toFixed(2)}`);
    });
  }

  it("every rule of the table is documented and found by the one search for any cue", () => {
    for (const r of HEDGE_TABLE) {
      assert.ok(r.note.length > 0, r.cue);
      assert.equal(r.pattern.flags, "i", r.cue);
    }
  });
});
