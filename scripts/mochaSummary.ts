/**
 * Mocha reporter: the usual spec output, then one plain closing line `<tier>: N passed, N failed`
 * (tier from MOCHA_TIER), the line CI log readers look for.
 */
import * as Mocha from 'mocha';

class SpecWithSummary extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = this.stats;
      const tier = process.env.MOCHA_TIER ?? 'tests';
      // Printed after the spec reporter's epilogue.
      process.nextTick(() => console.log(`${tier}: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`));
    });
  }
}

export = SpecWithSummary;
