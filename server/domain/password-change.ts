// What a password change means for the account's sessions, and the words that tell the reader.
// A session keeps a fingerprint of the password hash it signed in under (server/http/auth.ts);
// when the password changes, the fingerprint no longer matches and the session is signed out.
import { createHash } from "node:crypto";

/** A short fingerprint of a password hash, kept in each session signed in under it. Not a secret. */
export function passwordStamp(passwordHash: string): string {
  return createHash("sha256").update(passwordHash).digest("base64url").slice(0, 22);
}

/** What a password change did besides storing the new hash (services/accounts.ts changePassword). */
export interface PasswordChanged {
  /** The new password's fingerprint, for the session that made the change (signed in again). */
  stamp: string;
  /** How many other sessions, still valid, were signed out. */
  othersSignedOut: number;
  /** Whether the private feed had an address, now replaced. */
  feedReplaced: boolean;
}

export const WRONG_CURRENT_PASSWORD = "That is not your current password.";
export const SAME_PASSWORD = "Choose a password different from the current one.";
/** Another request changed the password while this one was checking the current password. */
export const CHANGED_MEANWHILE =
  "Your password was changed a moment ago (from another page or device) while this change was being checked. Nothing was changed by this form: enter your current password again.";
export const FEED_REPLACED = "Your private feed has a new address: the old one no longer works.";

/** The message shown after a change: what changed, and what else it ended. */
export function passwordChangedMessage(c: Pick<PasswordChanged, "othersSignedOut" | "feedReplaced">): string {
  return [
    "Your password is changed.",
    c.othersSignedOut > 0 ? "You are signed out everywhere else." : "",
    c.feedReplaced ? FEED_REPLACED : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/** The change-password form's 429 message, per limit (server/http/limits.ts). */
export function tooManyWrongPasswords(scope: "account" | "address", wait: string): string {
  const whose = scope === "account" ? "for this account" : "from your address";
  return `Too many wrong current passwords ${whose}. Try again in ${wait}.`;
}
