// The import page takes a file as well as a paste: the uploaded bytes are decoded as the command
// line decodes a file (decodeImport), so the page gives the command line's result and warnings for
// the same file. A refused upload (too big, two files, binary, file and text) says why beside the
// field and stores nothing; the CSRF token and the editor role are checked on the multipart form too.
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import request from "supertest";
import { commentsForSource } from "../../db/comments";
import type { Db } from "../../db/connection";
import { ROOT } from "../../db/paths";
import { listPeople } from "../../db/people";
import { MAX_SMALL_FIELD_BYTES, maxUploadBody } from "../../server/http/import-upload";
import { findSource } from "../../db/sources";
import { decodeImport, importThread, MAX_IMPORT_BYTES } from "../../server/services/import-thread";
import { testApp } from "../support/app";
import { emptyDb, TEST_NOW } from "../support/db";
import {
  agentAs,
  changedTables,
  csrfFrom,
  decodeEntities,
  makeAccount,
  PASSWORD,
  sessionCookie,
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

/** A part of a multipart body written by hand: a field, a file (with `filename`), or a part with no Content-Disposition. */
interface Part {
  name?: string;
  filename?: string;
  value: string | Buffer;
}

const BOUNDARY = "hindsight-test-7d2f0c";
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

/** One part's bytes, its headers as a browser writes them (a file's name in UTF-8, as sent). */
function partBytes(p: Part): Buffer {
  let head = `--${BOUNDARY}\r\n`;
  if (p.name === undefined) head += "X-Nothing: here\r\n";
  else
    head += `Content-Disposition: form-data; name="${p.name}"${p.filename === undefined ? "" : `; filename="${p.filename}"`}\r\n`;
  if (p.filename !== undefined) head += "Content-Type: application/octet-stream\r\n";
  return Buffer.concat([Buffer.from(`${head}\r\n`, "utf8"), Buffer.from(p.value), Buffer.from("\r\n")]);
}

/** A whole multipart body, exactly these bytes (superagent's form-data would re-encode names and text). */
function multipartBody(parts: Part[]): Buffer {
  return Buffer.concat([...parts.map(partBytes), Buffer.from(`--${BOUNDARY}--\r\n`)]);
}

function postRaw(agent: Agent, parts: Part[], at = "/editor/import") {
  return agent.post(at).set("Content-Type", MULTIPART).send(multipartBody(parts));
}

/** The form-level message (`<p class="form-error">`), unescaped. */
function formError(html: string): string | undefined {
  const m = /<p class="form-error" role="alert">([^<]*)<\/p>/.exec(html);
  return m?.[1] !== undefined ? decodeEntities(m[1]) : undefined;
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

describe("an article with no comments on the import page", function () {
  this.timeout(30_000);
  it("the 2018 seed (an article alone) is refused with a message that says what is needed, without the README", async () => {
    const { db, agent, token } = await signedInAs("editor");
    const before = snapshot(db);
    const text = fs.readFileSync(path.join(ROOT, "db", "seed-data", "2018-mou-article.txt"), "utf8");
    const res = await upload(agent, token, [], { text }).expect(422);
    const message = fieldError(res.text, "text") ?? "";
    assert.match(
      message,
      /^No comments found\. A thread is imported for its readers' comments, so it needs at least one/,
    );
    assert.match(message, /"1\. handle"/, "shows what a comment's first line looks like");
    assert.match(message, /"Posts: 12; Member since: Apr 15, 2014"/);
    assert.match(message, /Disqus or WordPress export/);
    assert.doesNotMatch(message, /README/, "a web user has no README");
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

  it("refuses another session's token: two editors of one site", async () => {
    const db = emptyDb();
    const server = http.createServer(testApp(db));
    const victim = await agentAs(server, db, "editor");
    const attacker = await agentAs(server, db, "editor");
    const attackerToken = csrfFrom((await attacker.get("/editor/import")).text);
    const victimToken = csrfFrom((await victim.get("/editor/import")).text);
    assert.notEqual(attackerToken, victimToken);
    const before = snapshot(db);
    const res = await upload(victim, attackerToken, [{ bytes: bytes(), name: "disqus.xml" }]).expect(403);
    assert.match(res.text, /This form has expired or did not come from this site/);
    nothingWritten(db, before);
    // The same upload with the victim's own token goes through: the token, not the site, was refused.
    await upload(victim, victimToken, [{ bytes: bytes(), name: "disqus.xml" }]).expect(200);
  });

  it("checks the token before saying why the upload was refused: two files without a token get 403", async () => {
    const { db, agent } = await signedInAs("editor");
    const before = snapshot(db);
    const res = await upload(agent, undefined, [
      { bytes: bytes(), name: "a.xml" },
      { bytes: bytes(), name: "b.xml" },
    ]).expect(403);
    assert.match(res.text, /This form has expired or did not come from this site/);
    assert.doesNotMatch(res.text, /Choose one file only/);
    nothingWritten(db, before);
  });

  it("a token sent only after a file over the limit is not read: 403, not the size message", async () => {
    const { db, agent, token } = await signedInAs("editor");
    const before = snapshot(db);
    const res = await postRaw(agent, [
      { name: "file", filename: "huge.txt", value: Buffer.alloc(MAX_IMPORT_BYTES + 1, "a") },
      { name: "_csrf", value: token },
    ]).expect(403);
    assert.match(res.text, /This form has expired or did not come from this site/);
    assert.doesNotMatch(res.text, /too big/);
    nothingWritten(db, before);
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

/** An editor's session on a listening server, for requests written by hand (a chunked body, a false length). */
async function rawEditor() {
  const db = emptyDb();
  const server = http.createServer(testApp(db));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const { username } = await makeAccount(db, "editor");
  const login = await request(server).get("/login");
  const signedIn = await request(server)
    .post("/login")
    .set("Cookie", (sessionCookie(login) ?? "").split(";")[0] ?? "")
    .type("form")
    .send({ username, password: PASSWORD, _csrf: csrfFrom(login.text) })
    .expect(303);
  const cookie = (sessionCookie(signedIn) ?? "").split(";")[0] ?? "";
  const token = csrfFrom((await request(server).get("/editor/import").set("Cookie", cookie).expect(200)).text);
  return { db, server, port, cookie, token };
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** Bytes of the body the client had written when the answer's headers arrived. */
  writtenWhenAnswered: number;
}

/**
 * Posts a multipart body that starts with `head` and goes on with `filler` for as long as the server
 * reads it (up to `upTo` bytes; then the body is ended; 0: the head alone, never ended), and resolves
 * with the server's answer.
 */
function streamUntilAnswered(
  at: { port: number; cookie: string },
  headers: Record<string, string>,
  head: Buffer,
  upTo: number,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered: Answer | undefined;
    let wake: () => void = () => undefined;
    const req = http.request({
      host: "127.0.0.1",
      port: at.port,
      method: "POST",
      path: "/editor/import",
      headers: { Cookie: at.cookie, "Content-Type": MULTIPART, ...headers },
    });
    req.on("response", (res) => {
      answered = { status: res.statusCode ?? 0, headers: res.headers, text: "", writtenWhenAnswered: written };
      wake();
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ ...(answered as Answer), text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    // The server closes the connection after its answer: writing on then fails, which is expected.
    req.on("error", (err) => {
      wake();
      if (!answered) reject(err);
    });
    const filler = Buffer.alloc(1024 * 1024, "a");
    void (async () => {
      req.write(head);
      written += head.length;
      while (!answered && !req.destroyed && written < upTo) {
        const more = req.write(filler);
        written += filler.length;
        if (!more)
          await new Promise<void>((go) => {
            wake = go;
            req.once("drain", go);
          });
      }
      if (!answered && !req.destroyed && upTo > 0) req.end();
    })();
  });
}

describe("the upload's limits and field names", function () {
  this.timeout(60_000);
  const cap = maxUploadBody(MAX_IMPORT_BYTES);
  const paste = () => fs.readFileSync(PASTE);

  for (const name of ["title[a]", "url[x]", "publisher[]"]) {
    it(`refuses a field named ${name} with 422 and a message, never a 500, storing nothing`, async () => {
      const { db, agent, token } = await signedInAs("editor");
      const before = snapshot(db);
      const res = await postRaw(agent, [
        { name: "_csrf", value: token },
        { name: "text", value: paste() },
        { name, value: "v" },
      ]).expect(422);
      assert.equal(
        formError(res.text),
        `The form has no field named "${name}". Reload the page and send the form again; nothing was imported.`,
      );
      // The paste goes back into the box, as for any other refusal.
      assert.equal(fieldValue(res.text, "text"), paste().toString("utf8"));
      nothingWritten(db, before);
    });
  }

  it("takes the first of a field sent twice, as a plain form's", async () => {
    const { db, agent, token } = await signedInAs("editor");
    await postRaw(agent, [
      { name: "_csrf", value: token },
      { name: "text", value: paste() },
      { name: "title", value: "The first title" },
      { name: "title", value: "The second title" },
    ]).expect(200);
    assert.equal(findSource(db, 1)?.title, "The first title");
  });

  it("refuses more fields than the form has with 400 (LIMIT_FIELD_COUNT), storing nothing", async () => {
    const { db, agent, token } = await signedInAs("editor");
    const before = snapshot(db);
    const extra = Array.from({ length: 8 }, (_, i) => ({ name: `extra${i}`, value: "x" }));
    const res = await postRaw(agent, [{ name: "_csrf", value: token }, { name: "text", value: paste() }, ...extra]);
    assert.equal(res.status, 400);
    assert.equal(formError(res.text), "The form has fields it should not have. Reload the page and try again.");
    nothingWritten(db, before);
  });

  it("refuses more parts than the form has with 400 (LIMIT_PART_COUNT: parts that are neither field nor file)", async () => {
    const { db, agent, token } = await signedInAs("editor");
    const before = snapshot(db);
    const parts = Array.from({ length: 12 }, () => ({ value: "nothing" }));
    const res = await postRaw(agent, [{ name: "_csrf", value: token }, { name: "text", value: paste() }, ...parts]);
    assert.equal(res.status, 400);
    assert.equal(formError(res.text), "The form has fields it should not have. Reload the page and try again.");
    nothingWritten(db, before);
  });

  it(`refuses a small field over ${MAX_SMALL_FIELD_BYTES / 1024} kB with 413: only the paste may be large`, async () => {
    const { db, agent, token } = await signedInAs("editor");
    const before = snapshot(db);
    const res = await postRaw(agent, [
      { name: "_csrf", value: token },
      { name: "text", value: paste() },
      { name: "publisher", value: "p".repeat(MAX_SMALL_FIELD_BYTES + 1) },
    ]).expect(413);
    assert.equal(formError(res.text), 'The field "publisher" is too long. Nothing was imported.');
    nothingWritten(db, before);
  });

  it("refuses a Content-Length over the cap with the 413 page before reading the body", async () => {
    const at = await rawEditor();
    try {
      const before = snapshot(at.db);
      const head = partBytes({ name: "_csrf", value: at.token });
      // Only the head is ever sent: the answer must come without the rest.
      const answer = await streamUntilAnswered(at, { "Content-Length": String(cap + 1) }, head, 0);
      assert.equal(answer.status, 413);
      assert.equal(answer.headers.connection, "close");
      assert.match(
        answer.text,
        /What you sent is larger than this form accepts: a file or pasted text of at most 20 MB/,
      );
      nothingWritten(at.db, before);
    } finally {
      at.server.closeAllConnections();
      at.server.close();
    }
  });

  it("stops reading a chunked body at the cap: the 413 page arrives while the client is still sending", async () => {
    const at = await rawEditor();
    try {
      const before = snapshot(at.db);
      const head = Buffer.concat([
        partBytes({ name: "_csrf", value: at.token }),
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="endless.txt"\r\n` +
            "Content-Type: text/plain\r\n\r\n",
        ),
      ]);
      // Without the cut-off the server reads all of it (and only then answers).
      const upTo = cap + 32 * 1024 * 1024;
      const answer = await streamUntilAnswered(at, { "Transfer-Encoding": "chunked" }, head, upTo);
      assert.equal(answer.status, 413);
      assert.equal(answer.headers.connection, "close");
      assert.match(answer.text, /What you sent is larger than this form accepts/);
      // Answered at the cap, give or take what the sockets' buffers held: not after the whole body.
      assert.ok(answer.writtenWhenAnswered > cap, `answered after ${answer.writtenWhenAnswered} bytes`);
      assert.ok(
        answer.writtenWhenAnswered < cap + 16 * 1024 * 1024,
        `answered after ${answer.writtenWhenAnswered} bytes (cap ${cap})`,
      );
      nothingWritten(at.db, before);
    } finally {
      at.server.closeAllConnections();
      at.server.close();
    }
  });

  it("shows a file name beyond ASCII as it was chosen (a browser sends it in UTF-8)", async () => {
    const { agent, token } = await signedInAs("editor");
    const res = await postRaw(agent, [
      { name: "_csrf", value: token },
      { name: "file", filename: "Früh–été.json", value: fs.readFileSync(formats("reddit.json")) },
    ]).expect(200);
    assert.match(decodeEntities(res.text), /From the file Früh–été\.json\./);
  });

  it("converts a Latin-1 paste in the multipart form as it does a file, with the warning", async () => {
    const { db, agent, token } = await signedInAs("editor");
    const bytes = fs.readFileSync(formats("latin1-paste.txt"));
    const res = await postRaw(agent, [
      { name: "_csrf", value: token },
      { name: "text", value: bytes },
      { name: "title", value: "Café thread" },
    ]).expect(200);
    const warnings = pageWarnings(res.text);
    assert.ok(
      warnings.some((w) => w.startsWith("The text is not UTF-8: it was read as Latin-1 (ISO-8859-1) and converted")),
      warnings.join("\n"),
    );
    assert.deepEqual(warnings, asTheCommandLineDoes(formats("latin1-paste.txt")).warnings);
    assert.deepEqual(
      commentsForSource(db, 1).map((c) => c.handle),
      ["josé", "François"],
    );
    // The small fields stay UTF-8, as the browser sent them.
    assert.equal(findSource(db, 1)?.title, "Café thread");
  });

  it("reads the multipart form on POST /editor/import alone (any case, a trailing slash), not below it", async () => {
    const { db, agent, token } = await signedInAs("editor");
    const bytes = fs.readFileSync(formats("disqus.xml"));
    const before = snapshot(db);
    // Not read below the path: no field of it, the token included, reaches the CSRF check.
    const below = await postRaw(
      agent,
      [
        { name: "_csrf", value: token },
        { name: "file", filename: "disqus.xml", value: bytes },
      ],
      "/editor/import/more",
    );
    assert.equal(below.status, 403);
    nothingWritten(db, before);
    // As Express routes it: the import route answers /EDITOR/Import/ too, with the file read.
    const res = await postRaw(
      agent,
      [
        { name: "_csrf", value: token },
        { name: "file", filename: "disqus.xml", value: bytes },
      ],
      "/EDITOR/Import/",
    ).expect(200);
    assert.match(res.text, /From the file disqus\.xml\./);
  });
});
