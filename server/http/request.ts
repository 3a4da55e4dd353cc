import type { Request, Response } from "express";
import type { z } from "zod";
import type { Db } from "../../db/connection";
import { today } from "../domain/dates";
import { pageQuery, parseQuery } from "../domain/query-schemas";
import { HttpError, notFound } from "../http/errors";

/** A numeric id from the path; anything else names no record, so it is a 404 like an unknown id. */
export function idParam(req: Request, what: string): number {
  const value = req.params.id;
  const raw = typeof value === "string" ? value : "";
  if (!/^\d{1,15}$/.test(raw)) throw new HttpError(404, `${what} "${raw}" was not found.`);
  return Number(raw);
}

/** The record the path's :id names, or a 404 ("That claim was not found."): the one loader for every resource. */
export function loadOr404<T>(
  req: Request,
  res: Response,
  what: string,
  find: (db: Db, id: number) => T | undefined,
): T {
  const found = find(res.locals.deps.db, idParam(req, what));
  if (found === undefined) throw notFound(`That ${what.toLowerCase()}`);
  return found;
}

export interface Pagination {
  page: number;
  pages: number;
  offset: number;
  limit: number;
}

/**
 * The slice of `total` rows that page `page` (from 1; the query schema already answered 400 for
 * anything else) shows. An empty list still has one page. A page past the end is a 404 whose
 * message `pastEnd` writes from the page count and the page asked for — or, given "empty", an empty page: an editor's
 * queue shrinks under them as others decide, and its forms link back to whatever page they were on.
 */
export function paginate(
  total: number,
  page: number,
  perPage: number,
  pastEnd: ((pages: number, page: number) => string) | "empty",
): Pagination {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (page > pages && pastEnd !== "empty") throw new HttpError(404, pastEnd(pages, page));
  return { page, pages, offset: (page - 1) * perPage, limit: perPage };
}

/**
 * The slice of an index list (`/people`, `/events`, `/sources`) that `?page=` asks for: 400 for a
 * malformed page, 404 past the end, with the one message every list uses.
 */
export function listPage(req: Request, total: number, perPage: number, noun: string): Pagination {
  const { page } = queryOr400(pageQuery, req);
  return paginate(total, page, perPage, (n, asked) => `There are ${n} page(s) of ${noun}, not ${asked}.`);
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
