// The bare route every page is compared with: a tiny Express app answering "ok" to GET /, on
// another ephemeral loopback port, in a child process of its own (as the app is), measured under
// the same conditions: what this machine, Node and Express can do with no app work at all.
// Run directly (by startBareServer, through fork), this file is that child.
import { fork, type ChildProcess } from "node:child_process";
import express from "express";
import { LOOPBACK } from "./server";

/** Child mode: answer "ok" until the parent says "stop" or goes away. */
function serve(): void {
  const app = express();
  app.get("/", (_req, res) => {
    res.type("text/plain").send("ok");
  });
  const server = app.listen(0, LOOPBACK, () => {
    const address = server.address();
    process.send?.({ type: "ready", port: typeof address === "object" && address ? address.port : 0 });
  });
  process.on("message", (message) => {
    if (message !== "stop") return;
    server.closeAllConnections();
    server.close(() => process.disconnect());
  });
  process.on("disconnect", () => process.exit(0));
}

/** Starts the bare route in a child process: the child and its port. */
export function startBareServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(__filename, [], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the bare route exited early (code ${code})`)));
    child.once("message", (m: { port: number }) => resolve({ child, port: m.port }));
  });
}

/** Stops the bare route's child (killing it after 5 s). */
export function stopBareServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send("stop");
    else child.kill("SIGTERM");
  });
}

if (require.main === module && process.send) serve();
