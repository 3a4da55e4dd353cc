import { Router } from "express";
import { forecastsForPerson } from "../../db/forecasts";
import { findPerson, listPeople } from "../../db/people";
import { notFound } from "../http-error";
import { forecastRows } from "../services/claim-page";
import { scoreEverything } from "../services/scores";
import { idParam } from "./params";

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
  res.render("people/show", { title: person.handle, person, rows, summary });
});

export default router;
