/**
 * One cycle of a sync job (issue #15): begin, read the source page by page, complete. Started by
 * the job's Temporal Schedule or on demand (POST /api/sync-jobs/:id/run); its workflow id is the
 * cycle's id. The rows never pass through here — each page is read and enqueued by an activity and
 * only counts come back, so history stays small and holds no HR data. Where the cycle stands lives
 * in the app database (the cycle's cursor), so a retried page and a continued-as-new cycle resume
 * from there. A read that fails is recorded with its reason and sends no terminations.
 */
import { ActivityFailure, ApplicationFailure, continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CycleOutcome, SyncActivities } from '../server/sync/cycle.ts';

export interface SyncCycleInput {
  jobId: string;
  trigger: 'schedule' | 'manual';
  /** Set when the cycle continued as new: it was begun already. */
  continued?: boolean;
}

/** Pages read before the cycle continues as new, keeping its history short. */
const pagesPerRun = 200;

const book = proxyActivities<SyncActivities>({ startToCloseTimeout: '1 minute', retry: { initialInterval: '1s', maximumAttempts: 10 } });
// A source that cannot be reached is tried a few times, then the cycle fails and says why.
const source = proxyActivities<SyncActivities>({ startToCloseTimeout: '10 minutes', retry: { initialInterval: '2s', backoffCoefficient: 2, maximumAttempts: 3 } });

function reasonOf(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure || cause instanceof Error) return cause.message;
  return String(cause);
}

export async function syncCycle(input: SyncCycleInput): Promise<CycleOutcome> {
  const cycleId = workflowInfo().workflowId;
  if (input.continued !== true) await book['sync.beginCycle']({ jobId: input.jobId, cycleId, trigger: input.trigger });
  try {
    for (let page = 0; ; page++) {
      if (page >= pagesPerRun) return await continueAsNew<typeof syncCycle>({ ...input, continued: true });
      const read = await source['sync.readPage']({ cycleId });
      if (read.done) break;
    }
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    return book['sync.failCycle']({ cycleId, reason: reasonOf(error) });
  }
  return book['sync.completeCycle']({ cycleId });
}
