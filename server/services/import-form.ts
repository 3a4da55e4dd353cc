import type { DateTime } from "luxon";
import type { Account } from "../../db/accounts";
import { audit } from "../../db/audit";
import type { Db } from "../../db/connection";
import { toStored } from "../domain/dates";
import type { z } from "zod";
import type { importForm } from "../domain/forms";
import type { Result } from "../domain/result";
import { ImportError, importThread, type ImportSummary } from "./import-thread";

/** The web form's import: the same service as the command line, its refusals as form messages. */
export function runImport(
  db: Db,
  editor: Account,
  v: z.infer<typeof importForm>,
  now: DateTime,
): Result<ImportSummary> {
  try {
    const { text, ...opts } = v;
    const summary = db.transaction(() => {
      const s = importThread(db, text, opts, now);
      audit(db, {
        accountId: editor.id,
        action: "thread imported",
        details: `source #${s.sourceId} “${s.title}”: ${s.comments} comment(s) added, ${s.candidates} speculative sentence(s)`,
        now: toStored(now),
      });
      return s;
    })();
    return { ok: true, value: summary };
  } catch (err) {
    if (err instanceof ImportError) return { ok: false, field: "text", message: err.message };
    throw err;
  }
}
