import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "./logging";

/** A way on from a page: after an error (the list without a filter that names nothing, a close name) or a flash. */
export interface PageLink {
  href: string;
  text: string;
}

/** An error that is the user's (or the URL's) fault: rendered with its status and message, never a stack. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: string[] = [],
    readonly links: PageLink[] = [],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, `${what} was not found.`);

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, `There is no page at ${req.path}.`));
};

/** Errors from body parsing and CSRF checks carry a 4xx status and a message meant for users. */
function clientError(err: unknown): { status: number; message: string } | null {
  if (typeof err !== "object" || err === null) return null;
  const { status, expose, message, type } = err as {
    status?: number;
    expose?: boolean;
    message?: string;
    type?: string;
  };
  if (!status || status < 400 || status >= 500 || !expose) return null;
  if (type === "entity.too.large" || type === "parameters.too.many") {
    return { status: 413, message: "What you sent is larger than this form accepts." };
  }
  if (type === "charset.unsupported" || type === "encoding.unsupported") {
    return { status: 415, message: "This form accepts plain UTF-8 form data only." };
  }
  return { status, message: message ?? "The request was refused." };
}

export const errorHandler =
  (logger: Logger | undefined): ErrorRequestHandler =>
  (err, req, res, _next) => {
    const known = err instanceof HttpError ? { status: err.status, message: err.message } : clientError(err);
    const status = known?.status ?? 500;
    if (!known) logger?.error(err, req);
    const message = known?.message ?? "Something went wrong on our side. The error has been logged.";
    const details = err instanceof HttpError ? err.details : [];
    const links = err instanceof HttpError ? err.links : [];
    res.status(status);
    if (wantsJson(req.path)) {
      res.json({ error: message, details });
      return;
    }
    res.render("errors/error", { title: titleFor(status), status, message, details, links });
  };

/**
 * The API and the board's CSV export answer their errors in JSON, for the programs that read them;
 * every other address, `/people/17.csv` included, gets the HTML page a person can read.
 */
const JSON_PATHS = new Set(["/leaderboard.csv"]);
function wantsJson(path: string): boolean {
  return path.startsWith("/api/") || JSON_PATHS.has(path);
}

function titleFor(status: number): string {
  if (status === 404) return "Not found";
  if (status === 400) return "Bad request";
  if (status === 403) return "Forbidden";
  if (status === 413) return "Too large";
  if (status === 415) return "Unsupported";
  return status < 500 ? "Request refused" : "Server error";
}
