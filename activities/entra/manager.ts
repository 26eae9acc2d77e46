/** The manager reference: read first, so setting the same manager again changes nothing. */
import { z } from 'zod';
import type { entraSetManager } from '../../workflows/dsl/catalog/entra.ts';
import { graphCall, graphTry, type EntraTarget } from './call.ts';
import { nonRetryable } from './failures.ts';
import { findUser, requireUser } from './lookup.ts';
import { segment } from './odata.ts';

export async function setManager(target: EntraTarget, input: z.infer<typeof entraSetManager.input>) {
  const user = await requireUser(target, input.user);
  const manager = await findUser(target, input.manager);
  if (!manager) throw nonRetryable('EntraUserNotFound', `the manager ${JSON.stringify(input.manager)} is not an Entra ID user (looked up by ${target.connection.config.anchorAttribute} and object id); create the manager first`);
  const op = { what: `set the manager of user ${user.id}`, permission: 'User.ReadWrite.All' };
  const now = await graphTry(target, op, [404], (g) => g.api(`/users/${segment(user.id)}/manager`).select(['id']).get());
  if (now.ok && z.object({ id: z.string() }).parse(now.value).id === manager.id) return { id: user.id, managerId: manager.id, changed: false };
  await graphCall(target, op, (g) => g.api(`/users/${segment(user.id)}/manager/$ref`).put({ '@odata.id': `${target.session.baseUrl}/users/${manager.id}` }));
  return { id: user.id, managerId: manager.id, changed: true };
}
