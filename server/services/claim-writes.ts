// Every write an editor or reader makes to claims: one transaction each, with its audit entry,
// so the history, the scores and the pages agree on the very next request.
import type { DateTime } from "luxon";
import { writeTransaction } from "./write-transaction";
import type { Account } from "../../db/accounts";
import { audit } from "../../db/audit";
import { bumpScoresVersion } from "../../db/data-version";
import { insertClaim, mergeClaimInto, setClaimState, updateClaim, type Claim } from "../../db/claims";
import type { Db } from "../../db/connection";
import {
  answerDispute,
  closeDisputesByReResolution,
  countOpenDisputesOfAccountOnClaim,
  insertDispute,
  type Dispute,
} from "../../db/disputes";
import { findEvent } from "../../db/events";
import { insertForecast } from "../../db/forecasts";
import { insertResolution, resolutionHistory } from "../../db/resolutions";
import { parseDay, toStored, today } from "../domain/dates";
import { refuse, type Result } from "../domain/result";
import { autoBasis, basisRefusal, knownAtDay, type KnownAtBasis, type KnownAtChoice } from "../domain/known-at";
import { hasRole } from "../domain/roles";
import { rescoreClaims } from "./stored-scores";
import type { Verdict } from "../domain/types";

export interface ClaimValues {
  text: string;
  details: string | null;
  resolveBy: string;
  tags: string[];
}

/** An editor's claim is published at once; a reader's waits for an editor as a proposal. */
export function createClaim(db: Db, account: Account, v: ClaimValues, now: DateTime): number {
  const editor = hasRole(account, "editor");
  return writeTransaction(db, () => {
    const id = insertClaim(db, {
      ...v,
      details: v.details ?? "",
      createdAt: toStored(now),
      createdBy: account.id,
      state: editor ? "published" : "proposed",
    });
    audit(db, {
      accountId: account.id,
      action: editor ? "claim created" : "claim proposed",
      claimId: id,
      details: v.text,
      now: toStored(now),
    });
    return id;
  })();
}

export function editClaim(db: Db, account: Account, claim: Claim, v: ClaimValues, now: DateTime): void {
  const changes = [
    claim.text !== v.text && `text was “${claim.text}”`,
    claim.resolveBy !== v.resolveBy && `resolve-by was ${claim.resolveBy}`,
    claim.details !== (v.details ?? "") && "details changed",
    claim.tags.join(",") !== v.tags.join(",") && `tags were ${claim.tags.join(", ") || "none"}`,
  ].filter(Boolean);
  writeTransaction(db, () => {
    updateClaim(db, claim.id, { ...v, details: v.details ?? "" });
    // No score changes, but tag boards sum by the claim's tags: cached boards must be made again.
    if (claim.tags.join(",") !== v.tags.join(",")) bumpScoresVersion(db);
    audit(db, {
      accountId: account.id,
      action: "claim edited",
      claimId: claim.id,
      details: changes.join("; ") || "no change",
      now: toStored(now),
    });
  })();
}

export function reviewClaim(
  db: Db,
  account: Account,
  claim: Claim,
  decision: "approve" | "reject",
  note: string | null,
  now: DateTime,
): Result<null> {
  if (claim.state !== "proposed") return refuse("form", "Only a proposed claim can be approved or rejected.");
  writeTransaction(db, () => {
    setClaimState(db, claim.id, decision === "approve" ? "published" : "rejected", note);
    audit(db, {
      accountId: account.id,
      action: decision === "approve" ? "proposal approved" : "proposal rejected",
      claimId: claim.id,
      details: note ?? "",
      now: toStored(now),
    });
  })();
  return { ok: true, value: null };
}

/** Why a claim takes no new forecasts, or null when it is open. */
export function closedReason(claim: Claim, now: DateTime): string | null {
  if (claim.state === "proposed")
    return "This claim is a proposal waiting for an editor; forecasts open once it is approved.";
  if (claim.state !== "published") return "This claim is closed: it was rejected or merged into another claim.";
  if (claim.verdict) return `This claim was resolved ${claim.verdict}; forecasts are closed.`;
  if (claim.resolveBy <= today(now))
    return `The resolve-by date (${claim.resolveBy}) has passed; forecasts are closed while it awaits resolution.`;
  return null;
}

export function logForecast(
  db: Db,
  account: Account,
  claim: Claim,
  v: { probability: number; reasoning: string | null },
  now: DateTime,
): Result<number> {
  const closed = closedReason(claim, now);
  if (closed) return refuse("form", closed);
  if (account.personId === null) return refuse("form", "Your account has no forecaster profile.");
  const at = toStored(now);
  const personId = account.personId;
  // No rescoring: closedReason refused resolved claims, and a forecast on an open claim changes no score.
  const id = writeTransaction(db, () =>
    insertForecast(db, {
      claimId: claim.id,
      personId,
      probability: v.probability,
      madeAt: at,
      commentId: null,
      sourceId: null,
      quote: null,
      reasoning: v.reasoning,
      recordedBy: account.id,
      createdAt: at,
    }),
  )();
  return { ok: true, value: id };
}

export interface ResolveValues {
  verdict: Verdict;
  /** "auto": the earliest cited event's date, or the resolve-by date when none is cited (domain/known-at.ts). */
  basis: KnownAtChoice;
  eventIds: number[];
  rationale: string;
  /** The current resolution's id when the form was shown (null: none); undefined skips the check. */
  expected?: number | null;
}

/** Known-at: the earliest cited event's date, or the resolve-by date when the claim lapsed. */
function knownAt(db: Db, claim: Claim, v: ResolveValues, now: DateTime): Result<{ basis: KnownAtBasis; day: string }> {
  const events = v.eventIds.map((id) => findEvent(db, id));
  if (events.some((e) => !e)) return refuse("eventIds", "One of the cited events does not exist.");
  const days = events.flatMap((e) => (e ? [e.occurredOn] : []));
  const basis = v.basis === "auto" ? autoBasis(v.verdict, days, claim.resolveBy) : v.basis;
  const wrongBasis = basisRefusal(v.verdict, basis);
  if (wrongBasis) return refuse("basis", wrongBasis);
  if (basis === "lapse" && claim.resolveBy > today(now)) {
    return v.basis === "auto"
      ? refuse("eventIds", "The resolve-by date has not passed yet: cite the event that settled the claim.")
      : refuse("basis", "The resolve-by date has not passed yet: cite the event that settled the claim.");
  }
  const day = knownAtDay(basis, days, claim.resolveBy);
  if (day === null) {
    return v.verdict === "YES"
      ? refuse("eventIds", "A YES came true on some day: cite the event that made it true.")
      : refuse("eventIds", "Cite at least one event, or say the resolve-by date passed");
  }
  return { ok: true, value: { basis, day } };
}

export function resolveClaim(db: Db, account: Account, claim: Claim, v: ResolveValues, now: DateTime): Result<number> {
  if (claim.state !== "published") return refuse("form", "Only a published claim can be resolved.");
  const known = knownAt(db, claim, v, now);
  if (!known.ok) return known;
  const day = parseDay(known.value.day);
  if (!day) return refuse("form", "The known-at date is not a real date.");
  const previous = resolutionHistory(db, claim.id)[0];
  // A double-submitted or stale form must not stack a second resolution on the one it did not see.
  if (v.expected !== undefined && v.expected !== (previous?.id ?? null)) {
    return refuse(
      "form",
      `This claim was ${previous ? `resolved ${previous.verdict}` : "changed"} while the form was open. Review it and submit again.`,
    );
  }
  const at = toStored(now);
  const id = writeTransaction(db, () => {
    const rid = insertResolution(db, {
      claimId: claim.id,
      verdict: v.verdict,
      knownAt: toStored(day),
      knownAtBasis: known.value.basis,
      rationale: v.rationale,
      resolvedBy: account.id,
      createdAt: at,
      eventIds: v.eventIds,
    });
    const action = previous ? `re-resolved ${previous.verdict} → ${v.verdict}` : `resolved ${v.verdict}`;
    audit(db, { accountId: account.id, action, claimId: claim.id, details: v.rationale, now: at });
    if (previous) closeDisputesByReResolution(db, claim.id, `Re-resolved ${v.verdict}: ${v.rationale}`, account.id, at);
    rescoreClaims(db, [claim.id]);
    return rid;
  })();
  return { ok: true, value: id };
}

export function mergeClaim(db: Db, account: Account, from: Claim, to: Claim, now: DateTime): Result<number> {
  if (from.id === to.id) return refuse("targetId", "A claim cannot be merged into itself.");
  if (from.state !== "published" && from.state !== "proposed")
    return refuse("form", "This claim was already merged or rejected.");
  if (to.state !== "published") return refuse("targetId", "Merge into a published claim.");
  if (to.verdict) return refuse("targetId", "Merge into an open claim: this one is already resolved.");
  if (from.verdict) return refuse("form", "A resolved claim cannot be merged; annul it instead.");
  const at = toStored(now);
  const moved = writeTransaction(db, () => {
    const n = mergeClaimInto(db, from.id, to.id);
    // Both are open today (resolved claims are refused above), so this changes nothing yet; it keeps
    // the scores right if merging resolved claims is ever allowed.
    rescoreClaims(db, [from.id, to.id]);
    audit(db, {
      accountId: account.id,
      action: "merged away",
      claimId: from.id,
      details: `into #${to.id} “${to.text}”, ${n} forecast(s) moved`,
      now: at,
    });
    audit(db, {
      accountId: account.id,
      action: "merged in",
      claimId: to.id,
      details: `#${from.id} “${from.text}”, ${n} forecast(s) moved here`,
      now: at,
    });
    return n;
  })();
  return { ok: true, value: moved };
}

export function fileDispute(
  db: Db,
  account: Account,
  claim: Claim,
  v: { reason: string; evidence: string },
  now: DateTime,
): Result<number> {
  const current = resolutionHistory(db, claim.id)[0];
  if (!current) return refuse("form", "Only a resolved claim can be disputed.");
  const at = toStored(now);
  const id = writeTransaction(db, () => {
    // One open dispute per reader and claim: add to it by waiting for the editor's answer.
    if (countOpenDisputesOfAccountOnClaim(db, account.id, claim.id) > 0) return null;
    const did = insertDispute(db, {
      claimId: claim.id,
      resolutionId: current.id,
      accountId: account.id,
      reason: v.reason,
      evidence: v.evidence,
      now: at,
    });
    audit(db, { accountId: account.id, action: "resolution disputed", claimId: claim.id, details: v.reason, now: at });
    return did;
  })();
  if (id === null)
    return refuse(
      "form",
      "You already have an open dispute on this claim. An editor will answer it before you file another.",
    );
  return { ok: true, value: id };
}

export function upholdResolution(
  db: Db,
  account: Account,
  dispute: Dispute,
  answer: string,
  now: DateTime,
): Result<null> {
  if (dispute.status !== "open") return refuse("form", "This dispute has already been answered.");
  const at = toStored(now);
  writeTransaction(db, () => {
    answerDispute(db, dispute.id, { status: "upheld", answer, accountId: account.id, now: at });
    audit(db, {
      accountId: account.id,
      action: "dispute answered: upheld",
      claimId: dispute.claimId,
      details: answer,
      now: at,
    });
  })();
  return { ok: true, value: null };
}
