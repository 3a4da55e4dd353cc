import { stmt, type Db } from "./connection";

import type { Role } from "../server/domain/roles";

export interface Account {
  id: number;
  username: string;
  role: Role;
  createdAt: string;
  personId: number | null;
  /** IANA zone in which this account sees times, e.g. "Europe/Berlin". */
  timeZone: string;
  /** Set while an editor has suspended the account: its writes are refused, with this reason. */
  suspendedReason: string | null;
  suspendedAt: string | null;
}

const SELECT = `SELECT a.id, a.username, a.role, a.created_at AS createdAt, p.id AS personId, a.time_zone AS timeZone,
  a.suspended_reason AS suspendedReason, a.suspended_at AS suspendedAt
  FROM accounts a LEFT JOIN people p ON p.account_id = a.id`;

export function findAccount(db: Db, id: number): Account | undefined {
  return stmt(db, `${SELECT} WHERE a.id = ?`).get(id) as Account | undefined;
}

export function findAccountByUsername(db: Db, username: string): (Account & { passwordHash: string }) | undefined {
  return stmt(
    db,
    `SELECT a.id, a.username, a.role, a.created_at AS createdAt, a.password_hash AS passwordHash, a.time_zone AS timeZone,
      a.suspended_reason AS suspendedReason, a.suspended_at AS suspendedAt, p.id AS personId FROM accounts a LEFT JOIN people p ON p.account_id = a.id WHERE a.username = ?`,
  ).get(username) as (Account & { passwordHash: string }) | undefined;
}

export function listAccounts(db: Db): Account[] {
  return stmt(db, `${SELECT} ORDER BY a.username COLLATE NOCASE`).all() as Account[];
}

/** Creates the account and the reader's person (same handle) that their own forecasts belong to. */
export function insertAccount(db: Db, a: { username: string; passwordHash: string; role: Role; now: string }): number {
  const info = stmt(db, `INSERT INTO accounts (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)`).run(
    a.username,
    a.passwordHash,
    a.role,
    a.now,
  );
  const id = Number(info.lastInsertRowid);
  stmt(db, `INSERT INTO people (handle, kind, account_id, created_at) VALUES (?, 'reader', ?, ?)`).run(
    a.username,
    id,
    a.now,
  );
  return id;
}

export function setRole(db: Db, id: number, role: Role): void {
  stmt(db, `UPDATE accounts SET role = ? WHERE id = ?`).run(role, id);
}

export function countAdmins(db: Db): number {
  return stmt(db, `SELECT count(*) FROM accounts WHERE role = 'admin'`).pluck().get() as number;
}

/** True if the name is taken by an account or by any person (an imported commenter's handle). */
export function nameTaken(db: Db, username: string): boolean {
  return (
    stmt(
      db,
      `SELECT EXISTS (SELECT 1 FROM accounts WHERE username = ?) OR EXISTS (SELECT 1 FROM people WHERE handle = ?)`,
    )
      .pluck()
      .get(username, username) === 1
  );
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
