// scrypt from node:crypto: memory-hard, no native dependency. Stored as
// "scrypt$N$r$p$salt$hash" (base64) so the cost can be raised later without breaking old hashes.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { passwordProblem } from "../domain/password-rules";

const COST = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 64;

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, { ...opts, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ["scrypt", COST.N, COST.r, COST.p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await derive(password, Buffer.from(salt, "base64"), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password, compared against when the username is unknown, so timing does not reveal which names exist. */
export const DUMMY_HASH_PROMISE = hashPassword(randomBytes(12).toString("hex"));

/**
 * 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I), drawn again in the
 * (astronomically rare) case that they fail the password rules for this username.
 */
export function generatePassword(username: string, length = 16): string {
  const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  for (;;) {
    const bytes = randomBytes(length);
    const password = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
    if (passwordProblem(password, username) === null) return password;
  }
}
