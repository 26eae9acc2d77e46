/**
 * Acceptance, Entra compatibility: Microsoft Graph's bulkUpload example 2 (a custom schema namespace
 * holding a past hire date and a job code), posted unchanged, provisions its users now: the Joiner
 * succeeds and Samba AD, the Graph peer and scim2-server hold Barbara and Kathy enabled, Kathy's
 * manager (`manager.value`) set to Barbara, the custom JobCode kept.
 */
import { describe, expect, it } from 'vitest';
import { useE2eStack } from '../support/e2eStack.ts';
import { postAndProvision } from '../support/graphExamples.ts';

const stack = useE2eStack();

describe('Graph bulkUpload example 2 (a custom schema namespace), posted unchanged', () => {
  it('provisions Barbara and Kathy now, their hire dates being past, keeping the custom JobCode', { timeout: 300_000 }, async () => {
    const answer = await postAndProvision(stack, 'graph-bulkupload-example-2-custom-schema.json', 'graph-bulk-example-2');
    expect(answer.Operations.map((o) => o.note)).toEqual([expect.stringContaining('hireDate 2021-05-01 is in the past: it takes effect now'), expect.stringContaining('hireDate 2022-07-15 is in the past: it takes effect now')]);
    const kathy = await stack.person('701985', () => true, 'Kathy');
    expect(kathy.attributes).toMatchObject({ JobCode: 'AB-1003', managerId: '701984' });
  });
});
