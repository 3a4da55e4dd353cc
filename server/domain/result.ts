// What a service answers when a write may be refused for a reason the user can fix: the value, or
// the form field to mark and the message to show beside it. Nothing was written on a refusal.

export type Result<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const refuse = (field: string, message: string) => ({ ok: false as const, field, message });
