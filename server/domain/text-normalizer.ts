// The one door for text a person types or pastes: every form field and the importer pass their
// text through here. NFC, so that "ë" typed and "e + ¨" pasted are the same text; no control
// characters (a NUL or a bell in a claim breaks exports and terminals); and no text that looks
// empty — spaces and zero-width characters only — passing as an answer.
import { z } from "zod";

/** Characters that take no room on screen: zero-width space/joiners, word joiner, BOM, soft hyphen… */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}]/gu;
// C0 and C1 control characters and DEL; tab, newline and carriage return are handled per field.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const LINE_BREAKS = /[\t\n\r]/g;

export interface TextRules {
  /** Multi-line fields (a rationale, a quote) keep newlines and tabs; a one-line field turns them into spaces. */
  multiline?: boolean;
}

export type NormalizedText = { ok: true; text: string } | { ok: false; message: string };

/** The code point as people look it up, e.g. U+0000. */
export function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The text's characters that show, i.e. without white space and zero-width characters. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, "");
}

// What a pasted thread may keep: tabs, line breaks and form feeds are ordinary text there.
// eslint-disable-next-line no-control-regex
const STRAY_CONTROLS = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/gu;

/**
 * For the importer, which has already refused binary input (text-repair.ts looksBinary): the
 * text in NFC, without the few stray control characters a real text may carry, and how many
 * were removed.
 */
export function normalizePastedText(text: string): { text: string; removed: number } {
  let removed = 0;
  const cleaned = text.replace(STRAY_CONTROLS, () => {
    removed += 1;
    return "";
  });
  return { text: cleaned.normalize("NFC"), removed };
}

/** The first control character of the text (tab and line breaks excepted), or null. */
export function firstControl(text: string): string | null {
  return CONTROL.exec(text)?.[0] ?? null;
}

/**
 * The text in NFC with line endings as "\n" and trimmed, or why it is refused. An empty text is
 * returned as "" (whether a field may be empty is the field's rule); text that is not empty but
 * shows nothing is refused.
 */
export function normalizeText(raw: string, label: string, rules: TextRules = {}): NormalizedText {
  const control = firstControl(raw);
  if (control !== null) {
    const what = control === "\u0000" ? "a NUL character" : "a control character";
    return { ok: false, message: `${label} contains ${what} (${codePoint(control)}): remove it and try again` };
  }
  let text = raw.normalize("NFC").replace(/\r\n?/g, "\n");
  if (!rules.multiline) text = text.replace(LINE_BREAKS, " ");
  text = text.trim();
  if (text !== "" && visibleText(text) === "") {
    return { ok: false, message: `${label} shows nothing: it is only spaces or invisible (zero-width) characters` };
  }
  return { ok: true, text };
}

/** A zod string that goes through normalizeText; length rules are added after it with `.pipe`. */
export function normalizedString(label: string, rules: TextRules = {}, required = `${label} is required`) {
  return z.string({ message: required }).transform((raw, ctx) => {
    const done = normalizeText(raw, label, rules);
    if (done.ok) return done.text;
    ctx.addIssue({ code: "custom", message: done.message });
    return z.NEVER;
  });
}
