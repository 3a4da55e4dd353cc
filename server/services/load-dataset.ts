// Loads a dataset (claims, events, forecasts, resolutions) in one transaction: every reference is
// checked first, so a file with any problem changes nothing and says what is wrong.
import type { DateTime } from "luxon";
import { writeTransaction } from "./write-transaction";
import type { Db } from "../../db/connection";
import { insertClaim } from "../../db/claims";
import { findCommentBySiteNumber } from "../../db/comments";
import { insertEvent } from "../../db/events";
import { insertForecast } from "../../db/forecasts";
import { findPersonByHandle, upsertPerson } from "../../db/people";
import { insertResolution } from "../../db/resolutions";
import { findSourceByTitle } from "../../db/sources";
import { datasetSchema, describeIssues, type Dataset } from "../domain/dataset";
import { parseDay, storedInstant, toStored } from "../domain/dates";
import { basisRefusal } from "../domain/known-at";
import { rescoreClaims } from "./stored-scores";

export class DatasetError extends Error {
  constructor(readonly problems: string[]) {
    super(`the dataset has ${problems.length} problem(s): ${problems.slice(0, 5).join("; ")}`);
  }
}

export interface LoadSummary {
  claims: number;
  events: number;
  forecasts: number;
  resolutions: number;
  people: number;
  /**
   * Resolutions the resolve form would refuse (domain/known-at.ts basisRefusal: a YES dated by the
   * resolve-by date). Loaded anyway, as migrated records (README "Dataset format"); the command warns.
   */
  yesByLapse: number;
}

export function parseDataset(input: unknown): Dataset {
  const parsed = datasetSchema.safeParse(input);
  if (!parsed.success) throw new DatasetError(describeIssues(parsed.error));
  return parsed.data;
}

export function loadDataset(db: Db, input: unknown, now: DateTime): LoadSummary {
  const data = parseDataset(input);
  return writeTransaction(db, () => {
    const problems = checkReferences(db, data);
    if (problems.length > 0) throw new DatasetError(problems);
    return write(db, data, toStored(now));
  })();
}

function duplicates(keys: string[]): string[] {
  const seen = new Set<string>();
  return keys.filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
}

function checkReferences(db: Db, data: Dataset): string[] {
  const problems: string[] = [];
  const claimKeys = new Set(data.claims.map((c) => c.key));
  const eventKeys = new Set(data.events.map((e) => e.key));
  for (const k of duplicates(data.claims.map((c) => c.key))) problems.push(`claims: key "${k}" is used twice`);
  for (const k of duplicates(data.events.map((e) => e.key))) problems.push(`events: key "${k}" is used twice`);
  data.events.forEach((e, i) => {
    if (e.source && !findSourceByTitle(db, e.source))
      problems.push(`events[${i}].source: no source titled "${e.source}"`);
  });
  data.forecasts.forEach((f, i) => {
    if (!claimKeys.has(f.claim)) problems.push(`forecasts[${i}].claim: no claim with key "${f.claim}"`);
    problems.push(...checkEvidence(db, f, `forecasts[${i}]`));
  });
  data.resolutions.forEach((r, i) => {
    const at = `resolutions[${i}]`;
    if (!claimKeys.has(r.claim)) problems.push(`${at}.claim: no claim with key "${r.claim}"`);
    for (const e of r.events) if (!eventKeys.has(e)) problems.push(`${at}.events: no event with key "${e}"`);
    if (r.basis === "event" && r.events.length === 0) problems.push(`${at}.events: basis "event" needs a cited event`);
  });
  return problems;
}

function checkEvidence(db: Db, f: Dataset["forecasts"][number], at: string): string[] {
  if (!f.from) return [];
  const source = findSourceByTitle(db, f.from.source);
  if (!source) return [`${at}.from.source: no source titled "${f.from.source}"`];
  const text = f.from.comment === null ? source.body : findCommentBySiteNumber(db, source.id, f.from.comment)?.body;
  if (text === undefined) return [`${at}.from.comment: no comment ${f.from.comment} in "${source.title}"`];
  if (!f.quote || !text.includes(f.quote)) return [`${at}.quote: the quoted words are not in the cited text`];
  if (f.from.comment !== null) {
    const author = findCommentBySiteNumber(db, source.id, f.from.comment)?.personId;
    if (author !== findPersonByHandle(db, f.person)?.id)
      return [`${at}.person: comment ${f.from.comment} is not by "${f.person}"`];
  }
  return [];
}

function write(db: Db, data: Dataset, now: string): LoadSummary {
  const claimIds = new Map<string, { id: number; resolveBy: string }>();
  for (const c of data.claims) {
    const id = insertClaim(db, { ...c, createdAt: now, createdBy: null });
    claimIds.set(c.key, { id, resolveBy: c.resolveBy });
  }
  const events = new Map<string, { id: number; occurredOn: string }>();
  for (const e of data.events) {
    const sourceId = e.source ? (findSourceByTitle(db, e.source)?.id ?? null) : null;
    events.set(e.key, { id: insertEvent(db, { ...e, sourceId, createdAt: now }), occurredOn: e.occurredOn });
  }
  let people = 0;
  // A million forecasts name a hundred thousand people: look each one up once. Keyed as SQLite's
  // NOCASE compares handles (ASCII letters folded, nothing else).
  const personIds = new Map<string, number>();
  for (const f of data.forecasts) {
    const key = foldAscii(f.person);
    let personId = personIds.get(key);
    if (personId === undefined) {
      const person = upsertPerson(db, { handle: f.person, kind: f.personKind }, now);
      if (person.created) people += 1;
      personId = person.id;
      personIds.set(key, personId);
    }
    const source = f.from ? findSourceByTitle(db, f.from.source) : undefined;
    const comment = source && f.from?.comment ? findCommentBySiteNumber(db, source.id, f.from.comment) : undefined;
    insertForecast(db, {
      claimId: mustGet(claimIds, f.claim).id,
      personId,
      probability: f.probability,
      madeAt: mustParse(storedInstant(f.madeAt)),
      commentId: comment?.id ?? null,
      sourceId: source?.id ?? null,
      quote: f.quote,
      reasoning: f.reasoning,
      recordedBy: null,
      createdAt: now,
    });
  }
  for (const r of data.resolutions) {
    const claim = mustGet(claimIds, r.claim);
    const cited = r.events.map((k) => mustGet(events, k));
    const knownOn = r.basis === "lapse" ? claim.resolveBy : earliest(cited.map((e) => e.occurredOn));
    insertResolution(db, {
      claimId: claim.id,
      verdict: r.verdict,
      knownAt: toStored(mustParse(parseDay(knownOn))),
      knownAtBasis: r.basis,
      rationale: r.rationale,
      resolvedBy: null,
      createdAt: now,
      eventIds: cited.map((e) => e.id),
    });
  }
  // Every forecast in a dataset is on one of its own claims, so these are all the claims it can score.
  rescoreClaims(
    db,
    [...claimIds.values()].map((c) => c.id),
  );
  return {
    claims: data.claims.length,
    events: data.events.length,
    forecasts: data.forecasts.length,
    resolutions: data.resolutions.length,
    people,
    yesByLapse: data.resolutions.filter((r) => basisRefusal(r.verdict, r.basis) !== null).length,
  };
}

function earliest(days: string[]): string {
  return [...days].sort()[0] ?? "";
}

// References were checked before writing; these only satisfy the type checker.
function mustGet<K, V>(map: Map<K, V>, k: K): V {
  const v = map.get(k);
  if (v === undefined) throw new Error(`internal: unchecked reference ${String(k)}`);
  return v;
}

function mustParse<T>(v: T | null): T {
  if (v === null) throw new Error("internal: unchecked date");
  return v;
}

function foldAscii(handle: string): string {
  return handle.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
