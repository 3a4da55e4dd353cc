// `npm run bench:flood`: one account floods the app's writes (forecasts, claim and forecast
// proposals, disputes, and sign-ups from its address) while other visitors load `/`. Shows the
// flood refused (2xx/3xx vs 429 per kind, and the rows it managed to store) and `/`'s latency with
// and without the flood. The app runs in a child process on loopback with its default limits, on
// the demo database.
// npm run bench:flood -- [--seconds 20] [--workers 1] [--connections 10]
import { DateTime } from "luxon";
import path from "node:path";
import autocannon from "autocannon";
import { run } from "../cli";
import { findAccountByUsername, listAccounts } from "../../db/accounts";
import { listClaims, listRecentlyResolved } from "../../db/claims";
import { commentsForSource } from "../../db/comments";
import { migrate, openDb } from "../../db/connection";
import { countForecastsOfPerson } from "../../db/forecasts";
import { listSources } from "../../db/sources";
import { seedDemoIfEmpty } from "../../server/services/demo";
import { pendingOf } from "../../server/services/moderation";
import { benchArgs, type Parsed } from "./args";
import { csrfOf, httpClient, signUp, type Client, type Session } from "./http";
import { drain } from "./measure";
import { textTable } from "./report";
import { baseUrl, startAppServer, stopAppServer } from "./server";
import { machine, withTempDir } from "./system";

const USAGE = "usage: npm run bench:flood -- [--seconds 20] [--workers 1] [--connections 10]";
const OPTIONS = {
  seconds: { default: 20, max: 600 },
  /** 1: one request after another, as the issue measured; more to flood harder. */
  workers: { default: 1, max: 64 },
  connections: { default: 10, max: 200 },
};
/** The demo's "now": its claims are open or resolved relative to this day. */
const NOW = DateTime.fromISO("2026-11-23T12:00:00Z", { zone: "utc" });
const PASSWORD = "flood password 123";

type Kind = "forecast" | "claim proposal" | "forecast proposal" | "dispute" | "signup";
const KINDS: Kind[] = ["forecast", "claim proposal", "forecast proposal", "dispute", "signup"];

interface Tally {
  accepted: number;
  refused: number;
  other: number;
}

interface Targets {
  openClaim: number;
  resolvedClaim: number;
  source: number;
  comment: string;
  quote: string;
}

/** A fresh database with the demo, and the rows the flood aims at. */
function prepare(dbFile: string): Targets {
  const db = openDb(dbFile);
  try {
    migrate(db);
    seedDemoIfEmpty(db, NOW);
    // An open claim still taking forecasts: its resolve-by day is after "now".
    const open = listClaims(db, "open").find((c) => c.resolveBy > (NOW.toISODate() ?? ""));
    const resolved = listRecentlyResolved(db, 1)[0];
    // The demo's thread (the article has no comments).
    const source = listSources(db, { limit: 20, offset: 0 }).find(
      (src) => commentsForSource(db, src.id, { limit: 1, offset: 0 }).length > 0,
    );
    const comment =
      source && commentsForSource(db, source.id, { limit: 50, offset: 0 }).find((c) => c.body.trim().length >= 24);
    if (!open || !resolved || !source || !comment)
      throw new Error("the demo lacks an open claim, a resolved one or a comment");
    return {
      openClaim: open.id,
      resolvedClaim: resolved.id,
      source: source.id,
      comment: comment.siteNumber,
      // Words as they stand in the comment (the form trims the quote).
      quote: comment.body.trim().slice(0, 24).trim(),
    };
  } finally {
    db.close();
  }
}

function loadSlash(base: string, seconds: number, connections: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${base}/`, connections, duration: seconds }, (err: unknown, result) =>
      err ? reject(err instanceof Error ? err : new Error("autocannon failed")) : resolve(result),
    );
  });
}

/** The flood: `workers` loops sending one account's writes (and sign-ups from its address) until the deadline. */
async function flood(client: Client, t: Targets, flooder: Session, o: Parsed<typeof OPTIONS>) {
  const tally = Object.fromEntries(KINDS.map((k) => [k, { accepted: 0, refused: 0, other: 0 }])) as Record<Kind, Tally>;
  /** A visitor's fresh session with its token, as a browser opening /signup has: a sign-up signs it in. */
  const visitor = async (): Promise<Session> => {
    const s: Session = { cookie: "", csrf: "" };
    s.csrf = csrfOf((await client.send("/signup", { session: s, keepBody: true })).body);
    return s;
  };
  const deadline = performance.now() + o.seconds * 1000;
  let n = 0;
  const send = async (kind: Kind, i: number) => {
    const form = (session: Session, fields: Record<string, string>) => ({
      session,
      form: { ...fields, _csrf: session.csrf },
    });
    switch (kind) {
      case "forecast":
        return client.send(`/claims/${t.openClaim}/forecasts`, form(flooder, { probability: String(10 + (i % 80)) }));
      case "claim proposal":
        return client.send(
          "/claims",
          form(flooder, {
            text: `Example Corp ships flood widget ${i} before 2028`,
            resolveBy: "2028-06-01",
            tags: "",
          }),
        );
      case "forecast proposal":
        return client.send(
          `/sources/${t.source}/comments/${encodeURIComponent(t.comment)}/propose`,
          form(flooder, { claimId: String(t.openClaim), probability: "60", quote: t.quote }),
        );
      case "dispute":
        return client.send(
          `/claims/${t.resolvedClaim}/disputes`,
          form(flooder, { reason: `Flood dispute number ${i}.`, evidence: "https://example.com" }),
        );
      case "signup":
        return client.send(
          "/signup",
          form(await visitor(), { username: `flood_${i}`, password: PASSWORD, confirm: PASSWORD }),
        );
    }
  };
  const worker = async () => {
    while (performance.now() < deadline) {
      const i = n++;
      const kind = KINDS[i % KINDS.length] ?? "forecast";
      const res = await send(kind, i);
      const tl = tally[kind];
      if (res.status === 429) tl.refused += 1;
      else if (res.status >= 200 && res.status < 400) tl.accepted += 1;
      else tl.other += 1;
    }
  };
  await Promise.all(Array.from({ length: o.workers }, worker));
  return tally;
}

/** What the flood stored, read from the file after the server stopped. */
function stored(dbFile: string, accountsBefore: number) {
  const db = openDb(dbFile);
  try {
    const flooder = findAccountByUsername(db, "flooder");
    if (!flooder?.personId) throw new Error("the flooding account is missing");
    const pending = pendingOf(db, flooder.id);
    return {
      forecast: countForecastsOfPerson(db, flooder.personId),
      "claim proposal": pending.claims,
      "forecast proposal": pending.forecastProposals,
      dispute: pending.disputes,
      signup: listAccounts(db).length - accountsBefore,
    } satisfies Record<Kind, number>;
  } finally {
    db.close();
  }
}

const ms = (r: autocannon.Result) => `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`;

async function main(o: Parsed<typeof OPTIONS>): Promise<void> {
  await withTempDir("hindsight-flood-", async (dir) => {
    const dbFile = path.join(dir, "flood.db");
    const targets = prepare(dbFile);
    const { child, port } = await startAppServer(dbFile, NOW, "default");
    const base = baseUrl(port);
    const client = httpClient(base, o.workers + 1, 30_000);
    try {
      const quiet = await loadSlash(base, o.seconds, o.connections);
      await drain(base);
      const flooder = await signUp(client, "flooder", PASSWORD);
      const accountsBefore = (() => {
        const db = openDb(dbFile, { cacheMb: 2 });
        try {
          return listAccounts(db).length;
        } finally {
          db.close();
        }
      })();
      const [tally, busy] = await Promise.all([
        flood(client, targets, flooder, o),
        loadSlash(base, o.seconds, o.connections),
      ]);
      await drain(base);
      client.close();
      await stopAppServer(child);
      const rows = stored(dbFile, accountsBefore);
      const { cores, cpu, node } = machine();
      const perMinute = (count: number) => Math.round((count * 60) / o.seconds);
      console.log(
        `flood: one account, ${o.workers} concurrent worker(s) for ${o.seconds} s; / under autocannon with ${o.connections} connections (${cores} cores, ${cpu}, node ${node})`,
      );
      console.log(
        textTable(
          ["write", "sent", "sent/min", "stored (303)", "429", "other 4xx", "rows stored"],
          KINDS.map((k) => {
            const t = tally[k];
            const sent = t.accepted + t.refused + t.other;
            return [
              k,
              String(sent),
              String(perMinute(sent)),
              String(t.accepted),
              String(t.refused),
              String(t.other),
              String(rows[k]),
            ];
          }),
        ),
      );
      console.log(`/ alone:       ${quiet.requests.total} requests, ${ms(quiet)}`);
      console.log(`/ under flood: ${busy.requests.total} requests, ${ms(busy)} (target p99 ≤ 100 ms)`);
    } finally {
      client.close();
      if (child.exitCode === null && child.signalCode === null) await stopAppServer(child);
    }
  });
}

if (require.main === module) {
  const options = benchArgs(USAGE, { whole: OPTIONS });
  if (options) run(() => main(options));
}
