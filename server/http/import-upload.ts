// The import form's upload. The form is multipart/form-data (it carries a file), which neither
// express.urlencoded nor import-body.ts reads, so multer reads it here, for /editor/import alone
// (server/app.ts): after the editor role is checked and before the CSRF check, which then finds the
// form's token among the fields multer parsed. The file is kept in memory (one file, at most the
// import limit), never on disk. A refusal (too big, a second file, a field the form does not have,
// a body cut short) is not an error: it is kept for the route, which shows it beside the field once
// the CSRF check has passed. Nothing is stored either way.
import multer from "multer";
import type { Request, RequestHandler, Response } from "express";

/** Why an upload was refused, and where on the form to say it. */
export interface UploadRefusal {
  status: 400 | 413;
  field: "file" | "text" | "form";
  message: string;
}

declare global {
  namespace Express {
    interface Locals {
      /** Set when multer refused the import form's multipart body. */
      importUploadRefusal?: UploadRefusal;
    }
  }
}

/** The form has six fields and the file; a few more are tolerated, not hundreds. */
const MAX_FIELDS = 20;

/** "20 MB": the limit as the page and the messages say it. */
export function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** multer for the import form: the `file` field only, at most `maxBytes` (the paste box too). */
export function importUpload(maxBytes: number): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: maxBytes,
      files: 1,
      fieldSize: maxBytes,
      fields: MAX_FIELDS,
      parts: MAX_FIELDS + 1,
      fieldNameSize: 100,
    },
  }).single("file");
  return (req, res, next) => {
    upload(req, res, (err: unknown) => {
      if (err) {
        res.locals.importUploadRefusal = refusal(err, maxBytes);
        // What multer kept of a refused body is not imported (the route checks for the refusal first).
        delete req.file;
      }
      next();
    });
  };
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
  switch (err.code) {
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
        : { status: 413, field: "form", message: `The field "${err.field ?? ""}" is too long. Nothing was imported.` };
    case "LIMIT_FILE_COUNT":
      return { status: 400, field: "file", message: "Choose one file only: one thread is imported at a time." };
    case "LIMIT_UNEXPECTED_FILE":
      return err.field === "file"
        ? { status: 400, field: "file", message: "Choose one file only: one thread is imported at a time." }
        : { status: 400, field: "file", message: "Send the file in the form's file field; nothing else takes a file." };
    default:
      return {
        status: 400,
        field: "form",
        message: "The form has fields it should not have. Reload the page and try again.",
      };
  }
}

/** One way the thread was given: pasted (percent-encoded by a plain form, or as it is in a multipart form), or a file. */
export type GivenThread =
  | { from: "text"; encoding: "form-urlencoded"; bytes: Uint8Array }
  | { from: "text"; encoding: "raw"; bytes: Uint8Array; text: string }
  | { from: "file"; encoding: "raw"; bytes: Uint8Array; name: string };

/**
 * Every way the import form gave the thread: none, one, or (a mistake) both a file and pasted text.
 * A file input left empty sends no file; a paste box left blank gives no text.
 */
export function givenThreads(req: Request, res: Response): GivenThread[] {
  const given: GivenThread[] = [];
  const encoded = res.locals.encodedImportText;
  if (encoded?.length) given.push({ from: "text", encoding: "form-urlencoded", bytes: encoded });
  const text = (req.body as { text?: unknown } | undefined)?.text;
  if (encoded === undefined && typeof text === "string" && text.trim() !== "")
    given.push({ from: "text", encoding: "raw", bytes: Buffer.from(text, "utf8"), text });
  if (req.file) given.push({ from: "file", encoding: "raw", bytes: req.file.buffer, name: req.file.originalname });
  return given;
}
