/**
 * A hire without a hire date under TENURE_HIRE_WITHOUT_DATE=accept, on real Temporal and PGlite:
 * the record is accepted as it is, and both the bulk answer and the person's timeline say that the
 * lifecycle starting on hireDate will not start, and why. (The default, `now`, is proven end to end
 * with Microsoft's own example requests in test/e2e/entraExamples.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definition, edge, log, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem({ hireDatePolicy: 'accept' });
  const joiner = definition(
    'dated-joiner',
    [node({ id: 'start', type: 'start', data: {} }), node({ id: 'hello', type: 'action', data: log('welcome') }), node({ id: 'end', type: 'end', data: {} })],
    [edge('start', 'hello'), edge('hello', 'end')],
    { lifecycle: 'joiner', trigger: { events: ['hire'], date: { attribute: 'hireDate', offsetDays: -7 } } },
  );
  expect((await sys.api('POST', '/api/definitions', joiner)).status).toBe(201);
  expect((await sys.api('POST', '/api/definitions/dated-joiner/publish')).status).toBe(201);
});
afterAll(async () => {
  await sys.stop();
});

const answer = z.object({
  Operations: z.array(z.object({ status: z.string(), outcome: z.string(), note: z.string(), warning: z.string().optional(), lifecycles: z.array(z.object({ definitionId: z.string(), starts: z.string() }).loose()) }).loose()),
});
const timeline = z.object({ timeline: z.array(z.object({ kind: z.string(), message: z.string() }).loose()) });

describe('a hire without a hire date, accepted as it is', () => {
  it('is accepted, and the answer and the timeline say its joiner will not start, and why', async () => {
    const body = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [{ method: 'POST', bulkId: 'a1', path: '/Users', data: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], externalId: 'ND1', name: { givenName: 'Noor', familyName: 'Haddad' }, active: true } }],
    };
    const res = await sys.api('POST', '/api/inbound/scim/bulkUpload', body, { 'content-type': 'application/scim+json' });
    expect(res.status).toBe(202);
    const [op] = answer.parse(res.body).Operations;
    expect(op).toMatchObject({ status: '202', outcome: 'hire', warning: 'accepted, but no lifecycle will start: dated-joiner starts on hireDate, and the person has no hireDate' });
    expect(op?.lifecycles).toEqual([{ definitionId: 'dated-joiner', starts: 'never', reason: 'dated-joiner starts on hireDate, and the person has no hireDate' }]);
    expect(op?.note).toContain('no hireDate: accepted as it is, so a lifecycle that starts on hireDate does not start (TENURE_HIRE_WITHOUT_DATE=accept)');

    const person = await eventually(async () => {
      const got = await sys.api('GET', '/api/people/ND1');
      const p = got.status === 200 ? timeline.parse(got.body) : undefined;
      return p?.timeline.some((t) => t.kind === 'run-cancelled') === true ? p : undefined;
    }, "ND1's timeline to say the joiner will not start");
    expect(person.timeline.filter((t) => t.kind === 'run-cancelled').map((t) => t.message)).toEqual(['dated-joiner will not start: the person has no valid hireDate']);
  });
});
