import path from "node:path";
import express from "express";
import type { DateTime } from "luxon";
import type { Db } from "../db/connection";
import { ROOT } from "../db/paths";
import { fmt, makeFmt } from "./http/format";
import { errorHandler, notFoundHandler } from "./http/errors";
import { importFormBody } from "./http/import-body";
import { importUpload } from "./http/import-upload";
import { pageCache } from "./http/page-cache";
import { requestLogger, type Logger } from "./http/logging";
import { loadAccount, refuseSuspendedWrites, requirePasswordChange, requireRole } from "./http/auth";
import { writeLimits } from "./http/limits";
import { bodyParsers, csrf, limitSettings, securityHeaders, sessions, type SecurityOptions } from "./http/security";
import admin from "./routes/admin";
import authRouter from "./routes/auth";
import editor from "./routes/editor";
import me from "./routes/me";
import claims from "./routes/claims";
import events from "./routes/events";
import home from "./routes/home";
import leaderboard from "./routes/leaderboard";
import people from "./routes/people";
import share from "./routes/share";
import scores from "./routes/scores";
import sources from "./routes/sources";
import formPaths from "./routes/form-paths";
import search from "./routes/search";
import feeds from "./routes/feeds";
import { MAX_IMPORT_BYTES } from "./services/import-thread";

export interface AppDeps {
  db: Db;
  /** Injected so that tests control "now"; routes never read the system clock. */
  clock: () => DateTime;
  logger?: Logger;
  security?: SecurityOptions;
  /** The public address for share previews, structured data and embed snippets (else BASE_URL). */
  baseUrl?: string;
  /** How long the import form's worker may run before it is stopped (IMPORT_TIMEOUT_MS; default 120 s). */
  importTimeoutMs?: number;
}

declare global {
  namespace Express {
    interface Locals {
      deps: AppDeps;
    }
  }
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.set("views", path.join(ROOT, "views"));
  app.set("view engine", "ejs");
  app.set("query parser", "simple");
  // Compiled templates are reused (Express does this only with NODE_ENV=production); set
  // NODE_ENV=development to see template edits without a restart.
  app.set("view cache", process.env.NODE_ENV !== "development");
  app.disable("x-powered-by");

  if (process.env.TRUST_PROXY) app.set("trust proxy", trustProxySetting(process.env.TRUST_PROXY));
  // Locals every view needs, set first so that even an error raised by the session, body or
  // CSRF middleware renders the normal error page.
  app.use((req, res, next) => {
    res.locals.deps = deps;
    res.locals.fmt = fmt;
    res.locals.path = req.path;
    res.locals.account = null;
    res.locals.flash = null;
    res.locals.flashLink = null;
    // A token is made (and a session started) only when a page actually renders a form.
    res.locals.csrfToken = () => csrf.generateToken(req);
    next();
  });
  app.use(requestLogger(deps.logger));
  app.use(securityHeaders());
  app.use(express.static(path.join(ROOT, "public"), { maxAge: "1h" }));
  app.use(pageCache(deps.db, deps.clock));
  app.use(sessions(deps.db, deps.security ?? {}));
  // Only an editor's pasted thread may be large, and it is not even read before the role is checked.
  // 20 MB of text can be three times that once a browser percent-encodes it.
  app.use("/editor/import", loadAccount(deps.db), requireRole("editor"), ...importFormBody("64mb"));
  // Its file upload (multipart), read by multer here alone, so that the CSRF check below finds the form's token.
  app.post("/editor/import", importUpload(MAX_IMPORT_BYTES));
  app.use(bodyParsers());
  app.use(csrf.csrfSynchronisedProtection);
  app.use(loadAccount(deps.db));
  app.use(requirePasswordChange());
  // Suspended accounts write nothing; every POST counts against the write limits (429 page when over).
  app.use(refuseSuspendedWrites);
  app.use(writeLimits(deps.db, limitSettings(deps.security)));
  app.use((req, res, next) => {
    res.locals.fmt = makeFmt(res.locals.account?.timeZone ?? "UTC");
    res.locals.flash = req.session.flash ?? null;
    if (req.session.flash) delete req.session.flash;
    res.locals.flashLink = req.session.flashLink ?? null;
    if (req.session.flashLink) delete req.session.flashLink;
    next();
  });

  // The route table, top to bottom.
  app.use("/", home);
  app.use("/sources", sources);
  app.use("/claims", claims);
  app.use("/events", events);
  app.use("/people", people);
  app.use("/", share); // /claims/:id/embed, /claims/:id/forecasts.csv, /people/:id/forecasts.csv, /api/claims/:id, /api/people/:id
  app.use("/", leaderboard); // /leaderboard, /leaderboard.csv, /api/leaderboard
  app.use("/", scores); // /scores (how scores work, on a real claim), /calibration
  app.use("/", authRouter(deps.security ?? {})); // /signup, /login, /logout
  app.use("/me", me);
  app.use("/editor", editor);
  app.use("/admin", admin);
  app.use("/search", search);
  app.use("/", feeds); // /feeds/*.atom, /people/:id/feed.atom, /feeds/private/:token.atom; /feed, /rss, /atom.xml

  app.use("/", formPaths); // GET on a POST-only path: back to its form's page
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}

/**
 * TRUST_PROXY as Express reads it: a number of hops ("1"), true, or addresses and names
 * ("loopback", "10.0.0.1"). Passed as the string "1", Express would read the address 0.0.0.1.
 */
export function trustProxySetting(value: string): number | boolean | string {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  if (v === "true") return true;
  if (v === "false") return false;
  return v;
}
