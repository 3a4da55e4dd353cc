// A big paste during reads, as import-latency.ts measures it but on the benchmark's own (large)
// database: the editor POSTs a generated thread to /editor/import while a visitor asks for / one
// request after another until the import has answered. The paste is as close to the size asked
// for as the import route's body limit lets through (its URL-encoded form must fit, or it gets 413).
import type { Client, Session } from "./http";
import { quantile } from "./mix";
import { generateThread } from "./thread";

/** The body limit of /editor/import (server/app.ts: importFormBody("64mb"), in MiB). */
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;
/** Room left for the _csrf field and the field names. */
const BODY_BUDGET = IMPORT_BODY_LIMIT - 4096;
/** Bytes of text per generated comment, about: the first guess of how many comments make a size. */
const BYTES_PER_COMMENT = 187;

export interface PasteResult {
  /** The text size asked for, and what was pasted: its text, its URL-encoded body, its comments. */
  askedMegabytes: number;
  textMegabytes: number;
  bodyMegabytes: number;
  comments: number;
  /** False when the size asked for would not fit the body limit (the largest that fits was sent). */
  fits: boolean;
  importSeconds: number;
  /** GET / by a visitor during the import. */
  home: { requests: number; p50: number; p99: number; max: number; bad: number };
}

const mb = (bytes: number): number => Number((bytes / 1e6).toFixed(1));
const encodedLength = (text: string): number => new URLSearchParams({ text }).toString().length;

/** A generated thread of about `bytes` of text whose URL-encoded form fits the body limit. */
export function threadFor(bytes: number): { text: string; comments: number; fits: boolean } {
  let comments = Math.max(10, Math.round(bytes / BYTES_PER_COMMENT));
  let text = generateThread(comments);
  comments = Math.max(10, Math.round((comments * bytes) / text.length));
  text = generateThread(comments);
  let encoded = encodedLength(text);
  const fits = encoded <= BODY_BUDGET;
  while (encoded > BODY_BUDGET && comments > 10) {
    comments = Math.floor((comments * BODY_BUDGET * 0.995) / encoded);
    text = generateThread(comments);
    encoded = encodedLength(text);
  }
  return { text, comments, fits };
}

/** GET / one request after another until `done()`: each answer's milliseconds, and the bad ones. */
async function pollHome(client: Client, done: () => boolean): Promise<{ ms: number[]; bad: number }> {
  const ms: number[] = [];
  let bad = 0;
  while (!done()) {
    const res = await client.send("/");
    ms.push(res.ms);
    if (res.status !== 200) bad += 1;
  }
  return { ms, bad };
}

/** Posts the paste as the editor (on `editorClient`) while a visitor (on `visitorClient`) reads /. */
export async function pasteDuringReads(
  editorClient: Client,
  visitorClient: Client,
  editor: Session,
  askedMegabytes: number,
): Promise<PasteResult> {
  const { text, comments, fits } = threadFor(askedMegabytes * 1e6);
  const form = { text, _csrf: editor.csrf };
  const bodyBytes = new URLSearchParams(form).toString().length;
  let finished = false;
  const started = performance.now();
  const importing = editorClient
    .send("/editor/import", { session: editor, form, keepBody: true })
    .finally(() => (finished = true));
  const [home, imported] = await Promise.all([pollHome(visitorClient, () => finished), importing]);
  const importSeconds = (performance.now() - started) / 1000;
  const added = /(\d+) comment\(s\) added/.exec(imported.body);
  if (imported.status !== 200 || !added) throw new Error(`the import answered ${imported.status} without a summary`);
  const sorted = [...home.ms].sort((a, b) => a - b);
  const round1 = (v: number) => Math.round(v * 10) / 10;
  return {
    askedMegabytes,
    textMegabytes: mb(Buffer.byteLength(text)),
    bodyMegabytes: mb(bodyBytes),
    comments,
    fits,
    importSeconds: Number(importSeconds.toFixed(2)),
    home: {
      requests: sorted.length,
      p50: round1(quantile(sorted, 0.5)),
      p99: round1(quantile(sorted, 0.99)),
      max: round1(sorted[sorted.length - 1] ?? 0),
      bad: home.bad,
    },
  };
}
