// A file's bytes as text. UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as they
// are. Anything else is not UTF-8: it is read in the encoding chardet detects, and a Western guess
// (or a weak one) is read as Windows-1252 when the bytes 0x80–0x9F occur (curly quotes, dashes:
// control characters in Latin-1, which nobody writes) and as Latin-1 (ISO-8859-1) otherwise.
// Either way a warning names the encoding and shows a few words with the converted letters, so a
// wrong guess is seen. Without this a lenient UTF-8 decode turned "José" into "Jos\uFFFD" silently.
// Pure: no I/O.
import chardet from "chardet";
import iconv from "iconv-lite";

export interface DecodedText {
  text: string;
  /** What the text was read as: "UTF-8", "UTF-16LE", "windows-1252", "ISO-8859-1", … */
  encoding: string;
  warnings: string[];
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

// chardet's Western single-byte guesses: all read the same way for letters like é, ç, ñ, ü.
const WESTERN = new Set(["ISO-8859-1", "ISO-8859-15", "windows-1252", "ISO-8859-2", "windows-1250"]);
// Below this confidence (0–100) a non-Western guess for a short text is noise: read it as Western.
const SURE = 60;

function hasC1(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80 && b <= 0x9f) return true;
  return false;
}

/**
 * A word (a run of non-space) that holds a character beyond ASCII. Each match starts where a word
 * starts: without the look-behind a long word of ASCII was tried from each of its letters in turn
 * (quadratic: 100 kB took 6 s). The matches are the same.
 */
export const NON_ASCII_WORD = /(?<!\S)\S*[\u0080-\uFFFF]\S*/g;

/** Up to three words that hold characters beyond ASCII, to show what the conversion made. */
function sampleWords(text: string): string {
  const words = new Set<string>();
  for (const m of text.matchAll(NON_ASCII_WORD)) {
    words.add(m[0].length > 30 ? `${m[0].slice(0, 27)}...` : m[0]);
    if (words.size === 3) break;
  }
  return [...words].map((w) => `"${w}"`).join(", ");
}

/** The encoding to read non-UTF-8 bytes in (a name iconv-lite knows). */
export function guessEncoding(bytes: Uint8Array): string {
  const western = hasC1(bytes) ? "windows-1252" : "ISO-8859-1";
  // The first 256 kB tell the encoding as well as 20 MB would, in a fraction of the time.
  const guesses = chardet.analyse(bytes.subarray(0, 256 * 1024));
  const top = guesses[0];
  if (top === undefined || WESTERN.has(top.name) || top.confidence < SURE) return western;
  if (top.name.startsWith("UTF")) return western; // not valid UTF-8 after all (checked first)
  return iconv.encodingExists(top.name) ? top.name : western;
}

/** Bytes from a file or an upload as text, converted from their encoding with a warning when not UTF-8. */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding = bytes[0] === 0xff ? "UTF-16LE" : "UTF-16BE";
    return {
      text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding),
      encoding,
      warnings: [],
    };
  }
  try {
    return { text: UTF8.decode(bytes), encoding: "UTF-8", warnings: [] };
  } catch {
    // Not UTF-8: below.
  }
  const encoding = guessEncoding(bytes);
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  const label =
    encoding === "ISO-8859-1" ? "Latin-1 (ISO-8859-1)" : encoding === "windows-1252" ? "Windows-1252" : encoding;
  const sample = sampleWords(text);
  return {
    text,
    encoding,
    warnings: [
      `The text is not UTF-8: it was read as ${label} and converted${sample === "" ? "" : ` (e.g. ${sample})`}. If those letters look wrong, save the file as UTF-8 and import it again.`,
    ],
  };
}
