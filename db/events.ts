import { EVERY_ROW, stmt, type Db } from "./connection";

export interface Event {
  id: number;
  title: string;
  occurredOn: string;
  datePrecision: "day" | "month";
  summary: string;
  evidenceQuote: string | null;
  evidenceUrl: string | null;
  sourceId: number | null;
  sourceTitle: string | null;
}

const SELECT = `SELECT e.id, e.title, e.occurred_on AS occurredOn, e.date_precision AS datePrecision,
    e.summary, e.evidence_quote AS evidenceQuote, e.evidence_url AS evidenceUrl,
    e.source_id AS sourceId, s.title AS sourceTitle
  FROM events e LEFT JOIN sources s ON s.id = e.source_id`;

export type NewEvent = Omit<Event, "id" | "sourceTitle"> & { createdAt: string };

export function insertEvent(db: Db, e: NewEvent): number {
  const info = stmt(
    db,
    `INSERT INTO events (title, occurred_on, date_precision, summary, evidence_quote, evidence_url, source_id, created_at)
       VALUES (@title, @occurredOn, @datePrecision, @summary, @evidenceQuote, @evidenceUrl, @sourceId, @createdAt)`,
  ).run(e);
  return Number(info.lastInsertRowid);
}

export function findEvent(db: Db, id: number): Event | undefined {
  return stmt(db, `${SELECT} WHERE e.id = ?`).get(id) as Event | undefined;
}

export function countEvents(db: Db): number {
  return stmt(db, `SELECT count(*) FROM events`).pluck().get() as number;
}

/** Newest first (served by the events_occurred index). */
export function listEvents(db: Db, slice = EVERY_ROW): Event[] {
  return stmt(db, `${SELECT} ORDER BY e.occurred_on DESC, e.id DESC LIMIT ? OFFSET ?`).all(
    slice.limit,
    slice.offset,
  ) as Event[];
}

export function eventsForSource(db: Db, sourceId: number): Event[] {
  return stmt(db, `${SELECT} WHERE e.source_id = ? ORDER BY e.occurred_on`).all(sourceId) as Event[];
}

/** Claims whose current resolution cites this event. */
export function claimIdsSettledByEvent(db: Db, eventId: number): number[] {
  return stmt(
    db,
    `SELECT r.claim_id FROM current_resolutions r JOIN resolution_events re ON re.resolution_id = r.id
       WHERE re.event_id = ? ORDER BY r.claim_id`,
  )
    .pluck()
    .all(eventId) as number[];
}

/** Corrects an event's fields (its creation time stays). */
export function updateEvent(db: Db, id: number, e: Omit<NewEvent, "createdAt">): void {
  stmt(
    db,
    `UPDATE events SET title = @title, occurred_on = @occurredOn, date_precision = @datePrecision, summary = @summary,
       evidence_quote = @evidenceQuote, evidence_url = @evidenceUrl, source_id = @sourceId WHERE id = @id`,
  ).run({ ...e, id });
}
