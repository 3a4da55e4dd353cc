// "The first board after a write", on a quiet server: each round warms both boards, times them
// alone, then times them right after a forecast POST (a reader) and right after a re-resolution
// POST (the editor flips a resolved claim's verdict between YES and NO, citing the event its
// resolution cites: a YES cannot lapse). Also page sizes: each page's
// bytes and its time alone, signed-in pages (/editor) included.
import type { Client, Session } from "./http";
import { median } from "./measure";
import { type MixPlan, postForecast } from "./mix";
import { seededRandom } from "./random";
import type { ReResolvable } from "./dataset";

export interface ProbeRow {
  /** "alone", "after a forecast" or "after a re-resolution". */
  after: string;
  rounds: number;
  /** The write's own time (median, max), or null for "alone". */
  writeMs: { median: number; max: number } | null;
  boardMs: { median: number; max: number };
  tagBoardMs: { median: number; max: number };
}

export interface PageSize {
  path: string;
  bytes: number;
  aloneMs: number;
}

const round1 = (v: number): number => Math.round(v * 10) / 10;
const summary = (ms: number[]) => ({ median: round1(median(ms)), max: round1(Math.max(...ms)) });

interface Times {
  write: number[];
  board: number[];
  tagBoard: number[];
}

async function get(client: Client, path: string, session?: Session): Promise<number> {
  const res = await client.send(path, { session });
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return res.ms;
}

async function boards(client: Client, tagPath: string, into: Times): Promise<void> {
  into.board.push(await get(client, "/leaderboard"));
  into.tagBoard.push(await get(client, tagPath));
}

/** Re-resolves the claim the other way, known at the earliest event its resolution cites (a YES cannot lapse). */
async function reResolve(client: Client, editor: Session, claim: ReResolvable) {
  const verdict = claim.verdict === "YES" ? "NO" : "YES";
  const form = {
    verdict,
    basis: "event",
    eventIds: String(claim.eventId),
    rationale: "Benchmark: re-resolved on the cited event.",
    _csrf: editor.csrf,
  };
  const res = await client.send(`/claims/${claim.id}/resolve`, { session: editor, form });
  if (res.status !== 303) throw new Error(`re-resolving claim ${claim.id} answered ${res.status}`);
  claim.verdict = verdict;
  return res.ms;
}

function row(after: string, t: Times, withWrite: boolean): ProbeRow {
  const writeMs = withWrite ? summary(t.write) : null;
  return { after, rounds: t.board.length, writeMs, boardMs: summary(t.board), tagBoardMs: summary(t.tagBoard) };
}

export async function probeAfterWrites(
  client: Client,
  o: {
    rounds: number;
    tagPath: string;
    plan: MixPlan;
    editor: Session;
    resolved: ReResolvable[];
  },
): Promise<ProbeRow[]> {
  const rnd = seededRandom(99);
  const [alone, forecast, resolution]: Times[] = [0, 1, 2].map(() => ({ write: [], board: [], tagBoard: [] }));
  if (!alone || !forecast || !resolution) throw new Error("unreachable");
  for (let i = 0; i < o.rounds; i += 1) {
    await boards(client, o.tagPath, { write: [], board: [], tagBoard: [] }); // warm-up, not counted
    await boards(client, o.tagPath, alone);
    const posted = await postForecast(client, o.plan, rnd);
    if (posted.status !== 303) throw new Error(`a forecast POST answered ${posted.status}`);
    forecast.write.push(posted.ms);
    await boards(client, o.tagPath, forecast);
    const claim = o.resolved[i % o.resolved.length];
    if (!claim) continue;
    resolution.write.push(await reResolve(client, o.editor, claim));
    await boards(client, o.tagPath, resolution);
  }
  const rows = [row("alone", alone, false), row("after a forecast", forecast, true)];
  if (resolution.board.length > 0) rows.push(row("after a re-resolution", resolution, true));
  return rows;
}

/** Each page once to warm up, then 3 times one at a time: its size and median time. */
export async function pageSizes(client: Client, pages: { path: string; session?: Session }[]): Promise<PageSize[]> {
  const sizes: PageSize[] = [];
  for (const { path, session } of pages) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 4; i += 1) {
      const res = await client.send(path, { session });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      if (i > 0) times.push(res.ms);
      bytes = res.bytes;
    }
    sizes.push({ path, bytes, aloneMs: round1(median(times)) });
  }
  return sizes;
}
