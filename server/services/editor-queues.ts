// The editor's queues: each can grow without bound (5,000 disputes made /editor 38 MB), so each is
// read a page at a time, oldest first — the longest-waiting item is the one to decide next.
import {
  countClaimsAwaitingResolution,
  countProposedClaims,
  listClaimsAwaitingResolution,
  listProposedClaims,
} from "../../db/claims";
import type { Db, Slice } from "../../db/connection";
import { countOpenDisputes, listOpenDisputes } from "../../db/disputes";
import {
  countPendingForecastProposals,
  countPendingHandleLinks,
  listPendingForecastProposals,
  listPendingHandleLinks,
} from "../../db/proposals";

export const QUEUE_NAMES = ["awaiting", "proposed", "disputes", "proposals", "links"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** One page of a queue, and how many wait in all. */
export interface QueuePage {
  name: QueueName;
  title: string;
  items: unknown[];
  total: number;
}

interface QueueReads {
  title: string;
  count: (db: Db, today: string) => number;
  list: (db: Db, today: string, page: Slice) => unknown[];
}

const QUEUES: Record<QueueName, QueueReads> = {
  awaiting: {
    title: "Past their resolve-by date",
    count: countClaimsAwaitingResolution,
    list: listClaimsAwaitingResolution,
  },
  proposed: { title: "Proposed claims", count: countProposedClaims, list: (db, _t, p) => listProposedClaims(db, p) },
  disputes: { title: "Open disputes", count: countOpenDisputes, list: (db, _t, p) => listOpenDisputes(db, p) },
  proposals: {
    title: "Forecasts proposed by readers",
    count: countPendingForecastProposals,
    list: (db, _t, p) => listPendingForecastProposals(db, p),
  },
  links: {
    title: "Readers claiming a commenter's handle",
    count: countPendingHandleLinks,
    list: (db, _t, p) => listPendingHandleLinks(db, p),
  },
};

/** One page of one queue; `today` decides which claims are past their resolve-by date. */
export function queuePage(db: Db, name: QueueName, today: string, page: Slice): QueuePage {
  const q = QUEUES[name];
  return { name, title: q.title, items: q.list(db, today, page), total: q.count(db, today) };
}
