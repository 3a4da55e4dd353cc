// Comment bodies from Disqus, Hacker News and WordPress are HTML. They are stored as plain text:
// paragraphs and line breaks become newlines, links keep their words, every other tag is dropped
// with its attributes, script and style elements with their content, and entities are decoded
// last, so "&lt;script&gt;" becomes the visible text "<script>" and never a tag. Pure.

const NAMED: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  copy: "©",
  reg: "®",
  trade: "™",
  euro: "€",
  pound: "£",
  cent: "¢",
  yen: "¥",
  deg: "°",
  times: "×",
  divide: "÷",
  middot: "·",
  bull: "•",
  shy: "",
  eacute: "é",
  egrave: "è",
  ecirc: "ê",
  aacute: "á",
  agrave: "à",
  acirc: "â",
  iacute: "í",
  oacute: "ó",
  uacute: "ú",
  ccedil: "ç",
  ntilde: "ñ",
  auml: "ä",
  ouml: "ö",
  uuml: "ü",
  szlig: "ß",
  Eacute: "É",
  Auml: "Ä",
  Ouml: "Ö",
  Uuml: "Ü",
};

/** Decodes character references: the named ones above, decimal and hexadecimal. Others stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const cp = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      // NUL, surrogates and out-of-range points are not characters: U+FFFD would hide them, keep the text.
      if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return whole;
      return String.fromCodePoint(cp);
    }
    return NAMED[ref] ?? whole;
  });
}

const BLOCK = "p|div|blockquote|pre|ul|ol|li|h[1-6]|table|tr";
/** A block element's tag, opening or closing, or its start cut off at the end of the text. */
export const BLOCK_TAG = new RegExp(`</?(?:${BLOCK})\\b[^>]*(?:>|$)`, "gi");

/** HTML to plain text: paragraphs separated by a blank line, <br> a newline, tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, "")
    .replace(/<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    // Like the catch-all below, a block tag cut off at the end goes too: with ">" required, each of
    // many "<p" with no ">" after them scanned to the end of the text (quadratic).
    .replace(BLOCK_TAG, "\n\n")
    // Any other tag, and a "<" that opens one but never closes (cut off), goes; a lone "<" in text stays.
    .replace(/<\/?[A-Za-z][^>]*(?:>|$)/g, "");
  const decoded = decodeEntities(text).replace(/\u00A0/g, " ");
  return decoded
    .split(/\n{2,}/)
    .map((p) =>
      p
        .split("\n")
        .map((l) => l.replace(/[ \t]+/g, " ").trim())
        .filter((l) => l !== "")
        .join("\n"),
    )
    .filter((p) => p !== "")
    .join("\n\n");
}
