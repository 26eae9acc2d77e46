/**
 * Acceptance, Entra compatibility: Microsoft Graph's bulkUpload example 1 (SCIM core and enterprise
 * user, no hire date), posted unchanged, provisions its users: the Joiner succeeds and Samba AD, the
 * Graph peer and scim2-server hold Barbara and Kathy enabled, Kathy's manager (`manager.value`) set
 * to Barbara.
 */
import { describe, expect, it } from 'vitest';
import { useE2eStack } from '../support/e2eStack.ts';
import { postAndProvision } from '../support/graphExamples.ts';

const stack = useE2eStack();

describe('Graph bulkUpload example 1 (SCIM core and enterprise user), posted unchanged', () => {
  it('provisions Barbara and Kathy, enabled, in AD, Entra ID and the app, with no hire date sent', { timeout: 300_000 }, async () => {
    const answer = await postAndProvision(stack, 'graph-bulkupload-example-1-core-and-enterprise.json', 'graph-bulk-example-1');
    for (const o of answer.Operations) expect(o.note).toContain('no hireDate');
  });
});
