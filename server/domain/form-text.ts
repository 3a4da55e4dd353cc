// A form field as a browser sends it (application/x-www-form-urlencoded): percent-encoded UTF-8,
// with "+" for a space. The import form's big text field is decoded with this off the request thread.

/** The field's text; throws URIError when the encoding is malformed. */
export function decodeFormText(encoded: Uint8Array): string {
  return decodeURIComponent(Buffer.from(encoded).toString("latin1").replace(/\+/g, " "));
}
