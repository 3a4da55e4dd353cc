// Command-line arguments of the benchmarks: whole-number options with a default and a maximum,
// optionally --json, and --help. A bad argument prints one line (the problem and the usage) to
// stderr and sets exit code 2; --help prints the usage to stdout.
import { parseArgs } from "node:util";

export interface WholeOption {
  default: number;
  max: number;
}

export type Parsed<W extends Record<string, WholeOption>> = { [K in keyof W]: number } & { json: boolean };

/** A bad argument: the message names the option and what it must be. */
class UsageError extends Error {}

function wholeNumber(name: string, text: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`--${name} must be a whole number from 1 to ${max}`);
  return n;
}

function parse<W extends Record<string, WholeOption>>(whole: W, json: boolean, args: string[]) {
  const options: Record<string, { type: "string" | "boolean" }> = { help: { type: "boolean" } };
  for (const name of Object.keys(whole)) options[name] = { type: "string" };
  if (json) options.json = { type: "boolean" };
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError((err as Error).message.split("\n")[0] ?? "bad arguments");
  }
}

/**
 * The parsed options, or undefined when the program must stop: after --help (exit code 0) or a bad
 * argument (exit code 2, one line on stderr).
 */
export function benchArgs<W extends Record<string, WholeOption>>(
  usage: string,
  spec: { whole: W; json?: boolean },
  args: string[] = process.argv.slice(2),
): Parsed<W> | undefined {
  try {
    const values = parse(spec.whole, spec.json ?? false, args);
    if (values.help === true) {
      process.stdout.write(`${usage}\n`);
      return undefined;
    }
    const parsed: Record<string, number | boolean> = { json: values.json === true };
    for (const [name, o] of Object.entries(spec.whole)) {
      const text = values[name];
      parsed[name] = wholeNumber(name, typeof text === "string" ? text : String(o.default), o.max);
    }
    return parsed as Parsed<W>;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`error: ${err.message} (${usage})\n`);
    process.exitCode = 2;
    return undefined;
  }
}
