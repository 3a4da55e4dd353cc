import assert from "node:assert/strict";
import { looksBinary, normalizeText, repairMojibake } from "../../server/domain/text-repair";

describe("normalizeText", () => {
  it("strips a leading BOM only", () => {
    assert.equal(normalizeText("\uFEFFhello"), "hello");
    assert.equal(normalizeText("a\uFEFFb"), "a\uFEFFb");
  });

  it("turns CRLF and lone CR into LF, keeping the line count", () => {
    assert.equal(normalizeText("a\r\nb\rc\n\r\nd"), "a\nb\nc\n\nd");
  });
});

describe("looksBinary", () => {
  it("flags NUL bytes and text full of control characters", () => {
    assert.equal(looksBinary("abc\u0000def"), true);
    assert.equal(looksBinary("\u0001\u0002\u0003\u0004xyz"), true);
    assert.equal(looksBinary("\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD"), true);
  });

  it("accepts ordinary text with tabs, form feeds and a stray control character", () => {
    assert.equal(looksBinary("col1\tcol2\r\n\fpage two"), false);
    assert.equal(looksBinary(`one stray \u0007 bell in ${"long text ".repeat(50)}`), false);
  });
});

describe("repairMojibake", () => {
  const repairs: ReadonlyArray<readonly [string, string, number]> = [
    ["â€œquotedâ€\u009D", "“quoted”", 2],
    ["Itâ€™s", "It’s", 1],
    ["aâ€”b", "a—b", 1],
    ["2014â€“2018", "2014–2018", 1],
    ["cafÃ©", "café", 1],
    ["Â£5 and 5Â°C", "£5 and 5°C", 2],
    ["æ—¥æœ¬èªž", "日本語", 3],
    ["ðŸ˜€", "😀", 1],
    ["ï»¿BOM read as text", "BOM read as text", 1],
    // "â€" whose third byte (0x9D, undefined in Windows-1252) was lost
    ["AI â€œdemocratizationâ€: next", "AI “democratization”: next", 2],
    // ” that lost 0x9D and whose following space became a no-break space: E2 80 A0 = †
    ["a “global counterattack,†signaling", "a “global counterattack,” signaling", 1],
    ["“own AI systems.†This aligns", "“own AI systems.” This aligns", 1],
    // UTF-8 mis-decoded twice
    ["Ã¢â‚¬â„¢", "’", 4],
  ];
  for (const [input, expected, count] of repairs) {
    it(`repairs ${JSON.stringify(input)}`, () =>
      assert.deepEqual(repairMojibake(input), { text: expected, repaired: count }));
  }

  const correct = [
    "“Quotes” and ‘single’ ones, it’s fine — really – yes…",
    "café, naïve, São Paulo, Ñoño, Ærø, Œuvre",
    "日本語のテキスト、中文，한국어",
    "emoji 😀🦄👍🏽 and flags 🇨🇳",
    "German „Fuß“ and „Maß“",
    "French « café… » and “café…”",
    "a footnote† and a dagger in “quotes† that close” later",
    "Price: £5, 20°C, ±3, ½ cup, © 2018, ® and ™",
    "plain ASCII with € and §",
  ];
  for (const text of correct) {
    it(`leaves correct text alone: ${text}`, () => assert.deepEqual(repairMojibake(text), { text, repaired: 0 }));
  }
});
