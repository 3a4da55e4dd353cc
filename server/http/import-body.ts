// The thread-import form's body. A pasted thread can be 20 MB of text and three times that once a
// browser has percent-encoded it; decoding that takes seconds of CPU, which must not be spent on the
// thread that answers every other reader. So the body is read raw, the small fields (the CSRF
// token, title, publisher…) are decoded here, and the thread's text is handed on still encoded,
// to be decoded on the import worker (server/services/import-worker.ts, with domain/form-text.ts).
import { parse } from "node:querystring";
import express, { type RequestHandler } from "express";

declare global {
  namespace Express {
    interface Locals {
      /** The import form's `text` field as the browser sent it (percent-encoded), if there was one. */
      encodedImportText?: Buffer;
    }
  }
}

const AMPERSAND = 0x26;
const EQUALS = 0x3d;

/** A form's fields, all decoded but `text`, which stays the raw bytes it arrived as. */
export function splitForm(raw: Buffer): { fields: Record<string, string>; text: Buffer | undefined } {
  const small: Buffer[] = [];
  let text: Buffer | undefined;
  for (let start = 0; start < raw.length;) {
    const found = raw.indexOf(AMPERSAND, start);
    const end = found === -1 ? raw.length : found;
    const pair = raw.subarray(start, end);
    const eq = pair.indexOf(EQUALS);
    if (eq !== -1 && pair.subarray(0, eq).toString("latin1") === "text") text = pair.subarray(eq + 1);
    else small.push(pair);
    start = end + 1;
  }
  const fields = parse(
    Buffer.concat(small.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from("&"), p]))).toString("latin1"),
  );
  const single: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields))
    single[name] = Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
  return { fields: single, text };
}

/** Reads the import form's body raw (up to `limit`) and splits it: small fields into req.body. */
export function importFormBody(limit: string): RequestHandler[] {
  return [
    express.raw({ type: "application/x-www-form-urlencoded", limit }),
    (req, res, next) => {
      if (!Buffer.isBuffer(req.body)) return next();
      const { fields, text } = splitForm(req.body);
      req.body = fields;
      res.locals.encodedImportText = text;
      next();
    },
  ];
}
