/**
 * The scale path, as separate processes: one API server and two workers (`node server/main.ts
 * server|worker`) against a real PostgreSQL cluster and the Temporal server, sharing nothing but
 * DATABASE_URL, TEMPORAL_ADDRESS, the task queue and TENURE_SECRET_KEY. All three start at once
 * (the migrations run exactly once), a run is started through the API, the worker that holds it is
 * SIGKILLed while the run waits, and the other worker finishes it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { runView, startedRuns } from '../support/api.ts';
import { definition, edge, log, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/ports.ts';
import { startPostgres, type Postgres } from '../peers/postgres.ts';
import { processes, type RoleProcess } from './processes.ts';

const token = 'scale-test-admin-token-0123456789';
const migrationFiles = async () => (await readdir(resolve(import.meta.dirname, '../../server/db/migrations'))).filter((f) => f.endsWith('.sql'));

let postgres: Postgres;
let db: pg.Client;
let temporal: Client;
const procs = processes();

beforeAll(async () => {
  postgres = await startPostgres();
  db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  temporal = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }), namespace: 'default' });
});
afterAll(async () => {
  await procs.stopAll();
  await temporal.connection.close();
  await db.end();
  await postgres.stop();
});

const listedRuns = z.object({ runs: z.array(z.object({ id: z.string(), workflowId: z.string(), definitionId: z.string(), revision: z.number(), employeeId: z.string(), workflowStatus: z.string() })) });
const runRow = z.object({ id: z.string(), workflow_id: z.string(), definition_id: z.string(), revision: z.number(), employee_id: z.string(), requested_by: z.string() });

describe('separate server and worker processes on PostgreSQL', () => {
  it('migrate once when started together, and finish a run on the second worker after the first is killed at a wait', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const shared = {
      DATABASE_URL: postgres.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TENURE_TASK_QUEUE: `scale-${randomUUID()}`,
      TENURE_SECRET_KEY: randomBytes(32).toString('base64'),
      TENURE_ADMIN_TOKEN: token,
      TENURE_LOG_LEVEL: 'warn',
    };
    // All three at once: they race for the migrations, which an advisory lock serializes.
    const [server, first, second] = await Promise.all([procs.start('server', { ...shared, TENURE_PORT: String(port) }), procs.start('worker', shared), procs.start('worker', shared)]);
    await Promise.all([server.printed('tenure: API'), first.printed('tenure: worker polling'), second.printed('tenure: worker polling')]);

    const files = await migrationFiles();
    const migrated = z.array(z.object({ version: z.string() })).parse((await db.query('SELECT version FROM schema_migrations ORDER BY version')).rows);
    expect(migrated.map((m) => `${m.version}.sql`)).toEqual([...files].sort());
    const migrators = [server, first, second].filter((p) => p.output().includes('tenure: database migrated'));
    expect(migrators).toHaveLength(1);

    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    const health = await call('GET', '/healthz');
    expect(health.status).toBe(200);

    const def = definition(
      'scale-run',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'hello', type: 'action', data: log('before the wait') }),
        node({ id: 'remember', type: 'action', data: { action: 'core.setVariable', params: { name: 'phase', value: 'before' } } }),
        node({ id: 'pause', type: 'wait', data: { wait: { kind: 'duration', duration: { seconds: 4 } } } }),
        node({ id: 'after', type: 'action', data: log('after the wait') }),
        node({ id: 'again', type: 'action', data: { action: 'core.setVariable', params: { name: 'phase', value: 'after' } } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'hello'), edge('hello', 'remember'), edge('remember', 'pause'), edge('pause', 'after'), edge('after', 'again'), edge('again', 'end')],
    );
    expect((await call('POST', '/api/definitions', def)).status).toBe(201);
    expect((await call('POST', '/api/definitions/scale-run/publish')).status).toBe(201);
    const started = await call('POST', '/api/runs', { definitionId: 'scale-run', people: [{ employeeId: 'E7001', attributes: {} }] });
    expect(started.status).toBe(202);
    const run = startedRuns.parse(started.body).runs[0];
    if (!run) throw new Error('no run started');

    await eventually(async () => {
      const v = runView.parse((await call('GET', `/api/runs/${run.id}`)).body);
      return v.nodes.pause?.status === 'waiting' ? v : undefined;
    }, 'the run to wait');

    // The worker holding the run is the one that completed its last workflow task (identity pid@host).
    const identities = async () => {
      const { events } = await temporal.workflow.getHandle(run.workflowId).fetchHistory();
      return (events ?? []).map((e) => ({
        timerFired: e.timerFiredEventAttributes != null,
        workflowTask: e.workflowTaskCompletedEventAttributes?.identity ?? undefined,
        activity: e.activityTaskStartedEventAttributes?.identity ?? undefined,
      }));
    };
    const before = await identities();
    const holder = before.flatMap((e) => (e.workflowTask !== undefined ? [e.workflowTask] : [])).at(-1);
    const workers = [first, second];
    const victim = workers.find((w) => holder === `${w.pid}@${hostname()}`);
    const survivor = workers.find((w) => w !== victim);
    if (!victim || !survivor) throw new Error(`no worker process is ${holder ?? 'the holder'}; workers are ${workers.map((w) => w.pid).join(', ')}`);
    victim.kill('SIGKILL');
    await victim.exited();

    const done = await eventually(
      async () => {
        const v = runView.parse((await call('GET', `/api/runs/${run.id}`)).body);
        return v.workflowStatus === 'COMPLETED' ? v : undefined;
      },
      'the run to complete on the other worker',
      90_000,
      500,
    );
    expect(done.outcome).toBe('succeeded');
    for (const id of ['hello', 'remember', 'pause', 'after', 'again']) expect(done.nodes[id]?.status, id).toBe('done');
    expect(done.vars).toMatchObject({ phase: 'after' });

    // Everything after the timer ran on the survivor; before it, the killed worker had the run.
    const history = await identities();
    const fired = history.findIndex((e) => e.timerFired);
    expect(fired).toBeGreaterThan(0);
    const afterTimer = history.slice(fired).flatMap((e) => [e.workflowTask, e.activity]).filter((i) => i !== undefined);
    expect(afterTimer.length).toBeGreaterThanOrEqual(3);
    expect(new Set(afterTimer)).toEqual(new Set([`${survivor.pid}@${hostname()}`]));
    expect(history.slice(0, fired).some((e) => e.workflowTask === `${victim.pid}@${hostname()}`)).toBe(true);

    // The runs projection in PostgreSQL and Temporal agree, as the API lists them.
    const rows = z.array(runRow).parse((await db.query('SELECT id, workflow_id, definition_id, revision, employee_id, requested_by FROM runs')).rows);
    expect(rows.map(({ requested_by: _by, ...row }) => row)).toEqual([{ id: run.id, workflow_id: run.workflowId, definition_id: 'scale-run', revision: 1, employee_id: 'E7001' }]);
    const listed = listedRuns.parse((await call('GET', '/api/runs?definitionId=scale-run')).body);
    expect(listed.runs).toEqual([expect.objectContaining({ id: run.id, workflowId: run.workflowId, revision: 1, employeeId: 'E7001', workflowStatus: 'COMPLETED' })]);
    expect((await temporal.workflow.getHandle(run.workflowId).describe()).status.name).toBe('COMPLETED');

    // The remaining roles stop cleanly on SIGTERM (what an orchestrator sends).
    const stopping: RoleProcess[] = [server, survivor];
    for (const p of stopping) p.kill('SIGTERM');
    await Promise.all(stopping.map((p) => p.exited()));
    for (const p of stopping) expect(p.child.exitCode, p.output()).toBe(0);
  }, 240_000);
});
