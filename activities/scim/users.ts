/**
 * The user actions. Each is idempotent the way Entra's provisioning is: look the person up by the
 * connection's match attribute before creating; an existing user is brought to the wanted values
 * with one PATCH of only what differs; "already exists" (409 uniqueness) and "already gone" (404 on
 * delete) are the states they mean; an update of a user who does not exist fails without retrying.
 */
import { ApplicationFailure } from '@temporalio/common';
import {
  scimCreateUser,
  scimDeactivateUser,
  scimDeleteUser,
  scimFindUser,
  scimReactivateUser,
  scimUpdateUser,
} from '../../workflows/dsl/catalog/scim.ts';
import { noteChanges } from '../audit.ts';
import type { ActionCall, ActionImplementations } from '../types.ts';
import type { ScimClient } from './client.ts';
import { answerFailure } from './failures.ts';
import { findOne, getById, parseResource, resourcePath, text, type ScimResource } from './resources.ts';
import { parseInput, type OpenSession } from './session.ts';
import type { ScimConnection } from './settings.ts';
import { creationBody, patchOpSchema, patchOperations, wantedAttributes, type PatchOperation, type Wanted } from './userAttributes.ts';

export interface UserRef {
  userId?: string | undefined;
  matchValue?: string | undefined;
}

export function summary(user: ScimResource) {
  const active = user.active;
  return { id: user.id, userName: text(user, 'userName') ?? '', externalId: text(user, 'externalId'), active: typeof active === 'boolean' ? active : null };
}

function describe(ref: UserRef, connection: ScimConnection): string {
  return ref.userId !== undefined ? `the user with id ${JSON.stringify(ref.userId)}` : `the user with ${connection.config.matchAttribute} ${JSON.stringify(ref.matchValue ?? '')}`;
}

export function noSuchUser(ref: UserRef, connection: ScimConnection): ApplicationFailure {
  const which = ref.userId !== undefined ? `id ${JSON.stringify(ref.userId)}` : `${connection.config.matchAttribute} ${JSON.stringify(ref.matchValue ?? '')}`;
  return ApplicationFailure.nonRetryable(`no user in the app has ${which}; create the user first, or check the step's userId or matchValue`, 'ScimNoSuchUser');
}

/** The user a step names, or undefined when the app has none. */
export async function resolveUser(client: ScimClient, connection: ScimConnection, ref: UserRef, what: string): Promise<ScimResource | undefined> {
  if (ref.userId !== undefined) return getById(client, '/Users', ref.userId, what);
  return findOne(client, '/Users', connection.config.matchAttribute, ref.matchValue ?? '', what);
}

/** Sends one PATCH with `operations` (none: nothing is sent). Returns false when the user is gone. */
export async function patchUser(client: ScimClient, id: string, operations: readonly PatchOperation[], what: string): Promise<boolean> {
  if (operations.length === 0) return true;
  const answer = await client.send('PATCH', resourcePath('/Users', id), what, [200, 204, 404], { body: { schemas: [patchOpSchema], Operations: operations } });
  return answer.status !== 404;
}

async function converge(client: ScimClient, connection: ScimConnection, user: ScimResource, wanted: readonly Wanted[], what: string): Promise<string[]> {
  const { operations, changed, diff } = patchOperations(user, wanted);
  if (!(await patchUser(client, user.id, operations, what))) throw noSuchUser({ userId: user.id }, connection);
  // Old values go to the audit log only, never into the output (and so the run's history).
  noteChanges(diff);
  return changed;
}

/** Applies the changes to the resource as the app would, for the output after a PATCH (which may answer 204). */
function after(user: ScimResource, wanted: readonly Wanted[]): ScimResource {
  const next: ScimResource = { ...user };
  for (const w of wanted) if (w.spec.kind === 'value' && w.spec.schema === undefined && w.spec.path.length === 1 && w.spec.path[0] !== undefined) next[w.spec.path[0]] = w.value;
  return next;
}

export function userActions(open: OpenSession): ActionImplementations {
  async function setActive(input: UserRef, call: ActionCall, active: boolean) {
    const { client, connection } = await open(call);
    const what = `${active ? 'reactivating' : 'deactivating'} ${describe(input, connection)}`;
    const user = await resolveUser(client, connection, input, what);
    if (!user) throw noSuchUser(input, connection);
    if (user.active === active) return { id: user.id, changed: false };
    if (!(await patchUser(client, user.id, [{ op: 'replace', path: 'active', value: active }], what))) throw noSuchUser(input, connection);
    return { id: user.id, changed: true };
  }

  return {
    [scimFindUser.id]: async (call) => {
      const input = parseInput(scimFindUser.input, call, scimFindUser.id);
      const { client, connection } = await open(call);
      const by = input.by ?? connection.config.matchAttribute;
      const user = await findOne(client, '/Users', by, input.value, `finding the user with ${by} ${JSON.stringify(input.value)}`);
      return user ? { found: true, ...summary(user) } : { found: false, id: null, userName: null, externalId: null, active: null };
    },

    [scimCreateUser.id]: async (call) => {
      const input = parseInput(scimCreateUser.input, call, scimCreateUser.id);
      const { client, connection } = await open(call);
      const attribute = connection.config.matchAttribute;
      const anchor = attribute === 'userName' ? input.userName : input.externalId;
      if (anchor === undefined || anchor === '') {
        throw ApplicationFailure.nonRetryable(`connection "${connection.id}" matches users on externalId and step "${call.nodeId}" gives none; set externalId (usually the employee id)`, 'ScimInvalidInput');
      }
      const what = `creating the user with ${attribute} ${JSON.stringify(anchor)}`;
      const wanted = wantedAttributes(input, connection.config.userSchemaExtensions);
      const existing = await findOne(client, '/Users', attribute, anchor, what);
      const adopt = async (user: ScimResource) => {
        const changed = await converge(client, connection, user, wanted, what);
        return { ...summary(after(user, wanted)), created: false, changed };
      };
      if (existing) return adopt(existing);

      const body = creationBody(input.active === undefined ? [...wanted, { name: 'active', spec: { kind: 'value', path: ['active'] }, value: true }] : wanted);
      const answer = await client.send('POST', '/Users', what, [200, 201, 409], { body });
      if (answer.status !== 409) {
        const created = parseResource(answer.body, what);
        return { ...summary(created), created: true, changed: [] };
      }
      // 409: the app holds a user with a unique value of ours. Ours, created by an earlier attempt
      // whose answer was lost, or adopted below; anyone else's is a conflict a person must resolve.
      const again = await findOne(client, '/Users', attribute, anchor, what);
      if (again) return adopt(again);
      if (attribute === 'externalId') {
        const holder = await findOne(client, '/Users', 'userName', input.userName, what);
        const holderExternalId = holder ? text(holder, 'externalId') : null;
        if (holder && holderExternalId === null) return adopt(holder);
        if (holder) {
          throw ApplicationFailure.nonRetryable(
            `${what}: the userName ${JSON.stringify(input.userName)} belongs to another user in the app (id ${holder.id}, externalId ${JSON.stringify(holderExternalId)}); give this person another userName (e.g. with SelectUniqueValue) or correct that account`,
            'ScimUniqueness',
          );
        }
      }
      throw answerFailure(answer, what, (t) => client.redact(t));
    },

    [scimUpdateUser.id]: async (call) => {
      const input = parseInput(scimUpdateUser.input, call, scimUpdateUser.id);
      const { client, connection } = await open(call);
      const what = `updating ${describe(input, connection)}`;
      const user = await resolveUser(client, connection, input, what);
      if (!user) throw noSuchUser(input, connection);
      const changed = await converge(client, connection, user, wantedAttributes(input, connection.config.userSchemaExtensions), what);
      return { id: user.id, changed };
    },

    [scimDeactivateUser.id]: async (call) => setActive(parseInput(scimDeactivateUser.input, call, scimDeactivateUser.id), call, false),

    [scimReactivateUser.id]: async (call) => setActive(parseInput(scimReactivateUser.input, call, scimReactivateUser.id), call, true),

    [scimDeleteUser.id]: async (call) => {
      const input = parseInput(scimDeleteUser.input, call, scimDeleteUser.id);
      const { client, connection } = await open(call);
      const what = `deleting ${describe(input, connection)}`;
      const id = input.userId ?? (await resolveUser(client, connection, input, what))?.id;
      if (id === undefined) return { deleted: false, id: null };
      const answer = await client.send('DELETE', resourcePath('/Users', id), what, [200, 204, 404]);
      return { deleted: answer.status !== 404, id };
    },
  };
}
