import { stmt, type Db } from "./connection";
import type { ResolutionInput, Verdict } from "../server/domain/types";

export interface Resolution {
  id: number;
  claimId: number;
  verdict: Verdict;
  knownAt: string;
  knownAtBasis: "event" | "lapse";
  rationale: string;
  supersedesId: number | null;
  resolvedBy: string | null;
  createdAt: string;
  events: { id: number; title: string; occurredOn: string; datePrecision: "day" | "month" }[];
}

export interface NewResolution {
  claimId: number;
  verdict: Verdict;
  knownAt: string;
  knownAtBasis: "event" | "lapse";
  rationale: string;
  resolvedBy: number | null;
  createdAt: string;
  eventIds: readonly number[];
}

/** Appends a resolution that supersedes the claim's current one (if any); history is never rewritten. */
export function insertResolution(db: Db, r: NewResolution): number {
  const current = stmt(db, `SELECT id FROM current_resolutions WHERE claim_id = ?`).pluck().get(r.claimId) as
    number | undefined;
  const info = stmt(
    db,
    `INSERT INTO resolutions (claim_id, verdict, known_at, known_at_basis, rationale, supersedes_id, resolved_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.claimId, r.verdict, r.knownAt, r.knownAtBasis, r.rationale, current ?? null, r.resolvedBy, r.createdAt);
  const id = Number(info.lastInsertRowid);
  const cite = stmt(db, `INSERT INTO resolution_events (resolution_id, event_id) VALUES (?, ?)`);
  for (const eventId of r.eventIds) cite.run(id, eventId);
  return id;
}

/** Every resolution of a claim, newest (current) first. */
export function resolutionHistory(db: Db, claimId: number): Resolution[] {
  const rows = stmt(
    db,
    `SELECT r.id, r.claim_id AS claimId, r.verdict, r.known_at AS knownAt, r.known_at_basis AS knownAtBasis,
         r.rationale, r.supersedes_id AS supersedesId, a.username AS resolvedBy, r.created_at AS createdAt
       FROM resolutions r LEFT JOIN accounts a ON a.id = r.resolved_by
       WHERE r.claim_id = ? ORDER BY r.id DESC`,
  ).all(claimId) as Omit<Resolution, "events">[];
  const cited = stmt(
    db,
    `SELECT e.id, e.title, e.occurred_on AS occurredOn, e.date_precision AS datePrecision
     FROM resolution_events re JOIN events e ON e.id = re.event_id
     WHERE re.resolution_id = ? ORDER BY e.occurred_on`,
  );
  return rows.map((r) => ({ ...r, events: cited.all(r.id) as Resolution["events"] }));
}

/** The current resolution of every resolved claim, as the scoring code takes them. */
export function currentResolutionInputs(db: Db, claimIds?: readonly number[]): ResolutionInput[] {
  const filter = claimIds ? `WHERE claim_id IN (SELECT value FROM json_each(?))` : "";
  const query = stmt(
    db,
    `SELECT claim_id AS claimId, verdict, known_at AS knownAt FROM current_resolutions ${filter} ORDER BY claim_id`,
  );
  return (claimIds ? query.all(JSON.stringify(claimIds)) : query.all()) as ResolutionInput[];
}

/** A current resolution dated by events: its known-at follows the earliest of `eventDays`. */
export interface EventDatedResolution {
  id: number;
  claimId: number;
  knownAt: string;
  verdict: Verdict;
  /** The claim's resolve-by date: a NO is known by then at the latest. */
  resolveBy: string;
  /** The occurred_on days of every event it cites, earliest first. */
  eventDays: string[];
}

/** The current resolutions that cite this event and take their known-at from events. */
export function currentResolutionsCitingEvent(db: Db, eventId: number): EventDatedResolution[] {
  const rows = stmt(
    db,
    `SELECT r.id, r.claim_id AS claimId, r.known_at AS knownAt, r.verdict,
       (SELECT resolve_by FROM claims c WHERE c.id = r.claim_id) AS resolveBy,
       (SELECT json_group_array(occurred_on) FROM (SELECT e.occurred_on FROM resolution_events x
          JOIN events e ON e.id = x.event_id WHERE x.resolution_id = r.id ORDER BY e.occurred_on)) AS eventDays
     FROM current_resolutions r JOIN resolution_events re ON re.resolution_id = r.id
     WHERE re.event_id = ? AND r.known_at_basis = 'event' ORDER BY r.claim_id`,
  ).all(eventId) as (Omit<EventDatedResolution, "eventDays"> & { eventDays: string })[];
  return rows.map((r) => ({ ...r, eventDays: JSON.parse(r.eventDays) as string[] }));
}

/**
 * Moves a resolution's known-at when the event it was dated by is corrected. The verdict and the
 * history stay: the event's date was wrong, not the editor's judgement (the audit log keeps both dates).
 */
export function updateResolutionKnownAt(db: Db, id: number, knownAt: string, basis: "event" | "lapse"): void {
  stmt(db, `UPDATE resolutions SET known_at = ?, known_at_basis = ? WHERE id = ?`).run(knownAt, basis, id);
}
