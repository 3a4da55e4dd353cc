// The import page takes a file as well as a paste: the uploaded bytes are decoded as the command
// line decodes a file (decodeImport), so the page gives the command line's result and warnings for
// the same file. A refused upload (too big, two files, binary, file and text) says why beside the
// field and stores nothing; the CSRF token and the editor role are checked on the multipart form too.
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { commentsForSource } from "../../db/comments";
import type { Db } from "../../db/connection";
import { ROOT } from "../../db/paths";
import { listPeople } from "../../db/people";
import { decodeImport, importThread, MAX_IMPORT_BYTES } from "../../server/services/import-thread";
import { testApp } from "../support/app";
import { emptyDb, TEST_NOW } from "../support/db";
import {
  agentAs,
  changedTables,
  csrfFrom,
  decodeEntities,
  fieldError,
  fieldValue,
  snapshot,
  type Agent,
} from "../support/session";

const formats = (name: string) => path.join(ROOT, "test", "fixtures", "formats", name);
const PASTE = path.join(ROOT, "db", "seed-data", "2014-rumor-thread.txt");

async function signedInAs(role: "editor" | "reader") {
  const db = emptyDb();
  const agent = await agentAs(http.createServer(testApp(db)), db, role);
  const token = csrfFrom((await agent.get(role === "editor" ? "/editor/import" : "/")).text);
  return { db, agent, token };
}

/** The form as a browser sends it (multipart): the token first, as in the page, then the fields and the file. */
function upload(
  agent: Agent,
  token: string | undefined,
  files: { field?: string; bytes: Buffer; name: string }[],
  fields: Record<string, string> = {},
) {
  let req = agent.post("/editor/import");
  if (token !== undefined) req = req.field("_csrf", token);
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  for (const f of files) req = req.attach(f.field ?? "file", f.bytes, f.name);
  return req;
}

/** The summary's warnings as the page lists them, unescaped. */
function pageWarnings(html: string): string[] {
  const list = /<h3>Warnings<\/h3><ul>(.*?)<\/ul>/s.exec(html)?.[1] ?? "";
  return [...list.matchAll(/<li>(.*?)<\/li>/gs)].map((m) => decodeEntities(m[1] ?? ""));
}

/** What the command line makes of the same file, on a database of its own. */
function asTheCommandLineDoes(file: string) {
  return importThread(emptyDb(), decodeImport(fs.readFileSync(file)), {}, TEST_NOW);
}

function nothingWritten(db: Db, before: Record<string, string>): void {
  assert.deepEqual(
    changedTables(before, snapshot(db)).filter((t) => t !== "sessions"),
    [],
  );
}

const CASES = [
  { file: formats("disqus.xml"), readAs: "a Disqus export", comments: 4, people: 3 },
  { file: formats("wordpress.xml"), readAs: "a WordPress export", comments: 3, people: 2 },
  { file: formats("reddit.json"), readAs: "a Reddit thread", comments: 4, people: 4 },
  { file: formats("hacker-news.json"), readAs: "a Hacker News thread", comments: 4, people: 4 },
  // The demo's pasted page: 21 numbered comments by 20 commenters.
  { file: PASTE, readAs: null, comments: 21, people: 20 },
];

describe("uploading a file on the import page", function () {
  this.timeout(30_000);

  for (const c of CASES) {
    it(`imports ${path.basename(c.file)} with the command line's counts and warnings`, async () => {
      const { db, agent, token } = await signedInAs("editor");
      const name = path.basename(c.file);
      const res = await upload(agent, token, [{ bytes: fs.readFileSync(c.file), name }]);
      assert.equal(res.status, 200, res.text.slice(0, 2000));
      const cli = asTheCommandLineDoes(c.file);
      assert.equal(cli.comments, c.comments);
      assert.match(res.text, new RegExp(`From the file ${name.replace(/\./g, "\\.")}\\.`));
      assert.match(res.text, new RegExp(`${c.comments} comment\\(s\\) added from ${c.people} commenter\\(s\\)`));
      assert.match(res.text, new RegExp(`${cli.candidates} speculative sentence\\(s\\) found`));
      if (c.readAs) assert.match(res.text, new RegExp(`Read as: ${c.readAs}\\.`));
      else assert.doesNotMatch(res.text, /Read as:/);
      assert.deepEqual(pageWarnings(res.text), cli.warnings);
      assert.equal(commentsForSource(db, 1).length, c.comments);
    });
  }

  it("uploading the same file again adds nothing", async () => {
    const { db, agent, token } = await signedInAs("editor");
    const bytes = fs.readFileSync(formats("disqus.xml"));
    await upload(agent, token, [{ bytes, name: "disqus.xml" }]).expect(200);
    const again = await upload(agent, token, [{ bytes, name: "disqus.xml" }]).expect(200);
    assert.match(again.text, /Already imported:/);
    assert.match(again.text, /0 comment\(s\) added from 0 commenter\(s\); 4 were already stored/);
    assert.equal(commentsForSource(db, 1).length, 4);
  });

  it("converts a Latin-1 file with the warning naming the encoding, and stores no U+FFFD", async () => {
    const { db, agent, token } = await signedInAs("editor");
    const bytes = fs.readFileSync(formats("latin1-paste.txt"));
    const res = await upload(agent, token, [{ bytes, name: "latin1-paste.txt" }]).expect(200);
    const warnings = pageWarnings(res.text);
    assert.ok(
      warnings.some((w) => w.startsWith("The text is not UTF-8: it was read as Latin-1 (ISO-8859-1) and converted")),
      warnings.join("\n"),
    );
    assert.deepEqual(warnings, asTheCommandLineDoes(formats("latin1-paste.txt")).warnings);
    const comments = commentsForSource(db, 1);
    assert.equal(comments.length, 2);
    assert.deepEqual(
      comments.map((c) => c.handle),
      ["josé", "François"],
    );
    assert.match(comments[0]?.body ?? "", /Ça va être intéressant/);
    const stored = [...comments.flatMap((c) => [c.body, c.handle]), ...listPeople(db).map((p) => p.handle)];
    assert.ok(stored.every((s) => !s.includes("\uFFFD")));
  });

  it("converts a Windows-1252 file as the command line does", async () => {
    const { agent, token } = await signedInAs("editor");
    const bytes = fs.readFileSync(formats("windows-1252-paste.txt"));
    const res = await upload(agent, token, [{ bytes, name: "notes.txt" }]).expect(200);
    const warnings = pageWarnings(res.text);
    assert.ok(warnings.some((w) => /read as Windows-1252/.test(w)));
    assert.deepEqual(warnings, asTheCommandLineDoes(formats("windows-1252-paste.txt")).warnings);
  });

  it("refuses a binary file beside the file field, with 422, storing nothing", async () => {
    const { db, agent, token } = await signedInAs("editor");
    // The start of a PNG: a signature, NUL bytes, then noise.
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 73 + 11) % 256)),
    ]);
    const before = snapshot(db);
    const res = await upload(agent, token, [{ bytes: png, name: "photo.png" }]).expect(422);
    assert.match(fieldError(res.text, "file") ?? "", /^This is binary data, not text/);
    assert.equal(fieldValue(res.text, "text"), "", "nothing of the file goes into the paste box");
    nothingWritten(db, before);
  });

  it("refuses a malformed export beside the file field with the command line's words", async () => {
    const { db, agent, token } = await signedInAs("editor");
    const before = snapshot(db);
    const bytes = fs.readFileSync(formats("wordpress-truncated.xml"));
    const res = await upload(agent, token, [{ bytes, name: "export.xml" }]).expect(422);
    assert.match(fieldError(res.text, "file") ?? "", /This looks like a WordPress export \(WXR\) file, but it ends/);
    nothingWritten(db, before);
  });

  it(`refuses a file over ${MAX_IMPORT_BYTES / 1024 / 1024} MB with 413, saying the limit, storing nothing`, async () => {
    const { db, agent, token } = await signedInAs("editor");
    const before = snapshot(db);
    const big = Buffer.alloc(MAX_IMPORT_BYTES + 1, "a");
    const res = await upload(agent, token, [{ bytes: big, name: "huge.txt" }]).expect(413);
    assert.equal(fieldError(res.text, "file"), "The file is too big: the limit is 20 MB. Nothing was imported.");
    assert.doesNotMatch(res.text, /MulterError|at .*\.js:\d+/);
    // Pasted text over the limit, in the multipart form: the same, beside the box.
    const text = await upload(agent, token, [], { text: "a".repeat(MAX_IMPORT_BYTES + 1) }).expect(413);
    assert.equal(
      fieldError(text.text, "text"),
      "The pasted text is too big: the limit is 20 MB. Nothing was imported.",
    );
    nothingWritten(db, before);
  });

  it("refuses two files, or a file in another field, with 400, storing nothing", async () => {
    const { db, agent, token } = await signedInAs("editor");
    const before = snapshot(db);
    const bytes = fs.readFileSync(formats("reddit.json"));
    const two = await upload(agent, token, [
      { bytes, name: "a.json" },
      { bytes, name: "b.json" },
    ]).expect(400);
    assert.equal(fieldError(two.text, "file"), "Choose one file only: one thread is imported at a time.");
    const other = await upload(agent, token, [{ field: "attachment", bytes, name: "a.json" }]).expect(400);
    assert.match(fieldError(other.text, "file") ?? "", /Send the file in the form's file field/);
    nothingWritten(db, before);
  });

  it("refuses a file and pasted text together with 400, keeping the paste", async () => {
    const { db, agent, token } = await signedInAs("editor");
    const before = snapshot(db);
    const paste = fs.readFileSync(PASTE, "utf8");
    const bytes = fs.readFileSync(formats("reddit.json"));
    const res = await upload(agent, token, [{ bytes, name: "reddit.json" }], { text: paste }).expect(400);
    assert.equal(fieldError(res.text, "file"), "Give a file or pasted text, not both.");
    assert.equal(fieldValue(res.text, "text"), paste.replace(/\r\n/g, "\n"));
    nothingWritten(db, before);
  });

  it("asks for the thread when the multipart form has neither a file nor text", async () => {
    const { db, agent, token } = await signedInAs("editor");
    const before = snapshot(db);
    // A browser sends an empty file input as a part with an empty file name.
    const res = await agent
      .post("/editor/import")
      .field("_csrf", token)
      .field("text", "")
      .attach("file", Buffer.alloc(0), { filename: "", contentType: "application/octet-stream" })
      .expect(422);
    assert.equal(fieldError(res.text, "text"), "Paste the thread, or choose a file");
    nothingWritten(db, before);
  });

  it("imports text pasted into the multipart form (what a browser now sends) like a plain form's", async () => {
    const { db, agent, token } = await signedInAs("editor");
    const text = fs.readFileSync(formats("hacker-news.json"), "utf8");
    const res = await upload(agent, token, [], { text, title: "" }).expect(200);
    assert.match(res.text, /Read as: a Hacker News thread\./);
    assert.match(res.text, /4 comment\(s\) added from 4 commenter\(s\)/);
    assert.doesNotMatch(res.text, /From the file/);
    assert.equal(commentsForSource(db, 1).length, 4);
  });

  it("keeps the other fields' messages: a bad address with a file gives 422 beside the address", async () => {
    const { db, agent, token } = await signedInAs("editor");
    const before = snapshot(db);
    const bytes = fs.readFileSync(formats("reddit.json"));
    const res = await upload(agent, token, [{ bytes, name: "reddit.json" }], { url: "not an address" }).expect(422);
    assert.equal(fieldError(res.text, "url"), "Give a web address starting with http:// or https://");
    nothingWritten(db, before);
  });
});

describe("the upload's CSRF token and role", function () {
  this.timeout(30_000);
  const bytes = () => fs.readFileSync(formats("disqus.xml"));

  for (const [what, token] of [
    ["without a token", undefined],
    ["with a wrong token", "not-the-token"],
  ] as const) {
    it(`refuses a multipart upload ${what} with 403, storing nothing`, async () => {
      const { db, agent } = await signedInAs("editor");
      const before = snapshot(db);
      const res = await upload(agent, token, [{ bytes: bytes(), name: "disqus.xml" }]).expect(403);
      assert.match(res.text, /This form has expired or did not come from this site/);
      nothingWritten(db, before);
    });
  }

  it("refuses another session's token", async () => {
    const victim = await signedInAs("editor");
    const attacker = await signedInAs("editor");
    const before = snapshot(victim.db);
    await upload(victim.agent, attacker.token, [{ bytes: bytes(), name: "disqus.xml" }]).expect(403);
    nothingWritten(victim.db, before);
  });

  it("refuses a reader with 403, storing nothing", async () => {
    const { db, agent, token } = await signedInAs("reader");
    const before = snapshot(db);
    const res = await upload(agent, token, [{ bytes: bytes(), name: "disqus.xml" }]).expect(403);
    assert.match(res.text, /This page is for editors/);
    nothingWritten(db, before);
  });

  it("sends a signed-out visitor to the login page, storing nothing", async () => {
    const db = emptyDb();
    const before = snapshot(db);
    const agent = await agentAs(http.createServer(testApp(db)), db, null);
    const res = await upload(agent, undefined, [{ bytes: bytes(), name: "disqus.xml" }]).expect(303);
    assert.match(res.headers.location ?? "", /^\/login/);
    nothingWritten(db, before);
  });
});
