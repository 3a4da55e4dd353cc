// Command-line arguments of the benchmarks: whole-number options with a default, a maximum and
// (default 1) a minimum, optionally --size NAME (a preset of defaults), --json, and --help. A bad argument prints one line (the problem and the usage) to
// stderr and sets exit code 2; --help prints the usage to stdout.
import { parseArgs } from "node:util";

export interface WholeOption {
  default: number;
  max: number;
  min?: number;
}

/** Named sets of defaults, chosen with --size NAME; options given explicitly still win. */
export type Presets<W> = Record<string, Partial<{ [K in keyof W]: number }>>;

export type Parsed<W extends Record<string, WholeOption>> = { [K in keyof W]: number } & { json: boolean };

/** A bad argument: the message names the option and what it must be. */
class UsageError extends Error {}

function wholeNumber(name: string, text: string, o: WholeOption): number {
  const n = Number(text);
  const min = o.min ?? 1;
  if (!Number.isInteger(n) || n < min || n > o.max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${o.max}`);
  return n;
}

function parse<W extends Record<string, WholeOption>>(whole: W, json: boolean, sizes: boolean, args: string[]) {
  const options: Record<string, { type: "string" | "boolean" }> = { help: { type: "boolean" } };
  for (const name of Object.keys(whole)) options[name] = { type: "string" };
  if (json) options.json = { type: "boolean" };
  if (sizes) options.size = { type: "string" };
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError((err as Error).message.split("\n")[0] ?? "bad arguments");
  }
}

function presetOf(sizes: Presets<unknown> | undefined, name: unknown): Record<string, number | undefined> {
  if (!sizes || name === undefined) return {};
  const preset = typeof name === "string" ? sizes[name] : undefined;
  if (!preset) throw new UsageError(`--size must be one of ${Object.keys(sizes).join(", ")}`);
  return preset;
}

/**
 * The parsed options, or undefined when the program must stop: after --help (exit code 0) or a bad
 * argument (exit code 2, one line on stderr).
 */
export function benchArgs<W extends Record<string, WholeOption>>(
  usage: string,
  spec: { whole: W; json?: boolean; sizes?: Presets<W> },
  args: string[] = process.argv.slice(2),
): Parsed<W> | undefined {
  try {
    const values = parse(spec.whole, spec.json ?? false, spec.sizes !== undefined, args);
    if (values.help === true) {
      process.stdout.write(`${usage}\n`);
      return undefined;
    }
    const preset = presetOf(spec.sizes, values.size);
    const parsed: Record<string, number | boolean> = { json: values.json === true };
    for (const [name, o] of Object.entries(spec.whole)) {
      const text = values[name];
      parsed[name] = wholeNumber(name, typeof text === "string" ? text : String(preset[name] ?? o.default), o);
    }
    return parsed as Parsed<W>;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`error: ${err.message} (${usage})\n`);
    process.exitCode = 2;
    return undefined;
  }
}
