/**
 * Once per test run: a real Temporal dev server (the CLI from the project's .tools, a free port, a
 * throwaway SQLite file) and the workflow bundle, shared by every test file.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findTemporalCli } from '../../server/temporal/cli.ts';
import { startDevServer } from '../../server/temporal/devServer.ts';
import { bundleWorkflows } from '../../server/temporal/worker.ts';
import { freePort } from './ports.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    workflowBundlePath: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'tenure-test-temporal-'));
  const [server, bundle] = await Promise.all([
    (async () => startDevServer({ cli: await findTemporalCli(process.env.TEMPORAL_CLI), dbFile: join(dir, 'temporal.db'), port: await freePort(), namespace: 'default' }))(),
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
