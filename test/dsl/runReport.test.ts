/**
 * A finished run's report for the person: rule outcomes and operations for the timeline, and the
 * linked accounts the account actions leave behind (created disabled, enabled, disabled, deleted).
 */
import { describe, expect, it } from 'vitest';
import { linkAccounts, runTimeline, type LinkedAccount, type TraceEntry } from '../../workflows/dsl/index.ts';

const at = '2026-11-22T10:00:00.000Z';
const dn = 'CN=José García,OU=Sales,DC=example,DC=com';
const step = (nodeId: string, action: string, connectionId: string, input: Record<string, unknown>, output: unknown): TraceEntry => ({ nodeId, at, handle: 'next', action, connectionId, input, output });

describe('run report', () => {
  it('names each decision’s outcome with the rule that chose it, and each operation’s result', () => {
    const trace: TraceEntry[] = [
      { nodeId: 'start', at, handle: 'next' },
      {
        nodeId: 'dept',
        at,
        handle: 'sales',
        rules: [
          { outcome: 'engineering', matched: false, conditions: [{ fact: 'department', operator: 'equal', value: 'Engineering', factValue: 'Sales', result: false }] },
          { outcome: 'sales', matched: true, conditions: [{ fact: 'department', operator: 'equal', value: 'Sales', factValue: 'Sales', result: true }] },
        ],
      },
      step('create', 'ad.createUser', 'ad', { anchor: 'E1' }, { dn, created: true }),
      step('update', 'ad.updateUser', 'ad', { anchor: 'E1' }, { dn, changed: ['title', 'department'] }),
      { nodeId: 'app', at, handle: 'error', action: 'scim.createUser', connectionId: 'app', input: {}, error: 'the SCIM server refused the user: 409' },
    ];
    expect(runTimeline(trace)).toEqual([
      { kind: 'rule', at, nodeId: 'dept', message: 'decision dept: sales (department equal "Sales")' },
      { kind: 'operation', at, nodeId: 'create', message: `ad.createUser on ad: created (${dn})` },
      { kind: 'operation', at, nodeId: 'update', message: `ad.updateUser on ad: changed title, department (${dn})` },
      { kind: 'operation', at, nodeId: 'app', message: 'scim.createUser on app: failed: the SCIM server refused the user: 409' },
    ]);
  });

  it('names a presence rule without the null its condition carries', () => {
    const trace: TraceEntry[] = [
      { nodeId: 'route', at, handle: 'noMail', rules: [{ outcome: 'noMail', matched: true, conditions: [{ fact: 'mail', operator: 'isMissing', value: null, factValue: undefined, result: true }] }] },
    ];
    expect(runTimeline(trace)).toEqual([{ kind: 'rule', at, nodeId: 'route', message: 'decision route: noMail (mail isMissing)' }]);
  });

  it('links the accounts a joiner creates, disabled in AD and as the input says in Entra and SCIM', () => {
    const accounts = linkAccounts(
      {},
      [
        step('ad', 'ad.createUser', 'ad', { anchor: 'E1' }, { dn, created: true }),
        step('entra', 'entra.createUser', 'entra', { accountEnabled: false }, { id: 'u-1', userPrincipalName: 'jose@example.com', created: true, passwordGenerated: true }),
        step('app', 'scim.createUser', 'app', { userName: 'jose' }, { found: true, id: 's-1', userName: 'jose', active: true, created: true, changed: [] }),
        step('log', 'core.log', 'none', {}, { logged: true }),
      ],
      'run-1',
      'E1',
    );
    expect(Object.values(accounts).map((a) => [a.connectionId, a.kind, a.id, a.status])).toEqual([
      ['ad', 'ad', dn, 'disabled'],
      ['entra', 'entra', 'u-1', 'disabled'],
      ['app', 'scim', 's-1', 'enabled'],
    ]);
    expect(accounts.ad).toMatchObject({ runId: 'run-1', action: 'ad.createUser', at });
  });

  it('follows the account through enable, disable and delete, and keeps its state when a step only changes it', () => {
    let accounts: Record<string, LinkedAccount> = linkAccounts({}, [step('c', 'ad.createUser', 'ad', {}, { dn, created: true })], 'r1', 'E1');
    accounts = linkAccounts(accounts, [step('e', 'ad.enableUser', 'ad', {}, { dn, enabled: true, changed: true })], 'r2', 'E1');
    expect(accounts.ad?.status).toBe('enabled');
    accounts = linkAccounts(accounts, [step('g', 'ad.addToGroups', 'ad', {}, { dn, added: ['CN=Sales'], alreadyMember: [] })], 'r3', 'E1');
    expect(accounts.ad).toMatchObject({ status: 'enabled', runId: 'r3' });
    accounts = linkAccounts(accounts, [step('d', 'ad.disableUser', 'ad', {}, { dn, enabled: false, changed: true })], 'r4', 'E1');
    expect(accounts.ad?.status).toBe('disabled');
    accounts = linkAccounts(accounts, [step('x', 'ad.deleteUser', 'ad', {}, { dn, deleted: true })], 'r5', 'E1');
    expect(accounts.ad).toMatchObject({ id: dn, status: 'deleted', action: 'ad.deleteUser' });
  });

  it('ignores failed steps, lookups that found nobody, and a create that found the account already there keeps what was known', () => {
    const before = linkAccounts({}, [step('e', 'scim.reactivateUser', 'app', {}, { id: 's-1', changed: true })], 'r1', 'E1');
    expect(before.app?.status).toBe('enabled');
    const after = linkAccounts(
      before,
      [
        { nodeId: 'd', at, action: 'scim.deactivateUser', connectionId: 'app', input: {}, error: 'timeout' },
        step('f', 'entra.findUser', 'entra', {}, { found: false, id: null, userPrincipalName: null }),
        step('c', 'scim.createUser', 'app', { active: false }, { found: true, id: 's-1', created: false, changed: [] }),
      ],
      'r2',
      'E1',
    );
    expect(after.app).toMatchObject({ status: 'enabled', runId: 'r2' });
    expect(after.entra).toBeUndefined();
  });

  it('never links a user a step names for someone else, such as the manager the manager steps look up', () => {
    const own = step('update', 'entra.updateUser', 'entra', { user: 'E1' }, { id: 'u-1', changed: [] });
    const manager = step('findManager', 'entra.findUser', 'entra', { user: 'M1' }, { found: true, id: 'u-manager', userPrincipalName: 'boss@example.com', displayName: 'Boss', accountEnabled: false });
    const managerAd = step('findManagerAd', 'ad.findUser', 'ad', { anchor: 'M1' }, { found: true, dn: 'CN=Boss,DC=example,DC=com' });
    const accounts = linkAccounts({}, [own, manager, managerAd], 'r1', 'E1');
    expect(accounts.entra).toMatchObject({ id: 'u-1', action: 'entra.updateUser' });
    expect(accounts.ad).toBeUndefined();
    // A step naming the person by the object id an earlier step of the run found is theirs.
    const byId = linkAccounts({}, [own, step('off', 'entra.disableUser', 'entra', { user: 'u-1' }, { id: 'u-1', changed: true })], 'r2', 'E1');
    expect(byId.entra).toMatchObject({ id: 'u-1', status: 'disabled' });
  });
});
