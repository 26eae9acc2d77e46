/**
 * A sync job's cycles on Temporal: one Schedule per job (`sync-job:<id>`) that starts a cycle every
 * interval and skips a cycle while the previous one still runs, and "run now", which starts one at
 * once. The workflow id is the cycle's id; a scheduled cycle's is the schedule's action id with the
 * start time Temporal appends.
 */
import { randomUUID } from 'node:crypto';
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { SyncCycleInput } from '../../workflows/syncCycle.ts';
import type { SyncJobView } from '../db/syncJobs.ts';

export const scheduleId = (jobId: string) => `sync-job:${jobId}`;
const cycleIdPrefix = (jobId: string) => `sync-cycle:${jobId}`;

/** Makes the job's Schedule match its settings: present with the interval when enabled with one, absent otherwise. */
export async function applySchedule(temporal: Client, taskQueue: string, job: SyncJobView): Promise<void> {
  const handle = temporal.schedule.getHandle(scheduleId(job.id));
  if (!job.enabled || job.intervalSeconds === null) {
    try {
      await handle.delete();
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    }
    return;
  }
  const args: [SyncCycleInput] = [{ jobId: job.id, trigger: 'schedule' }];
  const spec = { intervals: [{ every: `${job.intervalSeconds}s` as const }] };
  const action = { type: 'startWorkflow' as const, workflowType: 'syncCycle', args, taskQueue, workflowId: `${cycleIdPrefix(job.id)}:scheduled` };
  try {
    await handle.update((previous) => ({ ...previous, spec, action, policies: { ...previous.policies, overlap: ScheduleOverlapPolicy.SKIP } }));
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
    await temporal.schedule.create({ scheduleId: scheduleId(job.id), spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP } });
  }
}

/** Starts a cycle now; returns its id. */
export async function runNow(temporal: Client, taskQueue: string, jobId: string): Promise<string> {
  const workflowId = `${cycleIdPrefix(jobId)}:manual:${new Date().toISOString()}:${randomUUID().slice(0, 8)}`;
  const args: [SyncCycleInput] = [{ jobId, trigger: 'manual' }];
  await temporal.workflow.start('syncCycle', { workflowId, taskQueue, args });
  return workflowId;
}
