import { Router } from "express";
import { commentsForSource } from "../../db/comments";
import { eventsForSource } from "../../db/events";
import { forecastsForSource } from "../../db/forecasts";
import { findSource, listSources } from "../../db/sources";
import { groupBy } from "../domain/collections";
import { notFound } from "../http-error";
import { forecastRows } from "../services/claim-page";
import { idParam } from "./params";

const router = Router();

router.get("/", (_req, res) => {
  res.render("sources/index", { title: "Sources", sources: listSources(res.locals.deps.db) });
});

router.get("/:id", (req, res) => {
  const { db } = res.locals.deps;
  const source = findSource(db, idParam(req, "Source"));
  if (!source) throw notFound("That source");
  const forecasts = forecastsForSource(db, source.id);
  const byComment = groupBy(
    forecasts.filter((f) => f.commentId !== null),
    (f) => f.commentId,
  );
  const comments = commentsForSource(db, source.id).map((c) => ({ ...c, forecasts: byComment.get(c.id) ?? [] }));
  res.render("sources/show", {
    title: source.title,
    source,
    paragraphs: source.body.split(/\n{2,}/).filter((p) => p.trim() !== ""),
    comments,
    articleForecasts: forecastRows(
      db,
      forecasts.filter((f) => f.commentId === null),
    ),
    events: eventsForSource(db, source.id),
  });
});

export default router;
