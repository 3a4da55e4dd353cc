// The server (dist/server/main.js) as a child process: SIGTERM lets the request under way finish,
// refuses new connections, closes the database (its WAL folded back in), and exits; a request that
// outlasts SHUTDOWN_TIMEOUT_MS is cut off.
import assert from "node:assert/strict";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { ROOT } from "../../db/paths";
import { demoDb } from "../support/db";

interface Server {
  child: ChildProcessWithoutNullStreams;
  port: number;
  file: string;
  logs: () => Record<string, unknown>[];
  exited: Promise<number | null>;
}

async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const db = demoDb();
  const file = db.name;
  db.close();
  const child = spawn(process.execPath, [path.join(ROOT, "dist", "server", "main.js")], {
    env: { ...process.env, HINDSIGHT_DB: file, PORT: "0", HOST: "127.0.0.1", ...env },
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  const logs = () =>
    out
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${out}`)), 15000);
    child.stdout.on("data", () => {
      const url = logs().find((l) => l.msg === "listening")?.url;
      if (typeof url === "string") {
        clearTimeout(timer);
        resolve(Number(new URL(url).port));
      }
    });
  });
  return { child, port, file, logs, exited };
}

/** A POST whose body arrives in two parts: the request is under way between them. */
function slowRequest(port: number): { finish: () => void; response: Promise<number | undefined> } {
  const body = "username=nobody&password=whatever-it-is";
  const req = http.request({
    port,
    host: "127.0.0.1",
    method: "POST",
    path: "/login",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) },
  });
  const response = new Promise<number | undefined>((resolve, reject) => {
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", reject);
  });
  req.write(body.slice(0, 10));
  return { finish: () => req.end(body.slice(10)), response };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ port, host: "127.0.0.1", path: "/" }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on("error", () => resolve(false));
  });
}

describe("the server shuts down gracefully", function () {
  this.timeout(30000);

  it("on SIGTERM, finishes the request under way, refuses new ones, closes the database, exits 0", async () => {
    const server = await startServer();
    const slow = slowRequest(server.port);
    await wait(200);
    server.child.kill("SIGTERM");
    await wait(300);
    assert.ok(server.logs().some((l) => l.msg === "shutting down" && l.signal === "SIGTERM"));
    assert.equal(await connects(server.port), false, "no new connections once shutting down");
    slow.finish();
    const status = await slow.response;
    assert.equal(typeof status, "number", "the request under way got its answer");
    assert.equal(await server.exited, 0);
    assert.ok(server.logs().some((l) => l.msg === "stopped" && l.code === 0));
    assert.equal(fs.existsSync(`${server.file}-wal`), false, "the database was closed cleanly");
  });

  it("on SIGINT with nothing under way, exits at once", async () => {
    const server = await startServer();
    const started = Date.now();
    server.child.kill("SIGINT");
    assert.equal(await server.exited, 0);
    assert.ok(Date.now() - started < 3000);
  });

  it("cuts off a request still running at SHUTDOWN_TIMEOUT_MS and exits 1", async () => {
    const server = await startServer({ SHUTDOWN_TIMEOUT_MS: "500" });
    const slow = slowRequest(server.port);
    slow.response.catch(() => undefined);
    await wait(200);
    const started = Date.now();
    server.child.kill("SIGTERM");
    assert.equal(await server.exited, 1);
    const took = Date.now() - started;
    assert.ok(took >= 450 && took < 5000, `${took} ms`);
    assert.ok(server.logs().some((l) => typeof l.msg === "string" && /cut off/.test(l.msg)));
  });
});
