/**
 * The scim group actions against the real scim2-server: groups created once, members added and
 * removed through PATCH, each write run twice changing nothing the second time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { equals } from '../../../activities/scim/filters.ts';
import { startScimServer, type ScimServer } from '../../peers/scim.ts';
import { createdUser, failureOf, heldGroup, scimActions, scimConnection, serverFilter, type ScimActions } from './fixture.ts';

let server: ScimServer;
let scim: ScimActions;
beforeAll(async () => {
  server = await startScimServer();
  scim = scimActions(scimConnection(server));
});
afterAll(async () => {
  await server.stop();
});

const createdGroup = z.object({ id: z.string(), displayName: z.string(), externalId: z.string().nullable(), created: z.boolean() });
const membership = z.object({ groupId: z.string().nullable(), userId: z.string().nullable(), changed: z.boolean() });

async function group(id: string) {
  const held = await heldGroup(server, id);
  if (!held) throw new Error(`the server holds no group ${id}`);
  return held;
}

async function user(externalId: string) {
  return createdUser.parse(await scim.run('scim.createUser', { userName: `${externalId.toLowerCase()}@example.com`, externalId }));
}

describe('scim groups', () => {
  it('creates a group once: a second run finds it', async () => {
    const first = createdGroup.parse(await scim.run('scim.createGroup', { displayName: 'Sales (EMEA) "core"', externalId: 'G-1' }));
    expect(first).toMatchObject({ created: true, displayName: 'Sales (EMEA) "core"', externalId: 'G-1' });
    const held = await group(first.id);
    expect(held).toMatchObject({ displayName: 'Sales (EMEA) "core"', externalId: 'G-1' });

    const second = createdGroup.parse(await scim.run('scim.createGroup', { displayName: 'Sales (EMEA) "core"', externalId: 'G-1' }));
    expect(second).toEqual({ ...first, created: false });
    expect((await group(first.id)).meta.version).toBe(held.meta.version);
    expect(await serverFilter(server, '/Groups', equals('externalId', 'G-1'))).toEqual([{ id: first.id }]);
  });

  it('renames a group matched by externalId, and matches by displayName without one', async () => {
    const first = createdGroup.parse(await scim.run('scim.createGroup', { displayName: 'Old name', externalId: 'G-2' }));
    const renamed = createdGroup.parse(await scim.run('scim.createGroup', { displayName: 'New name', externalId: 'G-2' }));
    expect(renamed).toEqual({ id: first.id, displayName: 'New name', externalId: 'G-2', created: false });
    expect((await group(first.id)).displayName).toBe('New name');

    const plain = createdGroup.parse(await scim.run('scim.createGroup', { displayName: 'No external id' }));
    expect(createdGroup.parse(await scim.run('scim.createGroup', { displayName: 'No external id' }))).toEqual({ ...plain, created: false });
    expect(await serverFilter(server, '/Groups', equals('displayName', 'No external id'))).toEqual([{ id: plain.id }]);
  });

  it('finds groups by displayName and externalId; finding none is not an error', async () => {
    const made = createdGroup.parse(await scim.run('scim.createGroup', { displayName: 'Finance', externalId: 'G-3' }));
    expect(await scim.run('scim.findGroup', { displayName: 'finance' })).toEqual({ found: true, id: made.id, displayName: 'Finance', externalId: 'G-3' });
    expect(await scim.run('scim.findGroup', { externalId: 'G-3' })).toEqual({ found: true, id: made.id, displayName: 'Finance', externalId: 'G-3' });
    expect(await scim.run('scim.findGroup', { externalId: 'g-3' })).toEqual({ found: false, id: null, displayName: null, externalId: null });
  });

  it('adds a member once and removes it once', async () => {
    const team = createdGroup.parse(await scim.run('scim.createGroup', { displayName: 'Platform' }));
    const ada = await user('E100');
    const bob = await user('E101');

    expect(membership.parse(await scim.run('scim.addGroupMember', { groupId: team.id, matchValue: 'E100' }))).toEqual({ groupId: team.id, userId: ada.id, changed: true });
    expect(membership.parse(await scim.run('scim.addGroupMember', { groupDisplayName: 'Platform', userId: bob.id }))).toEqual({ groupId: team.id, userId: bob.id, changed: true });
    const withBoth = await group(team.id);
    expect(withBoth.members?.map((m) => m.value).sort()).toEqual([ada.id, bob.id].sort());

    expect(membership.parse(await scim.run('scim.addGroupMember', { groupId: team.id, matchValue: 'E100' }))).toEqual({ groupId: team.id, userId: ada.id, changed: false });
    expect((await group(team.id)).meta.version).toBe(withBoth.meta.version);

    expect(membership.parse(await scim.run('scim.removeGroupMember', { groupDisplayName: 'Platform', matchValue: 'E100' }))).toEqual({ groupId: team.id, userId: ada.id, changed: true });
    const withBob = await group(team.id);
    expect(withBob.members?.map((m) => m.value)).toEqual([bob.id]);
    expect(membership.parse(await scim.run('scim.removeGroupMember', { groupId: team.id, userId: ada.id }))).toEqual({ groupId: team.id, userId: ada.id, changed: false });
    expect((await group(team.id)).meta.version).toBe(withBob.meta.version);
  });

  it('fails without retrying to add to a group or a user that does not exist', async () => {
    const team = createdGroup.parse(await scim.run('scim.createGroup', { displayName: 'Design' }));
    await user('E200');
    const noGroup = await failureOf(scim.run('scim.addGroupMember', { groupDisplayName: 'No such group', matchValue: 'E200' }));
    expect(noGroup).toMatchObject({ nonRetryable: true, type: 'ScimNoSuchGroup' });
    const noGroupById = await failureOf(scim.run('scim.addGroupMember', { groupId: 'no-such-group-id', matchValue: 'E200' }));
    expect(noGroupById).toMatchObject({ nonRetryable: true, type: 'ScimNoSuchGroup' });
    const noUser = await failureOf(scim.run('scim.addGroupMember', { groupId: team.id, matchValue: 'E-nobody' }));
    expect(noUser).toMatchObject({ nonRetryable: true, type: 'ScimNoSuchUser' });
    const noUserById = await failureOf(scim.run('scim.addGroupMember', { groupId: team.id, userId: 'no-such-user-id' }));
    expect(noUserById).toMatchObject({ nonRetryable: true, type: 'ScimNoSuchUser' });
    expect((await group(team.id)).members ?? []).toEqual([]);
  });

  it('has nothing to remove when the group or the user does not exist', async () => {
    await user('E300');
    expect(await scim.run('scim.removeGroupMember', { groupDisplayName: 'Nowhere', matchValue: 'E300' })).toMatchObject({ groupId: null, changed: false });
    const team = createdGroup.parse(await scim.run('scim.createGroup', { displayName: 'Support' }));
    expect(await scim.run('scim.removeGroupMember', { groupId: team.id, matchValue: 'E-nobody' })).toEqual({ groupId: team.id, userId: null, changed: false });
  });
});
