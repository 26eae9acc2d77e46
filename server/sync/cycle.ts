/**
 * The activities of a sync cycle (workflows/syncCycle.ts runs them). Rows never enter workflow
 * history: each page is read, turned into HR events and written to the intake outbox inside the
 * activity, and only counts go back.
 *
 * Restart safety: a page's events, the keys it read and the cycle's cursor are written in one
 * transaction, so a page is either wholly enqueued and passed, or not at all; a retried page read
 * starts from the stored cursor. Event ids are deterministic (delta: job, key, change value and
 * type), so a page read again after a lost cursor yields events the person workflow drops, and the
 * deriver, comparing with what is already queued, usually yields none at all.
 *
 * Safety: events that disable someone (terminate, cancel) are kept back in sync_cycle_deferred until
 * the whole source has been read. A read that fails midway discards them, so it terminates nobody;
 * a snapshot much smaller than the last, or too many terminations, holds them for an admin. The job's
 * watermark moves only when the cycle completes.
 *
 * Audit: every finished cycle (succeeded, held or failed) leaves one entry in the transaction that
 * finishes it, with its counts and never a row's data: no key, no value, not the failure's text;
 * those stay on the cycle for operators and auditors to read. Neither the failure (which is also in
 * the cycle's Temporal history and the worker's log) nor a row's problem quotes a value: the
 * source's errors are described from PostgreSQL's structured fields (sourceError.ts).
 */
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { employeeIdSchema, type Attributes, type HrEvent } from '../../workflows/dsl/index.ts';
import { isDisabling, type StatedWorker } from '../../workflows/dsl/hrDiff.ts';
import { audit } from '../db/audit.ts';
import type { Database, Queryable } from '../db/database.ts';
import { announceEnqueued, createOutboxStore, enqueue } from '../db/outbox.ts';
import { createPeopleStore } from '../db/people.ts';
import { createRunStore } from '../db/runs.ts';
import { createSyncJobStore, cycleView, type LoadedSyncJob, type SyncCycleView } from '../db/syncJobs.ts';
import { createDeriver, type Known } from '../hr/derive.ts';
import { knownOfSource, knownPeople, type KnownSources } from '../hr/known.ts';
import type { HireDatePolicy } from '../hr/hireDate.ts';
import type { Keyring } from '../secrets/keyring.ts';
import { cursorSchema, type Cursor, type CycleCounts, type PostgresSource, type RecordError } from './job.ts';
import { CycleInProgress, JobMissing, recordCycle } from './overlap.ts';
import { readPage as readSourcePage, SourceMisconfigured, type SourceRow } from './postgresSource.ts';

export interface SyncActivityDeps {
  db: Database;
  keyring: Keyring;
  hireDatePolicy?: HireDatePolicy;
}

export interface BeginCycle {
  jobId: string;
  cycleId: string;
  trigger: 'schedule' | 'manual';
}

export interface PageResult {
  done: boolean;
  rows: number;
  events: number;
  deferred: number;
  errors: number;
}

export interface CycleOutcome {
  cycleId: string;
  status: SyncCycleView['status'];
  counts: CycleCounts;
  heldReason: string | null;
  failure: string | null;
}

const maxErrors = 500;

/** The `n` of a `SELECT count(*)::int AS n` query. */
async function countOf(q: Queryable, sql: string, params: readonly unknown[]): Promise<number> {
  const [row] = await q.query<{ n: number }>(sql, params);
  return row?.n ?? 0;
}
/** Takes a cycle's kept-back events out, in the order they were read. */
const keptBack = 'WITH gone AS (DELETE FROM sync_cycle_deferred WHERE cycle_id = $1 RETURNING seq, event) SELECT event FROM gone ORDER BY seq';

interface CycleState {
  id: string;
  job_id: string;
  status: string;
  mode: 'delta' | 'snapshot';
  started_from: unknown;
  cursor: unknown;
  pages: number;
  counts: CycleCounts;
}

/** What a finished cycle's audit entry says, as its UPDATE returns it. */
interface Finished {
  id: string;
  job_id: string;
  trigger: 'schedule' | 'manual';
  status: 'succeeded' | 'held' | 'failed';
  mode: 'delta' | 'snapshot';
  pages: number;
  counts: CycleCounts;
  errors: number;
}
const finishedColumns = 'id, job_id, trigger, status, mode, pages, counts, jsonb_array_length(errors)::int AS errors';

async function auditFinished(tx: Queryable, hrSource: string | null, c: Finished, more: Record<string, unknown>): Promise<void> {
  await audit(tx, {
    actor: `sync-job:${c.job_id}`,
    action: c.status === 'failed' ? 'sync-cycle.fail' : 'sync-cycle.complete',
    targetType: 'sync-cycle',
    targetId: c.id,
    details: { jobId: c.job_id, hrSource, trigger: c.trigger, status: c.status, mode: c.mode, pages: c.pages, counts: c.counts, recordErrors: c.errors, ...more },
  });
}

/** The event id of a delta row: the same row at the same change value always gives the same id. */
export function deltaEventId(jobId: string, key: string, change: string, type: HrEvent['type']): string {
  return `sync:${createHash('sha256').update(JSON.stringify([jobId, key, change, type])).digest('hex').slice(0, 40)}`;
}

const add = (counts: CycleCounts, name: keyof CycleCounts, n = 1): void => {
  counts[name] = (counts[name] ?? 0) + n;
};

function merged(a: CycleCounts, b: CycleCounts): CycleCounts {
  const out: CycleCounts = { ...a };
  for (const [k, v] of Object.entries(b)) if (typeof v === 'number') add(out, k as keyof CycleCounts, v);
  return out;
}

/**
 * A per-row problem as the cycle keeps it: the row's key and the column or attribute say which
 * row and field to correct, but the message never carries the field's value (an HR rule such as
 * `hireDate must be a date …, not "850101-1234"` quotes what it refused, and the cycle's errors are
 * read by operators and auditors). The HR rules quote values as JSON strings; those go.
 */
const withoutValues = (message: string): string => message.replace(/"(?:[^"\\]|\\.)*"/g, "the row's value (not shown)");

/** A row as the worker it states, or the problems that keep it out. */
function stated(source: PostgresSource, row: SourceRow): { worker: StatedWorker; problems?: undefined } | { worker?: undefined; problems: { path: string; message: string }[] } {
  if (row.key === null || row.key.trim() === '') return { problems: [{ path: source.keyColumn, message: `the row has no ${source.keyColumn}; it was left out` }] };
  const id = employeeIdSchema.safeParse(row.key);
  if (!id.success) return { problems: id.error.issues.map((i) => ({ path: source.keyColumn, message: withoutValues(i.message) })) };
  const attributes: Attributes = {};
  for (const [attribute, column] of Object.entries(source.attributes)) attributes[attribute] = row.values[column] ?? null;
  let active: boolean | undefined;
  const t = source.termination;
  if (t?.kind === 'status') {
    const value = (row.values[t.column] ?? '').trim().toLowerCase();
    active = !t.inactiveValues.some((v) => v.trim().toLowerCase() === value);
  } else if (t?.kind === 'date') {
    const value = row.values[t.column] ?? null;
    active = value === null || value.trim() === '';
    // A timestamp column's text is `2026-03-01 00:00:00+00`: the last day is its date.
    if (!active && value !== null) attributes[t.attribute] = /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
  }
  return { worker: { employeeId: id.data, active, attributes } };
}

export function createSyncActivities(deps: SyncActivityDeps) {
  const { db } = deps;
  const jobs = createSyncJobStore(db, deps.keyring);
  const outbox = createOutboxStore(db);
  const known: KnownSources = { people: createPeopleStore(db, createRunStore(db)), outbox };

  async function cycleRow(q: Queryable, cycleId: string, lock = false): Promise<CycleState> {
    const [row] = await q.query<CycleState>(`SELECT id, job_id, status, mode, started_from, cursor, pages, counts FROM sync_cycles WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [cycleId]);
    if (!row) throw ApplicationFailure.nonRetryable(`no sync cycle "${cycleId}"; it is created when the cycle begins`, 'SyncCycleMissing');
    return row;
  }

  async function loadJob(jobId: string): Promise<LoadedSyncJob> {
    try {
      return await jobs.load(jobId);
    } catch (error) {
      throw ApplicationFailure.nonRetryable(`sync job "${jobId}" cannot be loaded: ${error instanceof Error ? error.message : String(error)}`, 'SyncJobMissing');
    }
  }

  async function outcome(cycleId: string): Promise<CycleOutcome> {
    const [r] = await db.query<{ status: SyncCycleView['status']; counts: CycleCounts; held_reason: string | null; failure: string | null }>('SELECT status, counts, held_reason, failure FROM sync_cycles WHERE id = $1', [cycleId]);
    if (!r) throw ApplicationFailure.nonRetryable(`no sync cycle "${cycleId}"`, 'SyncCycleMissing');
    return { cycleId, status: r.status, counts: r.counts, heldReason: r.held_reason, failure: r.failure };
  }

  return {
    /**
     * Records the cycle (once: a retried begin finds it, and "run now" records its cycle before
     * starting it) and where it starts: the job's watermark. A cycle begun while another of the job
     * runs or is held fails here, before it reads anything (overlap.ts).
     */
    async 'sync.beginCycle'(input: BeginCycle): Promise<{ mode: 'delta' | 'snapshot' }> {
      const job = await loadJob(input.jobId);
      if (!job.enabled && input.trigger === 'schedule') throw ApplicationFailure.nonRetryable(`sync job "${job.id}" is disabled`, 'SyncJobDisabled');
      try {
        return await recordCycle(db, { jobId: job.id, cycleId: input.cycleId, trigger: input.trigger });
      } catch (error) {
        if (error instanceof CycleInProgress) throw ApplicationFailure.nonRetryable(error.message, 'SyncCycleInProgress');
        if (error instanceof JobMissing) throw ApplicationFailure.nonRetryable(error.message, 'SyncJobMissing');
        throw error;
      }
    },

    /** Reads the page after the cycle's cursor and enqueues its events; `done` once the source has no more rows. */
    async 'sync.readPage'(input: { cycleId: string }): Promise<PageResult> {
      const cycle = await cycleRow(db, input.cycleId);
      if (cycle.status !== 'running') return { done: true, rows: 0, events: 0, deferred: 0, errors: 0 };
      const job = await loadJob(cycle.job_id);
      const source = job.source;
      if (source.mode !== cycle.mode) throw ApplicationFailure.nonRetryable(`sync job "${job.id}" changed mode during the cycle; run it again`, 'SyncJobChanged');
      const cursor = cursorSchema.parse(cycle.cursor);
      let rows: SourceRow[];
      try {
        rows = await readSourcePage({ source, password: job.password, cursor });
      } catch (error) {
        if (error instanceof SourceMisconfigured) throw ApplicationFailure.nonRetryable(error.message, 'SourceMisconfigured');
        throw error;
      }
      if (rows.length === 0) return { done: true, rows: 0, events: 0, deferred: 0, errors: 0 };
      const page = cycle.pages + 1;
      const last = rows.at(-1);
      const next: Cursor = last === undefined ? cursor : source.mode === 'delta' ? { change: last.change ?? '', key: last.key ?? '' } : { key: last.key ?? '' };

      const counts: CycleCounts = { rows: rows.length };
      const errors: RecordError[] = [];
      const workers: { worker: StatedWorker; change: string | null }[] = [];
      const keys = new Set<string>();
      const seenInPage = new Map<string, number>();
      for (const row of rows) {
        const s = stated(source, row);
        if (s.problems) {
          add(counts, 'invalid');
          errors.push(...s.problems.map((p) => ({ key: row.key ?? undefined, page, ...p })));
          continue;
        }
        const id = s.worker.employeeId;
        keys.add(id);
        seenInPage.set(id, (seenInPage.get(id) ?? 0) + 1);
        workers.push({ worker: s.worker, change: row.change });
      }
      // A key on two rows: which one is true? Both are left out (in this page; an earlier page's row was already sent).
      const seenBefore = new Set(
        (await db.query<{ employee_id: string }>('SELECT employee_id FROM sync_cycle_keys WHERE cycle_id = $1 AND employee_id = ANY($2::text[])', [cycle.id, [...keys]])).map((r) => r.employee_id),
      );
      const usable = workers.filter(({ worker }) => {
        const id = worker.employeeId;
        const duplicate = (seenInPage.get(id) ?? 0) > 1 || seenBefore.has(id);
        if (duplicate) {
          add(counts, 'invalid');
          errors.push({ key: id, page, path: source.keyColumn, message: `${source.keyColumn} ${id} is on more than one row of the source; ${seenBefore.has(id) ? 'this row was' : 'these rows were'} left out` });
        }
        return !duplicate;
      });

      const now = new Date();
      const knownById = await knownPeople(known, job.hrSource, usable.map((u) => u.worker.employeeId), now);
      const deriver = createDeriver({ channel: 'sync', source: job.hrSource, now, lookup: (id: string): Known | undefined => knownById.get(id), ...(deps.hireDatePolicy ? { hireDatePolicy: deps.hireDatePolicy } : {}) });
      const events: HrEvent[] = [];
      const deferred: HrEvent[] = [];
      for (const { worker, change } of usable) {
        const derived = deriver.stated(worker);
        if (!derived.event) {
          add(counts, derived.status === 'invalid' ? 'invalid' : derived.status === 'skipped' ? 'skipped' : 'unchanged');
          if (derived.status === 'invalid') errors.push(...derived.errors.map((e) => ({ key: worker.employeeId, page, path: e.path, message: withoutValues(e.message) })));
          continue;
        }
        const event = source.mode === 'delta' && change !== null ? { ...derived.event, eventId: deltaEventId(job.id, worker.employeeId, change, derived.event.type) } : derived.event;
        add(counts, event.type);
        (isDisabling(event.type) ? deferred : events).push(event);
      }

      const written = await db.transaction(async (tx) => {
        const current = await cycleRow(tx, cycle.id, true);
        // Another attempt of this page got here first: nothing to write, read on from its cursor.
        if (current.status !== 'running' || JSON.stringify(current.cursor) !== JSON.stringify(cycle.cursor)) return false;
        await tx.query('INSERT INTO sync_cycle_keys (cycle_id, employee_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [cycle.id, [...keys]]);
        await enqueue(tx, events.map((event) => ({ source: job.hrSource, channel: 'sql' as const, event, receivedAt: now })));
        const n = await countOf(tx, 'SELECT count(*)::int AS n FROM sync_cycle_deferred WHERE cycle_id = $1', [cycle.id]);
        for (const [i, event] of deferred.entries()) {
          await tx.query('INSERT INTO sync_cycle_deferred (cycle_id, seq, employee_id, event) VALUES ($1, $2, $3, $4)', [cycle.id, n + i, event.employeeId, JSON.stringify(event)]);
        }
        await tx.query(
          `UPDATE sync_cycles SET cursor = $2, pages = pages + 1, counts = $3,
             errors = (SELECT COALESCE(jsonb_agg(e), '[]'::jsonb) FROM (SELECT e FROM jsonb_array_elements(errors || $4::jsonb) AS e LIMIT ${maxErrors}) AS capped)
           WHERE id = $1`,
          [cycle.id, JSON.stringify(next), JSON.stringify(merged(cycle.counts, counts)), JSON.stringify(errors)],
        );
        return true;
      });
      if (written && events.length > 0) announceEnqueued(db);
      return { done: rows.length < source.pageSize, rows: rows.length, events: written ? events.length : 0, deferred: written ? deferred.length : 0, errors: errors.length };
    },

    /**
     * The source was read to its end: people a snapshot no longer lists leave, the thresholds are
     * checked, the kept-back terminations are enqueued (or held), and the job's watermark moves.
     */
    async 'sync.completeCycle'(input: { cycleId: string }): Promise<CycleOutcome> {
      const cycle = await cycleRow(db, input.cycleId);
      if (cycle.status !== 'running') return outcome(cycle.id);
      const job = await loadJob(cycle.job_id);
      const now = new Date();
      const absent: HrEvent[] = [];
      const counts: CycleCounts = { ...cycle.counts };
      /** People of the source a snapshot's absence would terminate (active or hired), read or not. */
      let standing = 0;
      if (cycle.mode === 'snapshot') {
        const read = new Set((await db.query<{ employee_id: string }>('SELECT employee_id FROM sync_cycle_keys WHERE cycle_id = $1', [cycle.id])).map((r) => r.employee_id));
        const everyone = await knownOfSource(known, job.hrSource, now);
        const deriver = createDeriver({ channel: 'sync', source: job.hrSource, now, lookup: () => undefined });
        for (const person of everyone) {
          const derived = deriver.absent(person);
          if (!derived.event) continue;
          standing++;
          if (read.has(person.employeeId)) continue;
          absent.push(derived.event);
          add(counts, 'absent');
          add(counts, derived.event.type);
        }
      }
      const rows = counts.rows ?? 0;
      await db.transaction(async (tx) => {
        const current = await cycleRow(tx, cycle.id, true);
        if (current.status !== 'running') return;
        const [jobNow] = await tx.query<{ watermark: unknown; last_snapshot_rows: number | null; max_drop_share: number; max_terminations: number }>('SELECT watermark, last_snapshot_rows, max_drop_share, max_terminations FROM sync_jobs WHERE id = $1 FOR UPDATE', [job.id]);
        if (!jobNow) throw ApplicationFailure.nonRetryable(`sync job "${job.id}" was deleted during the cycle`, 'SyncJobMissing');
        const n = await countOf(tx, 'SELECT count(*)::int AS n FROM sync_cycle_deferred WHERE cycle_id = $1', [cycle.id]);
        for (const [i, event] of absent.entries()) {
          await tx.query('INSERT INTO sync_cycle_deferred (cycle_id, seq, employee_id, event) VALUES ($1, $2, $3, $4)', [cycle.id, n + i, event.employeeId, JSON.stringify(event)]);
        }
        const disables = n + absent.length;
        const reasons: string[] = [];
        const last = jobNow.last_snapshot_rows;
        if (cycle.mode === 'snapshot' && disables > 0 && last !== null && last > 0 && rows < last * (1 - jobNow.max_drop_share)) {
          reasons.push(`the snapshot has ${rows} rows, ${Math.round((1 - rows / last) * 1000) / 10}% fewer than the last complete one (${last}), more than the ${Math.round(jobNow.max_drop_share * 1000) / 10}% the job allows`);
        }
        // Measured against the people the source has, not only the last snapshot: a job's first
        // snapshot (or one after an empty one) that leaves most people out is held all the same.
        if (absent.length > 0 && absent.length > standing * jobNow.max_drop_share) {
          reasons.push(`the snapshot leaves out ${absent.length} of the ${standing} people ${job.hrSource} has active or hired (${Math.round((absent.length / standing) * 1000) / 10}%), more than the ${Math.round(jobNow.max_drop_share * 1000) / 10}% the job allows`);
        }
        if (disables > jobNow.max_terminations) reasons.push(`${disables} people would be terminated, more than the job's limit of ${jobNow.max_terminations}`);
        const held = reasons.length > 0 ? `${reasons.join('; ')}: the terminations are held until an admin approves the cycle` : null;
        if (held === null) {
          const kept = await tx.query<{ event: HrEvent }>(keptBack, [cycle.id]);
          await enqueue(tx, kept.map((k) => ({ source: job.hrSource, channel: 'sql' as const, event: k.event, receivedAt: now })));
        }
        // Compare-and-set: a cycle that ran alongside and finished first keeps its watermark.
        const moveWatermark = cycle.mode === 'delta' && JSON.stringify(jobNow.watermark) === JSON.stringify(cycle.started_from);
        await tx.query(
          `UPDATE sync_jobs SET watermark = CASE WHEN $2 THEN $3::jsonb ELSE watermark END,
             last_snapshot_rows = CASE WHEN $4 THEN $5 ELSE last_snapshot_rows END WHERE id = $1`,
          [job.id, moveWatermark, JSON.stringify(current.cursor), cycle.mode === 'snapshot' && held === null, rows],
        );
        const [finished] = await tx.query<Finished>(`UPDATE sync_cycles SET status = $2, held_reason = $3, counts = $4, finished_at = now() WHERE id = $1 RETURNING ${finishedColumns}`, [cycle.id, held === null ? 'succeeded' : 'held', held, JSON.stringify(counts)]);
        if (finished) await auditFinished(tx, job.hrSource, finished, held === null ? {} : { heldReason: held, heldTerminations: disables });
        // The keys served duplicate and absence checks while the cycle read; a finished cycle needs them no more.
        await tx.query('DELETE FROM sync_cycle_keys WHERE cycle_id = $1', [cycle.id]);
      });
      announceEnqueued(db);
      return outcome(cycle.id);
    },

    /** The read failed: the kept-back terminations are dropped, the watermark stays, and the reason is recorded. */
    async 'sync.failCycle'(input: { cycleId: string; reason: string }): Promise<CycleOutcome> {
      await db.transaction(async (tx) => {
        const current = await cycleRow(tx, input.cycleId, true);
        if (current.status !== 'running') return;
        const n = await countOf(tx, 'WITH gone AS (DELETE FROM sync_cycle_deferred WHERE cycle_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM gone', [input.cycleId]);
        const note = n > 0 ? ` (${n} termination${n === 1 ? '' : 's'} read before the failure ${n === 1 ? 'was' : 'were'} not sent)` : '';
        const [finished] = await tx.query<Finished>(`UPDATE sync_cycles SET status = 'failed', failure = $2, finished_at = now() WHERE id = $1 RETURNING ${finishedColumns}`, [input.cycleId, `${input.reason}${note}`]);
        const [job] = await tx.query<{ hr_source: string }>('SELECT hr_source FROM sync_jobs WHERE id = $1', [current.job_id]);
        if (finished) await auditFinished(tx, job?.hr_source ?? null, finished, { terminationsNotSent: n });
        await tx.query('DELETE FROM sync_cycle_keys WHERE cycle_id = $1', [input.cycleId]);
      });
      return outcome(input.cycleId);
    },
  };
}

export type SyncActivities = ReturnType<typeof createSyncActivities>;

/** An admin lets a held cycle's terminations go: they enter the outbox in the order they were read. */
export async function approveHeldCycle(db: Database, jobId: string, cycleId: string, actor: string): Promise<SyncCycleView> {
  await db.transaction(async (tx) => {
    const [cycle] = await tx.query<{ status: string; job_id: string; hr_source: string }>('SELECT c.status, c.job_id, j.hr_source FROM sync_cycles c JOIN sync_jobs j ON j.id = c.job_id WHERE c.id = $1 AND c.job_id = $2 FOR UPDATE OF c', [cycleId, jobId]);
    if (!cycle) throw new CycleNotFound(`sync job "${jobId}" has no cycle "${cycleId}"`);
    if (cycle.status !== 'held') throw new CycleNotHeld(`cycle "${cycleId}" is ${cycle.status}, not held; only a held cycle is approved`);
    const kept = await tx.query<{ event: HrEvent }>(keptBack, [cycleId]);
    const now = new Date();
    await enqueue(tx, kept.map((k) => ({ source: cycle.hr_source, channel: 'sql' as const, event: k.event, receivedAt: now })));
    await tx.query(`UPDATE sync_cycles SET status = 'succeeded', approved_by = $2, approved_at = now() WHERE id = $1`, [cycleId, actor]);
    await audit(tx, { actor, action: 'sync-cycle.approve', targetType: 'sync-cycle', targetId: cycleId, details: { jobId, terminations: kept.length } });
  });
  announceEnqueued(db);
  const [row] = await db.query<Parameters<typeof cycleView>[0]>('SELECT * FROM sync_cycles WHERE id = $1', [cycleId]);
  if (!row) throw new CycleNotFound(`sync job "${jobId}" has no cycle "${cycleId}"`);
  return cycleView(row);
}

export class CycleNotFound extends Error {}
export class CycleNotHeld extends Error {}
