// Editors' decisions on what readers and the detector propose. Nothing becomes a scored forecast
// without one of these, and each is recorded (who, when) in the same transaction as its effect.
import type { DateTime } from "luxon";
import { writeTransaction } from "./write-transaction";
import type { Account } from "../../db/accounts";
import { audit } from "../../db/audit";
import { markAccepted, markDismissed, type Candidate } from "../../db/candidates";
import { findClaim, type Claim } from "../../db/claims";
import { commentPostedAt } from "../../db/comments";
import type { Db } from "../../db/connection";
import { insertForecast } from "../../db/forecasts";
import { decideForecastProposal, decideHandleLink, type ForecastProposal, type HandleLink } from "../../db/proposals";
import { findSource } from "../../db/sources";
import { parseDay, toStored } from "../domain/dates";
import { ok, refuse, type Result } from "../domain/result";
import { createClaim, type ClaimValues } from "./claim-writes";
import { rescoreClaims } from "./stored-scores";

/**
 * A forecast read from a comment is dated when the comment was written, when its source said
 * (Disqus, Reddit, Hacker News, WordPress, a paste's "Posted:" line); else at its source's
 * publication date when known, else when it was recorded.
 */
function commentTime(db: Db, commentId: number, sourceId: number, now: DateTime): string {
  const posted = commentPostedAt(db, commentId);
  if (posted !== null) return posted;
  const published = findSource(db, sourceId)?.publishedOn;
  const day = published ? parseDay(published) : null;
  return toStored(day ?? now);
}

/** A forecast read from a comment, recorded by an editor: the one way both queues create forecasts. */
function recordCommentForecast(
  db: Db,
  editor: Account,
  now: DateTime,
  f: {
    claimId: number;
    personId: number;
    probability: number;
    commentId: number;
    sourceId: number;
    quote: string;
    reasoning: string;
  },
): number {
  const at = toStored(now);
  const id = insertForecast(db, {
    ...f,
    madeAt: commentTime(db, f.commentId, f.sourceId, now),
    recordedBy: editor.id,
    createdAt: at,
  });
  // Dated at the comment, so it can land before a resolved claim's known-at and count.
  rescoreClaims(db, [f.claimId]);
  return id;
}

export function acceptCandidate(
  db: Db,
  editor: Account,
  candidate: Candidate,
  claim: Claim,
  probability: number,
  now: DateTime,
): Result<number> {
  if (candidate.status !== "pending")
    return { ok: false, field: "form", message: "This candidate was already decided." };
  if (claim.state !== "published") return { ok: false, field: "claimId", message: "Attach it to a published claim." };
  const at = toStored(now);
  const forecastId = writeTransaction(db, () => {
    const id = recordCommentForecast(db, editor, now, {
      claimId: claim.id,
      personId: candidate.personId,
      probability,
      commentId: candidate.commentId,
      sourceId: candidate.sourceId,
      quote: candidate.sentence,
      reasoning: `Read from the words (${candidate.cues.join(", ")}); suggested ${Math.round(candidate.suggestedProbability * 100)}%.`,
    });
    markAccepted(db, candidate.id, id, editor.id, at);
    audit(db, {
      accountId: editor.id,
      action: "forecast taken from a comment",
      claimId: claim.id,
      details: `${candidate.handle}, comment ${candidate.siteNumber}: “${candidate.sentence}” → ${Math.round(probability * 100)}%`,
      now: at,
    });
    return id;
  })();
  return { ok: true, value: forecastId };
}

/** Where an editor puts a candidate: an existing claim, or a new one written on the spot. */
export interface CandidateTarget {
  claimId: number | null;
  newClaim: ClaimValues | null;
  probability: number;
}

/** Thrown inside a transaction to roll it back, carrying the refusal to answer with. */
class Refused extends Error {
  constructor(readonly refusal: { ok: false; field: string; message: string }) {
    super(refusal.message);
  }
}

/** Accepts a candidate onto its target claim, creating that claim first when it is new. */
export function acceptCandidateOnto(
  db: Db,
  editor: Account,
  candidate: Candidate,
  target: CandidateTarget,
  now: DateTime,
): Result<Claim> {
  // A new claim and the forecast on it are one change: if the forecast is refused, no claim is left behind.
  const write = writeTransaction(db, (): Result<Claim> => {
    const claimId = target.newClaim ? createClaim(db, editor, target.newClaim, now) : target.claimId;
    const claim = claimId === null ? undefined : findClaim(db, claimId);
    if (!claim) return refuse("claimId", "Choose a claim, or write a new one");
    const done = acceptCandidate(db, editor, candidate, claim, target.probability, now);
    if (!done.ok) throw new Refused(done);
    return ok(claim);
  });
  try {
    return write();
  } catch (err) {
    if (err instanceof Refused) return err.refusal;
    throw err;
  }
}

/**
 * The claim a candidate would be attached to, checked as acceptCandidateOnto will check it, so the
 * editor can read the forecast in words before it is saved. Writes nothing.
 */
export function candidateTargetText(db: Db, target: CandidateTarget): Result<string> {
  if (target.newClaim) return ok(target.newClaim.text);
  const claim = target.claimId === null ? undefined : findClaim(db, target.claimId);
  if (!claim) return refuse("claimId", "Choose a claim, or write a new one");
  if (claim.state !== "published") return refuse("claimId", "Attach it to a published claim.");
  return ok(claim.text);
}

export function dismissCandidate(
  db: Db,
  editor: Account,
  candidate: Candidate,
  reason: string,
  now: DateTime,
): Result<null> {
  if (candidate.status !== "pending")
    return { ok: false, field: "form", message: "This candidate was already decided." };
  const at = toStored(now);
  writeTransaction(db, () => {
    markDismissed(db, candidate.id, reason, editor.id, at);
    audit(db, {
      accountId: editor.id,
      action: "speculation dismissed",
      details: `${candidate.handle}, comment ${candidate.siteNumber}: “${candidate.sentence}” — ${reason}`,
      now: at,
    });
  })();
  return { ok: true, value: null };
}

export function decideProposal(
  db: Db,
  editor: Account,
  proposal: ForecastProposal,
  decision: "accept" | "reject",
  now: DateTime,
): Result<null> {
  if (proposal.status !== "pending") return { ok: false, field: "form", message: "This proposal was already decided." };
  const at = toStored(now);
  writeTransaction(db, () => {
    let forecastId: number | null = null;
    if (decision === "accept") {
      forecastId = recordCommentForecast(db, editor, now, {
        claimId: proposal.claimId,
        personId: proposal.personId,
        probability: proposal.probability,
        commentId: proposal.commentId,
        sourceId: proposal.sourceId,
        quote: proposal.quote,
        reasoning: `Proposed by ${proposal.proposedBy}.`,
      });
    }
    decideForecastProposal(db, proposal.id, {
      status: decision === "accept" ? "accepted" : "rejected",
      forecastId,
      accountId: editor.id,
      now: at,
    });
    audit(db, {
      accountId: editor.id,
      action: `reader's forecast proposal ${decision}ed`,
      claimId: proposal.claimId,
      details: `${proposal.handle}, comment ${proposal.siteNumber}: “${proposal.quote}” (proposed by ${proposal.proposedBy})`,
      now: at,
    });
  })();
  return { ok: true, value: null };
}

export function decideLink(
  db: Db,
  editor: Account,
  link: HandleLink,
  decision: "approve" | "reject",
  now: DateTime,
): Result<null> {
  if (link.status !== "pending") return { ok: false, field: "form", message: "This request was already decided." };
  const at = toStored(now);
  writeTransaction(db, () => {
    decideHandleLink(db, link.id, decision === "approve" ? "approved" : "rejected", editor.id, at);
    audit(db, {
      accountId: editor.id,
      action: `handle link ${decision}d`,
      details: `${link.username} ↔ ${link.handle}`,
      now: at,
    });
  })();
  return { ok: true, value: null };
}
