// A form field as a browser sends it (application/x-www-form-urlencoded): percent-encoded UTF-8,
// with "+" for a space. The import form's big text field is decoded with this off the request thread.

/** The field's text; throws URIError when the encoding is malformed. */
export function decodeFormText(encoded: Uint8Array): string {
  return decodeURIComponent(Buffer.from(encoded).toString("latin1").replace(/\+/g, " "));
}

/**
 * The field's bytes: "+" a space, "%XX" its byte, anything else as sent. Throws URIError for a "%"
 * not followed by two hex digits. Unlike decodeFormText it leaves the bytes' encoding to the caller
 * (text-encoding.ts), so a client that sent Latin-1 gets its text converted rather than refused.
 */
export function decodeFormBytes(encoded: Uint8Array): Uint8Array {
  const out = new Uint8Array(encoded.length);
  let n = 0;
  const hex = (b: number | undefined) =>
    b === undefined
      ? -1
      : b >= 0x30 && b <= 0x39
        ? b - 0x30
        : b >= 0x41 && b <= 0x46
          ? b - 0x37
          : b >= 0x61 && b <= 0x66
            ? b - 0x57
            : -1;
  for (let i = 0; i < encoded.length; i += 1) {
    const b = encoded[i] ?? 0;
    if (b === 0x2b) out[n++] = 0x20;
    else if (b === 0x25) {
      const hi = hex(encoded[i + 1]);
      const lo = hex(encoded[i + 2]);
      if (hi < 0 || lo < 0) throw new URIError("URI malformed");
      out[n++] = hi * 16 + lo;
      i += 2;
    } else out[n++] = b;
  }
  return out.subarray(0, n);
}
