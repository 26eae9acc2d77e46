/**
 * hr.writeBack in scim mode against the real scim2-server standing in for an HR integration layer
 * (workers as SCIM Users, the employee id in externalId): the worker is found by an exact filter,
 * only what differs is PATCHed, a second run sends nothing, hostile values land exactly and match
 * only their worker, and failures name the employee and never the token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startScimServer, testUserExtension, type ScimServer } from '../../peers/scim.ts';
import { heldUser } from '../scim/fixture.ts';
import { failureOf, hrScimConnection, writeBack } from './fixture.ts';

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const output = z.strictObject({ mode: z.literal('scim'), changed: z.array(z.string()), status: z.number().nullable() });

let server: ScimServer;
beforeAll(async () => {
  server = await startScimServer();
});
afterAll(async () => {
  await server.stop();
});

/** A worker as the HR system holds it before write-back; returns its SCIM id. */
async function worker(externalId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await server.write('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `hr-${externalId}`, externalId, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return z.looseObject({ id: z.string() }).parse(res.body).id;
}

async function held(id: string) {
  const user = await heldUser(server, id);
  if (!user) throw new Error(`the HR system lost worker ${id}`);
  return user;
}

describe('hr.writeBack over SCIM', () => {
  it('PATCHes only the attributes that differ, and a second run changes nothing', async () => {
    const id = await worker('E2001', {
      emails: [
        { value: 'ada@home.example.net', type: 'home' },
        { value: 'old.ada@example.com', type: 'work' },
      ],
      phoneNumbers: [{ value: '+44 20 7946 0001', type: 'work' }],
    });
    const run = writeBack(hrScimConnection(server));
    const input = { employeeId: 'E2001', email: 'ada.lovelace@example.com', userPrincipalName: 'ada.lovelace@corp.example.com', phone: '+44 20 7946 0001' };

    const first = output.parse(await run(input));
    expect(first.changed).toEqual(['userPrincipalName', 'email']);
    expect(first.status === 200 || first.status === 204).toBe(true);
    const after = await held(id);
    expect(after.userName).toBe('ada.lovelace@corp.example.com');
    expect(after.emails).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'work', value: 'ada.lovelace@example.com' }), expect.objectContaining({ type: 'home', value: 'ada@home.example.net' })]));
    expect(after.emails).toHaveLength(2);
    expect(after.phoneNumbers).toEqual([expect.objectContaining({ type: 'work', value: '+44 20 7946 0001' })]);

    expect(output.parse(await run(input))).toEqual({ mode: 'scim', changed: [], status: null });
    expect((await held(id)).meta.version).toBe(after.meta.version);
  });

  it('adds a work email and phone the worker does not have yet', async () => {
    const id = await worker('E2002');
    const run = writeBack(hrScimConnection(server));
    expect(output.parse(await run({ employeeId: 'E2002', email: 'grace@example.com', phone: '+1 555 0199' })).changed).toEqual(['email', 'phone']);
    const after = await held(id);
    expect(after.emails).toEqual([expect.objectContaining({ type: 'work', value: 'grace@example.com' })]);
    expect(after.phoneNumbers).toEqual([expect.objectContaining({ type: 'work', value: '+1 555 0199' })]);
    expect(after.userName).toBe('hr-E2002');
  });

  it('writes the UPN to a configured extension attribute, and extra attributes by SCIM name', async () => {
    const id = await worker('E2003', { title: 'Analyst' });
    const run = writeBack(hrScimConnection(server, { userPrincipalNameAttribute: `${testUserExtension}:site` }));
    const first = output.parse(await run({ employeeId: 'E2003', userPrincipalName: 'alan@corp.example.com', attributes: { title: 'Engineer', [`${enterprise}:employeeNumber`]: '2003' } }));
    expect(first.changed).toEqual(['title', 'userPrincipalName', `${enterprise}:employeeNumber`]);
    const after = await held(id);
    expect(after).toMatchObject({ userName: 'hr-E2003', title: 'Engineer', [testUserExtension]: { site: 'alan@corp.example.com' }, [enterprise]: { employeeNumber: '2003' } });
    expect(output.parse(await run({ employeeId: 'E2003', userPrincipalName: 'alan@corp.example.com', attributes: { title: 'Engineer' } })).changed).toEqual([]);
  });

  it('finds the worker by a configured lookup attribute', async () => {
    const id = await worker('E2004', { userName: 'W-2004' });
    const run = writeBack(hrScimConnection(server, { lookupAttribute: 'userName', userPrincipalNameAttribute: `${testUserExtension}:site` }));
    expect(output.parse(await run({ employeeId: 'W-2004', email: 'w@example.com' })).changed).toEqual(['email']);
    expect((await held(id)).emails).toEqual([expect.objectContaining({ value: 'w@example.com' })]);
  });

  it('fails without retrying when no worker has the employee id, naming it', async () => {
    const failure = await failureOf(writeBack(hrScimConnection(server))({ employeeId: 'E-NOBODY-9', email: 'x@example.com' }));
    expect(failure).toMatchObject({ type: 'HrWorkerNotFound', nonRetryable: true });
    expect(failure.message).toContain('externalId "E-NOBODY-9"');
  });

  it('writes hostile values exactly, to the one worker whose id matches', async () => {
    const hostileId = 'a" or userName pr or "';
    const bystander = await worker('a');
    const id = await worker(hostileId);
    const values = { email: `"o'brien"+x@exämple.com`, userPrincipalName: 'Zoë Ñúñez \\ "q" ) ( [x] eq pr', phone: '+33 (0)1 "23" \\ 45' };
    expect(output.parse(await writeBack(hrScimConnection(server))({ employeeId: hostileId, ...values })).changed).toEqual(['userPrincipalName', 'email', 'phone']);
    const after = await held(id);
    expect(after.userName).toBe(values.userPrincipalName);
    expect(after.emails).toEqual([expect.objectContaining({ value: values.email })]);
    expect(after.phoneNumbers).toEqual([expect.objectContaining({ value: values.phone })]);
    const untouched = await held(bystander);
    expect(untouched.userName).toBe('hr-a');
    expect(untouched.emails).toBeUndefined();
  });

  it('refuses extra attributes it cannot place, or that would overwrite a named parameter', async () => {
    await worker('E2005');
    const run = writeBack(hrScimConnection(server));
    const unknown = await failureOf(run({ employeeId: 'E2005', attributes: { shoeSize: '44' } }));
    expect(unknown).toMatchObject({ type: 'HrInvalidInput', nonRetryable: true });
    expect(unknown.message).toContain('"shoeSize"');
    const owned = await failureOf(run({ employeeId: 'E2005', attributes: { userName: 'someone-else' } }));
    expect(owned).toMatchObject({ type: 'HrInvalidInput', nonRetryable: true });
    const undeclared = await failureOf(run({ employeeId: 'E2005', attributes: { 'urn:example:params:scim:schemas:extension:acme:2.0:User:level': '3' } }));
    expect(undeclared.nonRetryable).toBe(true);
  });

  it('fails without retrying on a refused token, and never repeats a token', async () => {
    const wrong = 'hr-wrong-token-0123456789';
    const failure = await failureOf(writeBack(hrScimConnection(server, {}, { token: wrong }))({ employeeId: 'E2001', email: 'x@example.com' }));
    expect(failure).toMatchObject({ type: 'ScimUnauthorized', nonRetryable: true });
    expect(JSON.stringify(failure)).not.toContain(wrong);
    expect(failure.message).not.toContain(server.token);
    const missing = await failureOf(writeBack(hrScimConnection(server, {}, {}))({ employeeId: 'E2001', email: 'x@example.com' }));
    expect(missing).toMatchObject({ type: 'HrConnectionInvalid', nonRetryable: true });
    expect(missing.message).toContain('secrets.token');
  });
});
