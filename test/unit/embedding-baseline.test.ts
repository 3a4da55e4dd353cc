import assert from "node:assert/strict";
import { trainLogistic, trainPerSentence } from "../../scripts/experiments/embedding-baseline";

// The experiment's classifier (the README's round-6 comparison rests on it): plain logistic
// regression, checked on data small enough to reason about by hand.
describe("embedding experiment: trainLogistic", () => {
  it("learns a rule that one feature decides", () => {
    const x = [
      [1, 0],
      [1, 1],
      [0, 0],
      [0, 1],
    ];
    const predict = trainLogistic(
      x,
      x.map((row) => row[0] === 1),
    );
    assert.ok(predict([1, 0]) > 0.7);
    assert.ok(predict([1, 1]) > 0.7);
    assert.ok(predict([0, 0]) < 0.3);
    assert.ok(predict([0, 1]) < 0.3);
  });

  it("with nothing to tell rows apart, predicts the weighted share of positives", () => {
    // One positive weighing 1.5 against three negatives weighing 1: the log loss is least at
    // p = 1.5 / (1.5 + 3) = 1/3 (the L2 term does not touch the bias).
    const predict = trainLogistic([[0], [0], [0], [0]], [true, false, false, false]);
    assert.ok(Math.abs(predict([0]) - 1 / 3) < 0.01, String(predict([0])));
  });

  it("per sentence: a speculative comment's other sentences do not stay positive", () => {
    // Comment 0 (speculative) has a forecast-like sentence [1, 0] and a chatty one [0, 1]; comments
    // 1 and 2 (not speculative) are chatty only. The first pass calls [0, 1] positive a third of
    // the time; the second keeps only comment 0's best sentence positive.
    const x = [
      [1, 0],
      [0, 1],
      [0, 1],
      [0, 1],
    ];
    const predict = trainPerSentence(x, [0, 0, 1, 2], [true, false, false]);
    assert.ok(predict([1, 0]) > 0.6, String(predict([1, 0])));
    assert.ok(predict([0, 1]) < 0.2, String(predict([0, 1])));
  });
});
