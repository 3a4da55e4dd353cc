// A reader's private feed address: /feeds/private/<token>.atom. Anyone with the address can read
// the feed, so the reader can replace it, and the old address stops working at once.
import { randomBytes } from "node:crypto";
import type { DateTime } from "luxon";
import type { Account } from "../../db/accounts";
import type { Db } from "../../db/connection";
import { setFeedToken } from "../../db/feeds";
import { toStored } from "../domain/dates";
import { writeTransaction } from "./write-transaction";

/** A new feed token: 32 random bytes, as 64 hex digits. */
export function newFeedToken(): string {
  return randomBytes(32).toString("hex");
}

/** Makes (or replaces) the account's feed token. A password change replaces it too (services/accounts.ts). */
export function rotateFeedToken(db: Db, account: Account, now: DateTime): string {
  const token = newFeedToken();
  writeTransaction(db, () => setFeedToken(db, account.id, token, toStored(now)))();
  return token;
}
