// What a password must be (NIST SP 800-63B, 5.1.1.2): long enough, long passphrases welcome, and
// not one that attackers try first — a common or breached password, the username or the site's
// name, or something trivially made from them. No composition rules (a digit, a capital…): they
// make passwords harder to remember without making them harder to guess.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

/**
 * Raise when the rules below get stricter: every account's password is then checked again at its
 * next login (accounts.password_rules records the version each was last checked against).
 */
export const PASSWORD_RULES_VERSION = 1;

export const MIN_PASSWORD_LENGTH = 10;
/** NIST asks for at least 64; passphrases are welcome. scrypt is fed the whole text, so there is a cap. */
export const MAX_PASSWORD_LENGTH = 200;
const SITE_NAME = "hindsight";

/** The 49,000 most common passwords of breach corpora, shipped in @zxcvbn-ts/language-common. */
const COMMON: ReadonlySet<string> = new Set(common.dictionary["passwords-common"]);

let checker: ZxcvbnFactory | undefined;
/**
 * Built once: indexing the dictionaries takes about a second, so a server builds it at startup
 * (preparePasswordRules) rather than during the first signup.
 */
function estimator(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return checker;
}

const simplify = (s: string) => s.normalize("NFKC").toLowerCase();

/** "aaaaaaaaaa", "ababababab", "          ": one short pattern repeated. */
function isRepetition(s: string): boolean {
  const chars = [...s];
  for (let size = 1; size <= 3 && size * 2 <= chars.length; size += 1) {
    if (chars.every((c, i) => c === chars[i % size])) return true;
  }
  return false;
}

/** One step between two characters; digits go round (…8, 9, 0, 1…) as on a keyboard's top row. */
function step(a: string, b: string): number {
  const d = (b.codePointAt(0) ?? 0) - (a.codePointAt(0) ?? 0);
  if (/\d/.test(a) && /\d/.test(b)) return d === -9 ? 1 : d === 9 ? -1 : d;
  return d;
}

/** "1234567890", "abcdefghij", "0987654321", "zyxwvutsrq": each character one step from the last. */
function isSequence(s: string): boolean {
  const chars = [...s];
  const steps = new Set(chars.slice(1).map((c, i) => step(chars[i] ?? "", c)));
  return steps.size === 1 && (steps.has(1) || steps.has(-1));
}

/** What is left of the password once the given words are taken out (with separators and digits). */
function withoutWords(s: string, words: readonly string[]): string {
  let rest = s;
  for (const w of words) if (w.length >= 2) rest = rest.split(w).join("");
  return rest.replace(/[\s\d\p{P}\p{S}]/gu, "");
}

/**
 * Why this password is refused, in words for the person choosing it, or null when it is fine.
 * `username` is the account's name (the password must not be made from it).
 */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  if ([...password].length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters`;
  const p = simplify(password);
  if (p.trim() === "") return "A password of spaces only is the first thing anyone tries: choose words or characters";
  if (isRepetition(p) || isRepetition(p.replace(/\s/g, "")))
    return "A repeated character or pattern (like aaaaaaaaaa) is easy to guess: choose another password";
  if (isSequence(p)) return "A sequence (like 1234567890 or abcdefghij) is easy to guess: choose another password";
  if (COMMON.has(p) || COMMON.has(p.replace(/\s/g, "")))
    return "This password is on a list of common or breached passwords: choose another one";
  const words = [simplify(username), SITE_NAME].filter((w) => w !== "");
  if (withoutWords(p, words).length < 4)
    return "A password made from your username or the site's name is easy to guess: choose another one";
  const estimate = estimator().check(password.slice(0, 100), [username, SITE_NAME]);
  if (estimate.score < 2) {
    const why = estimate.feedback.warning ?? "It follows a pattern that password crackers try early.";
    return `This password is too easy to guess. ${why} Longer passwords, e.g. a few unrelated words, are safer`;
  }
  return null;
}

/** Builds the guessability estimator now, so that no request waits for it. */
export function preparePasswordRules(): void {
  estimator().check("warm up the estimator", []);
}
