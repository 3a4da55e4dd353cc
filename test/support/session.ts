// Real sessions and CSRF tokens for request tests: accounts are made in the database, then the
// agent logs in through the real form, exactly as a browser would.
import request from "supertest";
import type { Express } from "express";
import { insertAccount, type Role } from "../../db/accounts";
import type { Db } from "../../db/connection";
import { hashPassword } from "../../server/passwords";

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

export type Agent = ReturnType<typeof request.agent>;

/** An agent signed in as a new account of this role (or anonymous for null). */
export async function agentAs(app: Express, db: Db, role: Role | null): Promise<Agent> {
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
