/**
 * Reading SCIM bulk operations: a bulkId repeated across operations is accepted as Entra's
 * /bulkUpload accepts it, unless another operation refers to it, where it would be ambiguous.
 */
import { describe, expect, it } from 'vitest';
import { readOperations } from '../../../server/hr/scimBulk.ts';

const user = (externalId: string, extra: Record<string, unknown> = {}) => ({
  method: 'POST',
  bulkId: 'same-id',
  path: '/Users',
  data: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], externalId, userName: `${externalId}@hr.example`, name: { givenName: 'Ana', familyName: 'Lima' }, ...extra },
});

describe('readOperations', () => {
  it('accepts a bulkId that several operations repeat when no operation refers to it', () => {
    const read = readOperations([user('E1'), user('E2'), user('E3')], 'externalId');
    expect(read.map((r) => [r.ok, r.bulkId])).toEqual([
      [true, 'same-id'],
      [true, 'same-id'],
      [true, 'same-id'],
    ]);
    expect(read.flatMap((r) => (r.ok ? [r.worker.employeeId] : []))).toEqual(['E1', 'E2', 'E3']);
  });

  it('refuses a later operation whose repeated bulkId another operation refers to, naming the field', () => {
    const read = readOperations([user('E1'), user('E2'), user('E3', { nickName: 'bulkId:same-id' })], 'externalId');
    expect(read.map((r) => r.ok)).toEqual([true, false, false]);
    const refused = read[1];
    expect(refused?.ok).toBe(false);
    if (refused?.ok !== false) return;
    expect(refused.problems).toEqual([
      { path: 'Operations[1].bulkId', message: 'bulkId "same-id" is already used by operation 0 and another operation refers to it as "bulkId:same-id"; give each operation its own' },
    ]);
  });
});
