import type { Request, RequestHandler } from "express";

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
        path: req?.originalUrl,
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
      logger.info({ method: req.method, path: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 });
    });
    next();
  };
}
