/**
 * The group actions. Membership changes go through PATCH on `members` (RFC 7644 §3.5.2), after a
 * membership check that does not read every member (Entra's `id eq … and members[value eq …]`
 * filter, falling back to reading the group's members when the app cannot evaluate it), so adding
 * a member twice or removing one who is not there sends nothing.
 */
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { scimAddGroupMember, scimCreateGroup, scimFindGroup, scimRemoveGroupMember } from '../../workflows/dsl/catalog/scim.ts';
import type { ActionImplementations } from '../types.ts';
import type { ScimClient } from './client.ts';
import { answerFailure, scimErrorOf } from './failures.ts';
import { memberOf, valuePath } from './filters.ts';
import { findOne, parseResource, resourcePath, text, type ScimResource } from './resources.ts';
import { parseInput, type OpenSession } from './session.ts';
import { patchOpSchema } from './userAttributes.ts';
import { noSuchUser, resolveUser } from './users.ts';

const coreGroupSchema = 'urn:ietf:params:scim:schemas:core:2.0:Group';

interface GroupRef {
  groupId?: string | undefined;
  groupDisplayName?: string | undefined;
}

function which(ref: GroupRef): string {
  return ref.groupId !== undefined ? `id ${JSON.stringify(ref.groupId)}` : `displayName ${JSON.stringify(ref.groupDisplayName ?? '')}`;
}

function describeGroup(ref: GroupRef): string {
  return `the group with ${which(ref)}`;
}

function noSuchGroup(ref: GroupRef): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`no group in the app has ${which(ref)}; create the group first, or check the step's groupId or groupDisplayName`, 'ScimNoSuchGroup');
}

function groupSummary(group: ScimResource) {
  return { id: group.id, displayName: text(group, 'displayName') ?? '', externalId: text(group, 'externalId') };
}

const list = z.looseObject({ totalResults: z.number().optional(), Resources: z.array(z.unknown()).optional() });
const withMembers = z.looseObject({ members: z.array(z.looseObject({ value: z.string() })).optional() });

/** Whether the user is a member of the group; false also when the group does not exist. */
async function isMember(client: ScimClient, groupId: string, userId: string, what: string): Promise<boolean> {
  const answer = await client.send('GET', '/Groups', what, [200, 400], { query: { filter: memberOf(groupId, userId), excludedAttributes: 'members' } });
  if (answer.status === 200) {
    const found = list.safeParse(answer.body);
    if (!found.success) throw ApplicationFailure.nonRetryable(`${what}: the app did not answer with a SCIM ListResponse`, 'ScimUnexpectedAnswer');
    return (found.data.Resources ?? []).some((r) => parseResource(r, what).id === groupId);
  }
  if (scimErrorOf(answer.body).scimType !== 'invalidFilter') throw answerFailure(answer, what, (t) => client.redact(t));
  // The app cannot filter on members: read them (costly for large groups, hence not the first choice).
  const group = await client.send('GET', resourcePath('/Groups', groupId), what, [200, 404], { query: { attributes: 'members' } });
  if (group.status === 404) return false;
  const members = withMembers.safeParse(group.body);
  return members.success && (members.data.members ?? []).some((m) => m.value === userId);
}

async function patchGroup(client: ScimClient, groupId: string, operations: unknown[], what: string, expected: readonly number[]) {
  return client.send('PATCH', resourcePath('/Groups', groupId), what, expected, { body: { schemas: [patchOpSchema], Operations: operations } });
}

export function groupActions(open: OpenSession): ActionImplementations {
  return {
    [scimFindGroup.id]: async (call) => {
      const input = parseInput(scimFindGroup.input, call, scimFindGroup.id);
      const { client } = await open(call);
      const [by, value] = input.externalId !== undefined ? ['externalId', input.externalId] : ['displayName', input.displayName ?? ''];
      const group = await findOne(client, '/Groups', by, value, `finding the group with ${by} ${JSON.stringify(value)}`);
      return group ? { found: true, ...groupSummary(group) } : { found: false, id: null, displayName: null, externalId: null };
    },

    [scimCreateGroup.id]: async (call) => {
      const input = parseInput(scimCreateGroup.input, call, scimCreateGroup.id);
      const { client } = await open(call);
      const [by, value] = input.externalId !== undefined ? ['externalId', input.externalId] : ['displayName', input.displayName];
      const what = `creating the group ${JSON.stringify(input.displayName)}`;
      const adopt = async (group: ScimResource) => {
        // Matched by externalId, the group may carry an old name; matched by name, only its case can differ.
        if (text(group, 'displayName') !== input.displayName) {
          await patchGroup(client, group.id, [{ op: 'replace', path: 'displayName', value: input.displayName }], what, [200, 204]);
        }
        return { ...groupSummary(group), displayName: input.displayName, created: false };
      };
      const existing = await findOne(client, '/Groups', by, value, what);
      if (existing) return adopt(existing);
      const body = { schemas: [coreGroupSchema], displayName: input.displayName, ...(input.externalId !== undefined ? { externalId: input.externalId } : {}) };
      const answer = await client.send('POST', '/Groups', what, [200, 201, 409], { body });
      if (answer.status !== 409) return { ...groupSummary(parseResource(answer.body, what)), created: true };
      const again = await findOne(client, '/Groups', by, value, what);
      if (again) return adopt(again);
      throw answerFailure(answer, what, (t) => client.redact(t));
    },

    [scimAddGroupMember.id]: async (call) => {
      const input = parseInput(scimAddGroupMember.input, call, scimAddGroupMember.id);
      const { client, connection } = await open(call);
      const what = `adding a member to ${describeGroup(input)}`;
      const groupId = input.groupId ?? (await findOne(client, '/Groups', 'displayName', input.groupDisplayName ?? '', what))?.id;
      if (groupId === undefined) throw noSuchGroup(input);
      // A member must be a user the app holds: a dangling reference would be worse than a failure.
      const user = await resolveUser(client, connection, input, what);
      if (!user) throw noSuchUser(input, connection);
      if (await isMember(client, groupId, user.id, what)) return { groupId, userId: user.id, changed: false };
      const answer = await patchGroup(client, groupId, [{ op: 'add', path: 'members', value: [{ value: user.id }] }], what, [200, 204, 404]);
      if (answer.status === 404) throw noSuchGroup(input);
      return { groupId, userId: user.id, changed: true };
    },

    [scimRemoveGroupMember.id]: async (call) => {
      const input = parseInput(scimRemoveGroupMember.input, call, scimRemoveGroupMember.id);
      const { client, connection } = await open(call);
      const what = `removing a member from ${describeGroup(input)}`;
      const groupId = input.groupId ?? (await findOne(client, '/Groups', 'displayName', input.groupDisplayName ?? '', what))?.id;
      const userId = input.userId ?? (await resolveUser(client, connection, input, what))?.id;
      if (groupId === undefined || userId === undefined) return { groupId: groupId ?? null, userId: userId ?? null, changed: false };
      if (!(await isMember(client, groupId, userId, what))) return { groupId, userId, changed: false };
      const answer = await patchGroup(client, groupId, [{ op: 'remove', path: valuePath('members', 'value', userId) }], what, [200, 204, 400, 404]);
      if (answer.status === 400) {
        // noTarget: the member left between the check and the PATCH; that is the state we want.
        if (scimErrorOf(answer.body).scimType === 'noTarget') return { groupId, userId, changed: false };
        throw answerFailure(answer, what, (t) => client.redact(t));
      }
      return { groupId, userId, changed: answer.status !== 404 };
    },
  };
}
