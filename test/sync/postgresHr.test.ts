/**
 * The PostgreSQL HR source against real components: an HR table in a throwaway PostgreSQL cluster,
 * the run's Temporal dev server, a worker with the sync activities, the API and the HR intake
 * dispatcher. Rows inserted, updated and marked terminated become hire, update and terminate events
 * and people in those states; a repeated cycle, and a cycle whose watermark advance was lost, add no
 * events; a source that fails on its second page terminates nobody and the cycle says why.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startPostgres, type Postgres } from '../peers/postgres.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let hrDb: Postgres;
let hr: pg.Client;
let sys: TestSystem;

const cycleAnswer = z.object({
  id: z.string(),
  status: z.string(),
  counts: z.record(z.string(), z.number()),
  errors: z.array(z.object({ key: z.string().optional(), page: z.number(), path: z.string(), message: z.string() })),
  heldReason: z.string().nullable(),
  failure: z.string().nullable(),
  pages: z.number(),
});

beforeAll(async () => {
  [hrDb, sys] = await Promise.all([startPostgres('hr'), startTestSystem()]);
  hr = new pg.Client({ connectionString: hrDb.url });
  await hr.connect();
  await hr.query(`CREATE TABLE workers (
    emp_no text, first_name text, last_name text, dept text, status text NOT NULL DEFAULT 'active',
    changed_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  // A job files its events under a configured HR source: one per job, so each test counts its own.
  for (const id of ['sql-delta', 'sql-roster', 'sql-typo', 'sql-scheduled']) {
    expect((await sys.api('POST', '/api/users', { id, displayName: id, roles: ['hr-source'] })).status).toBe(201);
  }
  // PostgreSQL and Tenure start side by side; on a loaded 2-core machine that takes a while.
}, 240_000);

afterAll(async () => {
  await hr.end();
  await Promise.all([sys.stop(), hrDb.stop()]);
});

const connection = () => ({ host: '127.0.0.1', port: hrDb.port, database: 'hr', user: 'tenure' });
const outboxCount = async (source: string) => (await sys.db.query<{ n: number }>('SELECT count(*)::int AS n FROM hr_outbox WHERE source = $1', [source]))[0]?.n ?? -1;

async function runCycle(jobId: string) {
  const run = await sys.api('POST', `/api/sync-jobs/${jobId}/run`);
  expect(run.status, JSON.stringify(run.body)).toBe(202);
  const { cycleId } = z.object({ cycleId: z.string() }).parse(run.body);
  await sys.client.workflow.getHandle(cycleId).result();
  const res = await sys.api('GET', `/api/sync-jobs/${jobId}/cycles/${encodeURIComponent(cycleId)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return cycleAnswer.parse(res.body);
}

const people = (source: string, ok: (rows: Map<string, { state: string | null; attributes: Record<string, unknown> }>) => boolean, what: string) =>
  eventually(async () => {
    const rows = await sys.db.query<{ employee_id: string; state: string | null; attributes: Record<string, unknown> }>('SELECT employee_id, state, attributes FROM people WHERE source = $1', [source]);
    const map = new Map(rows.map((r) => [r.employee_id, { state: r.state, attributes: r.attributes }]));
    return ok(map) ? map : undefined;
  }, what);

describe('PostgreSQL HR source', () => {
  it('refuses a job whose settings are wrong, saying where', async () => {
    const res = await sys.api('POST', '/api/sync-jobs', {
      id: 'bad',
      name: 'Bad',
      kind: 'postgres-hr',
      source: { connection: connection(), query: 'workers', keyColumn: 'emp_no', mode: 'delta', attributes: {} },
      intervalSeconds: 5,
    });
    expect(res.status).toBe(400);
    const text = JSON.stringify(res.body);
    expect(text).toContain('changeColumn');
    expect(text).toContain('intervalSeconds');
  });

  it('turns inserted, updated and terminated rows into hire, update and terminate, and a repeated cycle into nothing', async () => {
    const created = await sys.api('POST', '/api/sync-jobs', {
      id: 'hr-delta',
      name: 'HR database (delta)',
      kind: 'postgres-hr',
      hrSource: 'sql-delta',
      source: {
        connection: connection(),
        query: 'workers',
        keyColumn: 'emp_no',
        mode: 'delta',
        changeColumn: 'changed_at',
        attributes: { givenName: 'first_name', surname: 'last_name', department: 'dept' },
        termination: { kind: 'status', column: 'status', inactiveValues: ['terminated'] },
        pageSize: 2,
      },
      secrets: { password: 'tenure-test-password' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain('tenure-test-password');
    expect(created.body).toMatchObject({ secretFields: ['password'], watermark: null });

    await hr.query(`INSERT INTO workers (emp_no, first_name, last_name, dept) VALUES ('E1', 'Ada', 'Lovelace', 'Engineering'), ('E2', 'Alan', 'Turing', 'Research'), ('E3', 'Grace', 'Hopper', 'Navy'), (NULL, 'No', 'Key', 'Nowhere')`);
    const first = await runCycle('hr-delta');
    expect(first).toMatchObject({ status: 'succeeded', failure: null, pages: 2 });
    expect(first.counts).toMatchObject({ rows: 4, hire: 3, invalid: 1 });
    expect(first.errors.map((e) => [e.path, e.message])).toEqual([['emp_no', 'the row has no emp_no; it was left out']]);
    await people('sql-delta', (m) => ['E1', 'E2', 'E3'].every((id) => m.get(id)?.state === 'active'), 'three hires');

    await hr.query(`UPDATE workers SET dept = 'Analytical Engines', changed_at = clock_timestamp() WHERE emp_no = 'E1'`);
    await hr.query(`UPDATE workers SET status = 'terminated', changed_at = clock_timestamp() WHERE emp_no = 'E3'`);
    await hr.query(`INSERT INTO workers (emp_no, first_name, last_name, dept) VALUES ('E4', 'Katherine', 'Johnson', 'Flight')`);
    const second = await runCycle('hr-delta');
    expect(second).toMatchObject({ status: 'succeeded' });
    expect(second.counts).toMatchObject({ rows: 3, update: 1, terminate: 1, hire: 1 });
    const after = await people('sql-delta', (m) => m.get('E1')?.attributes.department === 'Analytical Engines' && m.get('E3')?.state === 'terminated' && m.get('E4')?.state === 'active', 'the update, termination and hire');
    expect(after.get('E2')?.state).toBe('active');

    // Nothing changed: the watermark leaves nothing to read, and nothing is enqueued.
    const queued = await outboxCount('sql-delta');
    expect(queued).toBe(6);
    const third = await runCycle('hr-delta');
    expect(third.counts.rows ?? 0).toBe(0);
    expect(await outboxCount('sql-delta')).toBe(queued);

    // A restart that enqueued pages but lost the watermark advance reads everything again: it repeats nothing.
    await sys.db.query('UPDATE sync_jobs SET watermark = NULL WHERE id = $1', ['hr-delta']);
    const replayed = await runCycle('hr-delta');
    expect(replayed).toMatchObject({ status: 'succeeded' });
    expect(replayed.counts).toMatchObject({ rows: 5, unchanged: 4, invalid: 1 });
    expect(await outboxCount('sql-delta')).toBe(queued);

    const job = await sys.api('GET', '/api/sync-jobs/hr-delta');
    expect(job.body).toMatchObject({ watermark: { key: 'E4' } });
    const cycles = z.object({ cycles: z.array(cycleAnswer) }).parse((await sys.api('GET', '/api/sync-jobs/hr-delta/cycles')).body);
    expect(cycles.cycles).toHaveLength(4);
  }, 120_000);

  it('terminates nobody when the source fails on its second page, and records why', async () => {
    // A real PostgreSQL error on page 2: the check raises for keys from the one hr_outage names.
    // STABLE and costly, PostgreSQL evaluates it only for the rows a page returns.
    await hr.query(`CREATE TABLE roster (emp_no text PRIMARY KEY, first_name text, active boolean NOT NULL DEFAULT true)`);
    await hr.query(`CREATE TABLE hr_outage (fail_from text)`);
    await hr.query(`CREATE FUNCTION roster_check(id text) RETURNS text LANGUAGE plpgsql STABLE COST 100000 AS $$
      BEGIN
        IF id >= (SELECT fail_from FROM hr_outage LIMIT 1) THEN RAISE EXCEPTION 'HR database lost its storage reading %', id; END IF;
        RETURN id;
      END $$`);
    await hr.query(`INSERT INTO roster (emp_no, first_name) SELECT 'R' || i, 'Worker ' || i FROM generate_series(1, 6) AS i`);
    const roster = {
      id: 'hr-roster',
      name: 'Roster (snapshot)',
      kind: 'postgres-hr',
      hrSource: 'sql-roster',
      source: {
        connection: connection(),
        query: 'SELECT emp_no, roster_check(emp_no) AS checked, first_name, CASE WHEN active THEN \'active\' ELSE \'terminated\' END AS status FROM roster',
        keyColumn: 'emp_no',
        mode: 'snapshot',
        attributes: { givenName: 'first_name' },
        termination: { kind: 'status', column: 'status', inactiveValues: ['terminated'] },
        pageSize: 2,
      },
      secrets: { password: 'tenure-test-password' },
      thresholds: { maxDropShare: 0.5, maxTerminations: 100 },
    };
    const created = await sys.api('POST', '/api/sync-jobs', roster);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const first = await runCycle('hr-roster');
    expect(first).toMatchObject({ status: 'succeeded' });
    expect(first.counts).toMatchObject({ rows: 6, hire: 6 });
    await people('sql-roster', (m) => m.size === 6 && [...m.values()].every((p) => p.state === 'active'), 'six hires');
    const queued = await outboxCount('sql-roster');

    // R1 is marked terminated (page 1); the read then fails on page 2: R1 is not terminated, nor anyone unread.
    await hr.query(`UPDATE roster SET active = false WHERE emp_no = 'R1'`);
    await hr.query(`INSERT INTO hr_outage VALUES ('R3')`);
    const failed = await runCycle('hr-roster');
    expect(failed.status).toBe('failed');
    // The function's message is not shown (it may quote a row): its SQLSTATE and name are.
    expect(failed.failure).toContain('SQLSTATE P0001 raise_exception');
    expect(failed.failure).toContain('roster_check');
    expect(failed.failure).not.toContain('lost its storage');
    expect(failed.failure).toContain('1 termination read before the failure was not sent');
    expect(await outboxCount('sql-roster')).toBe(queued);
    const stillActive = await people('sql-roster', (m) => m.size === 6, 'the six people');
    expect([...stillActive.values()].every((p) => p.state === 'active')).toBe(true);

    // The source recovers: R1's termination goes through.
    await hr.query('DELETE FROM hr_outage');
    const recovered = await runCycle('hr-roster');
    expect(recovered).toMatchObject({ status: 'succeeded' });
    expect(recovered.counts).toMatchObject({ rows: 6, terminate: 1, unchanged: 5 });
    await people('sql-roster', (m) => m.get('R1')?.state === 'terminated', 'R1 to be terminated');

    // A snapshot that lost most of its rows holds the terminations of the people missing from it.
    await hr.query(`DELETE FROM roster WHERE emp_no IN ('R4', 'R5', 'R6')`);
    const { secrets: _kept, ...settings } = roster;
    const tightened = await sys.api('PUT', '/api/sync-jobs/hr-roster', { ...settings, thresholds: { maxDropShare: 0.2, maxTerminations: 100 } });
    expect(tightened.status, JSON.stringify(tightened.body)).toBe(200);
    expect(tightened.body).toMatchObject({ secretFields: ['password'], lastSnapshotRows: 6, thresholds: { maxDropShare: 0.2 } });
    const before = await outboxCount('sql-roster');
    const held = await runCycle('hr-roster');
    expect(held.status).toBe('held');
    expect(held.counts).toMatchObject({ rows: 3, absent: 3, terminate: 3 });
    expect(held.heldReason).toContain('the snapshot has 3 rows, 50% fewer than the last complete one (6)');
    expect(await outboxCount('sql-roster')).toBe(before);
    const approved = await sys.api('POST', `/api/sync-jobs/hr-roster/cycles/${encodeURIComponent(held.id)}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(cycleAnswer.extend({ approvedBy: z.string() }).parse(approved.body).status).toBe('succeeded');
    await people('sql-roster', (m) => ['R4', 'R5', 'R6'].every((id) => m.get(id)?.state === 'terminated'), 'R4 to R6 to be terminated once approved');

    // A new job for the same people whose first snapshot is empty has no last snapshot to compare
    // with: leaving out everyone the source has active is held all the same.
    const queuedBefore = await outboxCount('sql-roster');
    const empty = await sys.api('POST', '/api/sync-jobs', { ...roster, id: 'hr-roster-empty', source: { ...roster.source, query: `${roster.source.query} WHERE false` } });
    expect(empty.status, JSON.stringify(empty.body)).toBe(201);
    const firstEmpty = await runCycle('hr-roster-empty');
    expect(firstEmpty.status, firstEmpty.failure ?? '').toBe('held');
    expect(firstEmpty.counts).toEqual({ absent: 2, terminate: 2 });
    expect(firstEmpty.heldReason).toContain('the snapshot leaves out 2 of the 2 people sql-roster has active or hired (100%)');
    expect(await outboxCount('sql-roster')).toBe(queuedBefore);
    const stillThere = await people('sql-roster', (m) => m.size === 6, 'the six people');
    expect(['R2', 'R3'].map((id) => stillThere.get(id)?.state)).toEqual(['active', 'active']);
  }, 120_000);

  it('records a query that names a column the source lacks as a failed cycle', async () => {
    const created = await sys.api('POST', '/api/sync-jobs', {
      id: 'hr-typo',
      name: 'Typo',
      kind: 'postgres-hr',
      hrSource: 'sql-typo',
      source: { connection: connection(), query: 'workers', keyColumn: 'emp_no', mode: 'snapshot', attributes: { givenName: 'frist_name' } },
      secrets: { password: 'tenure-test-password' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const cycle = await runCycle('hr-typo');
    expect(cycle.status).toBe('failed');
    expect(cycle.failure).toContain('"frist_name" (mapped to givenName)');
    expect(await outboxCount('sql-typo')).toBe(0);
  }, 60_000);

  it('runs cycles from a Temporal Schedule that follows the job interval', async () => {
    const job = {
      id: 'hr-scheduled',
      name: 'Scheduled',
      kind: 'postgres-hr',
      hrSource: 'sql-scheduled',
      source: { connection: connection(), query: 'workers', keyColumn: 'emp_no', mode: 'snapshot', attributes: { givenName: 'first_name' } },
      secrets: { password: 'tenure-test-password' },
      intervalSeconds: 3600,
    };
    const created = await sys.api('POST', '/api/sync-jobs', job);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const schedule = sys.client.schedule.getHandle('sync-job:hr-scheduled');
    const described = await schedule.describe();
    expect(described.spec.intervals?.[0]?.every).toBe(3_600_000);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'syncCycle', taskQueue: sys.taskQueue });

    await schedule.trigger();
    const cycles = await eventually(async () => {
      const res = z.object({ cycles: z.array(cycleAnswer.extend({ trigger: z.string() })) }).parse((await sys.api('GET', '/api/sync-jobs/hr-scheduled/cycles')).body);
      return res.cycles[0]?.status === 'succeeded' ? res.cycles : undefined;
    }, 'the scheduled cycle to finish');
    expect(cycles[0]).toMatchObject({ trigger: 'schedule', counts: { rows: 5, hire: 4, invalid: 1 } });

    // On demand only: the Schedule goes.
    const { secrets: _kept, ...settings } = job;
    const updated = await sys.api('PUT', '/api/sync-jobs/hr-scheduled', { ...settings, intervalSeconds: null });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    await expect(schedule.describe()).rejects.toThrow(/not found/i);
  }, 60_000);
});
