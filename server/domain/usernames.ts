// One rule for account names, shared by the signup form and `npm run create-user`, and the keys
// by which handles are compared.
import { remove as withoutConfusables } from "confusables";

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{1,39}$/;

export const USERNAME_RULE = "2–40 letters, digits, dots, dashes or underscores, starting with a letter or digit";

export function isValidUsername(name: string): boolean {
  return USERNAME.test(name);
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
