import { Router } from "express";
import { scoreGuide } from "../services/score-guide";

const router = Router();

// "How scores work": every number on the board explained, worked through on a real resolved claim.
router.get("/", (_req, res) => {
  const { db } = res.locals.deps;
  res.render("scores/index", { title: "How scores work", guide: scoreGuide(db) });
});

export default router;
