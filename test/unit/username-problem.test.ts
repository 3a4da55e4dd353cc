import assert from "node:assert/strict";
import { usernameProblem } from "../../server/domain/usernames";

// The sign-up form composes its text first; the command line (create-user) passes the name as typed.
describe("usernameProblem names the character a person typed", () => {
  it("a decomposed ë (e + U+0308) is named as “ë”, not as a floating accent", () => {
    const message = usernameProblem("Chloe\u0308") ?? "";
    assert.ok(message.startsWith("“\u00eb” (a Latin letter with an accent"), message);
  });

  it("a valid name has no problem", () => {
    assert.equal(usernameProblem("chloe"), null);
  });
});
