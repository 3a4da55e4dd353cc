import { Router, type Response } from "express";
import { listSourceTitles } from "../../db/sources";
import { requireRole, signedInAccount } from "../http/auth";
import { eventEditForm, eventForm, parseForm, type FieldErrors } from "../domain/forms";
import { hasRole } from "../domain/roles";
import { redirectWithFlash, renderInvalid, typed } from "../http/responses";
import { claimsByIds } from "../../db/claims";
import { claimIdsSettledByEvent, countEvents, findEvent, listEvents, type Event } from "../../db/events";
import { listPage, loadOr404, todayOf } from "../http/request";
import { editEvent, recordEvent } from "../services/events";

const router = Router();

const EVENTS_PER_PAGE = 50;

router.get("/", (req, res) => {
  const { db } = res.locals.deps;
  const slice = listPage(req, countEvents(db), EVENTS_PER_PAGE, "events");
  res.render("events/index", { title: "Events", events: listEvents(db, slice), ...slice });
});

const editor = requireRole("editor");

router.get("/new", editor, (_req, res) => {
  res.render("events/new", {
    title: "Record an event",
    values: {},
    errors: {},
    sources: listSourceTitles(res.locals.deps.db, 500),
  });
});

// The form posts to /events/new, so the address after a refused form is the form's own page.
router.post(["/", "/new"], editor, (req, res) => {
  const { db, clock } = res.locals.deps;
  const form = parseForm(eventForm(todayOf(res)), req.body);
  const view = { title: "Record an event", values: typed(req), sources: listSourceTitles(db, 500) };
  if (!form.ok) return renderInvalid(res, "events/new", { ...view, errors: form.errors });
  const done = recordEvent(db, signedInAccount(res), form.values, clock());
  if (!done.ok) return renderInvalid(res, "events/new", { ...view, errors: { [done.field]: done.message } });
  redirectWithFlash(req, res, `/events/${done.value}`, "Event recorded. Cite it when you resolve a claim.");
});

router.get("/:id", (req, res) => {
  const event = loadOr404(req, res, "Event", findEvent);
  res.render("events/show", {
    title: event.title,
    event,
    claims: claimsByIds(res.locals.deps.db, claimIdsSettledByEvent(res.locals.deps.db, event.id)),
    editor: hasRole(res.locals.account, "editor"),
  });
});

function renderEdit(res: Response, event: Event, values: Record<string, unknown>, errors: FieldErrors = {}): void {
  const { db } = res.locals.deps;
  res.status(Object.keys(errors).length ? 422 : 200).render("events/edit", {
    title: `Correct: ${event.title}`,
    event,
    values,
    errors,
    sources: listSourceTitles(db, 500),
    claims: claimIdsSettledByEvent(db, event.id),
  });
}

router.get("/:id/edit", editor, (req, res) => {
  const event = loadOr404(req, res, "Event", findEvent);
  renderEdit(res, event, { ...event, summary: event.summary, sourceId: event.sourceId ?? "" });
});

router.post("/:id/edit", editor, (req, res) => {
  const { db, clock } = res.locals.deps;
  const event = loadOr404(req, res, "Event", findEvent);
  const form = parseForm(eventEditForm(todayOf(res)), req.body);
  if (!form.ok) return renderEdit(res, event, typed(req), form.errors);
  const done = editEvent(db, signedInAccount(res), event, form.values, clock());
  if (!done.ok) return renderEdit(res, event, typed(req), { [done.field]: done.message });
  const n = done.value.rescored.length;
  const moved = n > 0 ? ` The known-at of ${n} claim(s) moved with it; their scores were recomputed.` : "";
  redirectWithFlash(req, res, `/events/${event.id}`, `Event corrected.${moved}`);
});

export default router;
