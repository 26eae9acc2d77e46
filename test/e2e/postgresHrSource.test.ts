/**
 * Acceptance, the PostgreSQL HR source (issue #15): an HR table in a real PostgreSQL drives the
 * built-in Joiner, Mover and Leaver templates against Samba AD through sync cycles. A row inserted
 * becomes an enabled account in its department's OU, a department changed in the table moves it, and
 * a termination date set in the table disables it: the same path as HR pushing the events.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startPostgres, type Postgres } from '../peers/postgres.ts';
import { attr } from '../support/directory.ts';
import { isDisabled, useE2eStack } from '../support/e2eStack.ts';
import { eventually } from '../support/eventually.ts';

const stack = useE2eStack();
let hrDb: Postgres;
let hr: pg.Client;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  hrDb = await startPostgres('hr');
  hr = new pg.Client({ connectionString: hrDb.url });
  await hr.connect();
  await hr.query(`CREATE TABLE staff (
    emp_no text PRIMARY KEY, given text, family text, dept text, title text, site text, kind text,
    manager_email text, start_date date, leave_date date, changed_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
}, 120_000);

afterAll(async () => {
  await hr.end();
  await hrDb.stop();
});

async function cycle() {
  const run = await stack.sys.api('POST', '/api/sync-jobs/staff/run');
  expect(run.status, JSON.stringify(run.body)).toBe(202);
  const { cycleId } = z.object({ cycleId: z.string() }).parse(run.body);
  const outcome = z.object({ status: z.string(), counts: z.record(z.string(), z.number()) }).parse(await stack.sys.client.workflow.getHandle(cycleId).result());
  expect(outcome.status).toBe('succeeded');
  return outcome.counts;
}

describe('PostgreSQL HR source, end to end', () => {
  it('creates, moves and disables the AD account as rows are inserted, updated and given a leaving date', { timeout: 300_000 }, async () => {
    // The job files its events under the HR source "hr" (its default), which must exist.
    expect((await stack.sys.api('POST', '/api/users', { id: 'hr', displayName: 'HR database', roles: ['hr-source'] })).status).toBe(201);
    const created = await stack.sys.api('POST', '/api/sync-jobs', {
      id: 'staff',
      name: 'Staff table',
      kind: 'postgres-hr',
      source: {
        connection: { host: '127.0.0.1', port: hrDb.port, database: 'hr', user: 'tenure' },
        query: 'staff',
        keyColumn: 'emp_no',
        mode: 'delta',
        changeColumn: 'changed_at',
        attributes: { employeeId: 'emp_no', givenName: 'given', surname: 'family', department: 'dept', title: 'title', location: 'site', employeeType: 'kind', managerEmail: 'manager_email', hireDate: 'start_date' },
        termination: { kind: 'date', column: 'leave_date', attribute: 'lastDay' },
      },
      secrets: { password: 'tenure-test-password' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    await hr.query(`INSERT INTO staff (emp_no, given, family, dept, title, site, kind, manager_email, start_date) VALUES ('S-1', 'Rosalind', 'Franklin', 'Engineering', 'Engineer', 'Berlin', 'Employee', 'boss@tenure.test', $1)`, [today]);
    expect(await cycle()).toMatchObject({ rows: 1, hire: 1 });
    const hired = await eventually(async () => {
      const account = await stack.adAccount('S-1');
      return account && !isDisabled(account) ? account : undefined;
    }, 'an enabled AD account for S-1', 120_000);
    expect(hired.dn).toBe(`CN=Rosalind Franklin (S-1),OU=Engineering,${stack.dc.baseDn}`);

    await hr.query(`UPDATE staff SET dept = 'Sales', changed_at = clock_timestamp() WHERE emp_no = 'S-1'`);
    expect(await cycle()).toMatchObject({ rows: 1, update: 1 });
    const moved = await eventually(async () => {
      const account = await stack.adAccount('S-1');
      return account?.dn.includes('OU=Sales') === true && attr(account, 'department')[0] === 'Sales' ? account : undefined;
    }, 'the account to move to the Sales OU with its new department', 120_000);
    expect(moved.dn).toBe(`CN=Rosalind Franklin (S-1),OU=Sales,${stack.dc.baseDn}`);

    await hr.query(`UPDATE staff SET leave_date = $1, changed_at = clock_timestamp() WHERE emp_no = 'S-1'`, [today]);
    expect(await cycle()).toMatchObject({ rows: 1, terminate: 1 });
    await eventually(async () => {
      const account = await stack.adAccount('S-1');
      return account && isDisabled(account) ? account : undefined;
    }, 'the AD account to be disabled', 120_000);
    const person = await stack.person('S-1', (p) => p.state === 'terminated', 'S-1 terminated');
    expect(person.attributes.lastDay).toBe(today);
    // Nothing changed since: another cycle sends nothing.
    expect((await cycle()).rows ?? 0).toBe(0);
  });
});
