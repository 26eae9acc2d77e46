/**
 * Licenses, manager and Temporary Access Pass actions against the Graph peer (test/peers/graph),
 * which follows Microsoft Graph v1.0's documented contract for assignLicense, the manager
 * reference, temporaryAccessPassMethods and sendMail.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failureOf, newHire, snapshot, startEntraFixture, type EntraFixture } from './fixture.ts';

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
  f.peer.tenant.passes.clear();
  f.peer.tenant.mail.length = 0;
  userId = ((await f.run('entra.createUser', newHire)) as { id: string }).id;
  f.peer.requests.length = 0;
});

const assignCalls = () => f.peer.requests.filter((r) => r.path.endsWith('/assignLicense')).length;

describe('licenses', () => {
  it('assigns the licenses the user lacks; a rerun sends nothing', async () => {
    const e3 = f.peer.addSku('ENTERPRISEPACK');
    const ems = f.peer.addSku('EMS');
    expect(await f.run('entra.assignLicenses', { user: 'E1001', skuIds: [e3, ems] })).toEqual({ id: userId, assigned: [e3, ems], alreadyAssigned: [] });
    expect(f.peer.user(userId)?.assignedLicenses.map((l) => l.skuId)).toEqual([e3, ems]);
    const before = snapshot(f.peer, userId);
    expect(await f.run('entra.assignLicenses', { user: 'E1001', skuIds: [e3, ems] })).toEqual({ id: userId, assigned: [], alreadyAssigned: [e3, ems] });
    expect(snapshot(f.peer, userId)).toEqual(before);
    expect(assignCalls()).toBe(1);
  });

  it('removes the licenses the user has; one they lack counts as done', async () => {
    const e3 = f.peer.addSku('ENTERPRISEPACK');
    const ems = f.peer.addSku('EMS');
    await f.run('entra.assignLicenses', { user: 'E1001', skuIds: [e3] });
    expect(await f.run('entra.removeLicenses', { user: 'E1001', skuIds: [e3, ems] })).toEqual({ id: userId, removed: [e3], notAssigned: [ems] });
    expect(f.peer.user(userId)?.assignedLicenses).toEqual([]);
    expect(await f.run('entra.removeLicenses', { user: 'E1001', skuIds: [e3, ems] })).toEqual({ id: userId, removed: [], notAssigned: [e3, ems] });
    expect(assignCalls()).toBe(2);
  });

  it('passes on, without retrying, Graph’s refusal to license a user without a usage location', async () => {
    const e3 = f.peer.addSku('ENTERPRISEPACK');
    await f.run('entra.updateUser', { user: 'E1001', clear: ['usageLocation'] });
    const failure = await failureOf(f.run('entra.assignLicenses', { user: 'E1001', skuIds: [e3] }));
    expect(failure).toMatchObject({ type: 'EntraRejected', nonRetryable: true });
    expect(failure.message).toContain('License assignment cannot be done for user with invalid usage location');
  });
});

describe('entra.setManager', () => {
  it('sets the manager found by anchor; setting the same one again changes nothing', async () => {
    const { id: bossId } = (await f.run('entra.createUser', { ...newHire, userPrincipalName: 'grace@contoso.com', displayName: 'Grace Hopper', employeeId: 'E0001' })) as { id: string };
    expect(await f.run('entra.setManager', { user: 'E1001', manager: 'E0001' })).toEqual({ id: userId, managerId: bossId, changed: true });
    expect(f.peer.user(userId)?.managerId).toBe(bossId);
    expect(await f.run('entra.setManager', { user: 'E1001', manager: bossId })).toEqual({ id: userId, managerId: bossId, changed: false });
    expect(f.peer.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('refuses, without retrying, a manager who is not in the directory', async () => {
    const failure = await failureOf(f.run('entra.setManager', { user: 'E1001', manager: 'E0404' }));
    expect(failure).toMatchObject({ type: 'EntraUserNotFound', nonRetryable: true });
    expect(f.peer.user(userId)?.managerId).toBeNull();
  });
});

describe('entra.createTemporaryAccessPass', () => {
  const input = { user: 'E1001', lifetimeInMinutes: 120, isUsableOnce: true, deliverFrom: 'helpdesk@contoso.com', deliverTo: ['manager@contoso.com'] };

  beforeEach(() => {
    f.peer.addUser({ userPrincipalName: 'helpdesk@contoso.com', displayName: 'Helpdesk', mailNickname: 'helpdesk' });
  });

  it('mails the pass from the helpdesk mailbox and returns only its id and validity, never the pass', async () => {
    const out = (await f.run('entra.createTemporaryAccessPass', input)) as Record<string, unknown>;
    const pass = f.peer.temporaryAccessPass(userId);
    expect(pass).toBeDefined();
    expect(out).toEqual({ id: pass?.id, userId, startDateTime: pass?.startDateTime, lifetimeInMinutes: 120, isUsableOnce: true, deliveredTo: ['manager@contoso.com'] });
    expect(JSON.stringify(out)).not.toContain(pass?.temporaryAccessPass);
    const [mail, ...more] = f.peer.sentMail();
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ from: 'helpdesk@contoso.com', to: ['manager@contoso.com'], subject: 'Your Temporary Access Pass', saveToSentItems: false });
    expect(mail?.content).toContain(`Pass: ${pass?.temporaryAccessPass ?? '?'}`);
    expect(mail?.content).toContain('Ada Lovelace (ada.lovelace@contoso.com)');
  });

  it('leaves one pass, the one mailed last, when run twice', async () => {
    await f.run('entra.createTemporaryAccessPass', input);
    const again = (await f.run('entra.createTemporaryAccessPass', input)) as { id: string };
    const pass = f.peer.temporaryAccessPass(userId);
    expect(again.id).toBe(pass?.id);
    expect([...f.peer.tenant.passes.values()].filter((p) => p.userId === userId)).toHaveLength(1);
    expect(f.peer.sentMail().at(-1)?.content).toContain(pass?.temporaryAccessPass ?? '?');
  });

  it('checks the sending mailbox before creating a pass nobody could receive', async () => {
    const failure = await failureOf(f.run('entra.createTemporaryAccessPass', { ...input, deliverFrom: 'nobody@contoso.com' }));
    expect(failure).toMatchObject({ type: 'EntraUserNotFound', nonRetryable: true });
    expect(f.peer.temporaryAccessPass(userId)).toBeUndefined();
  });
});
