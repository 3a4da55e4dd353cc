import { Router } from "express";
import { forecastsForPerson } from "../../db/forecasts";
import { findPerson, listPeople } from "../../db/people";
import { activeLinkForPerson, insertHandleLink } from "../../db/proposals";
import { requireSignedIn, signedInAccount } from "../http/auth";
import { toStored } from "../domain/dates";
import { HttpError, notFound } from "../http/errors";
import { forecastRows } from "../services/claim-page";
import { scoreEverything } from "../services/scores";
import { redirectWithFlash } from "../http/responses";
import { idParam } from "../http/request";

const router = Router();

router.get("/", (_req, res) => {
  res.render("people/index", { title: "People", people: listPeople(res.locals.deps.db) });
});

router.get("/:id", (req, res) => {
  const { db } = res.locals.deps;
  const person = findPerson(db, idParam(req, "Person"));
  if (!person) throw notFound("That person");
  const scores = scoreEverything(db);
  const rows = forecastRows(db, forecastsForPerson(db, person.id), scores);
  const summary = scores.people.find((p) => p.personId === person.id) ?? null;
  const link = person.kind === "commenter" ? (activeLinkForPerson(db, person.id) ?? null) : null;
  res.render("people/show", { title: person.handle, person, rows, summary, link });
});

// A reader says "this imported commenter is me"; it counts only once an editor approves.
router.post("/:id/claim-handle", requireSignedIn, (req, res) => {
  const { db, clock } = res.locals.deps;
  const account = signedInAccount(res);
  const person = findPerson(db, idParam(req, "Person"));
  if (!person) throw notFound("That person");
  if (person.kind !== "commenter") throw new HttpError(409, "Only an imported commenter's handle can be claimed.");
  if (activeLinkForPerson(db, person.id))
    throw new HttpError(409, "This handle is already claimed or awaiting an editor.");
  insertHandleLink(db, account.id, person.id, toStored(clock()));
  redirectWithFlash(
    req,
    res,
    `/people/${person.id}`,
    "Request sent: an editor will confirm that this handle is yours.",
  );
});

export default router;
