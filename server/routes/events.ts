import { Router } from "express";
import { listSourceTitles } from "../../db/sources";
import { requireRole, signedInAccount } from "../http/auth";
import { eventForm, parseForm } from "../domain/forms";
import { redirectWithFlash, renderInvalid, typed } from "../http/responses";
import { claimsByIds } from "../../db/claims";
import { claimIdsSettledByEvent, countEvents, findEvent, listEvents } from "../../db/events";
import { listPage, loadOr404, todayOf } from "../http/request";
import { recordEvent } from "../services/events";

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
  });
});

export default router;
