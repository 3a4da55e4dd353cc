// Editors' moderation of one reader's account: suspend it (its writes are refused, with the reason
// shown to it), lift the suspension, and reject in one go everything it has waiting for an editor.
// Each is one transaction with its audit entries.
import type { DateTime } from "luxon";
import { writeTransaction } from "./write-transaction";
import { findAccount, setSuspension, type Account } from "../../db/accounts";
import { audit } from "../../db/audit";
import { proposedClaimIdsOfAccount, setClaimState } from "../../db/claims";
import type { Db } from "../../db/connection";
import { answerDispute, openDisputesOfAccount } from "../../db/disputes";
import {
  countPendingForecastProposalsOfAccount,
  countPendingHandleLinksOfAccount,
  decidePendingForecastProposalsOfAccount,
  decidePendingHandleLinksOfAccount,
} from "../../db/proposals";
import { toStored } from "../domain/dates";
import { ok, refuse, type Result } from "../domain/result";

/** What one account has waiting for an editor. */
export interface PendingCounts {
  claims: number;
  forecastProposals: number;
  handleLinks: number;
  disputes: number;
}

export function pendingOf(db: Db, accountId: number): PendingCounts {
  return {
    claims: proposedClaimIdsOfAccount(db, accountId).length,
    forecastProposals: countPendingForecastProposalsOfAccount(db, accountId),
    handleLinks: countPendingHandleLinksOfAccount(db, accountId),
    disputes: openDisputesOfAccount(db, accountId).length,
  };
}

export function pendingTotal(p: PendingCounts): number {
  return p.claims + p.forecastProposals + p.handleLinks + p.disputes;
}

/** Editors moderate readers; an editor's or admin's account is an admin's to change (by its role). */
function moderatable(target: Account): Result<null> {
  if (target.role !== "reader")
    return refuse("form", `${target.username} is an ${target.role}: only a reader's account can be suspended.`);
  return ok(null);
}

export function suspendAccount(db: Db, editor: Account, target: Account, reason: string, now: DateTime): Result<null> {
  const allowed = moderatable(target);
  if (!allowed.ok) return allowed;
  const at = toStored(now);
  writeTransaction(db, () => {
    setSuspension(db, target.id, { reason, at, by: editor.id });
    audit(db, { accountId: editor.id, action: "account suspended", details: `${target.username}: ${reason}`, now: at });
  })();
  return ok(null);
}

export function liftSuspension(db: Db, editor: Account, target: Account, now: DateTime): Result<null> {
  if (!target.suspendedReason) return refuse("form", `${target.username} is not suspended.`);
  const at = toStored(now);
  writeTransaction(db, () => {
    setSuspension(db, target.id, null);
    audit(db, { accountId: editor.id, action: "suspension lifted", details: target.username, now: at });
  })();
  return ok(null);
}

/**
 * Rejects every item the account has waiting: proposed claims, forecast proposals, handle link
 * requests and open disputes (answered: the resolution stands). Claims and disputes get an entry
 * in their claim's history; one entry sums it all up. Scores do not change: nothing here was scored.
 */
export function rejectAllPending(db: Db, editor: Account, target: Account, now: DateTime): Result<PendingCounts> {
  const allowed = moderatable(target);
  if (!allowed.ok) return allowed;
  const at = toStored(now);
  const note = `Rejected with everything else pending from ${target.username}.`;
  return writeTransaction(db, (): Result<PendingCounts> => {
    // Read again inside the transaction: the account may have changed since the page was shown.
    if (!findAccount(db, target.id)) return refuse("form", "That account no longer exists.");
    const claimIds = proposedClaimIdsOfAccount(db, target.id);
    for (const id of claimIds) {
      setClaimState(db, id, "rejected", note);
      audit(db, { accountId: editor.id, action: "proposal rejected", claimId: id, details: note, now: at });
    }
    const disputes = openDisputesOfAccount(db, target.id);
    for (const d of disputes) {
      answerDispute(db, d.id, { status: "upheld", answer: note, accountId: editor.id, now: at });
      audit(db, { accountId: editor.id, action: "dispute rejected", claimId: d.claimId, details: note, now: at });
    }
    const counts: PendingCounts = {
      claims: claimIds.length,
      forecastProposals: decidePendingForecastProposalsOfAccount(db, target.id, editor.id, at),
      handleLinks: decidePendingHandleLinksOfAccount(db, target.id, editor.id, at),
      disputes: disputes.length,
    };
    audit(db, {
      accountId: editor.id,
      action: "pending items rejected in bulk",
      details: `${target.username}: ${counts.claims} claim(s), ${counts.forecastProposals} forecast proposal(s), ${counts.handleLinks} handle link(s), ${counts.disputes} dispute(s)`,
      now: at,
    });
    return ok(counts);
  })();
}
