import { Router } from "express";
import { audit } from "../../db/audit";
import { findSource, listSources } from "../../db/sources";
import { requireRole } from "../http/auth";
import { toStored } from "../domain/dates";
import { eventForm, parseForm } from "../domain/forms";
import { redirectWithFlash, renderInvalid, typed } from "../http/responses";
import { claimsByIds } from "../../db/claims";
import { claimIdsSettledByEvent, findEvent, insertEvent, listEvents } from "../../db/events";
import { notFound } from "../http/errors";
import { idParam, todayOf } from "../http/request";

const router = Router();

router.get("/", (_req, res) => {
  res.render("events/index", { title: "Events", events: listEvents(res.locals.deps.db) });
});

const editor = requireRole("editor");

router.get("/new", editor, (_req, res) => {
  res.render("events/new", {
    title: "Record an event",
    values: {},
    errors: {},
    sources: listSources(res.locals.deps.db),
  });
});

router.post("/", editor, (req, res) => {
  const { db, clock } = res.locals.deps;
  const form = parseForm(eventForm(todayOf(res)), req.body);
  const view = { title: "Record an event", values: typed(req), sources: listSources(db) };
  if (!form.ok) return renderInvalid(res, "events/new", { ...view, errors: form.errors });
  const v = form.values;
  if (v.sourceId !== null && !findSource(db, v.sourceId))
    return renderInvalid(res, "events/new", { ...view, errors: { sourceId: "Choose a source from the list" } });
  const at = toStored(clock());
  const id = db.transaction(() => {
    const eventId = insertEvent(db, { ...v, summary: v.summary ?? "", createdAt: at });
    audit(db, {
      accountId: res.locals.account?.id ?? null,
      action: "event recorded",
      details: `#${eventId} ${v.title} (${v.occurredOn})`,
      now: at,
    });
    return eventId;
  })();
  redirectWithFlash(req, res, `/events/${id}`, "Event recorded. Cite it when you resolve a claim.");
});

router.get("/:id", (req, res) => {
  const { db } = res.locals.deps;
  const event = findEvent(db, idParam(req, "Event"));
  if (!event) throw notFound("That event");
  res.render("events/show", {
    title: event.title,
    event,
    claims: claimsByIds(db, claimIdsSettledByEvent(db, event.id)),
  });
});

export default router;
