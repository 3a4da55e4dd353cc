import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { parseArticle, parseThread, ThreadParseError, type ParsedThread } from "../../server/domain/thread-parser";
import { repoRoot } from "../../scripts/measure-speculation";

const read = (relative: string): string => fs.readFileSync(path.join(repoRoot(), relative), "utf8");
const fixture = (name: string): ParsedThread => parseThread(read(`test/fixtures/threads/${name}`));

describe("parseThread on the 2014 seed thread", () => {
  const thread = parseThread(read("db/seed-data/2014-rumor-thread.txt"));

  it("reads the title once, the publisher and the via", () => {
    assert.equal(thread.title, "Microsoft's and Xiaomi's CEOs meet up in China – rumors ensue");
    assert.equal(thread.publisher, "GSM Insider");
    assert.equal(thread.via, "Into Mobile");
  });

  it("keeps the article paragraphs, without the repeated title or the source line", () => {
    const paragraphs = thread.body.split("\n\n");
    assert.equal(paragraphs.length, 4);
    assert.ok(paragraphs[0]?.startsWith("Microsoft's CEO Satya Nadella flew to China last week"));
    assert.ok(paragraphs[1]?.startsWith("Rumors say that Nadella spent his time in China"));
    assert.ok(paragraphs[2]?.startsWith("If Microsoft was to lure Xiaomi into the Windows Phone ecosystem"));
    assert.equal(
      paragraphs[3],
      "Still, it is yet too early to say, whether such a collaboration would happen. For all we know – Jun may have declined the pitch, or the meeting could have been about something entirely different.",
    );
    assert.ok(!thread.body.includes("source:"));
    assert.ok(!thread.body.includes("rumors ensue"));
  });

  it("finds 21 comments in order of appearance, with the site numbers kept", () => {
    const numbers = thread.comments.map((c) => c.number);
    assert.deepEqual(numbers, [
      "1",
      "2",
      "7",
      "4",
      "3",
      "21",
      "5",
      "6",
      "8",
      "19",
      "9",
      "11",
      "10",
      "12",
      "13",
      "14",
      "15",
      "16",
      "17",
      "18",
      "20",
    ]);
    assert.deepEqual(
      thread.comments.map((c) => c.position),
      Array.from({ length: 21 }, (_, i) => i + 1),
    );
  });

  it("finds 20 distinct handles: xoxoGeorges comments twice", () => {
    assert.equal(new Set(thread.comments.map((c) => c.handle)).size, 20);
    assert.deepEqual(
      thread.comments.filter((c) => c.handle === "xoxoGeorges").map((c) => c.number),
      ["15", "18"],
    );
  });

  it("keeps the two empty comments with empty bodies, and does not list them as skipped", () => {
    const empty = thread.comments.filter((c) => c.body === "").map((c) => `${c.number} ${c.handle}`);
    assert.deepEqual(empty, ["1 htcforlife", "4 ArtSim98"]);
    assert.ok(thread.skipped.every((s) => s.reason !== "empty comment"));
  });

  it("reads Posts and Member since, and the unregistered Beijendorf", () => {
    const first = thread.comments[0];
    assert.deepEqual(first && { posts: first.posts, memberSince: first.memberSince }, {
      posts: 73,
      memberSince: "2014-04-15",
    });
    const beijendorf = thread.comments.find((c) => c.handle === "Beijendorf");
    assert.deepEqual(beijendorf && [beijendorf.unregistered, beijendorf.posts, beijendorf.memberSince], [
      true,
      null,
      null,
    ]);
    assert.equal(thread.comments.filter((c) => c.unregistered).length, 1);
  });

  it("ends with #20 by flamencoguy", () => {
    const last = thread.comments.at(-1);
    assert.equal(last?.number, "20");
    assert.equal(last?.handle, "flamencoguy");
    assert.equal(last?.body, "Maybe to extract royalties from Xiaomi like they did with other Android manufacturers");
  });

  it("drops the trailing boilerplate and lists it as skipped", () => {
    assert.deepEqual(
      thread.skipped.map((s) => [s.reason, s.line, s.excerpt.slice(0, 40)]),
      [
        ["boilerplate", 138, "Latest Stories"],
        ["boilerplate", 140, "This copy is for your personal, non-comm"],
      ],
    );
    assert.ok(thread.comments.every((c) => !c.body.includes("Latest Stories")));
  });

  it("has nothing to warn about", () => assert.deepEqual(thread.warnings, []));
});

describe("parseThread quirks", () => {
  it("keeps out-of-order numbers in order of appearance", () => {
    const t = fixture("out-of-order.txt");
    assert.deepEqual(
      t.comments.map((c) => [c.number, c.position, c.handle]),
      [
        ["1", 1, "alpha"],
        ["5", 2, "echo"],
        ["2", 3, "bravo"],
      ],
    );
    assert.equal(t.publisher, "Example News");
    assert.equal(t.via, null);
    assert.equal(t.body, "");
  });

  it("keeps empty comments (also the last one) with body ''", () => {
    const t = fixture("empty-comment.txt");
    assert.deepEqual(
      t.comments.map((c) => [c.handle, c.body]),
      [
        ["silent_sam", ""],
        ["talker", "I have something to say."],
        ["also_silent", ""],
      ],
    );
    assert.deepEqual(t.skipped, []);
  });

  it("reads an unregistered commenter without a Posts line, and posts with a thousands separator", () => {
    const t = fixture("unregistered.txt");
    assert.deepEqual(
      t.comments.map((c) => [c.handle, c.unregistered, c.posts, c.memberSince, c.body]),
      [
        ["regular", false, 1278, "2012-01-24", "Registered, with a thousands separator."],
        ["Beijendorf", true, null, null, "Nobody knows my post count."],
        ["after", false, 3, "2014-07-02", "Still parsed."],
      ],
    );
  });

  it("keeps both comments of a handle that comments twice", () => {
    const t = fixture("repeat-commenter.txt");
    assert.deepEqual(
      t.comments.map((c) => `${c.number}:${c.handle}`),
      ["1:xoxoGeorges", "2:someone", "3:xoxoGeorges"],
    );
  });

  it("treats a numbered list inside a body as body text", () => {
    const t = fixture("numbered-list-body.txt");
    assert.equal(t.comments.length, 2);
    assert.equal(
      t.comments[0]?.body,
      "Predictions for next year:\n1. Office on every phone\n2. Laptops with Windows\n3. unregistered speakers everywhere",
    );
    assert.equal(t.comments[1]?.handle, "next_one");
  });

  it("drops 'Latest Stories', everything after it and the reprint notice, listing each line", () => {
    const t = fixture("boilerplate.txt");
    assert.equal(t.comments[0]?.body, "The only comment.");
    assert.deepEqual(
      t.skipped.map((s) => [s.reason, s.line]),
      [
        ["boilerplate", 9],
        ["boilerplate", 11],
        ["boilerplate", 12],
      ],
    );
  });

  it("strips a BOM and reads CRLF line endings", () => {
    const raw = read("test/fixtures/threads/bom-crlf.txt");
    assert.ok(raw.startsWith("\uFEFF") && raw.includes("\r\n"), "the fixture itself must keep its BOM and CRLF");
    const t = parseThread(raw);
    assert.equal(t.title, "Windows line endings");
    assert.deepEqual([t.publisher, t.via], ["Pasted", "Notepad"]);
    assert.deepEqual(
      t.comments.map((c) => [c.handle, c.memberSince, c.body]),
      [["crlf_user", "2012-03-29", "Line one\nline two"]],
    );
  });

  it("also reads old Mac CR-only line endings", () => {
    const t = parseThread("Title\r\r1. mac\r\rPosts: 1; Member since: Jan 02, 2001\r\rHello\r");
    assert.deepEqual(
      t.comments.map((c) => [c.handle, c.body]),
      [["mac", "Hello"]],
    );
  });

  it("keeps handles and bodies in any script, with emoji, untouched", () => {
    const t = fixture("unicode.txt");
    assert.equal(t.title, "Handles and bodies in any script 🌏");
    assert.deepEqual(
      t.comments.map((c) => c.handle),
      ["李雷", "Ольга_М", "🦄unicorn🦄"],
    );
    assert.equal(t.comments[0]?.body, "小米以后会不会出Windows手机？😂");
    assert.equal(t.comments[2]?.body, "مرحبا — “quotes” and ’apostrophes’ stay as they are.");
    assert.deepEqual(t.warnings, []);
  });

  it("keeps text that looks like HTML verbatim", () => {
    const t = fixture("html-like.txt");
    assert.equal(t.title, '<script>alert("title")</script>');
    assert.equal(t.comments[0]?.body, '<b>BREAKING</b>: <a href="x">link</a> & <i>more</i> &amp; &lt;tags&gt;');
  });

  it("repairs mojibake in title, handles and bodies, and says how many repairs", () => {
    const t = fixture("mojibake.txt");
    assert.equal(t.title, "It’s a “rumor” – nothing more");
    assert.equal(t.comments[0]?.handle, "José");
    assert.equal(t.comments[0]?.body, "Xiaomi’s move — we’ll see.");
    assert.equal(t.warnings.length, 1);
    assert.match(t.warnings[0] ?? "", /^Repaired 8 garbled characters /);
  });

  it("keeps the first of a repeated site number, renames a different later one and drops a word-for-word repeat", () => {
    const t = fixture("duplicate-number.txt");
    assert.deepEqual(
      t.comments.map((c) => [c.number, c.position, c.handle]),
      [
        ["7", 1, "first"],
        ["8", 2, "other"],
        ["7-2", 3, "second"],
      ],
    );
    assert.deepEqual(
      t.skipped.map((s) => [s.reason, s.line, s.excerpt]),
      [["duplicate comment", 21, "8. other"]],
    );
    assert.equal(t.warnings.length, 2);
    assert.match(
      t.warnings[0] ?? "",
      /Comment number 7 appears more than once; the one by second on line 15 was kept as 7-2\./,
    );
    assert.match(t.warnings[1] ?? "", /Comment 8 by other \(line 21\) repeats an earlier one/);
  });
});

describe("parseThread refuses what it cannot read", () => {
  const refuses = (raw: string, message: RegExp) =>
    assert.throws(
      () => parseThread(raw),
      (e: unknown) => e instanceof ThreadParseError && message.test(e.message) && !e.message.includes("\n"),
    );

  it("empty text", () => {
    refuses("", /empty/);
    refuses(" \n\r\n\t\n", /empty/);
    refuses("\uFEFF", /empty/);
  });
  it("text without comments", () => refuses("Just an article.\n\nWith two paragraphs.\n", /No comments found/));
  it("a numbered line without a Posts line is not a comment", () =>
    refuses("Title\n\n1. not a header\n\nbody\n", /No comments found/));
  it("binary data with NUL bytes", () => refuses("PK\u0003\u0004\u0000\u0000\u0008\u0000 1. x\nPosts: 1", /binary/));
  it("binary data with many control characters", () =>
    refuses("\u0001\u0002\u0003\u0004\u0005\u0006 garbage ".repeat(20), /binary/));
});

describe("parseArticle on the 2018 seed article", () => {
  const article = parseArticle(read("db/seed-data/2018-mou-article.txt"));

  it("keeps the 25 paragraphs and drops the two trailing advertising lines", () => {
    const paragraphs = article.body.split("\n\n");
    assert.equal(paragraphs.length, 25);
    assert.ok(paragraphs[0]?.startsWith("In today's business environment"));
    assert.ok(paragraphs.at(-1)?.endsWith("a powerful future in the IoT space."));
    assert.ok(!article.body.includes("Lenovo") && !article.body.includes("panda-3c"));
    assert.deepEqual(
      article.skipped.map((s) => [s.reason, s.line]),
      [
        ["advertising", 26],
        ["advertising", 27],
      ],
    );
    assert.equal(
      article.skipped[0]?.excerpt,
      "Refurbished Lenovo,Used Lenovo Thinkpad,Used Lenovo,Lenovo Refurbished Laptops",
    );
  });

  it("repairs the three broken closing quotes and warns", () => {
    assert.ok(article.body.includes("a “global counterattack,” signaling a bold push"));
    assert.ok(article.body.includes("the idea of AI “democratization”: “Artificial intelligence"));
    assert.ok(article.body.includes("build their own AI systems.” This aligns"));
    assert.ok(!/â€|†/.test(article.body));
    assert.deepEqual(
      article.warnings.map((w) => w.slice(0, 32)),
      ["Repaired 3 garbled characters (U"],
    );
  });

  it("leaves the correct curly quotes and dashes alone", () => {
    assert.ok(article.body.includes("it’s about building a network"));
    assert.ok(article.body.includes("exclusive—it should benefit everyone"));
  });
});
