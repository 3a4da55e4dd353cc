import type { DateTime } from "luxon";
import { writeTransaction } from "./write-transaction";
import type { Account } from "../../db/accounts";
import { audit } from "../../db/audit";
import type { Db } from "../../db/connection";
import { toStored } from "../domain/dates";
import type { z } from "zod";
import type { importForm } from "../domain/forms";
import type { Result } from "../domain/result";
import { ImportError, storeImport, type ImportSummary, type PreparedImport } from "./import-thread";
import { prepareInWorker, RefusedPaste, type ImportBytes } from "./import-worker";

/**
 * The web form's import: the same service as the command line, its refusals as form messages,
 * beside the field the thread came in (`field`: the paste box, or the file of an upload, whose
 * bytes are decoded as the command line decodes a file).
 *
 * Parsing and finding speculation (most of the time of a big paste) run on a worker thread; the
 * write runs here, on the app's connection, in one transaction. Not in the worker on a second
 * connection: while it held SQLite's write lock, the app's own writes would wait with the whole
 * event loop blocked (every signed-in request touches its session), and a transaction that reads
 * before it writes (most services) fails at once with SQLITE_BUSY: SQLite does not wait on the
 * busy timeout when a read transaction cannot become a write one. So the lock is held only here,
 * only for the inserts, and no other connection ever contends with the app's.
 */
export async function runImport(
  db: Db,
  editor: Account,
  v: z.infer<typeof importForm> & { input: ImportBytes; field: "text" | "file" },
  now: DateTime,
  timeoutMs?: number,
): Promise<ImportResult> {
  const { input, field, ...opts } = v;
  try {
    // Stopped after timeoutMs (default DEFAULT_IMPORT_TIMEOUT_MS): an ImportError, nothing written.
    const prepared = await prepareInWorker(input, opts, timeoutMs);
    return { ok: true, value: storeWithAudit(db, editor, prepared, now) };
  } catch (err) {
    // A file's text does not go back into the paste box.
    const text = err instanceof RefusedPaste && field === "text" ? err.text : "";
    if (err instanceof ImportError) return { ok: false, field, message: err.message, text };
    throw err;
  }
}

/** A refusal of a paste carries the decoded text, so the form can be shown again with it. */
export type ImportResult = Result<ImportSummary> | { ok: false; field: string; message: string; text: string };

function storeWithAudit(db: Db, editor: Account, prepared: PreparedImport, now: DateTime): ImportSummary {
  return writeTransaction(db, () => {
    const s = storeImport(db, prepared, now);
    audit(db, {
      accountId: editor.id,
      action: "thread imported",
      details: `source #${s.sourceId} “${s.title}”: ${s.comments} comment(s) added, ${s.candidates} speculative sentence(s)`,
      now: toStored(now),
    });
    return s;
  })();
}
