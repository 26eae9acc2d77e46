/**
 * Ends the run with one plain line, `tests: N passed, N failed`, that any CI can read, after
 * Vitest's own summary.
 */
import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[], unhandledErrors: readonly SerializedError[], reason: TestRunEndReason): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of testModules) {
      let failedHere = 0;
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else skipped++;
      }
      // A file whose hooks or imports failed counts as one failure even when its tests passed.
      failed += failedHere === 0 && m.state() === 'failed' ? 1 : failedHere;
    }
    // A run can fail with no test failed: an unhandled error, or a global setup that could not start
    // a peer. Say so, so that "0 failed" is never read as green.
    const outside = unhandledErrors.length > 0 ? `, ${unhandledErrors.length} errors outside tests` : reason === 'failed' && failed === 0 ? ', run failed outside tests (see above)' : '';
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}${outside}\n`);
  }
}
