/**
 * The entra connector's actions. Each implementation loads its connection when it runs (so no
 * secret is in the workflow), reuses the connection's pooled Graph session, parses its input with
 * the action's own declaration, and reports failures as Temporal failures.
 */
import type { z } from 'zod';
import {
  entraAddGroupMemberships,
  entraAssignLicenses,
  entraCreateTemporaryAccessPass,
  entraCreateUser,
  entraDeleteUser,
  entraDisableUser,
  entraEnableUser,
  entraFindUser,
  entraFreeValues,
  entraIsValueFree,
  entraRemoveGroupMemberships,
  entraRemoveLicenses,
  entraRestoreUser,
  entraRevokeSignInSessions,
  entraSetManager,
  entraUpdateUser,
} from '../../workflows/dsl/catalog/entra.ts';
import type { ActionDeclaration } from '../../workflows/dsl/index.ts';
import { ConnectionNotFound, typedConnection, type Connection } from '../connections.ts';
import type { ActivityDeps } from '../deps.ts';
import { ClientPool } from '../pool.ts';
import type { ActionCall, ActionImplementation, ActionImplementations } from '../types.ts';
import { createTemporaryAccessPass } from './accessPass.ts';
import type { EntraTarget } from './call.ts';
import { entraConnector } from './connector.ts';
import { nonRetryable } from './failures.ts';
import { addGroupMemberships, removeGroupMemberships } from './groups.ts';
import { assignLicenses, removeLicenses } from './licenses.ts';
import { setManager } from './manager.ts';
import { createSession, type GraphSession } from './session.ts';
import { createUser, findUserAction, freeValues, isValueFree, updateUser } from './users.ts';
import { deleteUser, restoreUser, revokeSignInSessions, setAccountEnabled } from './userState.ts';

async function load(deps: ActivityDeps, id: string, nodeId: string): Promise<Connection> {
  try {
    return await deps.connections.load(id);
  } catch (error) {
    if (error instanceof ConnectionNotFound) throw nonRetryable('EntraConnectionMissing', `${error.message}; create it or choose another in step "${nodeId}"`);
    throw error;
  }
}

function parseConnection(connection: Connection): EntraTarget['connection'] {
  try {
    return typedConnection(entraConnector, connection);
  } catch (error) {
    throw nonRetryable('EntraConnectionInvalid', `connection "${connection.id}" is not a usable Entra ID connection (${error instanceof Error ? error.message : String(error)}); edit it`);
  }
}

export function createEntraActivities(deps: ActivityDeps): ActionImplementations {
  const sessions = new ClientPool<GraphSession>();

  async function target(call: ActionCall): Promise<EntraTarget> {
    const id = call.connectionId;
    if (id === undefined) throw nonRetryable('EntraConnectionMissing', `step "${call.nodeId}" names no Entra ID connection; choose one in the step`);
    const parsed = parseConnection(await load(deps, id, call.nodeId));
    const session = await sessions.get(parsed.id, parsed.version, {
      create: () => Promise.resolve(createSession(parsed.config, parsed.secrets)),
      close: async (s) => {
        s.agent.destroy();
        await s.writes.disconnect(false);
      },
    });
    return { connection: parsed, session };
  }

  function implement<I extends z.ZodType, O extends z.ZodType>(
    declaration: ActionDeclaration<I, O>,
    run: (target: EntraTarget, input: z.infer<I>) => Promise<z.infer<O>>,
  ): [string, ActionImplementation] {
    return [
      declaration.id,
      async (call) => {
        const input = declaration.input.safeParse(call.input);
        if (!input.success) {
          const problems = input.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
          throw nonRetryable('EntraInvalidInput', `${declaration.id} got input it cannot use (${problems}); fix the step's parameters`);
        }
        return declaration.output.parse(await run(await target(call), input.data));
      },
    ];
  }

  return Object.fromEntries([
    implement(entraFindUser, findUserAction),
    implement(entraCreateUser, createUser),
    implement(entraUpdateUser, updateUser),
    implement(entraDisableUser, (t, i) => setAccountEnabled(t, i.user, false)),
    implement(entraEnableUser, (t, i) => setAccountEnabled(t, i.user, true)),
    implement(entraRevokeSignInSessions, (t, i) => revokeSignInSessions(t, i.user)),
    implement(entraAddGroupMemberships, addGroupMemberships),
    implement(entraRemoveGroupMemberships, removeGroupMemberships),
    implement(entraAssignLicenses, assignLicenses),
    implement(entraRemoveLicenses, removeLicenses),
    implement(entraSetManager, setManager),
    implement(entraCreateTemporaryAccessPass, createTemporaryAccessPass),
    implement(entraDeleteUser, (t, i) => deleteUser(t, i.user)),
    implement(entraRestoreUser, (t, i) => restoreUser(t, i.user)),
    implement(entraIsValueFree, isValueFree),
    implement(entraFreeValues, freeValues),
  ]);
}
