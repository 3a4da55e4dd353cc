// The formats comments live in, read from real-shaped files in test/fixtures/formats: which
// format, which comments (in page order, with handles, times and parents), what is left out.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../../db/paths";
import { detectFormat, parseComments } from "../../server/domain/formats/detect";
import { decodeEntities, htmlToText } from "../../server/domain/formats/html-text";
import { decodeFormBytes } from "../../server/domain/form-text";
import { decodeBytes } from "../../server/domain/text-encoding";
import { parseThread, postedTime, ThreadParseError, type ParsedThread } from "../../server/domain/thread-parser";

const fixture = (name: string) => fs.readFileSync(path.join(ROOT, "test", "fixtures", "formats", name), "utf8");
const rows = (t: ParsedThread) => t.comments.map((c) => [c.number, c.handle, c.postedAt, c.parent]);

describe("comment formats, detected by content", () => {
  it("tells the formats apart", () => {
    assert.equal(detectFormat(fixture("disqus.xml")), "disqus");
    assert.equal(detectFormat(fixture("wordpress.xml")), "wordpress");
    assert.equal(detectFormat(fixture("reddit.json")), "json");
    assert.equal(detectFormat(fixture("hacker-news.json")), "json");
    assert.equal(detectFormat(fs.readFileSync(path.join(ROOT, "db/seed-data/2014-rumor-thread.txt"), "utf8")), "paste");
    // A paste whose first line looks like a tag or a bracket is still a paste.
    assert.equal(detectFormat('<script>alert("title")</script>\n\n1. a\nPosts: 1'), "paste");
    assert.equal(detectFormat("[Updated] Xiaomi and Microsoft\n\n1. a\nPosts: 1"), "paste");
  });

  it("reads a Disqus export: the one thread with posts, replies after their parents, deleted and spam left out", () => {
    const t = parseComments(fixture("disqus.xml"));
    assert.equal(t.format, "disqus");
    assert.equal(t.title, "Xiaomi & Microsoft: a Windows Phone from Beijing?");
    assert.equal(t.url, "https://www.phonerumors.example/2014/09/xiaomi-windows-phone/");
    assert.equal(t.publisher, "phonerumors.example");
    assert.equal(t.published, "2014-09-29");
    assert.deepEqual(rows(t), [
      ["1612000101", "Jo Smith", "2014-09-29T17:45:10.000Z", null],
      // Listed before its parent in the file; stored after it.
      ["1612000103", "Marie Curie", "2014-09-29T18:02:41.000Z", "1612000101"],
      ["1612000104", "Jo Smith", "2014-09-30T07:11:00.000Z", "1612000103"],
      // Its parent was deleted (a top-level comment): it becomes top-level.
      ["1612000105", "Li Wei", "2014-09-30T09:30:00.000Z", null],
    ]);
    assert.deepEqual(
      t.comments.map((c) => c.unregistered),
      [false, true, false, false],
    );
    assert.deepEqual(
      t.skipped.map((s) => [s.reason, s.line]),
      [
        ["deleted comment", null],
        ["spam", null],
      ],
    );
    assert.equal(
      t.comments[0]?.body,
      "I think Xiaomi will probably ship a Windows Phone next year.\n\nThey need Microsoft's patents & the licences.\nMark my words.",
    );
    assert.equal(t.comments[2]?.body, "Cloud first, phones maybe never. <script> tags stay text.");
  });

  it("reads a WordPress export: the post with comments; pingbacks, spam and unapproved comments left out", () => {
    const t = parseComments(fixture("wordpress.xml"));
    assert.equal(t.format, "wordpress");
    assert.equal(t.title, "Will Xiaomi sell a Windows phone?");
    assert.equal(t.publisher, "Handset Chatter");
    assert.equal(t.published, "2014-09-30");
    assert.deepEqual(rows(t), [
      ["12", "Anna Lindqvist", "2014-09-30T10:01:00.000Z", null],
      ["15", "admin", "2014-09-30T11:40:00.000Z", "12"],
      ["17", "Anna Lindqvist", "2014-09-30T13:20:00.000Z", "15"],
    ]);
    assert.deepEqual(
      t.skipped.map((s) => s.reason),
      ["pingback", "spam", "not approved"],
    );
    assert.equal(
      t.comments[0]?.body,
      "Xiaomi will likely stay with Android.\nThey have too much riding on MIUI & its apps.\n\nStill, never say never.",
    );
    assert.equal(t.comments[0]?.unregistered, true, "comment_user_id 0");
    assert.equal(t.comments[1]?.unregistered, false);
  });

  it("reads a Reddit thread's .json: nested replies in order, [deleted] and [removed] left out, more-stubs counted", () => {
    const t = parseComments(fixture("reddit.json"));
    assert.equal(t.format, "reddit");
    assert.equal(t.title, "Xiaomi and Microsoft: Windows Phone on the Mi 4?");
    assert.equal(t.publisher, "r/windowsphone");
    assert.equal(t.body, "Nadella met Lei Jun last week & talked <cloud>.");
    assert.deepEqual(rows(t), [
      ["ckw1a", "lumia_fan", "2014-09-30T17:00:00.000Z", null],
      ["ckw2b", "skeptic42", "2014-09-30T17:43:20.000Z", "ckw1a"],
      ["ckw3c", "Jo_Smith", "2014-09-30T18:00:00.000Z", "ckw2b"],
      ["ckw5e", "mi_user", "2014-09-30T19:00:00.000Z", null],
    ]);
    assert.equal(t.comments[2]?.body, "Xiaomi will probably never ship one > 1% of its phones.");
    assert.deepEqual(t.skipped.map((s) => s.reason).sort(), [
      "deleted comment",
      "more comments not in the file",
      "more comments not in the file",
      "removed comment",
    ]);
    assert.ok(
      t.warnings.some((w) => /^9 comment\(s\) were not in the file/.test(w)),
      t.warnings.join("\n"),
    );
  });

  it("reads a Hacker News item from Algolia: nested children, HTML text as plain text, deleted left out", () => {
    const t = parseComments(fixture("hacker-news.json"));
    assert.equal(t.format, "hacker-news");
    assert.equal(t.url, "https://news.ycombinator.com/item?id=8390450");
    assert.equal(t.publisher, "Hacker News");
    assert.deepEqual(rows(t), [
      ["8390451", "jo smith", "2014-09-30T09:12:44.000Z", null],
      ["8390455", "tptacek", "2014-09-30T10:05:00.000Z", "8390451"],
      ["8390460", "pg_fan", "2014-09-30T11:20:00.000Z", "8390455"],
      ["8390470", "nadella_watch", "2014-09-30T13:00:00.000Z", null],
    ]);
    assert.equal(
      t.comments[1]?.body,
      "Nope. Xiaomi's whole brand is MIUI on Android.\n\nSee https://en.wikipedia.org/wiki/MIUI",
    );
    assert.deepEqual(
      t.skipped.map((s) => s.reason),
      ["deleted comment"],
    );
  });

  const refusals: [string, RegExp][] = [
    ["disqus-truncated.xml", /Disqus export.*cut off/],
    ["disqus-bad-time.xml", /post 1612000104 has no valid <createdAt> time \("yesterday"\)/],
    ["wordpress-truncated.xml", /WordPress export.*cut off/],
    ["wordpress-no-id.xml", /comment number 2 .* has no numeric <wp:comment_id>/],
    ["reddit-truncated.json", /looks like JSON, but it does not parse/],
    ["reddit-no-time.json", /comment ckw1a has no created_utc time/],
    ["hacker-news-bad-time.json", /comment 8390455 has no valid created_at time/],
    ["hacker-news-firebase.json", /Firebase.*hn\.algolia\.com\/api\/v1\/items\/8390450/],
  ];
  for (const [file, message] of refusals) {
    it(`refuses ${file} with a clear message`, () => {
      assert.throws(
        () => parseComments(fixture(file)),
        (err: Error) => err instanceof ThreadParseError && message.test(err.message),
      );
    });
  }

  it("refuses XML and JSON of other kinds, and entity declarations", () => {
    const refuses = (text: string, re: RegExp) =>
      assert.throws(
        () => parseComments(text),
        (e: Error) => e instanceof ThreadParseError && re.test(e.message),
      );
    refuses('<?xml version="1.0"?><feed><entry/></feed>', /XML with a <feed> root, but neither a Disqus export/);
    refuses('{"kind": "Listing", "data": {"children": []}}', /Reddit JSON, but not one thread/);
    refuses('{"hello": "world"}', /neither a Reddit thread .* nor a Hacker News item/);
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE disqus [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><disqus>&b;</disqus>';
    refuses(laughs, /declares XML entities/);
    // A long comment first must not hide the declaration.
    refuses(
      laughs.replace('<?xml version="1.0"?>', `<?xml version="1.0"?><!--${"x".repeat(70 * 1024)}-->`),
      /declares XML entities/,
    );
    const proto = fixture("disqus.xml").replace(
      "<category ",
      "<__proto__><polluted>1</polluted></__proto__><category ",
    );
    refuses(proto, /Disqus export file, but it could not be read: .*__proto__/);
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
  });

  it("picks the thread of a multi-thread export by its title, and says which there are when none is given", () => {
    // A second thread with a post of its own.
    const two = fixture("disqus.xml").replace(
      "</disqus>",
      `<post dsq:id="1"><message><![CDATA[<p>About page comment</p>]]></message><createdAt>2014-02-01T00:00:00Z</createdAt>
       <isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>Ann</name><isAnonymous>true</isAnonymous></author>
       <thread dsq:id="3110524001" /></post></disqus>`,
    );
    assert.throws(
      () => parseComments(two),
      (e: Error) => /holds 2 threads with comments \("About us", "Xiaomi & Microsoft/.test(e.message),
    );
    assert.equal(parseComments(two, "about US").comments.length, 1);
    assert.equal(parseComments(two, "Xiaomi & Microsoft: a Windows Phone from Beijing?").comments.length, 4);
  });
});

describe("replies whose parents are missing or loop", () => {
  it("stores a reply to a comment not in the file, and comments answering each other, once each", () => {
    const xml = fixture("disqus.xml")
      .replace('<parent dsq:id="1612000101" />', '<parent dsq:id="1612000104" />')
      .replace('<parent dsq:id="1612000102" />', '<parent dsq:id="999" />');
    const t = parseComments(xml);
    // 103 and 104 answer each other: 103 is stored first as a top-level comment, 104 under it.
    assert.deepEqual(
      t.comments.map((c) => [c.number, c.parent]),
      [
        ["1612000101", null],
        ["1612000105", null],
        ["1612000103", null],
        ["1612000104", "1612000103"],
      ],
    );
    assert.ok(
      t.warnings.some((w) => /1 reply answers a comment not in the file/.test(w)),
      t.warnings.join("\n"),
    );
    assert.ok(
      t.warnings.some((w) => /answer each other in a loop/.test(w)),
      t.warnings.join("\n"),
    );
  });
});

describe("the paste format's handles with spaces and Posted lines", () => {
  const t = parseThread(fs.readFileSync(path.join(ROOT, "test/fixtures/threads/posted-and-spaces.txt"), "utf8"));

  it("reads a handle with spaces with only a Posted line, a quoted unregistered one, and a Posted line after Posts", () => {
    assert.deepEqual(
      t.comments.map((c) => [c.number, c.handle, c.unregistered, c.posts, c.postedAt]),
      [
        ["1", "Jo Smith", false, null, "2014-09-30T14:05:00.000Z"],
        ["2", "Marie Curie", true, null, "2014-09-30T15:20:00.000Z"],
        ["3", "macfan", false, 1204, "2014-10-01T06:00:00.000Z"],
        ["4", "plainold", true, null, null],
      ],
    );
    assert.equal(t.comments[0]?.body, "I think Xiaomi will probably ship a Windows phone in 2015.");
  });

  it("reads the time forms, and a Posted line that is no time is body text", () => {
    assert.equal(postedTime("2014-09-30"), "2014-09-30T00:00:00.000Z");
    assert.equal(postedTime("2014-09-30T14:05:00-04:00"), "2014-09-30T18:05:00.000Z");
    assert.equal(postedTime("September 30, 2014"), "2014-09-30T00:00:00.000Z");
    assert.equal(postedTime("2014-02-30 10:00"), null);
    assert.equal(postedTime("yesterday"), null);
    const notTime = parseThread("T\n\n1. someone\nPosts: 2\nPosted: yesterday at noon\n");
    assert.equal(notTime.comments[0]?.postedAt, null);
    assert.equal(notTime.comments[0]?.body, "Posted: yesterday at noon");
    // Without Posts or Posted line, a numbered line with spaces stays body text.
    assert.equal(parseThread("T\n\n1. someone\nPosts: 2\n\nHi\n2. a list item\nmore").comments.length, 1);
  });
});

describe("HTML in comment bodies", () => {
  it("becomes plain text: paragraphs, breaks, links' words, no tags, entities decoded once", () => {
    assert.equal(htmlToText("<p>One &amp; two</p><p>Three<br/>four</p>"), "One & two\n\nThree\nfour");
    assert.equal(htmlToText('Hi <a href="javascript:alert(1)" onclick="x()">there</a>'), "Hi there");
    assert.equal(htmlToText("<script>alert(1)</script><style>p{}</style>ok"), "ok");
    assert.equal(htmlToText("&lt;img src=x onerror=alert(1)&gt;"), "<img src=x onerror=alert(1)>");
    assert.equal(htmlToText("&amp;lt;b&amp;gt;"), "&lt;b&gt;");
    assert.equal(htmlToText("a < b and c > d"), "a < b and c > d");
    assert.equal(decodeEntities("&#233;&#xE9;&eacute;&#0;&bogus;"), "ééé&#0;&bogus;");
  });
});

describe("bytes in other encodings", () => {
  it("reads Latin-1 and Windows-1252 bytes with a warning naming the encoding", () => {
    const latin1 = decodeBytes(Buffer.from("1. josé\nFrançois", "latin1"));
    assert.equal(latin1.text, "1. josé\nFrançois");
    assert.equal(latin1.encoding, "ISO-8859-1");
    assert.match(latin1.warnings[0] ?? "", /read as Latin-1 \(ISO-8859-1\).*"josé", "François"/);
    // 0x93 / 0x94 are curly quotes in Windows-1252, control characters in Latin-1.
    const cp1252 = decodeBytes(Buffer.from([0x93, 0x4a, 0x6f, 0x73, 0xe9, 0x94, 0x20, 0x96, 0x20, 0x6f, 0x6b]));
    assert.equal(cp1252.text, "“José” – ok");
    assert.equal(cp1252.encoding, "windows-1252");
    assert.match(cp1252.warnings[0] ?? "", /Windows-1252/);
  });

  it("takes a form field's bytes as sent, so their encoding can be detected", () => {
    assert.deepEqual([...decodeFormBytes(Buffer.from("jos%E9+a%2Bb%25"))], [...Buffer.from("jos\xe9 a+b%", "latin1")]);
    assert.equal(decodeBytes(decodeFormBytes(Buffer.from("Jos%C3%A9"))).text, "José");
    assert.throws(() => decodeFormBytes(Buffer.from("50%")), URIError);
    assert.throws(() => decodeFormBytes(Buffer.from("%zz")), URIError);
  });

  it("reads UTF-8 and UTF-16 with a BOM without a warning", () => {
    assert.deepEqual(decodeBytes(Buffer.from("José", "utf8")), { text: "José", encoding: "UTF-8", warnings: [] });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("José", "utf16le")]);
    assert.equal(decodeBytes(utf16).text.replace(/^\uFEFF/, ""), "José");
  });

  it("warns loudly about replacement characters already in the text", () => {
    const t = parseThread("Title\n\n1. jos\uFFFD\nPosts: 1\n\nHi");
    assert.ok(
      t.warnings.some((w) => /1 replacement character \(\uFFFD\)/.test(w)),
      t.warnings.join("\n"),
    );
  });
});
