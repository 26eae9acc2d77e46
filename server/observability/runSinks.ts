/**
 * The worker's side of the run counters the lifecycle workflow reports through sinks
 * (workflows/interpreter.ts RunMetricsSinks). Sinks are not called while a workflow replays, so a
 * run evicted from the cache and replayed elsewhere is not counted twice.
 */
import type { InjectedSinks } from '@temporalio/worker';
import type { RunMetricsSinks } from '../../workflows/lifecycle.ts';
import { runsCompleted, runsFailed, runsStarted, stepsAwaitingOperator } from './metrics.ts';

export function runMetricsSinks(): InjectedSinks<RunMetricsSinks> {
  return {
    runMetrics: {
      started: {
        fn: (_info, definitionId) => {
          runsStarted.inc({ definition: definitionId });
        },
      },
      completed: {
        fn: (_info, definitionId, outcome, reason) => {
          runsCompleted.inc({ definition: definitionId, outcome });
          // The workflow names the reason of every failure; 'error' only keeps the label total.
          if (outcome === 'failed') runsFailed.inc({ definition: definitionId, reason: reason ?? 'error' });
        },
      },
      awaitingOperator: {
        fn: (_info, definitionId, action) => {
          stepsAwaitingOperator.inc({ definition: definitionId, action });
        },
      },
    },
  };
}
