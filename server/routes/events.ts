import { Router } from "express";
import { claimsByIds } from "../../db/claims";
import { claimIdsSettledByEvent, findEvent, listEvents } from "../../db/events";
import { notFound } from "../http-error";
import { idParam } from "./params";

const router = Router();

router.get("/", (_req, res) => {
  res.render("events/index", { title: "Events", events: listEvents(res.locals.deps.db) });
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
