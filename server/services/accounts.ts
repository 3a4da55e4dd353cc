// Accounts: sign-up, the create-user command, role changes and settings. The one door through
// which accounts are written.
import type { DateTime } from "luxon";
import { writeTransaction } from "./write-transaction";
import { countAdmins, insertAccount, nameTaken, setRole, setTimeZone, type Account } from "../../db/accounts";
import { audit } from "../../db/audit";
import type { Db } from "../../db/connection";
import { toStored } from "../domain/dates";
import { ok, refuse, type Result } from "../domain/result";
import type { Role } from "../domain/roles";
import { hashPassword } from "./passwords";

export const NAME_TAKEN = "That name is taken (by an account or an imported commenter). Choose another.";

/** An account and its reader's person; the username was already checked against USERNAME_RULE. */
export async function createAccount(
  db: Db,
  a: { username: string; password: string; role: Role },
  now: DateTime,
): Promise<Result<number>> {
  // Checked before hashing too, so a taken name is refused without the cost of scrypt.
  if (nameTaken(db, a.username)) return refuse("username", NAME_TAKEN);
  const passwordHash = await hashPassword(a.password);
  // Checked again inside the write: two sign-ups with one name may both pass the check above
  // while the password is being hashed.
  return writeTransaction(db, (): Result<number> => {
    if (nameTaken(db, a.username)) return refuse("username", NAME_TAKEN);
    return ok(insertAccount(db, { username: a.username, passwordHash, role: a.role, now: toStored(now) }));
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
