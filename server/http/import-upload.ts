// The import form's upload. The form is multipart/form-data (it carries a file), which neither
// express.urlencoded nor import-body.ts reads, so multer reads it here, for POST /editor/import alone
// (server/app.ts): after the editor role is checked and before the CSRF check, which then finds the
// form's token among the fields multer parsed. The file is kept in memory (one file, at most the
// import limit), never on disk. A refusal (too big, a second file, a field the form does not have,
// a body cut short) is not an error: it is kept for the route, which shows it beside the field once
// the CSRF check has passed. Nothing is stored either way.
//
// The body as a whole is capped (a file and a paste at the import limit each, plus the small
// fields): a larger Content-Length is refused before a byte is read, and a chunked body is counted
// as it arrives and cut off at the cap, with the 413 page and the connection closed.
//
// The pasted text reaches the import as the bytes that were sent (busboy is told that fields are
// Latin-1, which maps each byte to one character and back), so that a paste in another encoding is
// converted with a warning as a file is, not turned into U+FFFD. The small fields are UTF-8, as a
// browser sends them.
import type { EventEmitter } from "node:events";
import multer from "multer";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { HttpError } from "./errors";

/** Why an upload was refused, and where on the form to say it. */
export interface UploadRefusal {
  status: 400 | 413 | 422;
  field: "file" | "text" | "form";
  message: string;
}

declare global {
  namespace Express {
    interface Locals {
      /** Set when multer refused the import form's multipart body. */
      importUploadRefusal?: UploadRefusal;
      /** The multipart form's `text` field as the bytes that were sent, if it was not blank. */
      pastedImportBytes?: Buffer;
    }
  }
}

/** The form has six fields (_csrf, text, title, publisher, url, published) and the file; two spare. */
const MAX_FIELDS = 8;
/** Every field but the paste (`text`) is small: a token, a title, an address, a date. */
export const MAX_SMALL_FIELD_BYTES = 64 * 1024;

/** The most a multipart import body may hold: a file and a paste at the limit, and the small fields. */
export function maxUploadBody(maxBytes: number): number {
  return 2 * maxBytes + MAX_FIELDS * MAX_SMALL_FIELD_BYTES;
}

/** "20 MB": the limit as the page and the messages say it. */
export function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** The fields of one request read before anything multer refuses (a field after that is not read). */
const readInTime = new WeakMap<Request, [string, string][]>();

/**
 * Beside multer, on busboy's events: the fields that arrive before the first part multer refuses
 * (a file over the limit, a second file or one in another field, a field too long or named
 * `a[b]`, too many parts). multer goes on adding the fields that follow to req.body while it winds
 * down; a refused form keeps only these, so that a token sent after an oversized file is not read
 * and the CSRF check refuses the form before its refusal is shown.
 */
function watchFields(req: Request, busboy: EventEmitter): void {
  const early: [string, string][] = [];
  readInTime.set(req, early);
  let refused = false;
  let files = 0;
  const stop = () => {
    refused = true;
  };
  busboy.on("file", (name: string, stream: EventEmitter, info: { filename?: string }) => {
    if (!info.filename) return; // a file input left empty
    files += 1;
    if (name !== "file" || files > 1) stop();
    stream.on("limit", stop);
  });
  busboy.on("field", (name: string, value: string, info: { nameTruncated: boolean; valueTruncated: boolean }) => {
    if (refused || info.nameTruncated || info.valueTruncated || name.length > 100 || name.includes("[")) stop();
    else early.push([name, value]);
  });
  for (const limit of ["partsLimit", "filesLimit", "fieldsLimit"]) busboy.on(limit, stop);
}

/** multer for the import form: the `file` field only, at most `maxBytes` (the paste box too). */
export function importUpload(maxBytes: number): RequestHandler {
  const cap = maxUploadBody(maxBytes);
  // defCharset and streamHandler are multer's options, missing from @types/multer.
  const options: multer.Options & {
    defCharset: string;
    streamHandler: (req: Request, busboy: NodeJS.WritableStream & EventEmitter) => void;
  } = {
    storage: multer.memoryStorage(),
    streamHandler: (req, busboy) => {
      watchFields(req, busboy);
      req.pipe(busboy);
    },
    // A browser sends a file's name as UTF-8; busboy's default would read "Früh" as "FrÃ¼h".
    defParamCharset: "utf8",
    // Fields as bytes (one Latin-1 character each): see the head of this file.
    defCharset: "latin1",
    limits: {
      fileSize: maxBytes,
      files: 1,
      // busboy has one field limit for all fields: the paste's; the others are checked below.
      fieldSize: maxBytes,
      fields: MAX_FIELDS,
      parts: MAX_FIELDS + 1,
      fieldNameSize: 100,
      // `title[a]` or `publisher[]` would make an object or an array of req.body's field.
      fieldNestingDepth: 0,
    },
  };
  const upload = multer(options).single("file");
  return (req, res, next) => {
    if (!req.is("multipart")) return next();
    if (Number(req.headers["content-length"]) > cap) return refuseBody(req, res, next, maxBytes);
    let seen = 0;
    let cut = false;
    let answered = false;
    const count = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen <= cap || cut) return;
      cut = true;
      req.off("data", count);
      refuseBody(req, res, next, maxBytes);
    };
    upload(req, res, (err: unknown) => {
      answered = true;
      req.off("data", count);
      // The 413 page has been sent (or is being): nothing more to do with this request.
      if (cut) return;
      // A refused form: the fields that came before the refusal (watchFields).
      const fields = err ? Object.fromEntries((readInTime.get(req) ?? []).reverse()) : firstValues(req.body);
      const { text, ...small } = fields;
      req.body = Object.fromEntries(Object.entries(small).map(([k, v]) => [k, utf8(v)]));
      if (text !== undefined && text.trim() !== "") res.locals.pastedImportBytes = Buffer.from(text, "latin1");
      if (err) {
        res.locals.importUploadRefusal = refusal(err, maxBytes);
        // What multer kept of a refused body is not imported (the route checks for the refusal first).
        delete req.file;
      } else {
        const long = Object.keys(small).find((k) => (small[k] ?? "").length > MAX_SMALL_FIELD_BYTES);
        if (long !== undefined) res.locals.importUploadRefusal = fieldTooLong(long);
      }
      next();
    });
    // After multer has piped the request into busboy (synchronously, above): counting on "data"
    // does not start the flow before busboy is there to read it. (multer answers at once, before
    // reading, a body it cannot parse at all: a missing boundary.)
    if (!answered) req.on("data", count);
  };
}

/** After a 413, what the client still sends is thrown away for this long (or this much), then the socket is closed. */
const LINGER_MS = 1000;

/**
 * Too big to read: the 413 page at once, without reading (more of) the body into busboy, and the
 * connection closed once the page is sent, so that the client stops sending.
 *
 * Node closes a "Connection: close" answer's socket as soon as the answer is written; with the
 * client still sending, that close is a reset, which can reach the client before it has read the
 * page (it then shows "connection reset"). So the close lingers, as web servers' do: our side is
 * closed (the client sees the end of the answer), and what still arrives is discarded for at most
 * LINGER_MS or `maxBytes`, then the socket is destroyed.
 */
function refuseBody(req: Request, res: Response, next: NextFunction, maxBytes: number): void {
  req.unpipe();
  req.pause();
  res.setHeader("Connection", "close");
  res.once("finish", () => {
    const socket = req.socket;
    // Node's own close (destroySoon: end, then destroy once our side is flushed) is replaced by the linger.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- the very function Node registered, to unregister it
    socket.removeListener("finish", socket.destroy);
    let discarded = 0;
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
    req.on("data", (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > maxBytes) socket.destroy();
    });
    req.resume();
  });
  next(
    new HttpError(
      413,
      `What you sent is larger than this form accepts: a file or pasted text of at most ${megabytes(maxBytes)}. Nothing was imported.`,
    ),
  );
}

/**
 * The parsed fields as plain strings, the first of each name, as splitForm gives a plain form's:
 * multer makes an array of a repeated name, and anything not a string is dropped, so that no
 * object ever reaches a view or a schema.
 */
function firstValues(body: unknown): Record<string, string> {
  if (typeof body !== "object" || body === null) return {};
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    const first = Array.isArray(value) ? (value as unknown[]).find((v) => typeof v === "string") : value;
    if (typeof first === "string") entries.push([name, first]);
  }
  return Object.fromEntries(entries);
}

/** A small field, read by busboy as Latin-1 (one character a byte), as the UTF-8 a browser sent. */
function utf8(latin1: string): string {
  return Buffer.from(latin1, "latin1").toString("utf8");
}

function fieldTooLong(field: string): UploadRefusal {
  return { status: 413, field: "form", message: `The field "${field}" is too long. Nothing was imported.` };
}

function refusal(err: unknown, maxBytes: number): UploadRefusal {
  const limit = megabytes(maxBytes);
  if (!(err instanceof multer.MulterError)) {
    // busboy's refusals of a malformed body ("Unexpected end of form", a missing boundary) and a
    // request the client abandoned: the body did not arrive whole.
    return {
      status: 400,
      field: "file",
      message: "The form did not arrive whole. Choose the file again and send the form again.",
    };
  }
  switch (err.code as string) {
    case "LIMIT_FILE_SIZE":
      return {
        status: 413,
        field: "file",
        message: `The file is too big: the limit is ${limit}. Nothing was imported.`,
      };
    case "LIMIT_FIELD_VALUE":
      return err.field === "text"
        ? {
            status: 413,
            field: "text",
            message: `The pasted text is too big: the limit is ${limit}. Nothing was imported.`,
          }
        : fieldTooLong(err.field ?? "");
    case "LIMIT_FILE_COUNT":
      return { status: 400, field: "file", message: "Choose one file only: one thread is imported at a time." };
    case "LIMIT_UNEXPECTED_FILE":
      return err.field === "file"
        ? { status: 400, field: "file", message: "Choose one file only: one thread is imported at a time." }
        : { status: 400, field: "file", message: "Send the file in the form's file field; nothing else takes a file." };
    case "LIMIT_FIELD_NESTING":
    case "LIMIT_FIELD_ARRAY_INDEX":
    case "INVALID_FIELD_NAME":
      // `title[a]`, `publisher[]`: a name no field of the form has.
      return {
        status: 422,
        field: "form",
        message: `The form has no field named "${err.field ?? ""}". Reload the page and send the form again; nothing was imported.`,
      };
    default:
      return {
        status: 400,
        field: "form",
        message: "The form has fields it should not have. Reload the page and try again.",
      };
  }
}

/** One way the thread was given: pasted (percent-encoded by a plain form, or as sent in a multipart form), or a file. */
export type GivenThread =
  | { from: "text"; encoding: "form-urlencoded" | "raw"; bytes: Uint8Array }
  | { from: "file"; encoding: "raw"; bytes: Uint8Array; name: string };

/**
 * Every way the import form gave the thread: none, one, or (a mistake) both a file and pasted text.
 * A file input left empty sends no file; a paste box left blank gives no text.
 */
export function givenThreads(req: Request, res: Response): GivenThread[] {
  const given: GivenThread[] = [];
  const encoded = res.locals.encodedImportText;
  if (encoded?.length) given.push({ from: "text", encoding: "form-urlencoded", bytes: encoded });
  const pasted = res.locals.pastedImportBytes;
  if (encoded === undefined && pasted) given.push({ from: "text", encoding: "raw", bytes: pasted });
  if (req.file) given.push({ from: "file", encoding: "raw", bytes: req.file.buffer, name: req.file.originalname });
  return given;
}
