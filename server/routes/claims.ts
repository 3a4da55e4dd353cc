import { Router } from "express";
import { listClaims } from "../../db/claims";
import { claimsQuery } from "../domain/queries";
import { notFound } from "../http-error";
import { claimPage } from "../services/claim-page";
import { idParam, queryOr400 } from "./params";

const router = Router();

router.get("/", (req, res) => {
  const { status } = queryOr400(claimsQuery, req);
  const { db } = res.locals.deps;
  const sections = (status ? [status] : (["open", "resolved", "annulled"] as const)).map((s) => ({
    status: s,
    claims: listClaims(db, s),
  }));
  res.render("claims/index", { title: "Claims", sections, status: status ?? null });
});

router.get("/:id", (req, res) => {
  const page = claimPage(res.locals.deps.db, idParam(req, "Claim"));
  if (!page) throw notFound("That claim");
  res.render("claims/show", { title: page.claim.text, ...page, today: res.locals.deps.clock().toISODate() });
});

export default router;
