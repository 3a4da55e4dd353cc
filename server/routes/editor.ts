import { Router, type Request, type Response } from "express";
import { countCandidates, findCandidate, listCandidates, listDismissedCandidates } from "../../db/candidates";
import { findForecast, type ForecastRecord } from "../../db/forecasts";
import { listClaims } from "../../db/claims";
import { findDispute } from "../../db/disputes";
import { findForecastProposal, findHandleLink } from "../../db/proposals";
import { requireRole, signedInAccount } from "../http/auth";
import {
  candidateAcceptForm,
  correctionReasonForm,
  dismissForm,
  forecastCorrectionForm,
  disputeAnswerForm,
  importForm,
  parseForm,
  type FieldErrors,
} from "../domain/forms";
import { decodeFormText } from "../domain/form-text";
import { decodeBytes } from "../domain/text-encoding";
import { HttpError } from "../http/errors";
import { upholdResolution } from "../services/claim-writes";
import { QUEUE_NAMES, queuePage } from "../services/editor-queues";
import { runImport } from "../services/import-form";
import { MAX_IMPORT_BYTES } from "../services/import-thread";
import { givenThreads, megabytes, type GivenThread } from "../http/import-upload";
import { correctForecast, undoDismissal, withdrawForecast } from "../services/corrections";
import { percent } from "../http/format";
import {
  acceptCandidateOnto,
  candidateTargetText,
  decideLink,
  decideProposal,
  dismissCandidate,
} from "../services/review";
import { redirectWithFlash, typed } from "../http/responses";
import { loadOr404, paginate, queryOr400, todayOf } from "../http/request";
import { pageQuery } from "../domain/query-schemas";

const router = Router();
router.use(requireRole("editor"));

/** Items of each queue on a page: /editor shows the first page of every queue, /editor/<queue> the rest. */
const PAGE = 25;

router.get("/", (_req, res) => {
  const { db } = res.locals.deps;
  const today = todayOf(res);
  res.render("editor/index", {
    title: "Editor",
    queues: QUEUE_NAMES.map((name) => queuePage(db, name, today, { limit: PAGE, offset: 0 })),
    pendingCandidates: countCandidates(db, "pending"),
    errors: {},
  });
});

for (const name of QUEUE_NAMES) {
  router.get(`/${name}`, (req, res) => {
    const asked = queryOr400(pageQuery, req).page;
    const queue = queuePage(res.locals.deps.db, name, todayOf(res), { limit: PAGE, offset: (asked - 1) * PAGE });
    // "empty", as for candidates: a queue shrinks under an editor while others decide.
    const { page, pages } = paginate(queue.total, asked, PAGE, "empty");
    res.render("editor/queue", { title: queue.title, queue, page, pages });
  });
}

/** What an accept form states in words before it is saved: "skeptic_joe: 10% that …". */
interface Confirmation {
  probability: number;
  stance: string;
  claimText: string;
  token: string;
}

interface CandidatesView {
  status?: number;
  errors?: Record<number, FieldErrors>;
  values?: Record<number, Record<string, unknown>>;
  confirm?: Record<number, Confirmation>;
}

function renderCandidates(req: Request, res: Response, view: CandidatesView = {}): void {
  const { db } = res.locals.deps;
  const total = countCandidates(db, "pending");
  const { page, pages, offset, limit } = paginate(total, queryOr400(pageQuery, req).page, PAGE, "empty");
  const candidates = listCandidates(db, { status: "pending", limit, offset });
  // The card a form came from stays on the page even if others' decisions moved it to another page.
  const posted = req.params.id ? findCandidate(db, Number(req.params.id)) : undefined;
  if (posted && posted.status === "pending" && !candidates.some((c) => c.id === posted.id)) candidates.unshift(posted);
  res.status(view.status ?? 200).render("editor/candidates", {
    title: "Speculation to review",
    candidates,
    claims: listClaims(db),
    page,
    pages,
    total,
    errors: view.errors ?? {},
    values: view.values ?? {},
    confirm: view.confirm ?? {},
  });
}

router.get("/candidates", (req, res) => renderCandidates(req, res));

router.post("/candidates/:id/accept", (req, res) => {
  const { db, clock } = res.locals.deps;
  const candidate = loadOr404(req, res, "Candidate", findCandidate);
  const refused = (errors: FieldErrors) =>
    renderCandidates(req, res, {
      status: 422,
      errors: { [candidate.id]: errors },
      values: { [candidate.id]: typed(req) },
    });
  const form = parseForm(candidateAcceptForm(todayOf(res)), req.body);
  if (!form.ok) return refused(form.errors);
  // Another editor got there first: not the user's mistake to fix, so no 422, just say so.
  if (candidate.status !== "pending") {
    return redirectWithFlash(req, res, queueAtMessage(req), "That sentence was already decided by another editor.");
  }
  const v = form.values;
  const claimText = candidateTargetText(db, v);
  if (!claimText.ok) return refused({ [claimText.field]: claimText.message });
  // Saved only once the editor has read these very values in words (a changed form is shown again).
  if (v.confirm !== v.token) {
    const confirm = { probability: v.probability, stance: v.stance, claimText: claimText.value, token: v.token };
    return renderCandidates(req, res, { values: { [candidate.id]: typed(req) }, confirm: { [candidate.id]: confirm } });
  }
  const done = acceptCandidateOnto(db, signedInAccount(res), candidate, v, clock());
  if (!done.ok) return refused({ [done.field]: done.message });
  const flash = `Forecast saved: ${candidate.handle}, ${percent(v.probability)} that “${done.value.text}”.`;
  redirectWithFlash(req, res, queueAtMessage(req), flash, {
    href: `/claims/${done.value.id}`,
    text: "See the claim",
  });
});

router.post("/candidates/:id/dismiss", (req, res) => {
  const { db, clock } = res.locals.deps;
  const candidate = loadOr404(req, res, "Candidate", findCandidate);
  const form = parseForm(dismissForm, req.body);
  if (!form.ok)
    return renderCandidates(req, res, {
      status: 422,
      errors: { [candidate.id]: { reason: form.errors.reason ?? "Give a reason" } },
      values: { [candidate.id]: typed(req) },
    });
  const done = dismissCandidate(db, signedInAccount(res), candidate, form.values.reason, clock());
  if (!done.ok) throw new HttpError(409, done.message);
  redirectWithFlash(
    req,
    res,
    queueAtMessage(req),
    "Candidate dismissed. Dismissed sentences can be restored from the list of dismissed ones.",
  );
});

/**
 * Back to the page of the queue the form was on, at the message at its top: the form's #card-N
 * would otherwise carry over to a card now gone.
 */
function queueAtMessage(req: Request): string {
  const page = queryOr400(pageQuery, req).page;
  return `${page > 1 ? `/editor/candidates?page=${page}` : "/editor/candidates"}#flash`;
}

function renderDismissed(req: Request, res: Response, status = 200, errors: Record<number, FieldErrors> = {}): void {
  const { db } = res.locals.deps;
  const total = countCandidates(db, "dismissed");
  const { page, pages, offset, limit } = paginate(total, queryOr400(pageQuery, req).page, PAGE, "empty");
  res.status(status).render("editor/dismissed", {
    title: "Dismissed speculation",
    candidates: listDismissedCandidates(db, { limit, offset }),
    page,
    pages,
    total,
    errors,
    values: status === 200 ? {} : { [Number(req.params.id)]: typed(req) },
  });
}

router.get("/candidates/dismissed", (req, res) => renderDismissed(req, res));

router.post("/candidates/:id/restore", (req, res) => {
  const { db, clock } = res.locals.deps;
  const candidate = loadOr404(req, res, "Candidate", findCandidate);
  const form = parseForm(correctionReasonForm, req.body);
  if (!form.ok) return renderDismissed(req, res, 422, { [candidate.id]: form.errors });
  const done = undoDismissal(db, signedInAccount(res), candidate, form.values.reason, clock());
  if (!done.ok) return redirectWithFlash(req, res, "/editor/candidates/dismissed", done.message);
  const flash = `Back in the queue: “${candidate.sentence}” by ${candidate.handle}.`;
  redirectWithFlash(req, res, `/editor/candidates/dismissed`, flash);
});

function renderForecastCorrection(
  res: Response,
  forecast: ForecastRecord,
  status = 200,
  errors: { correct?: FieldErrors; withdraw?: FieldErrors } = {},
  values: Record<string, unknown> = {},
): void {
  res.status(status).render("editor/forecast", {
    title: `Correct ${forecast.handle}’s forecast`,
    forecast,
    errors: { correct: errors.correct ?? {}, withdraw: errors.withdraw ?? {} },
    values,
  });
}

router.get("/forecasts/:id", (req, res) =>
  renderForecastCorrection(res, loadOr404(req, res, "Forecast", findForecast)),
);

router.post("/forecasts/:id/correct", (req, res) => {
  const { db, clock } = res.locals.deps;
  const forecast = loadOr404(req, res, "Forecast", findForecast);
  const form = parseForm(forecastCorrectionForm, req.body);
  if (!form.ok) return renderForecastCorrection(res, forecast, 422, { correct: form.errors }, typed(req));
  const done = correctForecast(db, signedInAccount(res), forecast, form.values, clock());
  if (!done.ok)
    return renderForecastCorrection(res, forecast, 422, { correct: { [done.field]: done.message } }, typed(req));
  const flash = `Forecast corrected: ${forecast.handle}, ${percent(forecast.probability)} → ${percent(form.values.probability)}. Scores updated.`;
  redirectWithFlash(req, res, `/claims/${forecast.claimId}`, flash);
});

router.post("/forecasts/:id/withdraw", (req, res) => {
  const { db, clock } = res.locals.deps;
  const forecast = loadOr404(req, res, "Forecast", findForecast);
  const form = parseForm(correctionReasonForm, req.body);
  if (!form.ok) return renderForecastCorrection(res, forecast, 422, { withdraw: form.errors }, typed(req));
  const done = withdrawForecast(db, signedInAccount(res), forecast, form.values.reason, clock());
  if (!done.ok)
    return renderForecastCorrection(res, forecast, 422, { withdraw: { [done.field]: done.message } }, typed(req));
  const requeued = done.value.requeued ? " Its sentence is back in the speculation queue." : "";
  redirectWithFlash(req, res, `/claims/${forecast.claimId}`, `Forecast withdrawn: it is no longer scored.${requeued}`);
});

router.post("/disputes/:id/uphold", (req, res) => {
  const { db, clock } = res.locals.deps;
  const dispute = loadOr404(req, res, "Dispute", findDispute);
  const form = parseForm(disputeAnswerForm, req.body);
  if (!form.ok)
    throw new HttpError(422, "Write an answer of at least 10 characters explaining why the resolution stands.", [
      form.errors.answer ?? "",
    ]);
  const done = upholdResolution(db, signedInAccount(res), dispute, form.values.answer, clock());
  if (!done.ok) throw new HttpError(409, done.message);
  redirectWithFlash(req, res, `/claims/${dispute.claimId}#disputes`, "Dispute answered: resolution upheld.");
});

for (const decision of ["accept", "reject"] as const) {
  router.post(`/proposals/:id/${decision}`, (req, res) => {
    const { db, clock } = res.locals.deps;
    const proposal = loadOr404(req, res, "Proposal", findForecastProposal);
    const done = decideProposal(db, signedInAccount(res), proposal, decision, clock());
    if (!done.ok) throw new HttpError(409, done.message);
    redirectWithFlash(req, res, "/editor", `Proposal ${decision}ed.`);
  });
}

for (const decision of ["approve", "reject"] as const) {
  router.post(`/links/:id/${decision}`, (req, res) => {
    const { db, clock } = res.locals.deps;
    const link = loadOr404(req, res, "Link request", findHandleLink);
    const done = decideLink(db, signedInAccount(res), link, decision, clock());
    if (!done.ok) throw new HttpError(409, done.message);
    redirectWithFlash(req, res, "/editor", `Link ${decision}d.`);
  });
}

/** What every render of the import page is given: the upload's limit is said on the page. */
const IMPORT_PAGE = { title: "Import a thread", uploadLimit: megabytes(MAX_IMPORT_BYTES) };

function renderImport(
  res: Response,
  status: number,
  page: {
    values?: Record<string, unknown>;
    errors?: FieldErrors;
    summary?: unknown;
    fileName?: string | null;
    /** The name of a file sent with a form that is refused: the page asks for it again. */
    sentFile?: string | null;
  },
): void {
  res.status(status).render("editor/import", {
    ...IMPORT_PAGE,
    values: {},
    errors: {},
    summary: null,
    fileName: null,
    sentFile: null,
    ...page,
  });
}

router.get("/import", (_req, res) => {
  renderImport(res, 200, {});
});

// Async: the thread is decoded and parsed on a worker thread (services/import-worker.ts) while other
// requests are answered. It comes pasted (a plain form's text arrives still percent-encoded,
// server/http/import-body.ts) or as a file (server/http/import-upload.ts); the small fields are in req.body.
router.post("/import", async (req, res) => {
  const given = givenThreads(req, res);
  // The paste goes back in the box, so that fixing the URL does not cost it (decoded here: an
  // editor's mistake is rare enough to pay for it on this thread). A file cannot be given back.
  const values = () => ({ ...typed(req), text: pastedText(given) });
  // Nor can a browser refill a file box: the page names the file sent, to be chosen again.
  const sentFile = given.find((g) => g.from === "file")?.name ?? null;
  const refused = res.locals.importUploadRefusal;
  if (refused)
    return renderImport(res, refused.status, {
      values: values(),
      errors: { [refused.field]: refused.message },
      sentFile,
    });
  if (given.length > 1)
    return renderImport(res, 400, {
      values: values(),
      errors: { file: "Give a file or pasted text, not both." },
      sentFile,
    });
  const thread = given[0];
  const form = parseForm(importForm, req.body);
  if (!form.ok || !thread) {
    const errors = {
      ...(form.ok ? {} : form.errors),
      ...(thread ? {} : { text: "Paste the thread, or choose a file" }),
    };
    return renderImport(res, 422, { values: values(), errors, sentFile });
  }
  const input = { encoding: thread.encoding, bytes: thread.bytes };
  const v = { ...form.values, input, field: thread.from };
  const { db, clock, importTimeoutMs } = res.locals.deps;
  const result = await runImport(db, signedInAccount(res), v, clock(), importTimeoutMs);
  if (!result.ok) {
    const text = "text" in result && result.text ? result.text : pastedText(given);
    return renderImport(res, 422, {
      values: { ...typed(req), text },
      errors: { [result.field]: result.message },
      sentFile,
    });
  }
  renderImport(res, 200, { summary: result.value, fileName: thread.from === "file" ? thread.name : null });
});

/** The pasted text, to put back in the box; "" when the thread came as a file. */
function pastedText(given: readonly GivenThread[]): string {
  for (const g of given) {
    if (g.from !== "text") continue;
    try {
      return g.encoding === "raw" ? decodeBytes(g.bytes).text : decodeFormText(g.bytes);
    } catch {
      return "";
    }
  }
  return "";
}

export default router;
