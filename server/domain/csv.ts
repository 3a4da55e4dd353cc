// CSV as spreadsheets read it: RFC 4180 quoting, CRLF line ends, a header row.

export type CsvValue = string | number | null;

/** A cell starting with = + - @ (or a tab or CR) gets a leading ' so spreadsheets do not run it as a formula. */
export function csvCell(v: CsvValue): string {
  if (v === null) return "";
  if (typeof v === "number") return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvTable<C extends string>(columns: readonly C[], records: readonly Record<C, CsvValue>[]): string {
  const lines = [columns.join(",")];
  for (const r of records) lines.push(columns.map((c) => csvCell(r[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
