// Accounts: sign-up, the create-user command, role changes and settings. The one door through
// which accounts are written.
import type { DateTime } from "luxon";
import { writeTransaction } from "./write-transaction";
import {
  countAdmins,
  insertAccount,
  nameClash,
  passwordHashOf,
  setPasswordChecked,
  setPasswordHash,
  setRole,
  setTimeZone,
  type Account,
} from "../../db/accounts";
import { audit } from "../../db/audit";
import { feedTokenOf, setFeedToken } from "../../db/feeds";
import { deleteSessionsOfAccount } from "../../db/sessions";
import type { Db } from "../../db/connection";
import { toStored } from "../domain/dates";
import { ok, refuse, type Result } from "../domain/result";
import type { Role } from "../domain/roles";
import { PASSWORD_RULES_VERSION, passwordProblem } from "../domain/password-rules";
import {
  CHANGED_MEANWHILE,
  passwordStamp,
  SAME_PASSWORD,
  WRONG_CURRENT_PASSWORD,
  type PasswordChanged,
} from "../domain/password-change";
import { hashPassword, verifyPassword } from "./passwords";
import { newFeedToken } from "./feed-tokens";

export const NAME_TAKEN = "That name is taken (by an account or an imported commenter). Choose another.";
export const NAME_LOOKS_TAKEN =
  "That name looks like one already taken (by an account or an imported commenter), so people would mistake one for the other. Choose another.";

/** Why the name cannot be had, or null when it is free. */
function nameRefusal(db: Db, username: string): string | null {
  const clash = nameClash(db, username);
  return clash === "taken" ? NAME_TAKEN : clash === "look-alike" ? NAME_LOOKS_TAKEN : null;
}

/** An account and its reader's person; the username was already checked against USERNAME_RULE. */
export async function createAccount(
  db: Db,
  a: { username: string; password: string; role: Role },
  now: DateTime,
): Promise<Result<number>> {
  // Checked before hashing too, so a taken name is refused without the cost of scrypt.
  const clash = nameRefusal(db, a.username);
  if (clash) return refuse("username", clash);
  const passwordHash = await hashPassword(a.password);
  // Checked again inside the write: two sign-ups with one name may both pass the check above
  // while the password is being hashed.
  return writeTransaction(db, (): Result<number> => {
    const late = nameRefusal(db, a.username);
    if (late) return refuse("username", late);
    // Every caller checked the password against the rules (the signup form, generatePassword).
    return ok(
      insertAccount(db, {
        username: a.username,
        passwordHash,
        role: a.role,
        now: toStored(now),
        passwordRules: PASSWORD_RULES_VERSION,
      }),
    );
  })();
}

/** A visitor signing up becomes a reader; editors and admins are made by an admin. */
export function signUp(db: Db, v: { username: string; password: string }, now: DateTime): Promise<Result<number>> {
  return createAccount(db, { ...v, role: "reader" }, now);
}

export function changeRole(db: Db, actor: Account, target: Account, role: Role, now: DateTime): Result<null> {
  return writeTransaction(db, (): Result<null> => {
    // The last admin cannot demote themselves: someone must always be able to manage accounts.
    if (target.role === "admin" && role !== "admin" && countAdmins(db) <= 1) {
      return refuse("role", "This is the only admin account; make another admin first.");
    }
    setRole(db, target.id, role);
    audit(db, {
      accountId: actor.id,
      action: "role changed",
      details: `${target.username}: ${target.role} → ${role}`,
      now: toStored(now),
    });
    return ok(null);
  })();
}

/** The zone was checked against the runtime's list by the form. */
export function changeTimeZone(db: Db, account: Account, zone: string): void {
  setTimeZone(db, account.id, zone);
}

/**
 * At a successful login, the only moment the password is known in clear: an account whose
 * password no longer passes the rules (they were tightened since) must choose a new one.
 * Checked once per version of the rules (the check costs 20–150 ms of CPU). Returns whether it must.
 */
export function checkPasswordAtLogin(db: Db, account: Account, password: string): boolean {
  if (account.passwordRules >= PASSWORD_RULES_VERSION) return account.mustChangePassword;
  const must = passwordProblem(password, account.username) !== null;
  writeTransaction(db, () => setPasswordChecked(db, account.id, must, PASSWORD_RULES_VERSION))();
  return must;
}

/**
 * The form checked the new password against the rules; here the current one is checked. A new
 * password is how a reader locks out whoever learnt the old one, so the change also ends every
 * session of the account, the one making the change included (`sessionId`: its route signs in again
 * under a new id with the returned fingerprint, so a copy of its old cookie is worth nothing), and
 * gives the private feed a new address if it has one: the old address may have leaked with it.
 */
export async function changePassword(
  db: Db,
  account: Account,
  v: { current: string; password: string },
  now: DateTime,
  sessionId: string,
): Promise<Result<PasswordChanged>> {
  const checked = passwordHashOf(db, account.id);
  if (!checked || !(await verifyPassword(v.current, checked))) return refuse("current", WRONG_CURRENT_PASSWORD);
  if (v.current === v.password) return refuse("password", SAME_PASSWORD);
  const passwordHash = await hashPassword(v.password);
  return writeTransaction(db, (): Result<PasswordChanged> => {
    // Another change may have been stored while the current password was checked and the new one
    // hashed (both wait on scrypt): the current password checked here is then no longer current.
    if (passwordHashOf(db, account.id) !== checked) return refuse("form", CHANGED_MEANWHILE);
    setPasswordHash(db, account.id, passwordHash, PASSWORD_RULES_VERSION);
    const othersSignedOut = deleteSessionsOfAccount(db, account.id, now.toMillis(), sessionId);
    const feedReplaced = feedTokenOf(db, account.id) !== undefined;
    if (feedReplaced) setFeedToken(db, account.id, newFeedToken(), toStored(now));
    audit(db, {
      accountId: account.id,
      action: "password changed",
      details: `${account.username}: ${othersSignedOut} other session(s) signed out${feedReplaced ? ", private feed address replaced" : ""}`,
      now: toStored(now),
    });
    return ok({ stamp: passwordStamp(passwordHash), othersSignedOut, feedReplaced });
  })();
}
