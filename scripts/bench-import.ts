// The benchmarks live in scripts/bench/. This path stays for the tests that import the thread generator.
export { generateThread, threadChunks } from "./bench/thread";
