import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    setupFiles: ['test/support/quietRuntime.ts'],
    // Two cores: two test files at a time, each with its own worker and task queue.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits for a state that is on its way (a run reaching a step, the canvas after a
    // layout). One second, the default, is too short on a loaded two-core machine; ten are not.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default', './test/support/summaryReporter.ts'],
    // Workers and servers log a lot; show a test's output only when it failed.
    silent: 'passed-only',
  },
});
