/**
 * Managing sync jobs through the API against real components (an HR table in a throwaway
 * PostgreSQL, the run's Temporal dev server, a worker with the sync activities): a job must name a
 * configured HR source; deleting a job removes its Temporal Schedule, stops its running cycle and
 * deletes it, after which it runs no more; and run now, every finished cycle, and job create, update
 * and delete are in the audit log, with counts and without anyone's name or national id.
 */
import { randomUUID } from 'node:crypto';
import { ScheduleNotFoundError } from '@temporalio/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startPostgres, type Postgres } from '../peers/postgres.ts';
import { errorBody } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { adminToken, startTestSystem, type TestSystem } from '../support/system.ts';

let hrDb: Postgres;
let hr: pg.Client;
let sys: TestSystem;
// Schedule ids are the namespace's, shared by every test file on the run's Temporal.
const suffix = randomUUID().slice(0, 8);
const personal = ['Ada', 'Lovelace', '850101-1234', 'Grace', 'Hopper', '061206-5678'];

beforeAll(async () => {
  [hrDb, sys] = await Promise.all([startPostgres('hr'), startTestSystem()]);
  hr = new pg.Client({ connectionString: hrDb.url });
  await hr.connect();
  await hr.query('CREATE TABLE staff (emp_no text PRIMARY KEY, first_name text, last_name text, national_id text)');
  await hr.query(`INSERT INTO staff VALUES ('P-1', 'Ada', 'Lovelace', '850101-1234'), ('P-2', 'Grace', 'Hopper', '061206-5678')`);
  expect((await sys.api('POST', '/api/users', { id: 'payroll', displayName: 'Payroll database', roles: ['hr-source'] })).status).toBe(201);
}, 240_000);

afterAll(async () => {
  await hr.end();
  await Promise.all([sys.stop(), hrDb.stop()]);
});

const job = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Staff ${id}`,
  kind: 'postgres-hr',
  hrSource: 'payroll',
  source: { connection: { host: '127.0.0.1', port: hrDb.port, database: 'hr', user: 'tenure' }, query: 'staff', keyColumn: 'emp_no', mode: 'snapshot', attributes: { givenName: 'first_name', surname: 'last_name', nationalId: 'national_id' } },
  secrets: { password: 'tenure-test-password' },
  ...extra,
});

const cycleAnswer = z.object({ id: z.string(), status: z.string(), counts: z.record(z.string(), z.number()), failure: z.string().nullable() });

async function runCycle(jobId: string) {
  const run = await sys.api('POST', `/api/sync-jobs/${jobId}/run`);
  expect(run.status, JSON.stringify(run.body)).toBe(202);
  const { cycleId } = z.object({ cycleId: z.string() }).parse(run.body);
  await sys.client.workflow.getHandle(cycleId).result();
  return cycleAnswer.parse((await sys.api('GET', `/api/sync-jobs/${jobId}/cycles/${encodeURIComponent(cycleId)}`)).body);
}

/** The Schedule's state as Temporal has it: described, or gone. */
async function scheduleOf(jobId: string): Promise<'present' | 'gone'> {
  try {
    await sys.client.schedule.getHandle(`sync-job:${jobId}`).describe();
    return 'present';
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return 'gone';
    throw error;
  }
}

describe('the HR source of a sync job', () => {
  it('refuses an hrSource that is not a configured HR source with 400 naming the field and the value', async () => {
    expect((await sys.api('POST', '/api/users', { id: 'clerk', displayName: 'A clerk', roles: ['operator'] })).status).toBe(201);
    const id = `unknown-source-${suffix}`;
    for (const [hrSource, body] of [
      ['nobody', job(id, { hrSource: 'nobody', intervalSeconds: 3600 })],
      // A user, but not an HR source.
      ['clerk', job(id, { hrSource: 'clerk', intervalSeconds: 3600 })],
      // Left out, it defaults to "hr", which nobody configured here.
      ['hr', { ...job(id, { intervalSeconds: 3600 }), hrSource: undefined }],
    ] as const) {
      const res = await sys.api('POST', '/api/sync-jobs', body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      const { error } = errorBody.parse(res.body);
      expect(error.details?.map((d) => d.path)).toEqual(['body.hrSource']);
      expect(error.message).toContain(`"${hrSource}" is not a configured HR source`);
    }
    expect((await sys.api('GET', `/api/sync-jobs/${id}`)).status).toBe(404);
    expect(await scheduleOf(id)).toBe('gone');

    const created = await sys.api('POST', '/api/sync-jobs', job(id));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { secrets: _kept, ...settings } = job(id);
    const moved = await sys.api('PUT', `/api/sync-jobs/${id}`, { ...settings, hrSource: 'nobody' });
    expect(moved.status).toBe(400);
    const refused = errorBody.parse(moved.body).error.details ?? [];
    expect(refused.map((d) => d.path)).toEqual(['body.hrSource']);
    expect(refused[0]?.message).toContain('"nobody" is not a configured HR source');
    expect((await sys.api('GET', `/api/sync-jobs/${id}`)).body).toMatchObject({ hrSource: 'payroll', version: 1 });
  });
});

describe('deleting a sync job', () => {
  it('removes its Schedule, stops its running cycle and deletes it: it runs no more', async () => {
    const id = `deleted-${suffix}`;
    expect((await sys.api('POST', '/api/sync-jobs', job(id, { intervalSeconds: 3600 }))).status).toBe(201);
    expect(await scheduleOf(id)).toBe('present');
    expect(await runCycle(id)).toMatchObject({ status: 'succeeded', counts: { rows: 2 } });

    // A cycle held up inside its read: the HR table is locked until the test lets go.
    const locker = new pg.Client({ connectionString: hrDb.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE staff IN ACCESS EXCLUSIVE MODE');
      const run = await sys.api('POST', `/api/sync-jobs/${id}/run`);
      expect(run.status).toBe(202);
      const { cycleId } = z.object({ cycleId: z.string() }).parse(run.body);
      await eventually(async () => {
        const cycles = z.object({ cycles: z.array(cycleAnswer) }).parse((await sys.api('GET', `/api/sync-jobs/${id}/cycles`)).body).cycles;
        return cycles.find((c) => c.id === cycleId && c.status === 'running');
      }, 'the cycle to begin');

      // As curl sends it with -H 'content-type: application/json' and no -d.
      const deleted = await sys.app.inject({ method: 'DELETE', url: `/api/sync-jobs/${id}`, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, payload: '' });
      expect(deleted.statusCode, deleted.body).toBe(204);
      expect(deleted.body).toBe('');

      expect(await scheduleOf(id)).toBe('gone');
      expect((await sys.client.workflow.getHandle(cycleId).describe()).status.name).toBe('TERMINATED');
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect((await sys.api('GET', `/api/sync-jobs/${id}`)).status).toBe(404);
    expect((await sys.api('GET', `/api/sync-jobs/${id}/cycles`)).status).toBe(404);
    expect((await sys.api('POST', `/api/sync-jobs/${id}/run`)).status).toBe(404);
    const listed = z.object({ jobs: z.array(z.object({ id: z.string() }).loose()) }).parse((await sys.api('GET', '/api/sync-jobs')).body);
    expect(listed.jobs.map((j) => j.id)).not.toContain(id);
    expect(await sys.db.query('SELECT id FROM sync_cycles WHERE job_id = $1', [id])).toEqual([]);

    const again = await sys.api('DELETE', `/api/sync-jobs/${id}`);
    expect(again.status).toBe(404);
    expect(errorBody.parse(again.body).error.message).toBe(`no sync job "${id}"`);
  }, 120_000);

  it('is for admins only', async () => {
    expect((await sys.api('POST', '/api/users', { id: 'sync-operator', displayName: 'Operator', roles: ['operator'] })).status).toBe(201);
    const token = z.object({ token: z.string() }).parse((await sys.api('POST', '/api/users/sync-operator/tokens', { name: 't' })).body).token;
    const id = `kept-${suffix}`;
    expect((await sys.api('POST', '/api/sync-jobs', job(id))).status).toBe(201);
    const res = await sys.app.inject({ method: 'DELETE', url: `/api/sync-jobs/${id}`, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(403);
    expect((await sys.api('GET', `/api/sync-jobs/${id}`)).status).toBe(200);
  });
});

describe('sync jobs in the audit log', () => {
  it('records run now, each finished cycle with its counts, and create, update and delete, without names or national ids', async () => {
    const id = `audited-${suffix}`;
    expect((await sys.api('POST', '/api/sync-jobs', job(id))).status).toBe(201);
    const succeeded = await runCycle(id);
    expect(succeeded).toMatchObject({ status: 'succeeded', counts: { rows: 2 } });

    // A query whose error would quote a national id: neither the cycle nor the audit log holds it.
    const { secrets: _kept, ...settings } = job(id);
    const broken = { ...settings, source: { ...settings.source, query: 'SELECT emp_no, first_name, last_name, national_id::int AS national_id FROM staff' } };
    expect((await sys.api('PUT', `/api/sync-jobs/${id}`, broken)).status).toBe(200);
    const failed = await runCycle(id);
    expect(failed.status).toBe('failed');
    expect(failed.failure).toMatch(/22P02/);
    expect(failed.failure).not.toMatch(/850101-1234|061206-5678/);
    expect((await sys.api('DELETE', `/api/sync-jobs/${id}`)).status).toBe(204);

    expect((await sys.api('POST', '/api/users', { id: 'sync-auditor', displayName: 'Auditor', roles: ['auditor'] })).status).toBe(201);
    const token = z.object({ token: z.string() }).parse((await sys.api('POST', '/api/users/sync-auditor/tokens', { name: 't' })).body).token;
    const entry = z.object({ actor: z.string(), action: z.string(), targetType: z.string(), targetId: z.string(), employeeId: z.string().nullable(), details: z.record(z.string(), z.unknown()) });
    const read = async (action: string) => {
      const res = await sys.app.inject({ method: 'GET', url: `/api/audit?action=${action}&limit=1000`, headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode, res.body).toBe(200);
      return z.object({ entries: z.array(entry) }).parse(res.json()).entries;
    };
    const jobEntries = (await read('sync-job')).filter((e) => e.targetId === id);
    expect(jobEntries.map((e) => [e.action, e.actor]).reverse()).toEqual([
      ['sync-job.create', 'admin'],
      ['sync-job.run', 'admin'],
      ['sync-job.update', 'admin'],
      ['sync-job.run', 'admin'],
      ['sync-job.delete', 'admin'],
    ]);
    expect(jobEntries.filter((e) => e.action === 'sync-job.run').map((e) => e.details.cycleId).reverse()).toEqual([succeeded.id, failed.id]);
    expect(jobEntries[0]?.details).toMatchObject({ hrSource: 'payroll', cycles: 2, stoppedCycles: 0 });

    const cycleEntries = (await read('sync-cycle')).filter((e) => e.details.jobId === id);
    expect(cycleEntries.map((e) => [e.action, e.targetId, e.actor]).reverse()).toEqual([
      ['sync-cycle.complete', succeeded.id, `sync-job:${id}`],
      ['sync-cycle.fail', failed.id, `sync-job:${id}`],
    ]);
    expect(cycleEntries[1]?.details).toMatchObject({ hrSource: 'payroll', trigger: 'manual', status: 'succeeded', mode: 'snapshot', counts: succeeded.counts });
    expect(cycleEntries[0]?.details).toMatchObject({ status: 'failed', counts: failed.counts });

    const written = JSON.stringify([...jobEntries, ...cycleEntries]);
    for (const value of personal) expect(written).not.toContain(value);
    expect([...jobEntries, ...cycleEntries].every((e) => e.employeeId === null)).toBe(true);
  }, 120_000);
});
