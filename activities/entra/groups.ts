/**
 * Group memberships, many at once through `$batch`. "Already a member" on add and "not a member"
 * (404) on remove are the end state the step wants, so they count as done; any other failure is
 * reported per group, retryable only when every failure was.
 */
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import type { entraAddGroupMemberships, entraRemoveGroupMemberships } from '../../workflows/dsl/catalog/entra.ts';
import { runBatch, batchError, type BatchAnswer, type BatchStep } from './batch.ts';
import type { EntraTarget } from './call.ts';
import { graphFailure, type Operation } from './failures.ts';
import { allPages, requireUser } from './lookup.ts';
import { segment } from './odata.ts';

const membership = (what: string): Operation => ({ what, permission: 'GroupMember.ReadWrite.All' });

/** Sorts batch answers into the two kinds of success, and throws one failure naming every group that failed. */
function sort(target: EntraTarget, op: Operation, groupIds: string[], answers: Map<string, BatchAnswer>, isNoop: (a: BatchAnswer) => boolean) {
  const changed: string[] = [];
  const noop: string[] = [];
  const failed: { group: string; failure: ApplicationFailure }[] = [];
  groupIds.forEach((group, i) => {
    const a = answers.get(String(i + 1));
    if (!a) throw new Error(`the batch lost the answer for group ${group}`);
    if (a.status >= 200 && a.status < 300) changed.push(group);
    else if (isNoop(a)) noop.push(group);
    else failed.push({ group, failure: graphFailure({ status: a.status, ...batchError(a) }, { ...op, what: `group ${group}` }, target.connection.config) });
  });
  if (failed.length > 0) {
    throw ApplicationFailure.create({
      type: 'EntraGroupMembershipFailed',
      message: `${op.what}: ${failed.length} of ${groupIds.length} groups failed: ${failed.map((f) => f.failure.message).join('; ')}`,
      nonRetryable: failed.some((f) => f.failure.nonRetryable),
    });
  }
  return { changed, noop };
}

export async function addGroupMemberships(target: EntraTarget, input: z.infer<typeof entraAddGroupMemberships.input>) {
  const user = await requireUser(target, input.user);
  const groupIds = [...new Set(input.groupIds)];
  const reference = { '@odata.id': `${target.session.baseUrl}/directoryObjects/${user.id}` };
  const steps: BatchStep[] = groupIds.map((g, i) => ({ id: String(i + 1), method: 'POST', url: `/groups/${segment(g)}/members/$ref`, body: reference }));
  const op = membership(`add user ${user.id} to groups`);
  const { changed, noop } = sort(target, op, groupIds, await runBatch(target, op, steps), (a) => a.status === 400 && /already exist/i.test(batchError(a).message));
  return { id: user.id, added: changed, alreadyMember: noop };
}

export async function removeGroupMemberships(target: EntraTarget, input: z.infer<typeof entraRemoveGroupMemberships.input>) {
  const user = await requireUser(target, input.user);
  const op = membership(`remove user ${user.id} from groups`);
  const current = input.allGroups
    ? await allPages(target, { ...op, what: `list the groups of user ${user.id}` }, `/users/${segment(user.id)}/memberOf/microsoft.graph.group?$select=id&$top=999`, z.object({ id: z.string() }).loose())
    : [];
  const groupIds = [...new Set([...input.groupIds, ...current.map((g) => g.id)])];
  const steps: BatchStep[] = groupIds.map((g, i) => ({ id: String(i + 1), method: 'DELETE', url: `/groups/${segment(g)}/members/${segment(user.id)}/$ref` }));
  const { changed, noop } = sort(target, op, groupIds, await runBatch(target, op, steps), (a) => a.status === 404);
  return { id: user.id, removed: changed, notMember: noop };
}
