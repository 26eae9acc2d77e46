/**
 * A PostgreSQL HR source that chokes on a row must not spread the row. PostgreSQL's error text
 * quotes the value it could not read (`invalid input syntax for type integer: "850101-1234"`), and
 * an HR rule quotes the value it refused; a national id in the wrong column must reach none of the
 * cycle as the API shows it, the audit log, the worker's log lines and the cycle's Temporal history
 * (whose failure messages the payload codec does not encrypt). The failure still says what went
 * wrong: the SQLSTATE, its name and what to check; a refused row still names its key and field.
 */
import { format } from 'node:util';
import { Runtime } from '@temporalio/worker';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../../server/observability/logger.ts';
import { startPostgres, type Postgres } from '../peers/postgres.ts';
import { freePort } from '../support/ports.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

const nationalId = '850101-1234';

const raw: string[] = [];
const logger = createLogger({ level: 'debug', service: 'tenure-test', destination: { write: (line: string) => void raw.push(line) } });
// Temporal's own lines ("Activity failed", with the error) go to the runtime's logger: the process
// logger in production (server/observability/temporalLogger.ts), stderr in tests: what it is handed is what is logged.
const runtimeLines: string[] = [];

let hrDb: Postgres;
let hr: pg.Client;
let sys: TestSystem;

beforeAll(async () => {
  [hrDb, sys] = await Promise.all([startPostgres('hr'), startTestSystem({ logger })]);
  hr = new pg.Client({ connectionString: hrDb.url });
  await hr.connect();
  const runtimeLogger = Runtime.instance().logger;
  const log = runtimeLogger.log.bind(runtimeLogger);
  vi.spyOn(runtimeLogger, 'log').mockImplementation((level, message, meta) => {
    runtimeLines.push(format(level, message, meta));
    log(level, message, meta);
  });
  await hr.query(`CREATE TABLE staff (emp_no text PRIMARY KEY, first_name text, badge text, birth_date text)`);
  // Someone typed B2's national id into the badge and birth date columns.
  await hr.query(`INSERT INTO staff VALUES ('B1', 'Ada', '1001', '1990-01-05'), ('B2', 'Alan', $1, $1), ('B3', 'Grace', '1003', '1991-02-01')`, [nationalId]);
  expect((await sys.api('POST', '/api/users', { id: 'sql-private', displayName: 'HR database', roles: ['hr-source'] })).status).toBe(201);
}, 240_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await hr.end();
  await Promise.all([sys.stop(), hrDb.stop()]);
});

const cycleAnswer = z.object({
  id: z.string(),
  status: z.string(),
  counts: z.record(z.string(), z.number()),
  errors: z.array(z.object({ key: z.string().optional(), page: z.number(), path: z.string(), message: z.string() })),
  failure: z.string().nullable(),
});

async function createJob(id: string, query: string, attributes: Record<string, string>, login: { port?: number; password?: string } = {}) {
  const created = await sys.api('POST', '/api/sync-jobs', {
    id,
    name: id,
    kind: 'postgres-hr',
    hrSource: 'sql-private',
    source: { connection: { host: '127.0.0.1', port: login.port ?? hrDb.port, database: 'hr', user: 'tenure' }, query, keyColumn: 'emp_no', mode: 'snapshot', attributes },
    secrets: { password: login.password ?? 'tenure-test-password' },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
}

async function runCycle(jobId: string) {
  const run = await sys.api('POST', `/api/sync-jobs/${jobId}/run`);
  expect(run.status, JSON.stringify(run.body)).toBe(202);
  const { cycleId } = z.object({ cycleId: z.string() }).parse(run.body);
  await sys.client.workflow.getHandle(cycleId).result();
  const res = await sys.api('GET', `/api/sync-jobs/${jobId}/cycles/${encodeURIComponent(cycleId)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { cycle: cycleAnswer.parse(res.body), body: JSON.stringify(res.body) };
}

/** Every string of a history, bytes (payloads) read as text too: what anyone with the history can read. */
function texts(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('latin1'));
  else if (Array.isArray(value)) for (const v of value) texts(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) texts(v, out);
  return out;
}

describe('a PostgreSQL HR source with a national id in the wrong column', () => {
  it('fails the cycle with the SQLSTATE and what to check, and the value is in no cycle view, audit entry, log line or history', { timeout: 120_000 }, async () => {
    // A real failure of the source query: the badge column is cast to integer, and B2's is not a number.
    await createJob('badges', 'SELECT emp_no, first_name, badge::integer AS badge_no FROM staff', { givenName: 'first_name', badgeNumber: 'badge_no' });
    const failed = await runCycle('badges');
    expect(failed.cycle.status).toBe('failed');
    // A value an HR rule refuses (a birth date that is no date) leaves its row out.
    await createJob('births', 'SELECT emp_no, first_name, birth_date FROM staff', { givenName: 'first_name', birthDate: 'birth_date' });
    const refused = await runCycle('births');
    expect(refused.cycle.status).toBe('succeeded');

    // Where the value must not be (soft: a failure lists every place that holds it).
    expect.soft(failed.body, 'the failed cycle as the API shows it').not.toContain(nationalId);
    expect.soft(refused.body, 'the cycle with a refused row as the API shows it').not.toContain(nationalId);
    const list = await sys.api('GET', '/api/sync-jobs/badges/cycles');
    expect(list.status).toBe(200);
    expect.soft(JSON.stringify(list.body), 'the list of cycles').not.toContain(nationalId);
    const audit = await sys.api('GET', '/api/audit?limit=1000');
    expect(audit.status).toBe(200);
    const auditText = JSON.stringify(audit.body);
    expect(auditText).toContain('sync-cycle.fail');
    expect.soft(auditText, 'the audit log').not.toContain(nationalId);
    const failedHistory = texts(await sys.client.workflow.getHandle(failed.cycle.id).fetchHistory());
    expect.soft(failedHistory.filter((t) => t.includes(nationalId)), 'the failed cycle\'s Temporal history').toEqual([]);
    expect.soft(texts(await sys.client.workflow.getHandle(refused.cycle.id).fetchHistory()).filter((t) => t.includes(nationalId)), 'the other cycle\'s Temporal history').toEqual([]);
    expect.soft(raw.filter((line) => line.includes(nationalId)), 'the process log').toEqual([]);
    expect.soft(runtimeLines.filter((line) => line.includes(nationalId)), 'the Temporal runtime log').toEqual([]);

    // What is there instead: the SQLSTATE, where and what to check; the refused row's key and field.
    expect(failed.cycle.failure).toContain('SQLSTATE 22P02 invalid_text_representation');
    expect(failed.cycle.failure).toContain(`127.0.0.1:${hrDb.port}/hr as tenure`);
    expect(failed.cycle.failure).toContain('check the casts and conversions in the query');
    expect(failed.cycle.failure).not.toContain('tenure-test-password');
    expect(refused.cycle.counts).toMatchObject({ rows: 3, hire: 2, invalid: 1 });
    expect(refused.cycle.errors).toHaveLength(1);
    expect(refused.cycle.errors[0]?.key).toBe('B2');
    expect(refused.cycle.errors[0]?.path).toContain('birthDate');
    expect(refused.cycle.errors[0]?.message).toContain('must be a date');
    // The places above were looked at: each holds the failure, without the value.
    expect(failedHistory.some((t) => t.includes('SQLSTATE 22P02'))).toBe(true);
    expect(raw.some((line) => line.includes('sync.readPage') && line.includes('22P02'))).toBe(true);
    expect(runtimeLines.some((line) => line.includes('Activity failed') && line.includes('22P02'))).toBe(true);
  });

  it('says which server, database and user a refused login or an unreachable server concerns, never the password', { timeout: 120_000 }, async () => {
    const wrongPassword = 'not-the-password-7781';
    await createJob('wrong-login', 'staff', { givenName: 'first_name' }, { password: wrongPassword });
    const refused = await runCycle('wrong-login');
    expect(refused.cycle.status).toBe('failed');
    expect(refused.cycle.failure).toContain(`127.0.0.1:${hrDb.port}/hr as tenure`);
    expect(refused.cycle.failure).toContain('SQLSTATE 28P01 invalid_password');
    expect(refused.cycle.failure).toContain('check the user and the password of the job');
    expect(refused.body).not.toContain(wrongPassword);

    // Nothing listens on the port: the network's own message is kept, it holds no row.
    const closed = await freePort();
    await createJob('no-server', 'staff', { givenName: 'first_name' }, { port: closed });
    const unreachable = await runCycle('no-server');
    expect(unreachable.cycle.status).toBe('failed');
    expect(unreachable.cycle.failure).toContain(`reading the source 127.0.0.1:${closed}/hr as tenure failed: connect ECONNREFUSED 127.0.0.1:${closed}`);
    expect(unreachable.cycle.failure).toContain('check that the database server is up');
    expect(unreachable.body).not.toContain('tenure-test-password');
  });
});
