import assert from "node:assert/strict";
import { MAX_PASSWORD_LENGTH, passwordProblem } from "../../server/domain/password-rules";
import { generatePassword } from "../../server/services/passwords";
import { PASSWORD } from "../support/session";

describe("password rules (NIST SP 800-63B)", () => {
  // The passwords issue 12 measured as accepted, and their near relatives.
  const refused: [string, string, RegExp][] = [
    ["ten spaces", " ".repeat(10), /spaces only/],
    ["aaaaaaaaaa", "aaaaaaaaaa", /repeated character or pattern/],
    ["a pattern repeated: abcabcabcabc", "abcabcabcabc", /repeated character or pattern/],
    ["1234567890", "1234567890", /sequence/],
    ["abcdefghijkl", "abcdefghijkl", /sequence/],
    ["9876543210", "9876543210", /sequence/],
    ["password12", "password12", /common or breached/],
    ["Password12 (case does not help)", "Password12", /common or breached/],
    ["qwertyuiop", "qwertyuiop", /common or breached/],
    ["the username itself", "chloe.martin", /username or the site's name/],
    ["the username with digits", "chloe.martin2026", /username or the site's name/],
    ["the username in capitals with a symbol", "CHLOE.MARTIN!!", /username or the site's name/],
    ["the site's name", "Hindsight2026!", /username or the site's name/],
    ["nine characters", "abcdefgh9", /at least 10 characters/],
    ["too long", "x".repeat(MAX_PASSWORD_LENGTH + 1), /at most 200 characters/],
    ["a keyboard walk", "zaq12wsxcde", /too easy to guess|common/],
  ];
  for (const [name, password, message] of refused) {
    it(`refuses ${name}`, () => {
      const problem = passwordProblem(password, "chloe.martin");
      assert.ok(problem, `${password} should be refused`);
      assert.match(problem, message);
    });
  }

  const accepted = [
    PASSWORD,
    "my secret passphrase",
    "Tr0ub4dor&3-horse-staple",
    "x".repeat(7) + "Qz9!pLm" + "ündé",
    "g".repeat(1) + "7Vt#q2Lm_rW9",
  ];
  for (const password of accepted) {
    it(`accepts "${password}"`, () => assert.equal(passwordProblem(password, "chloe.martin"), null));
  }

  it("accepts a 64-character passphrase (NIST: at least 64 must be allowed)", () => {
    const long = "the quick brown fox jumps over the lazy dog and keeps on running far";
    assert.ok(long.length >= 64);
    assert.equal(passwordProblem(long, "someone"), null);
  });

  it("generated passwords (npm run create-user) pass the rules", () => {
    for (let i = 0; i < 20; i += 1) {
      const p = generatePassword("admin");
      assert.equal(p.length, 16);
      assert.equal(passwordProblem(p, "admin"), null);
    }
  });
});
