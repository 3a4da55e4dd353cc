// A form refused with 422 is re-rendered at the address it was posted to. Opening that address again
// (a reload after the "resend?" prompt is declined, a bookmark, a shared link) is a GET, which those
// paths did not answer: a 404, or another page. Each POST-only path answers GET with a redirect to
// the page its form is on. Mounted after every other router, so a path with its own GET keeps it.
import { Router } from "express";

const router = Router();

/** POST-only path → the page holding its form. `:id` is copied from the path; ids are digits only. */
const FORM_PAGES: readonly (readonly [string, (id: string) => string])[] = [
  ["/claims/:id/forecasts", (id) => `/claims/${id}#forecast`],
  ["/claims/:id/merge", (id) => `/claims/${id}#merge`],
  ["/claims/:id/approve", (id) => `/claims/${id}`],
  ["/claims/:id/reject", (id) => `/claims/${id}`],
  ["/people/:id/claim-handle", (id) => `/people/${id}`],
  ["/editor/candidates/:id/accept", () => "/editor/candidates"],
  ["/editor/candidates/:id/dismiss", () => "/editor/candidates"],
  ["/editor/disputes/:id/uphold", () => "/editor"],
  ["/editor/proposals/:id/accept", () => "/editor"],
  ["/editor/proposals/:id/reject", () => "/editor"],
  ["/editor/links/:id/approve", () => "/editor"],
  ["/editor/links/:id/reject", () => "/editor"],
  ["/admin/accounts/:id/role", () => "/admin/accounts"],
  ["/logout", () => "/"],
];

for (const [path, target] of FORM_PAGES) {
  router.get(path, (req, res, next) => {
    const id = String(req.params.id ?? "");
    // Anything but an id is an address that never existed: the 404 page says so.
    if (path.includes(":id") && !/^\d{1,15}$/.test(id)) return next();
    res.redirect(303, target(id));
  });
}

export default router;
