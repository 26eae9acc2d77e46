/**
 * Entra ID user actions against the Graph peer (test/peers/graph), a server that follows Microsoft
 * Graph v1.0's documented contract because Entra ID cannot run locally. Every write runs twice and
 * must leave one user, unchanged by the second run.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failureOf, newHire, snapshot, startEntraFixture, type EntraFixture } from './fixture.ts';

let f: EntraFixture;
beforeAll(async () => {
  f = await startEntraFixture();
});
afterAll(async () => {
  await f.stop();
});
beforeEach(() => {
  f.peer.tenant.users.clear();
  f.peer.requests.length = 0;
  f.peer.setIndexLag(0);
});

const posts = () => f.peer.requests.filter((r) => r.method === 'POST' && r.path === '/users').length;
const patches = () => f.peer.requests.filter((r) => r.method === 'PATCH').length;

describe('entra.createUser', () => {
  it('creates the user with a generated password that never leaves the worker, and a rerun leaves the one user unchanged', async () => {
    const first = await f.run('entra.createUser', newHire);
    expect(first).toMatchObject({ userPrincipalName: newHire.userPrincipalName, created: true, passwordGenerated: true });
    const user = f.peer.user(newHire.userPrincipalName);
    expect(user?.props).toMatchObject({ ...newHire, accountEnabled: true, mailNickname: 'ada.lovelace' });
    expect(user?.password).toHaveLength(20);
    expect(user?.forceChangePasswordNextSignIn).toBe(true);
    expect(JSON.stringify(first)).not.toContain(user?.password);

    const before = snapshot(f.peer, newHire.userPrincipalName);
    const second = await f.run('entra.createUser', newHire);
    expect(second).toEqual({ id: user?.id, userPrincipalName: newHire.userPrincipalName, created: false, passwordGenerated: false });
    expect(f.peer.activeUsers()).toHaveLength(1);
    expect(snapshot(f.peer, newHire.userPrincipalName)).toEqual(before);
    expect(posts()).toBe(1);
  });

  it('uses a given password and sign-in settings as given', async () => {
    await f.run('entra.createUser', { ...newHire, password: 'Given-Passw0rd!', forceChangePasswordNextSignIn: false, accountEnabled: false, mailNickname: 'ada' });
    const user = f.peer.user(newHire.userPrincipalName);
    expect(user).toMatchObject({ password: 'Given-Passw0rd!', forceChangePasswordNextSignIn: false, props: { accountEnabled: false, mailNickname: 'ada' } });
  });

  it('recognises its own earlier create when the filter index still lags behind it (a retry after a lost answer)', async () => {
    f.peer.setIndexLag(60_000);
    const first = await f.run('entra.createUser', newHire);
    const retry = await f.run('entra.createUser', newHire);
    expect(retry).toMatchObject({ id: (first as { id: string }).id, created: false });
    expect(f.peer.activeUsers()).toHaveLength(1);
    expect(f.peer.requests.filter((r) => r.method === 'POST' && r.path === '/users').map((r) => r.status)).toEqual([201, 400]);
  });

  it('refuses, without retrying, a userPrincipalName another person holds', async () => {
    await f.run('entra.createUser', newHire);
    const failure = await failureOf(f.run('entra.createUser', { ...newHire, employeeId: 'E2002', displayName: 'Another Ada' }));
    expect(failure).toMatchObject({ type: 'EntraValueTaken', nonRetryable: true });
    expect(failure.message).toContain('another Entra ID user already has this userPrincipalName');
    expect(failure.message).toContain('SelectUniqueValue');
    expect(f.peer.activeUsers()).toHaveLength(1);
  });

  it('refuses a create without the anchor value, so a rerun could not find the user', async () => {
    const { employeeId: _omitted, ...withoutAnchor } = newHire;
    const failure = await failureOf(f.run('entra.createUser', withoutAnchor));
    expect(failure).toMatchObject({ type: 'EntraAnchorMissing', nonRetryable: true });
    expect(posts()).toBe(0);
  });
});

describe('entra.findUser and entra.isValueFree', () => {
  it('finds a user by the anchor and by object id, and says when there is none', async () => {
    const { id } = (await f.run('entra.createUser', newHire)) as { id: string };
    const expected = { found: true, id, userPrincipalName: newHire.userPrincipalName, displayName: newHire.displayName, accountEnabled: true };
    expect(await f.run('entra.findUser', { user: 'E1001' })).toEqual(expected);
    expect(await f.run('entra.findUser', { user: id })).toEqual(expected);
    expect(await f.run('entra.findUser', { user: 'E9999' })).toEqual({ found: false, id: null, userPrincipalName: null, displayName: null, accountEnabled: null });
  });

  it('tells taken values from free ones for userPrincipalName, mail and mailNickname', async () => {
    await f.run('entra.createUser', { ...newHire, mail: 'ada@contoso.com' });
    expect(await f.run('entra.isValueFree', { attribute: 'userPrincipalName', value: 'ADA.LOVELACE@contoso.com' })).toEqual({ free: false });
    expect(await f.run('entra.isValueFree', { attribute: 'userPrincipalName', value: 'ada.lovelace2@contoso.com' })).toEqual({ free: true });
    expect(await f.run('entra.isValueFree', { attribute: 'mail', value: 'ada@contoso.com' })).toEqual({ free: false });
    expect(await f.run('entra.isValueFree', { attribute: 'mailNickname', value: 'ada.lovelace' })).toEqual({ free: false });
    expect(await f.run('entra.isValueFree', { attribute: 'mailNickname', value: "o'brien" })).toEqual({ free: true });
  });

  it('answers for several candidate values in one step, in the order asked', async () => {
    await f.run('entra.createUser', { ...newHire, mail: 'ada@contoso.com' });
    const checks = [
      { attribute: 'userPrincipalName', value: 'ADA.LOVELACE@contoso.com' },
      { attribute: 'userPrincipalName', value: 'ada.lovelace2@contoso.com' },
      { attribute: 'mail', value: 'ada@contoso.com' },
      { attribute: 'mailNickname', value: 'ada.lovelace' },
      { attribute: 'mailNickname', value: "o'brien" },
    ];
    expect(await f.run('entra.freeValues', { checks })).toEqual({ free: [false, true, false, false, true] });
    await expect(f.run('entra.freeValues', { checks: [{ attribute: 'displayName', value: 'Ada' }] })).rejects.toMatchObject({ type: 'EntraInvalidInput' });
  });
});

describe('entra.updateUser', () => {
  it('changes only what differs, clears what it is told to, and a rerun sends nothing', async () => {
    const { id } = (await f.run('entra.createUser', newHire)) as { id: string };
    const input = { user: 'E1001', department: 'Research', jobTitle: newHire.jobTitle, employeeHireDate: '2025-03-01T00:00:00+00:00', clear: ['surname'] };
    expect(await f.run('entra.updateUser', input)).toEqual({ id, changed: ['department', 'employeeHireDate', 'surname'] });
    const after = snapshot(f.peer, id);
    expect(f.peer.user(id)?.props).toMatchObject({ department: 'Research', jobTitle: 'Engineer', employeeHireDate: '2025-03-01T00:00:00+00:00' });
    expect(f.peer.user(id)?.props.surname).toBeUndefined();

    expect(await f.run('entra.updateUser', input)).toEqual({ id, changed: [] });
    expect(snapshot(f.peer, id)).toEqual(after);
    expect(patches()).toBe(1);
  });

  it('refuses, without retrying, an update of a user who does not exist', async () => {
    const failure = await failureOf(f.run('entra.updateUser', { user: 'E404', department: 'x' }));
    expect(failure).toMatchObject({ type: 'EntraUserNotFound', nonRetryable: true });
    expect(failure.message).toContain('"E404"');
  });
});

describe('account state', () => {
  it('disables and enables the account; reruns change nothing', async () => {
    const { id } = (await f.run('entra.createUser', newHire)) as { id: string };
    expect(await f.run('entra.disableUser', { user: 'E1001' })).toEqual({ id, changed: true });
    expect(f.peer.user(id)?.props.accountEnabled).toBe(false);
    expect(await f.run('entra.disableUser', { user: 'E1001' })).toEqual({ id, changed: false });
    expect(f.peer.user(id)?.props.accountEnabled).toBe(false);
    expect(await f.run('entra.enableUser', { user: id })).toEqual({ id, changed: true });
    expect(await f.run('entra.enableUser', { user: id })).toEqual({ id, changed: false });
    expect(f.peer.user(id)?.props.accountEnabled).toBe(true);
    expect(patches()).toBe(2);
  });

  it('revokes sign-in sessions: sessions issued before now stop being valid', async () => {
    const { id } = (await f.run('entra.createUser', newHire)) as { id: string };
    const before = f.peer.user(id)?.signInSessionsValidFromDateTime ?? '';
    await new Promise((r) => setTimeout(r, 5));
    expect(await f.run('entra.revokeSignInSessions', { user: 'E1001' })).toEqual({ id, revoked: true });
    const after = f.peer.user(id)?.signInSessionsValidFromDateTime ?? '';
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
  });

  it('soft-deletes into deleted items and restores; both are idempotent', async () => {
    const { id } = (await f.run('entra.createUser', newHire)) as { id: string };
    expect(await f.run('entra.deleteUser', { user: 'E1001' })).toEqual({ id, changed: true });
    expect(f.peer.activeUsers()).toHaveLength(0);
    expect(f.peer.deletedUsers().map((u) => u.id)).toEqual([id]);
    expect(await f.run('entra.deleteUser', { user: 'E1001' })).toEqual({ id, changed: false });
    expect(f.peer.deletedUsers()).toHaveLength(1);

    expect(await f.run('entra.restoreUser', { user: 'E1001' })).toEqual({ id, changed: true });
    expect(f.peer.user(id)?.props).toMatchObject(newHire);
    expect(await f.run('entra.restoreUser', { user: 'E1001' })).toEqual({ id, changed: false });
    expect(f.peer.activeUsers()).toHaveLength(1);
    expect(f.peer.deletedUsers()).toHaveLength(0);
  });

  it('says so when a deleted user cannot come back because their name was taken meanwhile', async () => {
    await f.run('entra.createUser', newHire);
    await f.run('entra.deleteUser', { user: 'E1001' });
    await f.run('entra.createUser', { ...newHire, employeeId: 'E2002' });
    const failure = await failureOf(f.run('entra.restoreUser', { user: 'E1001' }));
    expect(failure).toMatchObject({ type: 'EntraValueTaken', nonRetryable: true });
    expect(f.peer.deletedUsers()).toHaveLength(1);
  });

  it('treats deleting a user who never existed as done', async () => {
    expect(await f.run('entra.deleteUser', { user: 'E404' })).toEqual({ id: null, changed: false });
  });
});

describe('hostile values', () => {
  const hostile = {
    ...newHire,
    userPrincipalName: "o'brien@contoso.com",
    employeeId: "O'B&#+%=?/ (1)",
    displayName: "O'Brien, Jr. (Sales)",
    givenName: 'Zoë Ñúñez',
    department: `"Quotes" & 'more' #1`,
    streetAddress: 'x'.repeat(300),
  };

  it('stores quotes, accents and long values exactly, and finds the user by an anchor full of OData and URL syntax', async () => {
    const created = (await f.run('entra.createUser', hostile)) as { id: string };
    expect(f.peer.user(created.id)?.props).toMatchObject({ ...hostile, mailNickname: "o'brien" });
    expect(await f.run('entra.findUser', { user: hostile.employeeId })).toMatchObject({ found: true, id: created.id });
    expect(await f.run('entra.createUser', hostile)).toMatchObject({ id: created.id, created: false });
    expect(await f.run('entra.updateUser', { user: hostile.employeeId, displayName: "D'Arcy O''Neil", city: 'Zoë' })).toEqual({ id: created.id, changed: ['displayName', 'city'] });
    expect(f.peer.user(created.id)?.props).toMatchObject({ displayName: "D'Arcy O''Neil", city: 'Zoë' });
    expect(await f.run('entra.isValueFree', { attribute: 'userPrincipalName', value: "o'brien@contoso.com" })).toEqual({ free: false });
    expect(f.peer.activeUsers()).toHaveLength(1);
    // Every filter the connector sent parsed on the peer, which refuses an unescaped quote as a syntax error.
    expect(f.peer.requests.filter((r) => r.status === 400 && r.method === 'GET')).toEqual([]);
  });

  it('looks up long and quote-laden values that match nobody without failing', async () => {
    for (const user of ["O'Brien, Jr. (Sales)", 'Zoë Ñúñez', `'; DROP TABLE users; --`, "''", 'y'.repeat(300)]) {
      expect(await f.run('entra.findUser', { user })).toMatchObject({ found: false });
    }
  });

  it('refuses values Entra ID would refuse before anything reaches Graph, naming the field', async () => {
    const tooLong = await failureOf(f.run('entra.createUser', { ...newHire, displayName: 'n'.repeat(300) }));
    expect(tooLong).toMatchObject({ type: 'EntraInvalidInput', nonRetryable: true });
    expect(tooLong.message).toContain('displayName');
    expect(tooLong.message).toContain('256');
    const accented = await failureOf(f.run('entra.createUser', { ...newHire, userPrincipalName: 'zoë.ñúñez@contoso.com' }));
    expect(accented.message).toContain('userPrincipalName');
    expect(accented.message).toContain('normalize accents');
    expect(posts()).toBe(0);
  });

  it('passes Graph’s own refusal of a value on, without retrying', async () => {
    const failure = await failureOf(f.run('entra.createUser', { ...newHire, userPrincipalName: 'ada@fabrikam.com' }));
    expect(failure).toMatchObject({ type: 'EntraRejected', nonRetryable: true });
    expect(failure.message).toContain('Request_BadRequest: The domain portion of the userPrincipalName property is invalid');
  });
});
