/**
 * `npm run test:faults` (test/faults/run.sh): the fault suite, apart from `npm test` (whose
 * vitest.config.ts takes test/**\/*.test.ts only). One file, one process, scenarios in order on one
 * stack; progress and the counts are printed as they come.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: resolve(import.meta.dirname, '../..'),
    include: ['test/faults/**/*.faults.ts'],
    maxWorkers: 1,
    // A scenario waits for its own settling with a deadline of its own; these only stop a hang.
    testTimeout: 60 * 60_000,
    hookTimeout: 10 * 60_000,
    reporters: ['verbose'],
  },
});
