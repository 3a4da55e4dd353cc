import { Router } from "express";
import { claimsByIds } from "../../db/claims";
import { forecastsForPerson } from "../../db/forecasts";
import { findPerson, listPeople } from "../../db/people";
import { notFound } from "../http-error";
import { forecastRow } from "../services/claim-page";
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
  const forecasts = forecastsForPerson(db, person.id);
  const verdicts = new Map(claimsByIds(db, [...new Set(forecasts.map((f) => f.claimId))]).map((c) => [c.id, c.verdict]));
  // Peer scores compare a person with everyone else on the claim, so score all claims, not only theirs.
  const scores = scoreEverything(db);
  const rows = forecasts.map((f) => forecastRow(f, verdicts.get(f.claimId) ?? null, scores.claims.get(f.claimId)));
  const summary = scores.people.find((p) => p.personId === person.id) ?? null;
  res.render("people/show", { title: person.handle, person, rows, summary });
});

export default router;
