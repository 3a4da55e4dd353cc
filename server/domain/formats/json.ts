// Small readers for JSON of unknown shape: each returns the value when it has the expected type.

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function str(o: unknown, key: string): string | null {
  if (!isObject(o)) return null;
  const v = o[key];
  return typeof v === "string" ? v : null;
}

export function num(o: unknown, key: string): number | null {
  if (!isObject(o)) return null;
  const v = o[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

export function arr(o: unknown, key: string): unknown[] | null {
  if (!isObject(o)) return null;
  const v = o[key];
  return Array.isArray(v) ? v : null;
}

/** An id written as a number or a string, as a string; null otherwise. */
export function idOf(o: unknown, key: string): string | null {
  if (!isObject(o)) return null;
  const v = o[key];
  if (typeof v === "number" && Number.isSafeInteger(v)) return String(v);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
}
