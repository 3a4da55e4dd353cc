// Real sessions and CSRF tokens for request tests: accounts are made in the database, then the
// agent logs in through the real form, exactly as a browser would.
import request from "supertest";
import type { Express } from "express";
import { findAccount, insertAccount, type Account } from "../../db/accounts";
import type { Role } from "../../server/domain/roles";
import type { Db } from "../../db/connection";
import { hashPassword } from "../../server/services/passwords";

export const PASSWORD = "correct horse battery";
let hashed: Promise<string> | undefined;
let counter = 0;

/** The CSRF token of the first form on a page. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error("no CSRF token on the page");
  return m[1];
}

/** A unique account with the given role; the password is PASSWORD. */
export async function makeAccount(db: Db, role: Role, name?: string): Promise<{ id: number; username: string }> {
  hashed ??= hashPassword(PASSWORD);
  counter += 1;
  const username = name ?? `${role}${counter}`;
  const id = insertAccount(db, { username, passwordHash: await hashed, role, now: "2026-01-01T00:00:00.000Z" });
  return { id, username };
}

/** A new account of this role, loaded as the services take it (with its person). */
export async function newAccount(db: Db, role: Role): Promise<Account> {
  const found = findAccount(db, (await makeAccount(db, role)).id);
  if (!found) throw new Error("the account just made was not found");
  return found;
}

export type Agent = ReturnType<typeof request.agent>;

/** An agent signed in as a new account of this role (or anonymous for null). */
export async function agentAs(
  app: Express | Parameters<typeof request.agent>[0],
  db: Db,
  role: Role | null,
): Promise<Agent> {
  const agent = request.agent(app);
  if (!role) return agent;
  const { username } = await makeAccount(db, role);
  const page = await agent.get("/login");
  await agent
    .post("/login")
    .type("form")
    .send({ username, password: PASSWORD, _csrf: csrfFrom(page.text) })
    .expect(303);
  return agent;
}

/** Posts a form the way a browser does: fetch the page for its token, then submit. */
export async function postForm(
  agent: Agent,
  pageUrl: string,
  action: string,
  fields: Record<string, string | string[]>,
) {
  const page = await agent.get(pageUrl);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? "";
  return agent
    .post(action)
    .type("form")
    .send({ ...fields, _csrf: token });
}

/**
 * Posts a form that is stated in words before it is saved (the speculation queue's accept form):
 * the first answer shows the confirmation, the second post, with its token, saves.
 */
export async function postConfirmed(agent: Agent, action: string, fields: Record<string, string>) {
  const first = await agent.post(action).type("form").send(fields);
  const token = /name="confirm" value="([^"]*)"/.exec(first.text)?.[1];
  if (first.status !== 200 || token === undefined) return first;
  return agent
    .post(action)
    .type("form")
    .send({ ...fields, confirm: decodeEntities(token) });
}

/** Posts a form with this agent's CSRF token (read from the login page): a browser's submit, in one call. */
export async function postWithToken(agent: Agent, path: string, fields: Record<string, string> = {}) {
  const token = await tokenOf(agent);
  return agent
    .post(path)
    .type("form")
    .send({ ...fields, _csrf: token });
}

/** This agent's CSRF token (one per session): read from a page that always renders a form. */
export async function tokenOf(agent: Agent, page = "/login"): Promise<string> {
  return csrfFrom((await agent.get(page)).text);
}

/** Like agentAs, but also says which account the agent is signed in as. */
export async function signedIn(
  app: Express,
  db: Db,
  role: Role,
): Promise<{ agent: Agent; id: number; username: string }> {
  const agent = request.agent(app);
  const account = await makeAccount(db, role);
  const page = await agent.get("/login");
  await agent
    .post("/login")
    .type("form")
    .send({ username: account.username, password: PASSWORD, _csrf: csrfFrom(page.text) })
    .expect(303);
  return { agent, ...account };
}

/** The value of the hindsight.sid cookie set by a response, or undefined. */
export function sessionCookie(res: { headers: Record<string, unknown> }): string | undefined {
  const raw = res.headers["set-cookie"];
  const cookies = Array.isArray(raw) ? (raw as string[]) : typeof raw === "string" ? [raw] : [];
  return cookies.find((c) => c.startsWith("hindsight.sid="));
}

/** The session id inside a signed hindsight.sid cookie ("s:<sid>.<signature>", URL-encoded). */
export function sidOf(setCookie: string): string {
  const value = decodeURIComponent(setCookie.split(";")[0]?.slice("hindsight.sid=".length) ?? "");
  const m = /^s:([^.]+)\./.exec(value);
  if (!m?.[1]) throw new Error(`not a signed session cookie: ${setCookie}`);
  return m[1];
}

/** Every table the write flows touch (sessions aside: a GET may start one). */
export const WRITE_TABLES = [
  "accounts",
  "people",
  "claims",
  "claim_tags",
  "tags",
  "forecasts",
  "events",
  "resolutions",
  "resolution_events",
  "disputes",
  "forecast_proposals",
  "handle_links",
  "audit_log",
  "candidates",
  "sources",
  "comments",
] as const;

/** The message shown beside a form field (`<p class="error-msg" id="f-NAME-err">`), or undefined. */
export function fieldError(html: string, name: string): string | undefined {
  const m = new RegExp(`<p class="error-msg" id="f-${name}-err">([^<]*)</p>`).exec(html);
  return m?.[1] !== undefined ? decodeEntities(m[1]) : undefined;
}

/** What a re-rendered form shows in a field: an input's value or a textarea's content. */
export function fieldValue(html: string, name: string): string | undefined {
  const input = new RegExp(`<input id="f-${name}" name="${name}"[^>]*? value="([^"]*)"`).exec(html);
  if (input?.[1] !== undefined) return decodeEntities(input[1]);
  const area = new RegExp(`<textarea id="f-${name}" name="${name}"[^>]*>([^<]*)</textarea>`).exec(html);
  return area?.[1] !== undefined ? decodeEntities(area[1]) : undefined;
}

/** Undoes EJS's escaping (& < > " ') so a test compares with what the user typed. */
export function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Every row of the tables the write flows touch, plus each session's data, as JSON per table. */
export function snapshot(db: Db): Record<string, string> {
  const tables: Record<string, string> = Object.fromEntries(
    WRITE_TABLES.map((t) => [t, JSON.stringify(db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all())]),
  );
  tables.sessions = JSON.stringify(db.prepare("SELECT sid, sess FROM sessions ORDER BY sid").all());
  return tables;
}

/** The tables whose rows differ between two snapshots: [] means nothing was written. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}
