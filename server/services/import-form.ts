import type { DateTime } from "luxon";
import type { Db } from "../../db/connection";
import type { z } from "zod";
import type { importForm } from "../domain/forms";
import type { Outcome } from "./claim-writes";
import { ImportError, importThread, type ImportSummary } from "./import-thread";

export { importForm } from "../domain/forms";

/** The web form's import: the same service as the command line, its refusals as form messages. */
export function runImport(db: Db, v: z.infer<typeof importForm>, now: DateTime): Outcome<ImportSummary> {
  try {
    const { text, ...opts } = v;
    return { ok: true, value: importThread(db, text, opts, now) };
  } catch (err) {
    if (err instanceof ImportError) return { ok: false, field: "text", message: err.message };
    throw err;
  }
}
