/**
 * The worker: runs the lifecycle workflows and the activities, with the connections it owns.
 */
import { resolve } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities/index.ts';

export const workflowsPath = resolve(import.meta.dirname, '../../workflows/index.ts');

/** Bundles the workflow code once; tests reuse the bundle across workers. */
export async function bundleWorkflows(): Promise<WorkflowBundleOption> {
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
  return { code };
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  bundle: WorkflowBundleOption;
  /** Encrypts payloads (see codec.ts); every client and worker of a cluster must share it. */
  dataConverter?: DataConverter;
}

export async function createWorker(opts: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowBundle: opts.bundle,
    activities: createActivities(opts.deps),
    ...(opts.dataConverter ? { dataConverter: opts.dataConverter } : {}),
  });
}
