import { stmt, type Db } from "./connection";
import { insertSearchEntry } from "./search";

import type { Role } from "../server/domain/roles";
import { handleKey, handleSkeleton } from "../server/domain/usernames";

export interface Account {
  id: number;
  username: string;
  role: Role;
  createdAt: string;
  personId: number | null;
  /** IANA zone in which this account sees times, e.g. "Europe/Berlin". */
  timeZone: string;
  /** Set at login when the stored password no longer passes the rules: a new one must be chosen first. */
  mustChangePassword: boolean;
  /** The version of the password rules the stored password was last checked against (0: never). */
  passwordRules: number;
  /** Set while an editor has suspended the account: its writes are refused, with this reason. */
  suspendedReason: string | null;
  suspendedAt: string | null;
}

const SELECT = `SELECT a.id, a.username, a.role, a.created_at AS createdAt, p.id AS personId, a.time_zone AS timeZone,
  a.must_change_password AS mustChangePassword, a.password_rules AS passwordRules,
  a.suspended_reason AS suspendedReason, a.suspended_at AS suspendedAt
  FROM accounts a LEFT JOIN people p ON p.account_id = a.id`;

const SELECT_WITH_HASH = `SELECT a.id, a.username, a.role, a.created_at AS createdAt, p.id AS personId, a.time_zone AS timeZone,
  a.must_change_password AS mustChangePassword, a.password_rules AS passwordRules,
  a.suspended_reason AS suspendedReason, a.suspended_at AS suspendedAt, a.password_hash AS passwordHash
  FROM accounts a LEFT JOIN people p ON p.account_id = a.id`;

type AccountRow = Omit<Account, "mustChangePassword"> & { mustChangePassword: number };
const toAccount = <T extends AccountRow>(r: T): Omit<T, "mustChangePassword"> & { mustChangePassword: boolean } => ({
  ...r,
  mustChangePassword: r.mustChangePassword === 1,
});

export function findAccount(db: Db, id: number): Account | undefined {
  const row = stmt(db, `${SELECT} WHERE a.id = ?`).get(id) as AccountRow | undefined;
  return row && toAccount(row);
}

export function findAccountByUsername(db: Db, username: string): (Account & { passwordHash: string }) | undefined {
  const row = stmt(
    db,
    `SELECT a.id, a.username, a.role, a.created_at AS createdAt, a.password_hash AS passwordHash, a.time_zone AS timeZone,
      a.must_change_password AS mustChangePassword, a.password_rules AS passwordRules,
      a.suspended_reason AS suspendedReason, a.suspended_at AS suspendedAt,
      p.id AS personId FROM accounts a LEFT JOIN people p ON p.account_id = a.id WHERE a.username = ?`,
  ).get(username) as (AccountRow & { passwordHash: string }) | undefined;
  return row && toAccount(row);
}

/** The signed-in account of a session, with the password hash its session fingerprint is checked against. */
export function findAccountWithPasswordHash(db: Db, id: number): (Account & { passwordHash: string }) | undefined {
  const row = stmt(db, `${SELECT_WITH_HASH} WHERE a.id = ?`).get(id) as
    (AccountRow & { passwordHash: string }) | undefined;
  return row && toAccount(row);
}

/** The stored password hash, for checking the current password before a change. */
export function passwordHashOf(db: Db, id: number): string | undefined {
  return stmt(db, `SELECT password_hash FROM accounts WHERE id = ?`).pluck().get(id) as string | undefined;
}

/** A new password, checked against the rules of `rules` version when it was chosen. */
export function setPasswordHash(db: Db, id: number, passwordHash: string, rules: number): void {
  stmt(db, `UPDATE accounts SET password_hash = ?, must_change_password = 0, password_rules = ? WHERE id = ?`).run(
    passwordHash,
    rules,
    id,
  );
}

/** The outcome of checking the stored password against the rules of `rules` version. */
export function setPasswordChecked(db: Db, id: number, must: boolean, rules: number): void {
  stmt(db, `UPDATE accounts SET must_change_password = ?, password_rules = ? WHERE id = ?`).run(
    must ? 1 : 0,
    rules,
    id,
  );
}

export function listAccounts(db: Db): Account[] {
  return (stmt(db, `${SELECT} ORDER BY a.username COLLATE NOCASE`).all() as AccountRow[]).map(toAccount);
}

/** Creates the account and the reader's person (same handle) that their own forecasts belong to. */
/** `passwordRules`: the version of the rules the password was checked against (0 or absent: not checked). */
export function insertAccount(
  db: Db,
  a: { username: string; passwordHash: string; role: Role; now: string; passwordRules?: number },
): number {
  const info = stmt(
    db,
    `INSERT INTO accounts (username, password_hash, role, created_at, password_rules) VALUES (?, ?, ?, ?, ?)`,
  ).run(a.username, a.passwordHash, a.role, a.now, a.passwordRules ?? 0);
  const id = Number(info.lastInsertRowid);
  const person = stmt(
    db,
    `INSERT INTO people (handle, handle_key, handle_skeleton, kind, account_id, created_at)
       VALUES (?, ?, ?, 'reader', ?, ?)`,
  ).run(a.username, handleKey(a.username), handleSkeleton(a.username), id, a.now);
  insertSearchEntry(db, "person", Number(person.lastInsertRowid), { title: a.username });
  return id;
}

export function setRole(db: Db, id: number, role: Role): void {
  stmt(db, `UPDATE accounts SET role = ? WHERE id = ?`).run(role, id);
}

export function countAdmins(db: Db): number {
  return stmt(db, `SELECT count(*) FROM accounts WHERE role = 'admin'`).pluck().get() as number;
}

/**
 * How the name clashes with an account or a person (an imported commenter's handle): "taken" when
 * it is the same name as people read it (handleKey), "look-alike" when it only looks the same
 * (handleSkeleton, e.g. a Cyrillic "е" for a Latin "e"), or null when it is free.
 */
export function nameClash(db: Db, username: string): "taken" | "look-alike" | null {
  const taken =
    stmt(
      db,
      `SELECT EXISTS (SELECT 1 FROM accounts WHERE username = ?) OR EXISTS (SELECT 1 FROM people WHERE handle_key = ?)`,
    )
      .pluck()
      .get(username, handleKey(username)) === 1;
  if (taken) return "taken";
  const alike =
    stmt(db, `SELECT EXISTS (SELECT 1 FROM people WHERE handle_skeleton = ?)`).pluck().get(handleSkeleton(username)) ===
    1;
  return alike ? "look-alike" : null;
}

export function setTimeZone(db: Db, id: number, zone: string): void {
  stmt(db, `UPDATE accounts SET time_zone = ? WHERE id = ?`).run(zone, id);
}

/** Suspends (a reason) or lifts the suspension (null) of an account. */
export function setSuspension(db: Db, id: number, s: { reason: string; at: string; by: number } | null): void {
  stmt(db, `UPDATE accounts SET suspended_reason = ?, suspended_at = ?, suspended_by = ? WHERE id = ?`).run(
    s?.reason ?? null,
    s?.at ?? null,
    s?.by ?? null,
    id,
  );
}
