/**
 * A user's state: enabled or disabled, sessions revoked, soft-deleted or restored. Each action
 * reads the state first and changes only what differs, so a rerun reports `changed: false` and
 * leaves the user as it was. A user already gone counts as deleted; one already active as restored.
 */
import { z } from 'zod';
import { graphCall, graphTry, type EntraTarget } from './call.ts';
import { graphFailure, nonRetryable, type Operation } from './failures.ts';
import { findUser, requireUser } from './lookup.ts';
import { segment } from './odata.ts';

const op = (what: string, permission = 'User.ReadWrite.All'): Operation => ({ what, permission });

export async function setAccountEnabled(target: EntraTarget, ref: string, enabled: boolean): Promise<{ id: string; changed: boolean }> {
  const user = await requireUser(target, ref, ['accountEnabled']);
  if (user.accountEnabled === enabled) return { id: user.id, changed: false };
  await graphCall(target, op(`${enabled ? 'enable' : 'disable'} user ${user.id}`), (g) => g.api(`/users/${segment(user.id)}`).patch({ accountEnabled: enabled }));
  return { id: user.id, changed: true };
}

export async function revokeSignInSessions(target: EntraTarget, ref: string): Promise<{ id: string; revoked: boolean }> {
  const user = await requireUser(target, ref);
  const body = await graphCall(target, op(`revoke sign-in sessions of ${user.id}`, 'User.RevokeSessions.All'), (g) => g.api(`/users/${segment(user.id)}/revokeSignInSessions`).post({}));
  return { id: user.id, revoked: z.object({ value: z.boolean() }).parse(body).value };
}

export async function deleteUser(target: EntraTarget, ref: string): Promise<{ id: string | null; changed: boolean }> {
  const user = await findUser(target, ref);
  if (user) {
    const outcome = await graphTry(target, op(`delete user ${user.id}`), [404], (g) => g.api(`/users/${segment(user.id)}`).delete());
    return { id: user.id, changed: outcome.ok };
  }
  const deleted = await findUser(target, ref, [], 'deleted');
  return { id: deleted?.id ?? null, changed: false };
}

export async function restoreUser(target: EntraTarget, ref: string): Promise<{ id: string; changed: boolean }> {
  const active = await findUser(target, ref);
  if (active) return { id: active.id, changed: false };
  const deleted = await findUser(target, ref, ['userPrincipalName'], 'deleted');
  if (!deleted) {
    throw nonRetryable('EntraUserNotFound', `no deleted Entra ID user has ${target.connection.config.anchorAttribute} (or object id) ${JSON.stringify(ref)}; deleted users can be restored for 30 days`);
  }
  const restore = op(`restore user ${deleted.id}`);
  const outcome = await graphTry(target, restore, [400], (g) => g.api(`/directory/deletedItems/${segment(deleted.id)}/restore`).post({}));
  if (outcome.ok) return { id: deleted.id, changed: true };
  if (/already exists/i.test(outcome.message)) {
    throw nonRetryable('EntraValueTaken', `cannot restore ${deleted.userPrincipalName ?? deleted.id}: another user now has its userPrincipalName; rename or remove that user first`);
  }
  throw graphFailure(outcome, restore, target.connection.config);
}
