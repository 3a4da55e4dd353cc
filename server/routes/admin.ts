import { Router } from "express";
import { countAdmins, findAccount, listAccounts, setRole } from "../../db/accounts";
import { audit } from "../../db/audit";
import { requireRole } from "../http/auth";
import { toStored } from "../domain/dates";
import { parseForm, roleForm } from "../domain/forms";
import { HttpError, notFound } from "../http/errors";
import { redirectWithFlash } from "../http/responses";
import { idParam } from "../http/request";

const router = Router();
router.use(requireRole("admin"));

router.get("/accounts", (_req, res) => {
  res.render("admin/accounts", { title: "Accounts", accounts: listAccounts(res.locals.deps.db), errors: {} });
});

router.post("/accounts/:id/role", (req, res) => {
  const { db, clock } = res.locals.deps;
  const target = findAccount(db, idParam(req, "Account"));
  if (!target) throw notFound("That account");
  const form = parseForm(roleForm, req.body);
  if (!form.ok) {
    return res.status(422).render("admin/accounts", {
      title: "Accounts",
      accounts: listAccounts(db),
      errors: { [target.id]: form.errors.role },
    });
  }
  // The last admin cannot demote themselves: someone must always be able to manage accounts.
  if (target.role === "admin" && form.values.role !== "admin" && countAdmins(db) <= 1) {
    throw new HttpError(409, "This is the only admin account; make another admin first.");
  }
  db.transaction(() => {
    setRole(db, target.id, form.values.role);
    audit(db, {
      accountId: res.locals.account?.id ?? null,
      action: "role changed",
      details: `${target.username}: ${target.role} → ${form.values.role}`,
      now: toStored(clock()),
    });
  })();
  redirectWithFlash(
    req,
    res,
    "/admin/accounts",
    `${target.username} is now ${form.values.role === "admin" ? "an" : "a"} ${form.values.role}.`,
  );
});

export default router;
