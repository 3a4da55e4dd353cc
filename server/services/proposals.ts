// What readers propose for an editor to decide: "this imported commenter is me", and "this comment
// is a forecast on that claim". Nothing here is scored until an editor accepts it (services/review).
import type { DateTime } from "luxon";
import { writeTransaction } from "./write-transaction";
import type { Account } from "../../db/accounts";
import { findClaim } from "../../db/claims";
import type { Db } from "../../db/connection";
import type { Person } from "../../db/people";
import {
  activeLinkForPerson,
  countPendingHandleLinksOfAccount,
  insertForecastProposal,
  insertHandleLink,
} from "../../db/proposals";
import { toStored } from "../domain/dates";
import { ok, refuse, type Result } from "../domain/result";

/** Open link requests one reader may have waiting at once: one reader cannot reserve every handle. */
export const MAX_PENDING_HANDLE_CLAIMS = 3;

export function claimHandle(db: Db, account: Account, person: Person, now: DateTime): Result<number> {
  // A reader's own person is theirs already; only handles that came in with a thread can be linked.
  if (person.kind !== "commenter") return refuse("form", "Only an imported commenter's handle can be claimed.");
  return writeTransaction(db, (): Result<number> => {
    // One reader per handle: while a request is pending or approved, another is refused.
    if (activeLinkForPerson(db, person.id))
      return refuse("form", "This handle is already claimed or awaiting an editor.");
    if (countPendingHandleLinksOfAccount(db, account.id) >= MAX_PENDING_HANDLE_CLAIMS) {
      return refuse(
        "form",
        `You already have ${MAX_PENDING_HANDLE_CLAIMS} handle link requests waiting for an editor. Wait until they are decided, then ask again.`,
      );
    }
    return ok(insertHandleLink(db, account.id, person.id, toStored(now)));
  })();
}

export interface ProposalValues {
  claimId: number;
  probability: number;
  quote: string;
}

export function proposeForecast(
  db: Db,
  account: Account,
  comment: { id: number; body: string },
  v: ProposalValues,
  now: DateTime,
): Result<number> {
  const claim = findClaim(db, v.claimId);
  if (!claim || claim.state !== "published") return refuse("claimId", "Choose a claim from the list");
  // The quote must be the commenter's own words: a proposal cannot put words in their mouth.
  if (!comment.body.includes(v.quote)) {
    return refuse("quote", "Quote words that appear in the comment, exactly as written");
  }
  const id = insertForecastProposal(db, {
    commentId: comment.id,
    claimId: claim.id,
    probability: v.probability,
    quote: v.quote,
    proposedBy: account.id,
    now: toStored(now),
  });
  return ok(id);
}
