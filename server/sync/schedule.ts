/**
 * A sync job's cycles on Temporal: one Schedule per job (`sync-job:<id>`) that starts a cycle every
 * interval and skips a cycle while the previous one still runs, and "run now", which starts one at
 * once. The workflow id is the cycle's id; a scheduled cycle's is the schedule's action id with the
 * start time Temporal appends. Only one cycle of a job runs at a time, whatever started it: a cycle
 * is recorded only when no other of the job is running or held (overlap.ts). Deleting a job deletes its Schedule and stops its running cycles.
 */
import { randomUUID } from 'node:crypto';
import { ScheduleNotFoundError, ScheduleOverlapPolicy, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { SyncCycleInput } from '../../workflows/syncCycle.ts';
import type { Database } from '../db/database.ts';
import type { SyncJobView } from '../db/syncJobs.ts';
import { abandonCycle, recordCycle } from './overlap.ts';

export const scheduleId = (jobId: string) => `sync-job:${jobId}`;
const cycleIdPrefix = (jobId: string) => `sync-cycle:${jobId}`;

/** Removes the job's Schedule, if it has one: no cycle starts from it any more. */
export async function deleteSchedule(temporal: Client, jobId: string): Promise<void> {
  try {
    await temporal.schedule.getHandle(scheduleId(jobId)).delete();
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
}

/** Makes the job's Schedule match its settings: present with the interval when enabled with one, absent otherwise. */
export async function applySchedule(temporal: Client, taskQueue: string, job: SyncJobView): Promise<void> {
  if (!job.enabled || job.intervalSeconds === null) return deleteSchedule(temporal, job.id);
  const handle = temporal.schedule.getHandle(scheduleId(job.id));
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

/**
 * Ends cycles at once (Temporal termination), for a job being deleted. A cycle that already ended is
 * left as it is. Termination never runs the cycle's failure path: its kept-back terminations are
 * deleted with the job's cycles, so none of them is sent.
 */
export async function stopCycles(temporal: Client, cycleIds: readonly string[], reason: string): Promise<void> {
  for (const id of cycleIds) {
    try {
      await temporal.workflow.getHandle(id).terminate(reason);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }
}

/**
 * Starts a cycle now; returns its id. The cycle is recorded first, in the transaction that checks the
 * job has no cycle running or held (overlap.ts throws CycleInProgress otherwise), so two "run now"s,
 * or one and a scheduled cycle, never overlap. A cycle whose workflow cannot be started is failed
 * with the reason, so it blocks nothing.
 */
export async function runNow(temporal: Client, db: Database, taskQueue: string, jobId: string): Promise<string> {
  const workflowId = `${cycleIdPrefix(jobId)}:manual:${new Date().toISOString()}:${randomUUID().slice(0, 8)}`;
  await recordCycle(db, { jobId, cycleId: workflowId, trigger: 'manual' });
  const args: [SyncCycleInput] = [{ jobId, trigger: 'manual' }];
  try {
    await temporal.workflow.start('syncCycle', { workflowId, taskQueue, args });
  } catch (error) {
    await abandonCycle(db, workflowId, `the cycle could not be started on Temporal: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
  return workflowId;
}
