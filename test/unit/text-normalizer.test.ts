import assert from "node:assert/strict";
import { normalizePastedText, normalizeText, visibleText } from "../../server/domain/text-normalizer";
import { handleKey, handleProblem, handleSkeleton, MAX_HANDLE_LENGTH } from "../../server/domain/usernames";

describe("normalizeText", () => {
  it("returns NFC: a decomposed ë becomes one character", () => {
    const done = normalizeText("Chloe\u0308", "Name");
    assert.deepEqual(done, { ok: true, text: "Chlo\u00EB" });
  });

  it("refuses NUL and every other control character, naming it", () => {
    for (const code of [0x00, 0x01, 0x07, 0x0b, 0x0c, 0x1b, 0x7f, 0x85, 0x9f]) {
      const ch = String.fromCharCode(code);
      const done = normalizeText(`a${ch}b`, "The claim", { multiline: true });
      assert.equal(done.ok, false, `U+${code.toString(16)}`);
      if (!done.ok) assert.match(done.message, /^The claim contains a (NUL|control) character \(U\+00[0-9A-F]{2}\)/);
    }
  });

  it("keeps newlines and tabs in a multi-line field, and turns them into spaces in a one-line field", () => {
    assert.deepEqual(normalizeText("a\r\n\tb", "Body", { multiline: true }), { ok: true, text: "a\n\tb" });
    assert.deepEqual(normalizeText("a\r\n\tb", "Title"), { ok: true, text: "a  b" });
  });

  it("refuses text of only white space and zero-width characters, but gives '' for empty", () => {
    for (const s of ["\u200B".repeat(12), "\u200C\u200D\u2060\uFEFF", " \u00A0\u3000\u200B ", "\u00AD\u180E"]) {
      const done = normalizeText(s, "The claim");
      assert.equal(done.ok, false, JSON.stringify(s));
      if (!done.ok) assert.match(done.message, /The claim shows nothing/);
    }
    assert.deepEqual(normalizeText("   ", "Notes"), { ok: true, text: "" });
  });

  it("keeps zero-width characters inside visible text (an emoji joined by ZWJ)", () => {
    const family = "family 👩\u200D👧";
    assert.deepEqual(normalizeText(family, "Note"), { ok: true, text: family });
    assert.equal(visibleText("a\u200Bb c"), "abc");
  });

  it("normalizePastedText (the importer) removes stray controls, keeps tabs and form feeds, returns NFC", () => {
    assert.deepEqual(normalizePastedText("e\u0301\u0007x\ty\fz\u0000"), { text: "\u00E9x\ty\fz", removed: 2 });
  });
});

describe("handle keys", () => {
  it("ignore case in every script, not only ASCII", () => {
    assert.equal(handleKey("CaseFold"), handleKey("casefold"));
    assert.equal(handleKey("Ödön"), handleKey("ödön"));
    assert.equal(handleKey("ΣΟΦΙΑ"), handleKey("σοφια"));
    assert.equal(handleKey("STRASSE"), handleKey("straße"));
  });

  it("ignore the encoding: NFC and NFD Chloë are one name, so are full-width letters", () => {
    assert.equal(handleKey("Chlo\u00EB"), handleKey("Chloe\u0308"));
    assert.equal(handleKey("ｅｄ１"), handleKey("ed1"));
  });

  it("ignore zero-width characters hidden in a name", () => {
    assert.equal(handleKey("ed\u200B1"), handleKey("ed1"));
  });

  it("keep different names apart, but give look-alikes one skeleton", () => {
    assert.notEqual(handleKey("\u0435d1"), handleKey("ed1")); // Cyrillic е
    assert.equal(handleSkeleton("\u0435d1"), handleSkeleton("ed1"));
    assert.equal(handleSkeleton("Chloé"), handleSkeleton("Chloë"));
    assert.notEqual(handleSkeleton("ed1"), handleSkeleton("ed2"));
  });

  it("refuse a handle that is too long or shows nothing", () => {
    assert.match(handleProblem("x".repeat(5000)) ?? "", /longer than 60 characters/);
    assert.equal(handleProblem("x".repeat(MAX_HANDLE_LENGTH)), null);
    assert.match(handleProblem("\u200B\u200B") ?? "", /no visible characters/);
  });
});
