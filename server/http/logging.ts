import type { Request, RequestHandler } from "express";

/**
 * A URL as it may be written to a log: a private feed's token is a secret (whoever has it reads
 * the feed), so only its first 6 characters are kept, enough to tell two apart.
 */
export function loggableUrl(url: string | undefined): string | undefined {
  return url?.replace(/(\/feeds\/private\/[0-9a-fA-F]{6})[^/?#.]*/g, "$1…");
}

export interface Logger {
  info(entry: Record<string, unknown>): void;
  error(err: unknown, req?: Request): void;
}

/** One JSON line per entry on stdout/stderr: easy to grep, easy to ship to a log store. */
export const jsonLogger: Logger = {
  info: (entry) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`),
  error: (err, req) =>
    process.stderr.write(
      `${JSON.stringify({
        time: new Date().toISOString(),
        level: "error",
        method: req?.method,
        path: loggableUrl(req?.originalUrl),
        error: err instanceof Error ? err.stack : String(err),
      })}\n`,
    ),
};

export function requestLogger(logger: Logger | undefined): RequestHandler {
  return (req, res, next) => {
    if (!logger) return next();
    const start = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      logger.info({
        method: req.method,
        path: loggableUrl(req.originalUrl),
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      });
    });
    next();
  };
}
