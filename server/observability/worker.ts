/**
 * Everything observability adds to a worker, in one place so the real process (server/main.ts) and
 * the test harness wire it the same way through createWorker: run counters (sinks), activity
 * metrics and log correlation, and tracing when it is on.
 */
import type { WorkerInterceptors, WorkerOptions } from '@temporalio/worker';
import { observeActivities } from './activityInterceptor.ts';
import type { Logger } from './logger.ts';
import { runMetricsSinks } from './runSinks.ts';
import { tracingWorkerParts } from './tracing.ts';

export function workerObservability(logger: Logger): { interceptors: WorkerInterceptors; sinks: NonNullable<WorkerOptions['sinks']> } {
  const tracing = tracingWorkerParts();
  return {
    interceptors: { activity: [...tracing.activity, observeActivities(logger)] },
    sinks: { ...runMetricsSinks(), ...(tracing.sinks ?? {}) },
  };
}
