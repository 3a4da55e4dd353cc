// An imported article's text as HTML: paragraphs, *emphasis*, lists and links written in Markdown,
// through markdown-it with raw HTML off (anything that looks like a tag is shown as text) and
// images off (an article never loads a picture from elsewhere). Two things pasted articles carry
// that Markdown does not know are turned into their own markup first: a short line standing alone
// without closing punctuation is a subheading, and "[Image: caption]" (where the page had a
// picture) is a muted note with the caption, not a bracketed placeholder.
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
md.disable("image");

// Links an article makes leave the site: no referrer, no ranking credit, no opener.
const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]?.attrSet("rel", "nofollow noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

const IMAGE = /^\[Image:\s*(.*?)\s*\]$/;
/** Marks a picture note through markdown-it: a private-use character, removed from the text beforehand. */
const MARK = "\u{E000}";
const MAX_HEADING = 80;

/** A block that reads as a subheading: one short line, a capital first, no sentence end, not a list or quote. */
export function isSubheading(block: string): boolean {
  return (
    !block.includes("\n") &&
    block.length <= MAX_HEADING &&
    /^\p{Lu}/u.test(block) &&
    !/[.!?,;:"”’')\]]$/.test(block) &&
    !IMAGE.test(block)
  );
}

/** The Markdown the article's text stands for, with subheadings marked and picture notes kept apart. */
function toMarkdown(body: string): string {
  const blocks = body
    .replaceAll(MARK, "")
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter((b) => b !== "");
  return blocks
    .map((b, i) => {
      const image = b.match(IMAGE);
      if (image) return `${MARK}${image[1] ?? ""}`;
      // The first block is the article's lead, even when it is short.
      return i > 0 && isSubheading(b) ? `## ${b}` : b;
    })
    .join("\n\n");
}

/** Safe HTML for an article's body (escaped by markdown-it; no raw HTML passes). */
export function articleHtml(body: string): string {
  return md
    .render(toMarkdown(body))
    .replace(
      new RegExp(`<p>${MARK}(.*?)</p>`, "gu"),
      (_m, caption: string) =>
        `<figure class="figure-note"><figcaption>Picture in the original article${caption ? `: ${caption}` : ""}</figcaption></figure>`,
    );
}
