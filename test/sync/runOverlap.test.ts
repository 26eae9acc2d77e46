/**
 * One cycle of a sync job at a time: "run now" while a cycle of the job runs answers 409 naming it,
 * and no second cycle is recorded or started; a cycle the job's Schedule starts meanwhile stops at
 * its beginning; once it has finished, "run now" works again. A held cycle blocks the same way until
 * an admin approves it. The HR
 * source is a real PostgreSQL; the first cycle is held inside its read by a lock on the HR table.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure } from '@temporalio/common';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startPostgres, type Postgres } from '../peers/postgres.ts';
import { errorBody } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let hrDb: Postgres;
let hr: pg.Client;
let sys: TestSystem;
const suffix = randomUUID().slice(0, 8);

beforeAll(async () => {
  [hrDb, sys] = await Promise.all([startPostgres('hr'), startTestSystem()]);
  hr = new pg.Client({ connectionString: hrDb.url });
  await hr.connect();
  await hr.query('CREATE TABLE staff (emp_no text PRIMARY KEY, first_name text, last_name text)');
  await hr.query(`INSERT INTO staff VALUES ('P-1', 'Ada', 'Lovelace'), ('P-2', 'Grace', 'Hopper')`);
  expect((await sys.api('POST', '/api/users', { id: 'payroll', displayName: 'Payroll database', roles: ['hr-source'] })).status).toBe(201);
}, 240_000);

afterAll(async () => {
  await hr.end();
  await Promise.all([sys.stop(), hrDb.stop()]);
});

const cycles = async (jobId: string) =>
  z.object({ cycles: z.array(z.object({ id: z.string(), status: z.string() }).loose()) }).parse((await sys.api('GET', `/api/sync-jobs/${jobId}/cycles`)).body).cycles;

describe('run now while a cycle runs', () => {
  it('answers 409 naming the running or held cycle, starts no second one (nor does the Schedule), and runs again once it has finished', async () => {
    const id = `overlap-${suffix}`;
    const created = await sys.api('POST', '/api/sync-jobs', {
      id,
      name: 'Staff',
      kind: 'postgres-hr',
      hrSource: 'payroll',
      source: { connection: { host: '127.0.0.1', port: hrDb.port, database: 'hr', user: 'tenure' }, query: 'staff', keyColumn: 'emp_no', mode: 'snapshot', attributes: { givenName: 'first_name', surname: 'last_name' } },
      secrets: { password: 'tenure-test-password' },
      intervalSeconds: 3600,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const locker = new pg.Client({ connectionString: hrDb.url });
    await locker.connect();
    let first: string;
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE staff IN ACCESS EXCLUSIVE MODE');
      const run = await sys.api('POST', `/api/sync-jobs/${id}/run`);
      expect(run.status, JSON.stringify(run.body)).toBe(202);
      first = z.object({ cycleId: z.string() }).parse(run.body).cycleId;

      // At once (the cycle's workflow may not have begun yet) and once it is reading.
      const atOnce = await sys.api('POST', `/api/sync-jobs/${id}/run`);
      expect(atOnce.status, JSON.stringify(atOnce.body)).toBe(409);
      await eventually(async () => {
        const { raw } = await sys.client.workflow.getHandle(first).describe();
        return raw.pendingActivities?.some((a) => a.activityType?.name === 'sync.readPage') === true ? true : undefined;
      }, 'the cycle to wait in its read');
      const reading = await sys.api('POST', `/api/sync-jobs/${id}/run`);
      expect(reading.status, JSON.stringify(reading.body)).toBe(409);
      for (const refused of [atOnce, reading]) {
        const { error } = errorBody.parse(refused.body);
        expect(error.code).toBe('conflict');
        expect(error.message).toContain(`already has a running cycle "${first}"`);
      }

      // The job's Schedule fires meanwhile: its cycle stops at its beginning, naming the running one.
      const schedule = sys.client.schedule.getHandle(`sync-job:${id}`);
      await schedule.trigger();
      const scheduled = await eventually(async () => (await schedule.describe()).info.recentActions[0]?.action.workflow.workflowId, 'the Schedule to start a cycle');
      const refusedBegin = await sys.client.workflow.getHandle(scheduled).result().then(
        () => 'succeeded',
        (error: unknown) => (error instanceof WorkflowFailedError && error.cause instanceof ActivityFailure ? (error.cause.cause?.message ?? '') : String(error)),
      );
      expect(refusedBegin).toContain(`already has a running cycle "${first}"`);

      expect(await cycles(id)).toEqual([expect.objectContaining({ id: first, status: 'running' })]);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }

    expect(await sys.client.workflow.getHandle(first).result()).toMatchObject({ status: 'succeeded', counts: { rows: 2 } });
    const again = await sys.api('POST', `/api/sync-jobs/${id}/run`);
    expect(again.status, JSON.stringify(again.body)).toBe(202);
    const second = z.object({ cycleId: z.string() }).parse(again.body).cycleId;
    expect(second).not.toBe(first);
    expect(await sys.client.workflow.getHandle(second).result()).toMatchObject({ status: 'succeeded', counts: { rows: 2 } });
    expect((await cycles(id)).map((c) => [c.id, c.status]).sort()).toEqual([[first, 'succeeded'], [second, 'succeeded']].sort());

    // A snapshot that leaves everyone out is held; until an admin approves it, no other cycle runs.
    await hr.query('DELETE FROM staff');
    const emptied = await sys.api('POST', `/api/sync-jobs/${id}/run`);
    expect(emptied.status, JSON.stringify(emptied.body)).toBe(202);
    const held = z.object({ cycleId: z.string() }).parse(emptied.body).cycleId;
    expect(await sys.client.workflow.getHandle(held).result()).toMatchObject({ status: 'held' });
    const whileHeld = await sys.api('POST', `/api/sync-jobs/${id}/run`);
    expect(whileHeld.status, JSON.stringify(whileHeld.body)).toBe(409);
    expect(errorBody.parse(whileHeld.body).error.message).toContain(`has a held cycle "${held}" awaiting approval`);
    expect(await cycles(id)).toHaveLength(3);
    const approved = await sys.api('POST', `/api/sync-jobs/${id}/cycles/${encodeURIComponent(held)}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect((await sys.api('POST', `/api/sync-jobs/${id}/run`)).status).toBe(202);
  }, 120_000);
});
