// Reading the XML formats (Disqus and WordPress exports) safely with fast-xml-parser: the file is
// checked first, so a broken one is refused with the line of its first fault; entity
// declarations are refused outright (no DTD is ever expanded: no "billion laughs"); only the
// predefined entities and numeric character references are decoded. Every value stays a string.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { malformed } from "./records";

/** A parsed element: its text, attributes ("@_name") and children, any of which may be missing. */
export type XmlNode = Record<string, unknown>;

/** The name of the document's root element, or null when the text does not start like XML. */
export function xmlRootName(text: string): string | null {
  const rest = text
    .trimStart()
    .replace(/^<\?xml[\s\S]*?\?>/, "")
    .replace(/^(?:\s+|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*/, "");
  const name = /^<([A-Za-z_][\w.:-]*)/.exec(rest);
  return name?.[1] ?? null;
}

/** Parses a whole XML document; `arrays` are the paths ("disqus.post") of elements that always become lists. */
export function parseXml(format: string, text: string, arrays: readonly string[]): XmlNode {
  // The whole text: a long comment before the DOCTYPE must not hide a declaration.
  if (/<!ENTITY/i.test(text)) {
    throw malformed(format, "it declares XML entities (<!ENTITY …>), which this importer does not expand.");
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    // Elements left open at the end: the validator lists them as a JSON array.
    const open = /^Invalid '(\[[\s\S]*\])' found\.$/.exec(valid.err.msg);
    if (open?.[1] !== undefined) {
      const names = [...open[1].matchAll(/"([^"]+)"/g)].map((m) => `<${m[1] ?? ""}>`).join(", ");
      throw malformed(format, `it ends before its elements are closed (${names}): the file seems cut off.`);
    }
    throw malformed(format, `it is not well-formed XML: line ${valid.err.line}: ${valid.err.msg}`);
  }
  const lists = new Set(arrays);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    // The five predefined entities and numeric references (&#233;); never a DTD's.
    processEntities: true,
    htmlEntities: true,
    isArray: (_name, path, _leaf, isAttribute) => !isAttribute && lists.has(String(path)),
  });
  try {
    return parser.parse(text) as XmlNode;
  } catch (err) {
    // fast-xml-parser refuses names such as "__proto__" (prototype pollution) after validation passed.
    throw malformed(format, `it could not be read: ${(err as Error).message}`);
  }
}

/** An element's text: a plain string child, or the "#text" of an element with attributes; '' if none. */
export function textOf(node: unknown): string {
  if (typeof node === "string") return node;
  if (typeof node === "number" || typeof node === "boolean") return String(node);
  if (typeof node === "object" && node !== null && !Array.isArray(node)) return textOf((node as XmlNode)["#text"]);
  return "";
}

/** An attribute's value, or null. */
export function attrOf(node: unknown, name: string): string | null {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return null;
  const value = (node as XmlNode)[`@_${name}`];
  return typeof value === "string" && value !== "" ? value : null;
}

/** A child element, or undefined. */
export function child(node: unknown, name: string): unknown {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
  return (node as XmlNode)[name];
}

/** A child list declared in `arrays`; [] when absent. */
export function children(node: unknown, name: string): unknown[] {
  const value = child(node, name);
  return Array.isArray(value) ? value : [];
}
