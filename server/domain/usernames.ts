// One rule for account names, shared by the signup form and `npm run create-user`, and the keys
// by which handles are compared.
import { remove as withoutConfusables } from "confusables";
import { codePoint } from "./text-normalizer";

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{1,39}$/;

export const USERNAME_RULE =
  "2–40 characters: a–z, A–Z, 0–9, dot, dash or underscore (plain Latin letters only), starting with a letter or digit";

function isValidUsername(name: string): boolean {
  return USERNAME.test(name);
}

/** Scripts whose letters people type or paste most often, named for the message. */
const SCRIPTS = [
  "Cyrillic",
  "Greek",
  "Armenian",
  "Georgian",
  "Hebrew",
  "Arabic",
  "Devanagari",
  "Thai",
  "Han",
  "Hiragana",
  "Katakana",
  "Hangul",
  "Cherokee",
] as const;
const SCRIPT_OF = SCRIPTS.map((name) => [name, new RegExp(`^\\p{Script=${name}}$`, "u")] as const);

/** The character as a message names it: "“е” (Cyrillic)", "“é” (a Latin letter with an accent…)", "“★” (U+2605)". */
function describe(ch: string): string {
  if (/^\p{Script=Latin}$/u.test(ch)) return `“${ch}” (a Latin letter with an accent or in another form)`;
  const script = SCRIPT_OF.find(([, re]) => re.test(ch))?.[0];
  if (script) return `“${ch}” (${script})`;
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch) ? `“${ch}” (${codePoint(ch)})` : codePoint(ch);
}

/**
 * Why the name cannot be a username, or null. A name with a character outside the rule is told
 * which one (the first), so a pasted look-alike such as a Cyrillic "е" is named, not just refused.
 */
export function usernameProblem(name: string): string | null {
  if (isValidUsername(name)) return null;
  // Composed first, so "Chloë" typed as e + U+0308 is named by its "ë", not a floating accent.
  const chars = [...name.normalize("NFC")];
  const odd = chars.find((ch) => !/^[A-Za-z0-9_.-]$/.test(ch));
  if (odd !== undefined) {
    const what = describe(odd);
    if (/^\p{L}$/u.test(odd)) return `${what} is not a plain Latin letter; a username has ${USERNAME_RULE}.`;
    if (/^\s$/u.test(odd)) return `A username cannot contain spaces; it has ${USERNAME_RULE}.`;
    return `${what} is not allowed in a username, which has ${USERNAME_RULE}.`;
  }
  if (chars.length < 2 || chars.length > 40) return `A username has 2 to 40 characters (this one has ${chars.length}).`;
  return `A username starts with a letter or digit, not “${chars[0]}”.`;
}

// Handles (an account's name, an imported commenter's name) are compared the way people read
// them: "CaseFold" and "casefold", "Ödön" and "ödön", "Chloë" typed and "Chloë" pasted in
// decomposed form are one name. Look-alikes from other scripts ("еd1" in Cyrillic beside "ed1")
// share a skeleton: signup refuses them, an import keeps them apart but says so.
/** Longer than any real forum handle; the thread parser keeps to it (account names stop at 40). */
export const MAX_HANDLE_LENGTH = 60;

/**
 * The key two handles share when they are the same name: NFKC with full Unicode case folding
 * (upper then lower case, so "ß" and "SS" agree, as Unicode's NFKC_Casefold does).
 */
export function handleKey(handle: string): string {
  return handle
    .normalize("NFKC")
    .replace(/\p{Default_Ignorable_Code_Point}/gu, "")
    .toUpperCase()
    .toLowerCase()
    .normalize("NFKC")
    .trim();
}

/** Why a handle cannot be stored, or null: too long, or nothing visible in it. */
export function handleProblem(handle: string): string | null {
  if ([...handle].length > MAX_HANDLE_LENGTH) return `longer than ${MAX_HANDLE_LENGTH} characters`;
  if (handleKey(handle).replace(/\s/g, "") === "") return "no visible characters";
  return null;
}

/** The key of what the handle looks like: confusable letters of other scripts and accents mapped to plain Latin. */
export function handleSkeleton(handle: string): string {
  return handleKey(withoutConfusables(handleKey(handle)));
}

/** A handle as stored: NFC, trimmed. */
export function normalizeHandle(handle: string): string {
  return handle.normalize("NFC").trim();
}
