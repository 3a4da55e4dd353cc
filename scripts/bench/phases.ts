// Two single-shot phases of the leaderboard benchmark: resolving the big claim (an editor POSTs the
// real resolve form; the round trip is timed, then the first board after it), and "stored =
// acknowledged": the forecasts the readers' accounts recorded, counted in the database file itself
// (opened read-only beside the running server).
import Database from "better-sqlite3";
import type { Client, Session } from "./http";

export interface ResolveResult {
  claimId: number;
  forecasts: number;
  /** The POST /claims/:id/resolve round trip (303 expected). */
  resolveMs: number;
  /** The first GET /leaderboard after it (a visitor), then the claim's page. */
  boardAfterMs: number;
  claimPageAfterMs: number;
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

async function timedGet(client: Client, path: string): Promise<number> {
  const res = await client.send(path);
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return res.ms;
}

/**
 * Resolves the big claim NO through the form as the resolve page renders it: basis "lapse" (its
 * resolve-by date has passed by the server's clock with no acquisition; a YES could not lapse), no
 * events, and `expected` empty (the editor saw no resolution yet). Every one of its forecasts came
 * before that date, so all are scored, as they would be for any verdict. Before it, the board and the claim page are asked for once, so that
 * what follows is the first of each after the write, not the first ever.
 */
export async function resolveBigClaim(
  client: Client,
  editor: Session,
  claim: { id: number; forecasts: number },
): Promise<ResolveResult> {
  await timedGet(client, "/leaderboard");
  await timedGet(client, `/claims/${claim.id}`);
  const form = {
    verdict: "NO",
    basis: "lapse",
    rationale: "Benchmark: the resolve-by date passed without a word from either company.",
    expected: "",
    _csrf: editor.csrf,
  };
  const res = await client.send(`/claims/${claim.id}/resolve`, { session: editor, form });
  if (res.status !== 303) throw new Error(`resolving claim ${claim.id} answered ${res.status}`);
  const boardAfterMs = await timedGet(client, "/leaderboard");
  const claimPageAfterMs = await timedGet(client, `/claims/${claim.id}`);
  return {
    claimId: claim.id,
    forecasts: claim.forecasts,
    resolveMs: round1(res.ms),
    boardAfterMs: round1(boardAfterMs),
    claimPageAfterMs: round1(claimPageAfterMs),
  };
}

/** How many forecasts the accounts named `prefix`… recorded, read from the database file read-only. */
export function forecastsRecordedBy(dbFile: string, prefix: string): number {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const row = db
      .prepare(
        "SELECT count(*) AS n FROM forecasts f JOIN accounts a ON a.id = f.recorded_by WHERE a.username LIKE ? ESCAPE '\\'",
      )
      .get(`${prefix.replace(/[\\%_]/g, "\\$&")}%`) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}
