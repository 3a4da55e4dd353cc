// Mocha's spec output, then the plain closing line that CI reads: "N passed, N failed".
import Mocha from "mocha";

const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      // Printed after Spec's own epilogue, so it is the last line of the run.
      process.on("exit", () => {
        const skipped = pending > 0 ? `, ${pending} skipped` : "";
        console.log(`${passes} passed, ${failures} failed${skipped}`);
      });
    });
  }
}

export = SummaryReporter;
