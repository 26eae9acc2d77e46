/**
 * Once per test run: a real Temporal dev server (the CLI from the project's .tools, a free port, a
 * throwaway SQLite file) and the workflow bundle, shared by every file of the integration lane (the
 * unit lane has no global setup; vitest.config.ts). Runs only when a file of that lane is selected.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findTemporalCli, TemporalCliMissing } from '../../server/temporal/cli.ts';
import { startDevServer } from '../../server/temporal/devServer.ts';
import { bundleWorkflows } from '../../server/temporal/worker.ts';
import { installTestPeers, PeerMissing } from './peerProgram.ts';
import { freePort } from './ports.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    workflowBundlePath: string;
  }
}

/** The Temporal CLI, or an error that says this lane needs it, how to install it, and what runs without it. */
async function temporalCli(): Promise<string> {
  try {
    return await findTemporalCli(process.env.TEMPORAL_CLI);
  } catch (error) {
    if (!(error instanceof TemporalCliMissing)) throw error;
    throw new PeerMissing(
      `The integration tests' global setup cannot start Temporal: ${error.message}. To install the test peers, ${installTestPeers}. The unit lane (npm run test:unit) needs no peers.`,
      { cause: error },
    );
  }
}

export default async function setup(project: TestProject) {
  // Before the bundle starts: a missing CLI should fail at once, not leave a bundler running.
  const cli = await temporalCli();
  const dir = await mkdtemp(join(tmpdir(), 'tenure-test-temporal-'));
  const [server, bundle] = await Promise.all([
    (async () => startDevServer({ cli, dbFile: join(dir, 'temporal.db'), port: await freePort(), namespace: 'default' }))(),
    bundleWorkflows(),
  ]);
  const bundlePath = join(dir, 'workflows.bundle.js');
  if (!('code' in bundle)) throw new Error('expected an in-memory workflow bundle');
  await writeFile(bundlePath, bundle.code);
  project.provide('temporalAddress', server.address);
  project.provide('workflowBundlePath', bundlePath);
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
