// The CPU-heavy half of the web form's import (parsing a paste of up to 20 MB and finding the
// speculative sentences in it) on a worker thread, so that the server keeps answering meanwhile.
// The worker opens no database: the write stays on the app's own connection, in one short
// transaction (import-form.ts says why not in the worker).
// This file is both sides: the app calls prepareInWorker; the worker runs this same file.
import { isMainThread, parentPort, Worker, workerData, type MessagePort } from "node:worker_threads";
import { decodeFormBytes } from "../domain/form-text";
import { decodeBytes, type DecodedText } from "../domain/text-encoding";
import { decodeImport, ImportError, prepareImport, type ImportOptions, type PreparedImport } from "./import-thread";

/** Comments per message: each message is deserialised on the app's thread in one go, so keep it short. */
const CHUNK = 5000;

/**
 * How long a worker may take before it is stopped (IMPORT_TIMEOUT_MS): a 20 MB paste takes well
 * under a minute; a file that makes some pattern slow must not hold the one-at-a-time queue forever.
 */
export const DEFAULT_IMPORT_TIMEOUT_MS = 120_000;

/**
 * The thread's bytes: a plain form's text field as the browser percent-encoded it (decoding 20 MB
 * is itself seconds of work), or bytes as they are (an uploaded file, a multipart form's text),
 * decoded exactly as the command line decodes a file (decodeImport).
 */
export interface ImportBytes {
  encoding: "form-urlencoded" | "raw";
  bytes: Uint8Array;
}

interface ImportJob {
  job: "hindsight-import";
  input: ImportBytes;
  opts: ImportOptions;
}

type FromWorker =
  | { kind: "head"; prepared: PreparedImport }
  | { kind: "comments"; comments: PreparedImport["thread"]["comments"] }
  | { kind: "done" }
  | { kind: "refused"; message: string; text: string }
  | { kind: "failed"; name: string; message: string; stack: string | undefined };

// One import at a time per process: a second paste waits for the first's worker to finish, rather
// than two 20 MB parses sharing the cores with the requests they are meant to leave alone.
let turn: Promise<unknown> = Promise.resolve();

/**
 * prepareImport on a worker thread: the prepared import, or a rejection with an ImportError (the
 * paste's fault, to show beside the field) or any other Error (a bug, for the error handler).
 */
export function prepareInWorker(
  input: ImportBytes,
  opts: ImportOptions,
  timeoutMs: number = DEFAULT_IMPORT_TIMEOUT_MS,
): Promise<PreparedImport> {
  const mine = turn.then(() => runWorker({ job: "hindsight-import", input, opts }, timeoutMs));
  turn = mine.catch(() => undefined);
  return mine;
}

/**
 * One job on a worker of its own, stopped after `timeoutMs` (the clock starts when its turn comes).
 * The worker writes nothing (the write follows on the app's thread once it has answered), so a
 * worker stopped midway leaves nothing stored.
 */
function runWorker(job: ImportJob, timeoutMs: number): Promise<PreparedImport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: job });
    let prepared: PreparedImport | undefined;
    let settled = false;
    const timer = setTimeout(() => settle(new ImportTimedOut(timeoutMs)), timeoutMs);
    const settle = (err: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // The worker has said all it will say: never leave it running, whatever happened.
      void worker.terminate();
      if (err) reject(err);
      else if (prepared) resolve(prepared);
      else reject(new Error("The import worker finished without a result."));
    };
    worker.on("message", (m: FromWorker) => {
      if (m.kind === "head") prepared = m.prepared;
      else if (m.kind === "comments") prepared?.thread.comments.push(...m.comments);
      else settle(m.kind === "done" ? null : rebuildError(m));
    });
    worker.on("error", settle);
    worker.on("exit", (code) => settle(new Error(`The import worker stopped (exit code ${code}) before it finished.`)));
  });
}

function rebuildError(m: Extract<FromWorker, { kind: "refused" | "failed" }>): Error {
  if (m.kind === "refused") return new RefusedPaste(m.message, m.text);
  const err = new Error(`${m.name} in the import worker: ${m.message}`);
  if (m.stack) err.stack = `${err.message}\n  the worker's stack:\n${m.stack}`;
  return err;
}

/** The worker's side: prepare, then send the result in pieces (see CHUNK), or why not. */
function answer(port: MessagePort, job: ImportJob): void {
  const post = (m: FromWorker) => port.postMessage(m);
  let text = "";
  try {
    const decoded = job.input.encoding === "raw" ? decodeImport(job.input.bytes) : decodeOrRefuse(job.input.bytes);
    text = decoded.text;
    const prepared = prepareImport(decoded, job.opts);
    const comments = prepared.thread.comments;
    post({ kind: "head", prepared: { ...prepared, thread: { ...prepared.thread, comments: [] } } });
    for (let i = 0; i < comments.length; i += CHUNK) post({ kind: "comments", comments: comments.slice(i, i + CHUNK) });
    post({ kind: "done" });
  } catch (err) {
    // The decoded paste goes back with the refusal, to refill the form without decoding it again.
    if (err instanceof ImportError) return post({ kind: "refused", message: err.message, text });
    const e = err instanceof Error ? err : new Error(String(err));
    post({ kind: "failed", name: e.name, message: e.message, stack: e.stack });
  }
}

/** The form's text in the encoding its bytes are in (a browser sends UTF-8; other clients may not). */
function decodeOrRefuse(encoded: Uint8Array): DecodedText {
  try {
    return decodeBytes(decodeFormBytes(encoded));
  } catch {
    throw new ImportError("The pasted text did not arrive as valid form data. Paste it again.");
  }
}

/** The worker ran out of time and was stopped: shown beside the field, like a refusal. */
export class ImportTimedOut extends ImportError {
  constructor(timeoutMs: number) {
    const seconds = Number((timeoutMs / 1000).toPrecision(3)).toLocaleString("en-US");
    super(`The import took longer than ${seconds} s and was stopped; nothing was stored.`);
  }
}

/** A refusal of the paste, carrying the decoded text to put back in the form. */
export class RefusedPaste extends ImportError {
  constructor(
    message: string,
    readonly text: string,
  ) {
    super(message);
  }
}

function isImportJob(data: unknown): data is ImportJob {
  return typeof data === "object" && data !== null && (data as { job?: unknown }).job === "hindsight-import";
}

if (!isMainThread && parentPort && isImportJob(workerData)) answer(parentPort, workerData);
