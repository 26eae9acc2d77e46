/**
 * Group memberships through Graph JSON batching, against the Graph peer (test/peers/graph), which
 * follows Microsoft Graph v1.0's documented `$batch` contract: 20 requests per batch, answers in
 * any order, and sub-requests throttled one by one with their own Retry-After.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failureOf, newHire, startEntraFixture, type EntraFixture } from './fixture.ts';

let f: EntraFixture;
let userId: string;
beforeAll(async () => {
  f = await startEntraFixture();
});
afterAll(async () => {
  await f.stop();
});
beforeEach(async () => {
  f.peer.tenant.users.clear();
  f.peer.tenant.groups.clear();
  userId = ((await f.run('entra.createUser', newHire)) as { id: string }).id;
  f.peer.requests.length = 0;
});

const groups = (n: number) => Array.from({ length: n }, (_, i) => f.peer.addGroup(`Group ${i + 1}`));
const batches = () => f.peer.requests.filter((r) => r.path === '/$batch').length;
const memberOf = (ids: string[]) => ids.filter((g) => f.peer.groupMembers(g).includes(userId));

describe('entra.addGroupMemberships', () => {
  it('adds the user to 30 groups in batches of 20, re-sending the sub-requests Graph throttled after their Retry-After', async () => {
    const ids = groups(30);
    f.peer.throttleBatchItems(4, 1);
    const started = Date.now();
    const out = (await f.run('entra.addGroupMemberships', { user: 'E1001', groupIds: ids })) as { added: string[]; alreadyMember: string[] };
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(out.added.sort()).toEqual([...ids].sort());
    expect(out.alreadyMember).toEqual([]);
    expect(memberOf(ids)).toEqual(ids);
    expect(batches()).toBe(3);
    const subRequests = f.peer.requests.filter((r) => r.inBatch);
    expect(subRequests.filter((r) => r.status === 429)).toHaveLength(4);
    expect(subRequests.filter((r) => r.status === 204)).toHaveLength(30);
  });

  it('counts groups the user is already in as done, so a rerun succeeds and changes nothing', async () => {
    const ids = groups(5);
    await f.run('entra.addGroupMemberships', { user: 'E1001', groupIds: ids.slice(0, 2) });
    const out = await f.run('entra.addGroupMemberships', { user: 'E1001', groupIds: ids });
    expect(out).toEqual({ id: userId, added: ids.slice(2), alreadyMember: ids.slice(0, 2) });
    const again = await f.run('entra.addGroupMemberships', { user: 'E1001', groupIds: ids });
    expect(again).toEqual({ id: userId, added: [], alreadyMember: ids });
    expect(ids.map((g) => f.peer.groupMembers(g))).toEqual(ids.map(() => [userId]));
  });

  it('hands a long Retry-After to Temporal as the next retry delay, keeping what was done', async () => {
    const ids = groups(3);
    f.peer.throttleBatchItems(1, 120);
    const failure = await failureOf(f.run('entra.addGroupMemberships', { user: 'E1001', groupIds: ids }));
    expect(failure).toMatchObject({ type: 'EntraThrottled', nonRetryable: false });
    expect(failure.nextRetryDelay).toBe('120s');
    expect(failure.message).toContain('1 of 3 requests (the others are done)');
    expect(memberOf(ids)).toHaveLength(2);
    const retry = (await f.run('entra.addGroupMemberships', { user: 'E1001', groupIds: ids })) as { added: string[]; alreadyMember: string[] };
    expect(retry.added).toHaveLength(1);
    expect(memberOf(ids)).toEqual(ids);
  });

  it('names a group that does not exist, without retrying, and still adds the others', async () => {
    const [real = ''] = groups(1);
    const missing = '00000000-0000-4000-8000-000000000404';
    const failure = await failureOf(f.run('entra.addGroupMemberships', { user: 'E1001', groupIds: [real, missing] }));
    expect(failure).toMatchObject({ type: 'EntraGroupMembershipFailed', nonRetryable: true });
    expect(failure.message).toContain(`group ${missing}: Graph answered 404 (Request_ResourceNotFound`);
    expect(f.peer.groupMembers(real)).toEqual([userId]);
  });
});

describe('entra.removeGroupMemberships', () => {
  it('removes the user from the groups named; groups they are not in count as done', async () => {
    const ids = groups(4);
    await f.run('entra.addGroupMemberships', { user: 'E1001', groupIds: ids.slice(0, 3) });
    const out = await f.run('entra.removeGroupMemberships', { user: 'E1001', groupIds: ids.slice(1) });
    expect(out).toEqual({ id: userId, removed: ids.slice(1, 3), notMember: ids.slice(3) });
    expect(memberOf(ids)).toEqual(ids.slice(0, 1));
    expect(await f.run('entra.removeGroupMemberships', { user: 'E1001', groupIds: ids.slice(1) })).toEqual({ id: userId, removed: [], notMember: ids.slice(1) });
  });

  it('removes the user from every group they are in, reading the memberships page by page', async () => {
    await f.stop();
    f = await startEntraFixture({ maxPageSize: 7 });
    f.peer.tenant.users.clear();
    userId = ((await f.run('entra.createUser', newHire)) as { id: string }).id;
    const ids = groups(25);
    await f.run('entra.addGroupMemberships', { user: 'E1001', groupIds: ids });
    const other = f.peer.addGroup('Not theirs');
    f.peer.requests.length = 0;
    const out = (await f.run('entra.removeGroupMemberships', { user: 'E1001', allGroups: true })) as { removed: string[] };
    expect(out.removed.sort()).toEqual([...ids].sort());
    expect(memberOf([...ids, other])).toEqual([]);
    // 25 groups at most 7 a page, though 999 were asked: four pages, each through @odata.nextLink.
    expect(f.peer.requests.filter((r) => r.path.endsWith('/memberOf/microsoft.graph.group'))).toHaveLength(4);
  });
});
