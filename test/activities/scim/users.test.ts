/**
 * The scim user actions against the real scim2-server: what the server holds after each, read back
 * with GETs of the test's own; every write run twice leaves one user, unchanged the second time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { equals } from '../../../activities/scim/filters.ts';
import { freePort } from '../../support/ports.ts';
import { startScimServer, testUserExtension, type ScimServer } from '../../peers/scim.ts';
import { createdUser, failureOf, heldUser, idAndChanges, idAndFlag, scimActions, scimConnection, serverFilter, type ScimActions } from './fixture.ts';

let server: ScimServer;
let scim: ScimActions;
beforeAll(async () => {
  server = await startScimServer();
  scim = scimActions(scimConnection(server));
});
afterAll(async () => {
  await server.stop();
});

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const foundUser = z.object({ found: z.boolean(), id: z.string().nullable(), userName: z.string().nullable(), externalId: z.string().nullable(), active: z.boolean().nullable() });

async function create(input: Record<string, unknown>) {
  return createdUser.parse(await scim.run('scim.createUser', input));
}

async function held(id: string) {
  const user = await heldUser(server, id);
  if (!user) throw new Error(`the server holds no user ${id}`);
  return user;
}

describe('scim users', () => {
  it('creates a user with core and enterprise attributes, and the server holds exactly them', async () => {
    const manager = await create({ userName: 'grace@example.com', externalId: 'E0001' });
    const out = await create({
      userName: 'ada@example.com',
      externalId: 'E1001',
      givenName: 'Ada',
      familyName: 'Lovelace',
      displayName: 'Ada Lovelace',
      email: 'ada@example.com',
      mobilePhone: '+44 20 7946 0000',
      title: 'Analyst',
      department: 'Engineering',
      employeeNumber: '1001',
      costCenter: 'CC-42',
      manager: manager.id,
      extensionAttributes: [`${testUserExtension}:badgeNumber=B-1001`],
    });
    expect(out).toMatchObject({ created: true, userName: 'ada@example.com', externalId: 'E1001', active: true });

    const user = await held(out.id);
    expect(user).toMatchObject({
      userName: 'ada@example.com',
      externalId: 'E1001',
      displayName: 'Ada Lovelace',
      title: 'Analyst',
      active: true,
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      phoneNumbers: [{ value: '+44 20 7946 0000', type: 'mobile' }],
      [enterprise]: { department: 'Engineering', employeeNumber: '1001', costCenter: 'CC-42', manager: { value: manager.id } },
      [testUserExtension]: { badgeNumber: 'B-1001' },
    });
    expect(user.schemas).toEqual(expect.arrayContaining(['urn:ietf:params:scim:schemas:core:2.0:User', enterprise, testUserExtension]));
  });

  it('running create twice leaves one user, unchanged the second time', async () => {
    const input = { userName: 'twice@example.com', externalId: 'E2002', givenName: 'Twice', department: 'Ops' };
    const first = await create(input);
    const before = await held(first.id);
    const second = await create(input);
    expect(second).toMatchObject({ id: first.id, created: false, changed: [] });
    const after = await held(first.id);
    expect(after.meta.version).toBe(before.meta.version);
    expect(await serverFilter(server, '/Users', equals('externalId', 'E2002'))).toEqual([{ id: first.id }]);
  });

  it('brings a user that already exists to the wanted values instead of creating another', async () => {
    const first = await create({ userName: 'exists@example.com', externalId: 'E3003', title: 'Intern' });
    const again = await create({ userName: 'exists@example.com', externalId: 'E3003', title: 'Engineer', givenName: 'Ex' });
    expect(again).toMatchObject({ id: first.id, created: false, changed: ['givenName', 'title'] });
    expect(await held(first.id)).toMatchObject({ title: 'Engineer', name: { givenName: 'Ex' } });
    expect(await serverFilter(server, '/Users', equals('externalId', 'E3003'))).toHaveLength(1);
  });

  it('adopts the user a 409 points at when it has no externalId yet', async () => {
    const seeded = await server.write('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'legacy@example.com' });
    expect(seeded.status).toBe(201);
    const out = await create({ userName: 'legacy@example.com', externalId: 'E4004', givenName: 'Legacy' });
    expect(out).toMatchObject({ created: false, externalId: 'E4004', changed: ['externalId', 'givenName'] });
    expect(await held(out.id)).toMatchObject({ userName: 'legacy@example.com', externalId: 'E4004', name: { givenName: 'Legacy' } });
    expect(await serverFilter(server, '/Users', equals('userName', 'legacy@example.com'))).toEqual([{ id: out.id }]);
  });

  it('refuses, without retrying, to take over a userName that belongs to another person', async () => {
    const other = await create({ userName: 'taken@example.com', externalId: 'E5005', title: 'Owner' });
    const failure = await failureOf(scim.run('scim.createUser', { userName: 'TAKEN@example.com', externalId: 'E5006', title: 'Intruder' }));
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe('ScimUniqueness');
    expect(failure.message).toContain('belongs to another user in the app');
    expect(failure.message).toContain(other.id);
    expect(await held(other.id)).toMatchObject({ externalId: 'E5005', title: 'Owner' });
    expect(await serverFilter(server, '/Users', equals('externalId', 'E5006'))).toEqual([]);
  });

  it('finds users by externalId and by userName, and finding nobody is not an error', async () => {
    const out = await create({ userName: 'findme@example.com', externalId: 'E6006' });
    expect(foundUser.parse(await scim.run('scim.findUser', { value: 'E6006' }))).toEqual({ found: true, id: out.id, userName: 'findme@example.com', externalId: 'E6006', active: true });
    expect(foundUser.parse(await scim.run('scim.findUser', { by: 'userName', value: 'FindMe@example.com' }))).toMatchObject({ found: true, id: out.id });
    expect(foundUser.parse(await scim.run('scim.findUser', { value: 'e6006' }))).toEqual({ found: false, id: null, userName: null, externalId: null, active: null });
  });

  it('updates with one PATCH of only what changed, and a second run sends nothing', async () => {
    const out = await create({ userName: 'mover@example.com', externalId: 'E7007', givenName: 'Mo', title: 'Analyst', department: 'Sales', email: 'mo@example.com', workPhone: '+1 555 0100' });
    const update = { matchValue: 'E7007', title: null, department: 'Marketing', givenName: 'Mo', email: 'mo@marketing.example.com', workPhone: '', familyName: 'Ver' };
    const first = idAndChanges.parse(await scim.run('scim.updateUser', update));
    expect(first).toEqual({ id: out.id, changed: ['familyName', 'title', 'email', 'workPhone', 'department'] });
    const user = await held(out.id);
    expect(user).toMatchObject({ name: { givenName: 'Mo', familyName: 'Ver' }, emails: [{ value: 'mo@marketing.example.com', type: 'work' }], [enterprise]: { department: 'Marketing' } });
    expect(user.title).toBeUndefined();
    expect(user.phoneNumbers ?? []).toEqual([]);

    const second = idAndChanges.parse(await scim.run('scim.updateUser', update));
    expect(second).toEqual({ id: out.id, changed: [] });
    expect((await held(out.id)).meta.version).toBe(user.meta.version);

    const byId = idAndChanges.parse(await scim.run('scim.updateUser', { userId: out.id, userName: 'mover2@example.com', extensionAttributes: [`${testUserExtension}:site=Paris`] }));
    expect(byId.changed).toEqual(['userName', `${testUserExtension}:site`]);
    expect(await held(out.id)).toMatchObject({ userName: 'mover2@example.com', [testUserExtension]: { site: 'Paris' } });
    idAndChanges.parse(await scim.run('scim.updateUser', { userId: out.id, extensionAttributes: [`${testUserExtension}:site=`] }));
    expect((await held(out.id))[testUserExtension]?.site).toBeUndefined();
  });

  it('fails without retrying when the user to update does not exist', async () => {
    const byMatch = await failureOf(scim.run('scim.updateUser', { matchValue: 'E-nobody', title: 'x' }));
    expect(byMatch).toMatchObject({ nonRetryable: true, type: 'ScimNoSuchUser' });
    expect(byMatch.message).toBe('no user in the app has externalId "E-nobody"; create the user first, or check the step\'s userId or matchValue');
    const byId = await failureOf(scim.run('scim.updateUser', { userId: 'no-such-id', title: 'x' }));
    expect(byId).toMatchObject({ nonRetryable: true, type: 'ScimNoSuchUser' });
    const deactivate = await failureOf(scim.run('scim.deactivateUser', { matchValue: 'E-nobody' }));
    expect(deactivate).toMatchObject({ nonRetryable: true, type: 'ScimNoSuchUser' });
  });

  it('deactivates with active=false and reactivates, each only once', async () => {
    const out = await create({ userName: 'leaver@example.com', externalId: 'E8008' });
    expect(idAndFlag.parse(await scim.run('scim.deactivateUser', { matchValue: 'E8008' }))).toEqual({ id: out.id, changed: true });
    const inactive = await held(out.id);
    expect(inactive.active).toBe(false);
    expect(idAndFlag.parse(await scim.run('scim.deactivateUser', { userId: out.id }))).toEqual({ id: out.id, changed: false });
    expect((await held(out.id)).meta.version).toBe(inactive.meta.version);

    expect(idAndFlag.parse(await scim.run('scim.reactivateUser', { matchValue: 'E8008' }))).toEqual({ id: out.id, changed: true });
    const active = await held(out.id);
    expect(active.active).toBe(true);
    expect(idAndFlag.parse(await scim.run('scim.reactivateUser', { matchValue: 'E8008' }))).toEqual({ id: out.id, changed: false });
    expect((await held(out.id)).meta.version).toBe(active.meta.version);
  });

  it('creates a user inactive when asked, and leaves active alone on a later create that does not say', async () => {
    const out = await create({ userName: 'prehire@example.com', externalId: 'E8108', active: false });
    expect((await held(out.id)).active).toBe(false);
    expect(await create({ userName: 'prehire@example.com', externalId: 'E8108' })).toMatchObject({ created: false, changed: [], active: false });
  });

  it('deletes a user, and deleting again is done', async () => {
    const out = await create({ userName: 'gone@example.com', externalId: 'E9009' });
    expect(await scim.run('scim.deleteUser', { matchValue: 'E9009' })).toEqual({ deleted: true, id: out.id });
    expect(await heldUser(server, out.id)).toBeUndefined();
    expect(await scim.run('scim.deleteUser', { matchValue: 'E9009' })).toEqual({ deleted: false, id: null });
    expect(await scim.run('scim.deleteUser', { userId: out.id })).toEqual({ deleted: false, id: out.id });
  });

  it('matches on userName when the connection says so', async () => {
    const byName = scimActions(scimConnection(server, { matchAttribute: 'userName' }));
    const first = createdUser.parse(await byName.run('scim.createUser', { userName: 'noext@example.com', title: 'A' }));
    const second = createdUser.parse(await byName.run('scim.createUser', { userName: 'NoExt@example.com', title: 'B' }));
    expect(second).toMatchObject({ id: first.id, created: false, changed: ['userName', 'title'] });
    expect(idAndFlag.parse(await byName.run('scim.deactivateUser', { matchValue: 'noext@EXAMPLE.com' }))).toEqual({ id: first.id, changed: true });
  });
});

describe('scim users with hostile values', () => {
  const hostile = [
    "O'Brien, Jr. (Sales)",
    'Zoë Ñúñez',
    'a" or userName pr or "',
    '\\',
    '\\\\',
    '  padded on both sides  ',
    'Ǆ€ "q" \\" ) ( [x] eq pr, '.repeat(12).slice(0, 300),
  ];

  it('round-trips each value exactly, and its filter matches that user and nobody else', async () => {
    expect(hostile.at(-1)).toHaveLength(300);
    const ids: string[] = [];
    for (const [i, value] of hostile.entries()) {
      const out = await create({ userName: value, externalId: value, displayName: value, givenName: value, department: value, title: `title ${i}` });
      ids.push(out.id);
      const user = await held(out.id);
      expect(user).toMatchObject({ userName: value, externalId: value, displayName: value, name: { givenName: value }, [enterprise]: { department: value } });
    }
    for (const [i, value] of hostile.entries()) {
      // The filter as the connector writes it, evaluated by the server alone.
      expect(await serverFilter(server, '/Users', equals('externalId', value))).toEqual([{ id: ids[i] }]);
      expect(await serverFilter(server, '/Users', equals('userName', value))).toEqual([{ id: ids[i] }]);
      expect(foundUser.parse(await scim.run('scim.findUser', { value }))).toMatchObject({ found: true, id: ids[i], externalId: value });
      const again = await create({ userName: value, externalId: value, displayName: value, givenName: value, department: value, title: `title ${i}` });
      expect(again).toMatchObject({ id: ids[i], created: false, changed: [] });
    }
    const changed = idAndChanges.parse(await scim.run('scim.updateUser', { matchValue: hostile[2], title: hostile[0] }));
    expect(changed.changed).toEqual(['title']);
    expect((await held(ids[2] ?? '')).title).toBe(hostile[0]);
    expect((await held(ids[0] ?? '')).title).toBe('title 0');
  });
});

describe('scim failures from the real server', () => {
  it('refuses a wrong token without retrying, and never repeats the token', async () => {
    const wrong = scimActions(scimConnection(server, {}, { token: 'wrong-token-value-123' }));
    const failure = await failureOf(wrong.run('scim.findUser', { value: 'E1001' }));
    expect(failure).toMatchObject({ nonRetryable: true, type: 'ScimUnauthorized' });
    expect(failure.message).toContain('401');
    expect(failure.message).not.toContain('wrong-token-value-123');
    expect(failure.message).not.toContain(server.token);
  });

  it('maps a 400 with a scimType to a failure that is not retried and quotes scimType and detail', async () => {
    const unknownSchema = 'urn:ietf:params:scim:schemas:extension:unknown:2.0:User';
    const app = scimActions(scimConnection(server, { userSchemaExtensions: [unknownSchema] }));
    await create({ userName: 'badpath@example.com', externalId: 'E4400' });
    const failure = await failureOf(app.run('scim.updateUser', { matchValue: 'E4400', extensionAttributes: [`${unknownSchema}:x=1`] }));
    expect(failure).toMatchObject({ nonRetryable: true, type: 'ScimInvalidRequest' });
    expect(failure.message).toMatch(/^updating the user with externalId "E4400" was refused by the app \(400, invalidPath: .*is not an attribute/);
  });

  it('refuses an extension attribute whose schema the connection does not declare, before sending anything', async () => {
    const failure = await failureOf(scim.run('scim.createUser', { userName: 'ext@example.com', externalId: 'E4401', extensionAttributes: ['urn:acme:2.0:User:badge=1'] }));
    expect(failure).toMatchObject({ nonRetryable: true, type: 'ScimInvalidInput' });
    expect(await serverFilter(server, '/Users', equals('externalId', 'E4401'))).toEqual([]);
  });

  it('asks for an externalId when the connection matches on it', async () => {
    const failure = await failureOf(scim.run('scim.createUser', { userName: 'noanchor@example.com' }));
    expect(failure).toMatchObject({ nonRetryable: true, type: 'ScimInvalidInput' });
    expect(failure.message).toContain('set externalId');
  });

  it('retries when the app cannot be reached', async () => {
    const closed = scimActions(scimConnection(server, { baseUrl: `http://127.0.0.1:${await freePort()}/v2` }));
    const failure = await failureOf(closed.run('scim.findUser', { value: 'E1001' }));
    expect(failure.nonRetryable).toBe(false);
    expect(failure.type).toBe('ScimUnreachable');
    expect(failure.message).toContain('ECONNREFUSED');
  });
});
