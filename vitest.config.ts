import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The unit lane: test files that need no server of any kind (no Temporal, no database, no peer, no
 * listening socket), so they run in seconds without the global setup. A file belongs here only if
 * nothing it imports, directly or through test/support, starts or reaches a server; anything else
 * (and any new file not listed) runs in the integration lane, which is always safe.
 */
const unitTests = [
  'test/dsl/**/*.test.ts',
  'test/designer/**/*.test.ts',
  'test/activities/catalog.test.ts',
  'test/activities/limits.test.ts',
  'test/activities/retryAfter.test.ts',
  'test/activities/directory/dn.test.ts',
  'test/activities/directory/errors.test.ts',
  'test/activities/scim/failures.test.ts',
  'test/scale/deployment.test.ts',
  'test/scripts/connectorReference.test.ts',
  'test/scripts/hrReference.test.ts',
  'test/security/trustProxy.test.ts',
  'test/server/hr/hireDate.test.ts',
  'test/server/hr/scimBulk.test.ts',
  'test/server/temporal/resetPoint.test.ts',
  'test/server/temporal/stepAttempts.test.ts',
];

export default defineConfig({
  test: {
    // Two cores: two test files at a time, each with its own worker and task queue. Shared by both
    // lanes when they run together (`npm test`).
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits for a state that is on its way (a run reaching a step, the canvas after a
    // layout). One second, the default, is too short on a loaded two-core machine; ten are not.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default', './test/support/summaryReporter.ts'],
    // Workers and servers log a lot; show a test's output only when it failed.
    silent: 'passed-only',
    projects: [
      // `npm run test:unit`, `npm run test:watch`. Pure files share one module cache per worker
      // (isolate: false): importing the catalog and zod schemas anew for every file was 9/10 of the
      // lane's time (110 s against 14 s on a loaded two-core machine).
      { extends: true, test: { name: 'unit', include: unitTests, isolate: false } },
      {
        // Real servers: the global setup starts Temporal and bundles the workflows once per run, and
        // only when a file of this lane is selected.
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...unitTests],
          globalSetup: ['test/support/globalSetup.ts'],
          setupFiles: ['test/support/quietRuntime.ts'],
        },
      },
    ],
  },
});
