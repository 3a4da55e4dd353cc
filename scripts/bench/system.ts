// Process and machine facts the benchmarks report, and their temporary folders. No heavy imports:
// the server's child process uses this too, and what it loads counts in its peak RSS.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The peak resident set size of this process so far, in MB. */
export const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** A file's size in MB, to one decimal. */
export const megabytes = (file: string): number => Number((fs.statSync(file).size / 1024 / 1024).toFixed(1));

export function machine(): { cores: number; cpu: string; node: string } {
  return { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? "unknown", node: process.version };
}

/** Runs `work` with a fresh temporary folder named `prefix`…, removed afterwards whatever happens. */
export async function withTempDir<T>(prefix: string, work: (dir: string) => T | Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    return await work(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
