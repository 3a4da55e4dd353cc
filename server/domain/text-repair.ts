// Hygiene for pasted text before anything parses it: byte-order marks, line endings, binary
// input, and mojibake — UTF-8 that some tool along the way decoded as Windows-1252, so that
// ’ (bytes E2 80 99) shows up as "â€™". Everything here is pure and never touches correct text:
// a repair happens only when the suspicious characters re-encode to valid UTF-8 that decodes to
// a plausible character for that kind of sequence.

/** Strips a leading UTF-8 BOM and turns CRLF / lone CR into LF, so line numbers stay the file's. */
export function normalizeText(raw: string): string {
  const withoutBom = raw.startsWith("\uFEFF") ? raw.slice(1) : raw;
  return withoutBom.replace(/\r\n?/g, "\n");
}

/**
 * True for input that is not text: any NUL byte, or more than 2% control characters / U+FFFD
 * (what a binary file looks like after a lenient UTF-8 decode). Tabs, newlines and form feeds
 * are ordinary text.
 */
export function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  // Control characters are exactly what this looks for.
  // eslint-disable-next-line no-control-regex
  const suspicious = text.match(/[\u0001-\u0008\u000B\u000E-\u001F\u007F\uFFFD]/g)?.length ?? 0;
  return suspicious >= 4 && suspicious / text.length > 0.02;
}

// Windows-1252 bytes 0x80–0x9F that map to characters outside Latin-1. The five undefined bytes
// (81 8D 8F 90 9D) are usually passed through as U+0081… and are covered by the Latin-1 rule.
const CP1252_HIGH: Readonly<Record<string, number>> = {
  "€": 0x80,
  "‚": 0x82,
  ƒ: 0x83,
  "„": 0x84,
  "…": 0x85,
  "†": 0x86,
  "‡": 0x87,
  ˆ: 0x88,
  "‰": 0x89,
  Š: 0x8a,
  "‹": 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  "‘": 0x91,
  "’": 0x92,
  "“": 0x93,
  "”": 0x94,
  "•": 0x95,
  "–": 0x96,
  "—": 0x97,
  "˜": 0x98,
  "™": 0x99,
  š: 0x9a,
  "›": 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

/** The byte a character came from when UTF-8 was decoded as Windows-1252, if any. */
function cp1252Byte(ch: string): number | null {
  const mapped = CP1252_HIGH[ch];
  if (mapped !== undefined) return mapped;
  const code = ch.charCodeAt(0);
  return code >= 0x80 && code <= 0xff ? code : null;
}

// A UTF-8 lead byte (as its cp1252 character) followed by the right number of continuation
// bytes 0x80–0xBF (as their cp1252 characters). Keep in sync with CP1252_HIGH.
const CONT = "[\\u0080-\\u00BF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]";
const SEQUENCE = new RegExp(`[\\u00C2-\\u00DF]${CONT}|[\\u00E0-\\u00EF]${CONT}{2}|[\\u00F0-\\u00F4]${CONT}{3}`, "g");

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: number[]): string | null {
  try {
    return UTF8.decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

function inRanges(cp: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  return ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
}

// What a real two-byte character is likely to be: Latin-1 / Latin Extended, Greek, Cyrillic,
// Hebrew letters, Arabic. This rejects e.g. German „Fuß“ (ß + “ = NKo U+07D3).
const TWO_BYTE_PLAUSIBLE: ReadonlyArray<readonly [number, number]> = [
  [0xa0, 0x24f],
  [0x370, 0x4ff],
  [0x5d0, 0x5ea],
  [0x600, 0x6ff],
];
// Three-byte sequences not led by "â": CJK, kana, Hangul and full-width forms.
const CJK_PLAUSIBLE: ReadonlyArray<readonly [number, number]> = [
  [0x3000, 0x9fff],
  [0xac00, 0xd7af],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xffef],
];

/**
 * Whether a decoded sequence is believable in context. `before` is the character preceding the
 * sequence: a CJK decode right after a Latin letter is more likely correct text such as
 * "café…”" (é + … + ” would decode to U+915D), so it is left alone.
 */
function plausible(decoded: string, lead: string, before: string): boolean {
  const cp = decoded.codePointAt(0) ?? 0;
  if (cp === 0xfeff) return true; // "ï»¿": a BOM that was itself mis-decoded
  if (lead <= "\u00DF") return inRanges(cp, TWO_BYTE_PLAUSIBLE);
  if (lead === "â") return cp >= 0x2000 && cp <= 0x2bff; // punctuation, currency, symbols
  if (lead <= "\u00EF") return inRanges(cp, CJK_PLAUSIBLE) && !/[A-Za-z\u00C0-\u024F]/.test(before);
  return cp >= 0x10000; // four bytes: emoji and supplementary CJK
}

function repairSequences(text: string): { text: string; repaired: number } {
  let repaired = 0;
  const out = text.replace(SEQUENCE, (match: string, offset: number) => {
    const bytes = Array.from(match, cp1252Byte);
    if (bytes.some((b) => b === null)) return match;
    const decoded = decodeUtf8(bytes.filter((b): b is number => b !== null));
    const lead = match.charAt(0);
    if (decoded === null || !plausible(decoded, lead, text.charAt(offset - 1))) return match;
    repaired += 1;
    return decoded === "\uFEFF" ? "" : decoded;
  });
  return { text: out, repaired };
}

/**
 * "â€" left over after the general pass is ” whose third byte 0x9D was lost: 0x9D is undefined
 * in Windows-1252, so many tools drop it. (“ ’ – — survive, their third bytes are defined.)
 */
function repairDanglingQuote(text: string): { text: string; repaired: number } {
  let repaired = 0;
  const out = text.replace(/â€/g, () => {
    repaired += 1;
    return "”";
  });
  return { text: out, repaired };
}

/**
 * "†" (E2 80 A0) where a closing quote belongs: the lost 0x9D byte, with the following space
 * turned into a no-break space (A0), re-assembles into a dagger — `counterattack,†signaling`.
 * Repaired only when it closes a “ that is otherwise never closed on that line, so footnote
 * daggers and quoted daggers stay. The swallowed space is restored before a letter or digit.
 */
function repairDaggerQuotes(text: string): { text: string; repaired: number } {
  // The character walk below is slow on a 20 MB paste; most texts and lines have no dagger at all.
  if (!text.includes("†")) return { text, repaired: 0 };
  let repaired = 0;
  const lines = text.split("\n").map((line) => {
    if (!line.includes("†")) return line;
    let out = "";
    let open = 0; // “ seen so far on this line and not yet closed
    // No ” after i on the line: i is past the last one (found once, not searched for at each dagger).
    const lastClose = line.lastIndexOf("”");
    for (let i = 0; i < line.length; i += 1) {
      const ch = line.charAt(i);
      if (ch === "“") open += 1;
      if (ch === "”" && open > 0) open -= 1;
      if (ch === "†" && open > 0 && lastClose < i) {
        repaired += 1;
        open -= 1;
        out += /[\p{L}\p{N}]/u.test(line.charAt(i + 1)) ? "” " : "”";
      } else {
        out += ch;
      }
    }
    return out;
  });
  return { text: lines.join("\n"), repaired };
}

/**
 * Repairs UTF-8 that was read as Windows-1252 ("â€œ" → “, "â€™" → ’, "â€”" → —, "Ã©" → é,
 * "ðŸ˜€" → 😀, "ï»¿" → removed BOM), then the two lossy leftovers seen in real pastes: a
 * dangling "â€" (→ ”) and a dagger that closes a quote (→ ”). `repaired` counts characters
 * fixed. The general pass runs again while it changes something, for text encoded twice.
 */
export function repairMojibake(text: string): { text: string; repaired: number } {
  let current = text;
  let repaired = 0;
  for (let pass = 0; pass < 3; pass += 1) {
    const step = repairSequences(current);
    if (step.repaired === 0) break;
    current = step.text;
    repaired += step.repaired;
  }
  for (const fallback of [repairDanglingQuote, repairDaggerQuotes]) {
    const step = fallback(current);
    current = step.text;
    repaired += step.repaired;
  }
  return { text: current, repaired };
}
