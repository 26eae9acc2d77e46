/**
 * Sync jobs and their cycles in the app database (migration 015). The source password is sealed with
 * the keyring, bound to the job, and write-only: views say only whether one is set. Every write is
 * audited in its transaction. The cycle's own writes (pages, deferred terminations, completion) are
 * in server/sync/cycle.ts.
 */
import { z } from 'zod';
import type { Keyring } from '../secrets/keyring.ts';
import { postgresSourceSchema, watermarkSchema, type CycleCounts, type PostgresSource, type RecordError, type SyncJobInput, type Watermark } from '../sync/job.ts';
import { audit } from './audit.ts';
import type { Database } from './database.ts';
import { Conflict, NotFound } from './definitions.ts';

export const syncJobSecretContext = (id: string) => `sync-job:${id}`;

interface JobRow {
  id: string;
  name: string;
  kind: 'postgres-hr';
  hr_source: string;
  config: unknown;
  source_secret: string | null;
  interval_seconds: number | null;
  enabled: boolean;
  max_drop_share: number;
  max_terminations: number;
  watermark: unknown;
  last_snapshot_rows: number | null;
  version: number;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
}

export type SyncJobView = {
  id: string;
  name: string;
  kind: 'postgres-hr';
  hrSource: string;
  source: PostgresSource;
  secretFields: string[];
  intervalSeconds: number | null;
  enabled: boolean;
  thresholds: { maxDropShare: number; maxTerminations: number };
  watermark: Watermark | null;
  lastSnapshotRows: number | null;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
};

/** What a cycle needs: the view and the password, opened. */
export type LoadedSyncJob = SyncJobView & { password: string | undefined };

interface CycleRow {
  id: string;
  job_id: string;
  trigger: 'schedule' | 'manual';
  status: 'running' | 'succeeded' | 'held' | 'failed';
  mode: 'delta' | 'snapshot';
  pages: number;
  counts: CycleCounts;
  errors: RecordError[];
  held_reason: string | null;
  failure: string | null;
  started_at: Date;
  finished_at: Date | null;
  approved_by: string | null;
  approved_at: Date | null;
}

export type SyncCycleView = {
  id: string;
  jobId: string;
  trigger: 'schedule' | 'manual';
  status: 'running' | 'succeeded' | 'held' | 'failed';
  mode: 'delta' | 'snapshot';
  pages: number;
  counts: CycleCounts;
  errors: RecordError[];
  heldReason: string | null;
  failure: string | null;
  startedAt: string;
  finishedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
};

const view = (r: JobRow): SyncJobView => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  hrSource: r.hr_source,
  source: postgresSourceSchema.parse(r.config),
  secretFields: r.source_secret === null ? [] : ['password'],
  intervalSeconds: r.interval_seconds,
  enabled: r.enabled,
  thresholds: { maxDropShare: r.max_drop_share, maxTerminations: r.max_terminations },
  watermark: r.watermark === null ? null : watermarkSchema.parse(r.watermark),
  lastSnapshotRows: r.last_snapshot_rows,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  updatedAt: r.updated_at.toISOString(),
  updatedBy: r.updated_by,
});

export const cycleView = (r: CycleRow): SyncCycleView => ({
  id: r.id,
  jobId: r.job_id,
  trigger: r.trigger,
  status: r.status,
  mode: r.mode,
  pages: r.pages,
  counts: r.counts,
  errors: r.errors,
  heldReason: r.held_reason,
  failure: r.failure,
  startedAt: r.started_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  approvedBy: r.approved_by,
  approvedAt: r.approved_at?.toISOString() ?? null,
});

const summary = (input: SyncJobInput) => ({ name: input.name, hrSource: input.hrSource, mode: input.source.mode, query: input.source.query, host: input.source.connection.host, intervalSeconds: input.intervalSeconds, enabled: input.enabled, thresholds: input.thresholds });

export function createSyncJobStore(db: Database, keyring: Keyring) {
  const seal = (id: string, password: string) => keyring.encrypt(password, syncJobSecretContext(id));

  const store = {
    async list(): Promise<SyncJobView[]> {
      return (await db.query<JobRow>('SELECT * FROM sync_jobs ORDER BY id')).map(view);
    },

    async get(id: string): Promise<SyncJobView> {
      const [r] = await db.query<JobRow>('SELECT * FROM sync_jobs WHERE id = $1', [id]);
      if (!r) throw new NotFound(`no sync job "${id}"`);
      return view(r);
    },

    async load(id: string): Promise<LoadedSyncJob> {
      const [r] = await db.query<JobRow>('SELECT * FROM sync_jobs WHERE id = $1', [id]);
      if (!r) throw new NotFound(`no sync job "${id}"`);
      return { ...view(r), password: r.source_secret === null ? undefined : keyring.decrypt(r.source_secret, syncJobSecretContext(id)) };
    },

    async create(input: SyncJobInput, actor: string): Promise<SyncJobView> {
      await db.transaction(async (tx) => {
        const [exists] = await tx.query<{ id: string }>('SELECT id FROM sync_jobs WHERE id = $1', [input.id]);
        if (exists) throw new Conflict(`a sync job "${input.id}" exists already; update it with PUT /api/sync-jobs/${input.id}`);
        const password = input.secrets?.password;
        await tx.query(
          `INSERT INTO sync_jobs (id, name, kind, hr_source, config, source_secret, interval_seconds, enabled, max_drop_share, max_terminations, created_by, updated_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
          [input.id, input.name, input.kind, input.hrSource, JSON.stringify(input.source), typeof password === 'string' ? seal(input.id, password) : null, input.intervalSeconds, input.enabled, input.thresholds.maxDropShare, input.thresholds.maxTerminations, actor],
        );
        await audit(tx, { actor, action: 'sync-job.create', targetType: 'sync-job', targetId: input.id, details: summary(input) });
      });
      return store.get(input.id);
    },

    /**
     * Replaces the job's settings. A change of source (query, key, change column or mode) starts
     * reading from the beginning again: the old watermark means nothing for another query.
     */
    async update(input: SyncJobInput, actor: string): Promise<SyncJobView> {
      await db.transaction(async (tx) => {
        const [current] = await tx.query<JobRow>('SELECT * FROM sync_jobs WHERE id = $1 FOR UPDATE', [input.id]);
        if (!current) throw new NotFound(`no sync job "${input.id}"; create it with POST /api/sync-jobs`);
        const before = postgresSourceSchema.parse(current.config);
        const sameReading = before.query === input.source.query && before.keyColumn === input.source.keyColumn && before.changeColumn === input.source.changeColumn && before.mode === input.source.mode;
        const password = input.secrets?.password;
        const secret = password === undefined ? current.source_secret : password === null ? null : seal(input.id, password);
        await tx.query(
          `UPDATE sync_jobs SET name = $2, hr_source = $3, config = $4, source_secret = $5, interval_seconds = $6, enabled = $7, max_drop_share = $8, max_terminations = $9,
             watermark = CASE WHEN $10 THEN watermark ELSE NULL END, last_snapshot_rows = CASE WHEN $10 THEN last_snapshot_rows ELSE NULL END,
             version = version + 1, updated_at = now(), updated_by = $11
           WHERE id = $1`,
          [input.id, input.name, input.hrSource, JSON.stringify(input.source), secret, input.intervalSeconds, input.enabled, input.thresholds.maxDropShare, input.thresholds.maxTerminations, sameReading, actor],
        );
        await audit(tx, { actor, action: 'sync-job.update', targetType: 'sync-job', targetId: input.id, details: { ...summary(input), password: password === undefined ? 'unchanged' : password === null ? 'removed' : 'set', watermarkReset: !sameReading } });
      });
      return store.get(input.id);
    },

    /** The ids of the job's cycles still running (each is its workflow's id). */
    async runningCycles(jobId: string): Promise<string[]> {
      return (await db.query<{ id: string }>("SELECT id FROM sync_cycles WHERE job_id = $1 AND status = 'running' ORDER BY started_at, id", [jobId])).map((r) => r.id);
    },

    /**
     * Deletes the job, its sealed password and its cycles, held terminations included (they are never
     * sent). What the job was and did stays in the audit log: its create, update and delete entries
     * and one entry per finished cycle with its counts (docs/security.md says why a delete, not a mark).
     */
    async remove(id: string, actor: string, stoppedCycles: number): Promise<void> {
      await db.transaction(async (tx) => {
        const [current] = await tx.query<JobRow>('SELECT * FROM sync_jobs WHERE id = $1 FOR UPDATE', [id]);
        if (!current) throw new NotFound(`no sync job "${id}"`);
        const [held] = await tx.query<{ cycles: number; held: number; dropped: number }>(
          `SELECT count(*)::int AS cycles, (count(*) FILTER (WHERE status = 'held'))::int AS held,
             (SELECT count(*)::int FROM sync_cycle_deferred d JOIN sync_cycles c ON c.id = d.cycle_id WHERE c.job_id = $1 AND c.status = 'held') AS dropped
           FROM sync_cycles WHERE job_id = $1`,
          [id],
        );
        // The cycles' keys and kept-back events go with them (ON DELETE CASCADE).
        await tx.query('DELETE FROM sync_cycles WHERE job_id = $1', [id]);
        await tx.query('DELETE FROM sync_jobs WHERE id = $1', [id]);
        await audit(tx, {
          actor,
          action: 'sync-job.delete',
          targetType: 'sync-job',
          targetId: id,
          details: { name: current.name, hrSource: current.hr_source, cycles: held?.cycles ?? 0, stoppedCycles, heldCycles: held?.held ?? 0, heldTerminationsDropped: held?.dropped ?? 0 },
        });
      });
    },

    async cycles(jobId: string, limit = 50): Promise<SyncCycleView[]> {
      await store.get(jobId);
      return (await db.query<CycleRow>('SELECT * FROM sync_cycles WHERE job_id = $1 ORDER BY started_at DESC, id LIMIT $2', [jobId, limit])).map(cycleView);
    },

    async cycle(jobId: string, cycleId: string): Promise<SyncCycleView> {
      const [r] = await db.query<CycleRow>('SELECT * FROM sync_cycles WHERE job_id = $1 AND id = $2', [jobId, cycleId]);
      if (!r) throw new NotFound(`sync job "${jobId}" has no cycle "${cycleId}"`);
      return cycleView(r);
    },
  };
  return store;
}

export type SyncJobStore = ReturnType<typeof createSyncJobStore>;

export const cycleIdSchema = z.string().min(1).max(300);
