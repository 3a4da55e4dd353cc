import type { Request, Response } from "express";
import type { z } from "zod";
import { today } from "../domain/dates";
import { parseQuery } from "../domain/query-schemas";
import { HttpError } from "../http/errors";

/** A numeric id from the path; anything else names no record, so it is a 404 like an unknown id. */
export function idParam(req: Request, what: string): number {
  const value = req.params.id;
  const raw = typeof value === "string" ? value : "";
  if (!/^\d{1,15}$/.test(raw)) throw new HttpError(404, `${what} "${raw}" was not found.`);
  return Number(raw);
}

export function queryOr400<T extends z.ZodType>(schema: T, req: Request): z.infer<T> {
  const parsed = parseQuery(schema, req.query);
  if (!parsed.ok) throw new HttpError(400, parsed.problem.message, parsed.problem.details);
  return parsed.value;
}

/** Today's date (YYYY-MM-DD, UTC) by the app's injected clock. */
export function todayOf(res: Response): string {
  return today(res.locals.deps.clock());
}
