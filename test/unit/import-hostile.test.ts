// The import's patterns rewritten to take linear time on hostile text (found by review): each gives
// what the old pattern gave on ordinary text, and reads one hostile input of moderate size once
// (the old code took seconds on each; `npm run bench:import-hostile` times them at 1 MB and more).
import assert from "node:assert/strict";
import { parseComments } from "../../server/domain/formats/detect";
import { BLOCK_TAG, htmlToText } from "../../server/domain/formats/html-text";
import { decodeBytes, NON_ASCII_WORD } from "../../server/domain/text-encoding";
import { repairMojibake } from "../../server/domain/text-repair";
import { LISTED_WARNINGS, parseThread, sourceLine, utcAsZ } from "../../server/domain/thread-parser";

const all = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => [m.index, m[0]]);

describe("the import's patterns on ordinary and hostile text", function () {
  // Not timed one by one: each hostile input takes milliseconds now and took 10 s or more before,
  // so the old code fails on this limit (a busy machine has ample margin).
  this.timeout(8000);

  it("finds the same words beyond ASCII as /\\S*[\\u0080-\\uFFFF]\\S*/g did", () => {
    const old = /\S*[\u0080-\uFFFF]\S*/g;
    for (const text of [
      "José and François",
      "é",
      "café, naïve\tZoë\nÅngström",
      "ascii only here",
      "  leading é and trailing é  ",
      "mid-wordéletters and 日本語 and a€b",
      "",
      "x é\u00a0é y", // a no-break space is a space to \S
    ])
      assert.deepEqual(all(NON_ASCII_WORD, text), all(old, text), text);
    // 200 kB of one word in Latin-1 (the old pattern took about 25 s).
    const bytes = Buffer.concat([Buffer.from([0xe9, 0x20]), Buffer.alloc(200_000, 0x61)]);
    assert.match(decodeBytes(bytes).warnings[0] ?? "", /\(e\.g\. "é"\)/);
  });

  it("splits a source line as /^source:\\s*(.+?)(?:\\s+via\\s+(.+))?$/i did", () => {
    const old = /^source:\s*(.+?)(?:\s+via\s+(.+))?$/i;
    for (const line of [
      "source: The Verge via Engadget",
      "Source: The Verge",
      "SOURCE:Reuters VIA  AP",
      "source: a via b via c",
      "source: via x",
      "source: a via ",
      "source: a via   ",
      "source: a  via\tb",
      "source: a\tvia b ",
      "source: aviab",
      "source: a viab",
      "source:    ",
      "source: Via Rail via Globe",
      "sources: x",
      "the source: x",
    ]) {
      const m = old.exec(line);
      assert.deepEqual(sourceLine(line), m ? { publisher: m[1], via: m[2] ?? null } : null, line);
    }
    // 200 kB of spaces in a source line (the old pattern took about 50 s).
    const paste = `Title\nsource: a${" ".repeat(200_000)}b\n1. x\nPosts: 1\nbody\n`;
    assert.equal(parseThread(paste).publisher, `a${" ".repeat(200_000)}b`);
  });

  it("turns a trailing UTC or GMT into Z as .trim().replace(/\\s+(?:UTC|GMT)$/i, 'Z') did", () => {
    const old = (t: string) => t.trim().replace(/\s+(?:UTC|GMT)$/i, "Z");
    for (const text of [
      "2014-09-30 14:05 UTC",
      " Sep 30, 2014 2:05 PM GMT ",
      "2014-09-30 14:05\t \tutc",
      "2014-09-30 14:05UTC",
      "UTC",
      " UTC",
      "2014-09-30 14:05",
      "2014-09-30 14:05 UTC+2",
      "a\u00a0GMT",
    ])
      assert.equal(utcAsZ(text), old(text), text);
    const spaces = `a${" ".repeat(200_000)}b`;
    assert.equal(utcAsZ(spaces), spaces);
    assert.equal(utcAsZ(`a${" ".repeat(200_000)}UTC`), "aZ");
  });

  it("makes the same text of ordinary HTML as the block-tag pattern that required '>'", () => {
    // The old tag stage (the text it leaves has no tags: htmlToText then only decodes and spaces it).
    const old = (html: string) =>
      htmlToText(
        html
          .replace(/<!--[\s\S]*?(?:-->|$)/g, "")
          .replace(/<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, "")
          .replace(/<br\s*\/?>/gi, "\n")
          .replace(/<\/?(?:p|div|blockquote|pre|ul|ol|li|h[1-6]|table|tr)\b[^>]*>/gi, "\n\n")
          .replace(/<\/?[A-Za-z][^>]*(?:>|$)/g, ""),
      );
    for (const html of [
      "<p>One</p><p>Two<br>lines</p>",
      "First<p>Second<p>Third",
      '<div class="x"><blockquote>Quoted</blockquote> said</div>',
      "<ul><li>a</li><li>b</li></ul><pre>code</pre>",
      "<h2>Head</h2>text <span>in</span> line",
      "<P>upper</P><TABLE><TR>cells",
      "text <p class='cut",
      "<p>kept</p> and <div cut\n\nafter a blank line",
      "<!-- <p> --><script>x<p></script>after",
      "a < b and <pre>x</pre>",
      "<progress>not a block</progress><param>",
      "I&#x27;d bet <i>probably</i>.<p>Like the deal.",
    ])
      assert.equal(htmlToText(html), old(html), html);
    // An ordinary tag is found at the same places; a cut-off one is now found too.
    assert.deepEqual(all(BLOCK_TAG, "<p>a</p><div x=1>"), [
      [0, "<p>"],
      [4, "</p>"],
      [8, "<div x=1>"],
    ]);
    assert.deepEqual(all(BLOCK_TAG, "a<p b"), [[1, "<p b"]]);
    // 200 kB of "<p" never closed (the old pattern took about 10 s).
    const hostile = "<p".repeat(100_000);
    assert.equal(htmlToText(hostile), "");
  });

  it("repairs a dagger only when no ” follows it on its line, as before", () => {
    const cases: [string, string][] = [
      ["He said “no,†then left", "He said “no,” then left"],
      ["“a† and later ” closes", "“a† and later ” closes"],
      ["“a” then a footnote†", "“a” then a footnote†"],
      ["“one† “two†", "“one” “two”"],
      ["”“a†", "”“a”"],
      ["no quote† at all", "no quote† at all"],
    ];
    for (const [text, want] of cases) assert.equal(repairMojibake(text).text, want, text);
    // 100,000 “ then 100,000 † on one line (the old walk took about 9 s per 100 kB of it).
    const hostile = `T\n${"“".repeat(100_000)}${"†".repeat(100_000)}`;
    assert.equal(repairMojibake(hostile).repaired, 100_000);
  });

  it("reads 5,000 pasted comments all numbered 1: each kept under its own number, repeats dropped, warnings capped", () => {
    const parts = ["Title\n"];
    for (let i = 0; i < 5000; i += 1) parts.push(`1. u${i % 2500}\nPosts: 1\nbody ${i % 2500}\n`);
    const paste = parts.join("");
    const t = parseThread(paste);
    assert.equal(t.comments.length, 2500);
    assert.deepEqual(
      t.comments.slice(0, 3).map((c) => c.number),
      ["1", "1-2", "1-3"],
    );
    assert.equal(t.comments.at(-1)?.number, "1-2500");
    assert.equal(t.skipped.length, 2500);
    assert.ok(t.skipped.every((s) => s.reason === "duplicate comment"));
    // 20 of each kind listed, then one line for the rest of each.
    assert.equal(t.warnings.length, 2 * LISTED_WARNINGS + 2);
    assert.equal(
      t.warnings.at(-2),
      "…and 2479 more comments share a number with an earlier one and were kept under a suffixed number.",
    );
    assert.equal(
      t.warnings.at(-1),
      "…and 2480 more comments repeat an earlier one word for word; the repeats were left out.",
    );
  });

  it("points replies under a chain of 4,000 deleted Disqus comments at the kept comment above it", () => {
    const post = (id: string, parent: string | null, deleted: boolean) =>
      `<post dsq:id="${id}"><message>m ${id}</message><createdAt>2014-01-01T00:00:00Z</createdAt>${deleted ? "<isDeleted>true</isDeleted>" : ""}<author><name>a</name><username>a</username></author><thread dsq:id="t"/>${parent === null ? "" : `<parent dsq:id="${parent}"/>`}</post>\n`;
    const parts = [
      '<?xml version="1.0"?>\n<disqus><thread dsq:id="t"><title>T</title><createdAt>2014-01-01T00:00:00Z</createdAt></thread>\n',
      post("top", null, false),
    ];
    for (let i = 0; i < 4000; i += 1) parts.push(post(`d${i}`, i === 0 ? "top" : `d${i - 1}`, true));
    for (let i = 0; i < 4000; i += 1) parts.push(post(`k${i}`, `d${3999 - (i % 4000)}`, false));
    // A loop of deleted comments with a reply: nothing kept above it.
    parts.push(post("x1", "x2", true), post("x2", "x1", true), post("r", "x1", false), "</disqus>");
    const t = parseComments(parts.join(""));
    assert.equal(t.comments.length, 4002);
    assert.equal(t.comments[0]?.number, "top");
    assert.ok(t.comments.filter((c) => c.number.startsWith("k")).every((c) => c.parent === "top"));
    assert.equal(t.comments.find((c) => c.number === "r")?.parent, null);
    assert.equal(t.skipped.length, 4002);
  });
});
