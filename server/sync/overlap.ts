/**
 * One cycle of a job at a time. Two cycles of the same job would race on its watermark, and two
 * snapshots on who is absent (a snapshot decides terminations), so a cycle is recorded only when the
 * job has no other cycle running or held: the check and the insert share one transaction that locks
 * the job's row, so two requests (or a scheduled cycle and "run now") cannot both pass it. The
 * Schedule's overlap policy only knows its own cycles; this guard covers them all.
 *
 * A held cycle blocks too: its terminations still wait for an admin, and a newer cycle could see the
 * same people come back, after which approving the old terminations would disable them.
 */
import type { Database } from '../db/database.ts';

/** The job already has a cycle that is running or held; `cycleId` names it. */
export class CycleInProgress extends Error {
  readonly jobId: string;
  readonly cycleId: string;
  readonly status: 'running' | 'held';
  constructor(jobId: string, cycleId: string, status: 'running' | 'held') {
    super(
      status === 'running'
        ? `sync job "${jobId}" already has a running cycle "${cycleId}"; wait for it to finish (GET /api/sync-jobs/${jobId}/cycles/${encodeURIComponent(cycleId)})`
        : `sync job "${jobId}" has a held cycle "${cycleId}" awaiting approval; approve it (POST /api/sync-jobs/${jobId}/cycles/${encodeURIComponent(cycleId)}/approve) before running another`,
    );
    this.jobId = jobId;
    this.cycleId = cycleId;
    this.status = status;
  }
}

export class JobMissing extends Error {}

export interface NewCycle {
  jobId: string;
  cycleId: string;
  trigger: 'schedule' | 'manual';
}

/**
 * Records the cycle as running, starting from the job's watermark (delta) — unless another cycle of
 * the job is running or held, then throws CycleInProgress. Recording the same cycle again (a retried
 * begin, or the begin of a cycle "run now" recorded) changes nothing.
 */
export async function recordCycle(db: Database, c: NewCycle): Promise<{ mode: 'delta' | 'snapshot' }> {
  return db.transaction(async (tx) => {
    const [job] = await tx.query<{ mode: 'delta' | 'snapshot'; watermark: unknown }>("SELECT config->>'mode' AS mode, watermark FROM sync_jobs WHERE id = $1 FOR UPDATE", [c.jobId]);
    if (!job) throw new JobMissing(`no sync job "${c.jobId}"`);
    const [other] = await tx.query<{ id: string; status: 'running' | 'held' }>(
      "SELECT id, status FROM sync_cycles WHERE job_id = $1 AND status IN ('running', 'held') AND id <> $2 ORDER BY started_at, id LIMIT 1",
      [c.jobId, c.cycleId],
    );
    if (other) throw new CycleInProgress(c.jobId, other.id, other.status);
    const from = job.mode === 'delta' && job.watermark !== null ? JSON.stringify(job.watermark) : null;
    await tx.query(
      `INSERT INTO sync_cycles (id, job_id, trigger, status, mode, started_from, cursor) VALUES ($1, $2, $3, 'running', $4, $5, $5)
       ON CONFLICT (id) DO NOTHING`,
      [c.cycleId, c.jobId, c.trigger, job.mode, from],
    );
    return { mode: job.mode };
  });
}

/** A cycle recorded whose workflow could not be started: it is failed, so it blocks no other. */
export async function abandonCycle(db: Database, cycleId: string, reason: string): Promise<void> {
  await db.query("UPDATE sync_cycles SET status = 'failed', failure = $2, finished_at = now() WHERE id = $1 AND status = 'running'", [cycleId, reason]);
}
