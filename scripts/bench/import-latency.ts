// How long GET / takes while a big thread is pasted into the import form: the app in a child
// process on a fresh database, an editor who posts the paste, and two visitors (one anonymous, one
// signed in, whose session is written on every request) asking for / one request after another
// until the import has answered. Prints the slowest and median GET / during the import.
// npm run build && node dist/scripts/bench/import-latency.js -- [--comments 90000] [--json]
import path from "node:path";
import { DateTime } from "luxon";
import { migrate, openDb } from "../../db/connection";
import { createAccount } from "../../server/services/accounts";
import { run } from "../cli";
import { benchArgs, type Parsed } from "./args";
import { median } from "./measure";
import { baseUrl, startAppServer, stopAppServer } from "./server";
import { machine, withTempDir } from "./system";
import { generateThread } from "./thread";

const USAGE = "usage: node dist/scripts/bench/import-latency.js [--comments 90000] [--json]";
// 90,000 generated comments are 16 MiB of text and 19.8 MiB URL-encoded, well within the form's
// body limit (64 MiB, app.ts); the import itself refuses more than 20 MiB of text.
const OPTIONS = { comments: { default: 90_000, max: 90_000 } };
const PASSWORD = "bench import latency";

/** A visitor with a cookie jar of one session. */
function visitor(base: string) {
  let cookie = "";
  return async (url: string, body?: Record<string, string>): Promise<{ status: number; text: string }> => {
    const res = await fetch(base + url, {
      method: body ? "POST" : "GET",
      redirect: "manual",
      headers: { cookie, ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      ...(body ? { body: new URLSearchParams(body).toString() } : {}),
    });
    const set = res.headers.getSetCookie().map((c) => c.split(";")[0]);
    if (set.length > 0) cookie = set.join("; ");
    return { status: res.status, text: await res.text() };
  };
}

const token = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";

async function signedIn(base: string, username: string): Promise<ReturnType<typeof visitor>> {
  const v = visitor(base);
  const login = await v("/login", { username, password: PASSWORD, _csrf: token((await v("/login")).text) });
  if (login.status !== 303) throw new Error(`login as ${username} answered ${login.status}`);
  return v;
}

/** GET / one after another until `done` says stop: each one's milliseconds. */
async function pollHome(get: ReturnType<typeof visitor>, done: () => boolean): Promise<number[]> {
  const times: number[] = [];
  while (!done()) {
    const started = performance.now();
    const res = await get("/");
    if (res.status !== 200) throw new Error(`GET / answered ${res.status}`);
    times.push(performance.now() - started);
  }
  return times;
}

async function measure(base: string, comments: number) {
  const text = generateThread(comments);
  const editor = await signedIn(base, "editor");
  const reader = await signedIn(base, "reader");
  const form = token((await editor("/editor/import")).text);
  let finished = false;
  const started = performance.now();
  const importing = editor("/editor/import", { text, _csrf: form }).finally(() => (finished = true));
  const [anonymous, signedInTimes, imported] = await Promise.all([
    pollHome(visitor(base), () => finished),
    pollHome(reader, () => finished),
    importing,
  ]);
  const importSeconds = (performance.now() - started) / 1000;
  if (!new RegExp(`${comments} comment\\(s\\) added`).test(imported.text)) {
    throw new Error(`the import answered ${imported.status} without the expected summary`);
  }
  const stats = (t: number[]) => ({
    requests: t.length,
    maxMs: Math.round(Math.max(...t)),
    medianMs: Math.round(median(t)),
  });
  return {
    comments,
    megabytes: Number((text.length / 1e6).toFixed(1)),
    importSeconds: Number(importSeconds.toFixed(2)),
    anonymous: stats(anonymous),
    signedIn: stats(signedInTimes),
  };
}

async function prepareDb(file: string): Promise<void> {
  const db = openDb(file);
  try {
    migrate(db);
    for (const role of ["editor", "reader"] as const) {
      const made = await createAccount(db, { username: role, password: PASSWORD, role }, DateTime.utc());
      if (!made.ok) throw new Error(made.message);
    }
  } finally {
    db.close();
  }
}

async function main(o: Parsed<typeof OPTIONS>): Promise<void> {
  await withTempDir("hindsight-bench-import-latency-", async (dir) => {
    const file = path.join(dir, "bench.db");
    await prepareDb(file);
    const { child, port } = await startAppServer(file, DateTime.utc());
    try {
      const result = { ...(await measure(baseUrl(port), o.comments)), ...machine() };
      process.stdout.write(o.json ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`);
    } finally {
      await stopAppServer(child);
    }
  });
}

if (require.main === module) {
  const options = benchArgs(USAGE, { whole: OPTIONS, json: true });
  if (options) run(() => main(options));
}
