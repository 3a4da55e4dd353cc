// A small HTTP client for the mixed-traffic benchmark, loopback only: keep-alive sockets (at most
// one per worker), a time limit on every request, and browser-like sessions — a cookie kept from
// one response to the next and the CSRF token read from a form — signed in through the real forms.
import http from "node:http";
import { assertLoopback } from "./measure";

export interface Answer {
  status: number;
  ms: number;
  bytes: number;
  body: string;
}

/** A browser's session: its hindsight.sid cookie and the CSRF token of its forms. */
export interface Session {
  cookie: string;
  csrf: string;
}

export interface Client {
  send(path: string, opts?: { session?: Session; form?: Record<string, string>; keepBody?: boolean }): Promise<Answer>;
  close(): void;
}

/** A client of the app at `base` (a loopback URL), with `sockets` keep-alive sockets at most. */
export function httpClient(base: string, sockets: number, timeoutMs: number): Client {
  assertLoopback(base);
  const { hostname, port } = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const send: Client["send"] = (path, opts = {}) =>
    new Promise((resolve, reject) => {
      const payload = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
      const headers: Record<string, string> = {};
      if (opts.session?.cookie) headers.cookie = opts.session.cookie;
      if (payload !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
      const started = performance.now();
      const req = http.request({ agent, hostname, port, path, method: payload ? "POST" : "GET", headers }, (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          if (opts.keepBody) chunks.push(chunk);
        });
        res.on("end", () => {
          if (opts.session) keepCookie(opts.session, res.headers["set-cookie"]);
          const body = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, bytes, body });
        });
        res.on("error", reject);
      });
      req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })));
      req.on("error", reject);
      req.end(payload);
    });
  return { send, close: () => agent.destroy() };
}

function keepCookie(session: Session, setCookie: string[] | undefined): void {
  const sid = setCookie?.find((c) => c.startsWith("hindsight.sid="));
  if (sid) session.cookie = sid.split(";")[0] ?? "";
}

/** The CSRF token of the first form on a page. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error("no CSRF token on the page");
  return m[1];
}

/** Reads the session's CSRF token from a page with a form (one token per session). */
async function refreshToken(client: Client, session: Session, page = "/login"): Promise<void> {
  const res = await client.send(page, { session, keepBody: true });
  if (res.status !== 200) throw new Error(`${page} answered ${res.status}`);
  session.csrf = csrfOf(res.body);
}

/** Signs a new reader up through the real /signup form: the signed-in session, with its token. */
export async function signUp(client: Client, username: string, password: string): Promise<Session> {
  const session: Session = { cookie: "", csrf: "" };
  await refreshToken(client, session, "/signup");
  const form = { username, password, confirm: password, _csrf: session.csrf };
  const res = await client.send("/signup", { session, form });
  if (res.status !== 303) throw new Error(`signing up ${username} answered ${res.status}`);
  await refreshToken(client, session);
  return session;
}

/** Signs an existing account in through the real /login form. */
export async function logIn(client: Client, username: string, password: string): Promise<Session> {
  const session: Session = { cookie: "", csrf: "" };
  await refreshToken(client, session);
  const res = await client.send("/login", { session, form: { username, password, _csrf: session.csrf } });
  if (res.status !== 303) throw new Error(`logging in ${username} answered ${res.status}`);
  await refreshToken(client, session);
  return session;
}
