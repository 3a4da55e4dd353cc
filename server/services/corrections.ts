// An editor's corrections of earlier decisions: a forecast read from a comment edited or withdrawn,
// a dismissed sentence put back in the queue. Each says why, in the audit log, in the same
// transaction as the change and the rescoring it causes. Event corrections are in events.ts.
import type { DateTime } from "luxon";
import { writeTransaction } from "./write-transaction";
import type { Account } from "../../db/accounts";
import { audit } from "../../db/audit";
import { candidateOfForecast, markPendingAgain, type Candidate } from "../../db/candidates";
import type { Db } from "../../db/connection";
import { markForecastWithdrawn, updateForecastProbability, type ForecastRecord } from "../../db/forecasts";
import { toStored } from "../domain/dates";
import { ok, refuse, type Result } from "../domain/result";
import { rescoreClaims } from "./stored-scores";

const pct = (p: number): string => `${Math.round(p * 1000) / 10} %`;

/** Where the forecast's words are, for the audit entry: "skeptic_joe, comment 7". */
function origin(f: ForecastRecord): string {
  return f.commentSiteNumber !== null ? `${f.handle}, comment ${f.commentSiteNumber}` : `${f.handle}, the article`;
}

/**
 * Only forecasts an editor read from words (a comment or an article) are theirs to correct; a
 * reader's own forecast is the reader's, and a withdrawn one is no longer a forecast.
 */
function correctable(f: ForecastRecord): Result<null> {
  if (f.withdrawnAt !== null) return refuse("form", "This forecast was already withdrawn.");
  if (f.quote === null)
    return refuse("form", "This forecast was logged by a reader: only they can change it, by logging a new one.");
  return ok(null);
}

export function correctForecast(
  db: Db,
  editor: Account,
  forecast: ForecastRecord,
  v: { probability: number; reason: string },
  now: DateTime,
): Result<null> {
  const allowed = correctable(forecast);
  if (!allowed.ok) return allowed;
  if (v.probability === forecast.probability)
    return refuse("probability", `The forecast is already ${pct(v.probability)}: enter the corrected number.`);
  const at = toStored(now);
  return writeTransaction(db, (): Result<null> => {
    if (!updateForecastProbability(db, forecast.id, v.probability))
      return refuse("form", "This forecast was withdrawn while the form was open.");
    audit(db, {
      accountId: editor.id,
      action: "forecast corrected",
      claimId: forecast.claimId,
      details: `${origin(forecast)}: ${pct(forecast.probability)} → ${pct(v.probability)} — ${v.reason}`,
      now: at,
    });
    rescoreClaims(db, [forecast.claimId]);
    return ok(null);
  })();
}

/**
 * Withdraws a forecast read from words: it stays on record (shown to editors as withdrawn) but is
 * never scored. If it was made from a detected sentence, that sentence goes back to the queue, so
 * that it can be attached to the right claim or dismissed.
 */
export function withdrawForecast(
  db: Db,
  editor: Account,
  forecast: ForecastRecord,
  reason: string,
  now: DateTime,
): Result<{ requeued: boolean }> {
  const allowed = correctable(forecast);
  if (!allowed.ok) return allowed;
  const at = toStored(now);
  return writeTransaction(db, (): Result<{ requeued: boolean }> => {
    if (!markForecastWithdrawn(db, forecast.id, editor.id, reason, at))
      return refuse("form", "This forecast was already withdrawn.");
    const candidate = candidateOfForecast(db, forecast.id);
    const requeued = candidate !== undefined && markPendingAgain(db, candidate.id, "accepted");
    audit(db, {
      accountId: editor.id,
      action: "forecast withdrawn",
      claimId: forecast.claimId,
      details: `${origin(forecast)}: ${pct(forecast.probability)} on “${forecast.quote ?? ""}” — ${reason}${requeued ? " (the sentence is back in the review queue)" : ""}`,
      now: at,
    });
    rescoreClaims(db, [forecast.claimId]);
    return ok({ requeued });
  })();
}

/** Puts a dismissed sentence back in the review queue. Nothing is scored until it is accepted. */
export function undoDismissal(
  db: Db,
  editor: Account,
  candidate: Candidate,
  reason: string,
  now: DateTime,
): Result<null> {
  if (candidate.status !== "dismissed") return refuse("form", "This sentence is not dismissed (any more).");
  const at = toStored(now);
  return writeTransaction(db, (): Result<null> => {
    if (!markPendingAgain(db, candidate.id, "dismissed"))
      return refuse("form", "This sentence is not dismissed (any more).");
    audit(db, {
      accountId: editor.id,
      action: "dismissal undone",
      details: `${candidate.handle}, comment ${candidate.siteNumber}: “${candidate.sentence}” (dismissed as: ${candidate.dismissReason ?? ""}) — ${reason}`,
      now: at,
    });
    return ok(null);
  })();
}
