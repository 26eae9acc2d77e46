/**
 * Acceptance, mass-change safety: ten people joined through the built-in Joiner (accounts in Samba
 * AD); a CSV snapshot that no longer lists three of them would disable 30% of the workforce, so it
 * is held. Nothing is disabled while it waits; when an admin approves it, the Leaver runs for the
 * three and their AD accounts are disabled — and only theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isDisabled, startE2eStack, type E2eStack } from '../support/e2eStack.ts';
import { eventually } from '../support/eventually.ts';
import { adminToken } from '../support/system.ts';

let stack: E2eStack;
/** Stops what beforeAll started, also when it failed half-way. */
let stop = (): Promise<void> => Promise.resolve();
const ids = Array.from({ length: 10 }, (_, i) => `C-${i + 1}`);
const names = ['Ada', 'Bea', 'Cai', 'Dov', 'Eli', 'Fay', 'Gus', 'Hal', 'Ida', 'Jon'];

beforeAll(async () => {
  stack = await startE2eStack();
  stop = () => stack.stop();
  await Promise.all(
    ids.map((employeeId, i) =>
      stack.event({
        eventId: `hire-${employeeId}`,
        type: 'hire',
        employeeId,
        attributes: { employeeId, givenName: names[i] ?? 'Pat', surname: `Worker${i + 1}`, department: 'HR', employeeType: 'Contractor', hireDate: '2025-09-01', managerEmail: 'boss@tenure.test' },
      }),
    ),
  );
  await eventually(async () => {
    const accounts = await Promise.all(ids.map((id) => stack.adAccount(id)));
    return accounts.every((a) => a !== undefined && !isDisabled(a)) ? true : undefined;
  }, 'all ten to have joined', 150_000);
}, 360_000);
afterAll(() => stop());

const importView = z.object({ id: z.string(), status: z.string(), heldReason: z.string().nullable(), counts: z.record(z.string(), z.number()) }).loose();

describe('mass-change safety, end to end', () => {
  it('holds a CSV import that would disable 30% of people until an admin approves it; then the disables happen', { timeout: 150_000 }, async () => {
    const csv = ['employeeId', ...ids.slice(0, 7)].join('\n');
    const res = await stack.sys.app.inject({ method: 'POST', url: '/api/hr/imports', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/csv' }, payload: csv });
    expect(res.statusCode, res.body).toBe(202);
    const held = importView.parse(res.json());
    expect(held).toMatchObject({ status: 'held', counts: { terminate: 3, unchanged: 7 } });
    expect(held.heldReason).toContain('3 of 10 active people (30%)');

    // Held: nobody leaves, no leaver runs.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (const id of ids) expect(isDisabled(await stack.adAccount(id)), id).toBe(false);
    const gone = await stack.person('C-10', () => true, 'C-10');
    expect(gone.state).toBe('active');
    expect(gone.runs.some((r) => r.definitionId === 'template-leaver')).toBe(false);

    expect((await stack.sys.api('POST', `/api/hr/imports/${held.id}/approve`)).status).toBe(202);
    await eventually(async () => {
      const accounts = await Promise.all(ids.slice(7).map((id) => stack.adAccount(id)));
      return accounts.every((a) => isDisabled(a)) ? true : undefined;
    }, 'the three to be disabled after approval', 90_000);
    for (const id of ids.slice(0, 7)) expect(isDisabled(await stack.adAccount(id)), id).toBe(false);
    expect((await stack.person('C-10', () => true, 'C-10')).state).toBe('terminated');
  });
});
