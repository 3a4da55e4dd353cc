import { Router } from "express";
import { findAccount, listAccounts } from "../../db/accounts";
import { requireRole, signedInAccount } from "../http/auth";
import { parseForm, roleForm } from "../domain/forms";
import { HttpError } from "../http/errors";
import { redirectWithFlash } from "../http/responses";
import { loadOr404 } from "../http/request";
import { changeRole } from "../services/accounts";

const router = Router();
router.use(requireRole("admin"));

router.get("/accounts", (_req, res) => {
  res.render("admin/accounts", { title: "Accounts", accounts: listAccounts(res.locals.deps.db), errors: {} });
});

router.post("/accounts/:id/role", (req, res) => {
  const { db, clock } = res.locals.deps;
  const target = loadOr404(req, res, "Account", findAccount);
  const form = parseForm(roleForm, req.body);
  if (!form.ok) {
    return res.status(422).render("admin/accounts", {
      title: "Accounts",
      accounts: listAccounts(db),
      errors: { [target.id]: form.errors.role },
    });
  }
  const role = form.values.role;
  const done = changeRole(db, signedInAccount(res), target, role, clock());
  if (!done.ok) throw new HttpError(409, done.message);
  redirectWithFlash(req, res, "/admin/accounts", `${target.username} is now ${role === "admin" ? "an" : "a"} ${role}.`);
});

export default router;
