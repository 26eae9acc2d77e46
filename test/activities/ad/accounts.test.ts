/**
 * The ad connector against a real Samba AD domain controller, over LDAPS trusting the CA Samba
 * generated. What the directory holds is read back on an administrator bind of its own; every
 * write runs twice and the second run leaves the account unchanged (its uSNChanged does not move).
 *
 * One file for all AD tests, because a DC takes seconds to provision: accounts, groups, escaping,
 * the connection test, and a published definition run on Temporal.
 */
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adConnector } from '../../../activities/ad/connector.ts';
import { createAdActivities } from '../../../activities/ad/index.ts';
import { typedConnection } from '../../../activities/connections.ts';
import { startSamba, type SambaDc } from '../../peers/samba.ts';
import { attr, caller, depsFor, directoryConnection, inspector, type Inspector } from '../../support/directory.ts';
import { filterInjection, hostileNames, longValue } from '../../support/hostileValues.ts';
import { runView, startedRuns } from '../../support/api.ts';
import { definition, edge, node } from '../../support/definitions.ts';
import { eventually } from '../../support/eventually.ts';
import { freePort } from '../../support/ports.ts';
import { startTestSystem } from '../../support/system.ts';

let dc: SambaDc;
let look: Inspector;
let call: (action: string, input: Record<string, unknown>) => Promise<unknown>;
let config: Record<string, unknown>;
let secrets: Record<string, unknown>;

const staff = () => `OU=Staff,${dc.baseDn}`;
const leavers = () => `OU=Leavers,${dc.baseDn}`;
const engineering = () => `CN=Engineering,${staff()}`;
const sales = () => `CN=Sales Team,${staff()}`;

beforeAll(async () => {
  dc = await startSamba();
  look = await inspector(dc.ldapsUrl, dc.adminDn, dc.adminPassword, { ca: [dc.caCert], servername: dc.serverName });
  for (const ou of [staff(), leavers()]) await look.add(ou, { objectClass: ['top', 'organizationalUnit'] });
  await look.add(engineering(), { objectClass: ['top', 'group'], sAMAccountName: 'Engineering' });
  await look.add(sales(), { objectClass: ['top', 'group'], sAMAccountName: 'sales-team' });
  config = { url: dc.ldapsUrl, baseDn: dc.baseDn, usersOu: staff(), tlsCaCert: dc.caCert, tlsServerName: dc.serverName };
  secrets = { bindDn: dc.adminDn, password: dc.adminPassword };
  const connection = directoryConnection('ad', config, secrets);
  call = caller(createAdActivities(depsFor(connection)), connection.id);
  // The first DC on a machine provisions the template: seconds of CPU on a busy machine.
}, 240_000);
afterAll(async () => {
  await look.close();
  await dc.stop();
});

const byAnchor = async (anchor: string) => look.find(dc.baseDn, 'employeeID', anchor, ['*', 'uSNChanged']);
async function only(anchor: string) {
  const entry = await byAnchor(anchor);
  if (!entry) throw new Error(`no account with employeeID=${anchor}`);
  return entry;
}
const flags = async (anchor: string) => Number(attr(await only(anchor), 'userAccountControl')[0]);

describe('AD accounts', () => {
  it('creates the account disabled in the target OU, and a second run leaves that one account unchanged', async () => {
    const input = {
      anchor: 'E100',
      name: 'Ada Lovelace',
      sAMAccountName: 'ada.lovelace',
      userPrincipalName: 'ada.lovelace@tenure.test',
      givenName: 'Ada',
      sn: 'Lovelace',
      displayName: 'Ada Lovelace',
      mail: 'ada@tenure.test',
      department: 'Engineering',
      title: 'Analyst',
      attributes: ['info=First programmer', 'otherTelephone=1', 'otherTelephone=2'],
    };
    expect(await call('ad.createUser', input)).toEqual({ dn: `CN=Ada Lovelace,${staff()}`, created: true });
    const entry = await only('E100');
    expect(entry.dn).toBe(`CN=Ada Lovelace,${staff()}`);
    expect(attr(entry, 'objectClass')).toContain('user');
    expect(attr(entry, 'sAMAccountName')).toEqual(['ada.lovelace']);
    expect(attr(entry, 'userPrincipalName')).toEqual(['ada.lovelace@tenure.test']);
    expect(attr(entry, 'department')).toEqual(['Engineering']);
    expect(attr(entry, 'info')).toEqual(['First programmer']);
    expect(attr(entry, 'otherTelephone').sort()).toEqual(['1', '2']);
    expect(Number(attr(entry, 'userAccountControl')[0]) & 2).toBe(2);

    expect(await call('ad.createUser', input)).toEqual({ dn: entry.dn, created: false });
    expect(attr(await only('E100'), 'uSNChanged')).toEqual(attr(entry, 'uSNChanged'));
    expect(await look.search(dc.baseDn, '(sAMAccountName=ada.lovelace)', ['1.1'])).toHaveLength(1);
    expect(await call('ad.findUser', { anchor: 'E100' })).toMatchObject({ found: true, dn: entry.dn, enabled: false, attributes: { sAMAccountName: 'ada.lovelace', title: 'Analyst' } });
  });

  it('updates only what differs, clears empty values, renames, and a second run changes nothing', async () => {
    await call('ad.createUser', { anchor: 'E101', name: 'Grace Hopper', sAMAccountName: 'ghopper', sn: 'Hopper', title: 'Rear Admiral', mail: 'grace@tenure.test' });
    const update = { anchor: 'E101', name: 'Grace B. Hopper', title: 'Commodore', mail: null, sn: 'Hopper', attributes: { info: 'COBOL' } };
    expect(await call('ad.updateUser', update)).toEqual({ dn: `CN=Grace B. Hopper,${staff()}`, changed: ['mail', 'title', 'info', 'cn'] });
    const entry = await only('E101');
    expect(entry.dn).toBe(`CN=Grace B. Hopper,${staff()}`);
    expect(attr(entry, 'title')).toEqual(['Commodore']);
    expect(attr(entry, 'mail')).toEqual([]);
    expect(attr(entry, 'info')).toEqual(['COBOL']);

    expect(await call('ad.updateUser', update)).toEqual({ dn: entry.dn, changed: [] });
    expect(attr(await only('E101'), 'uSNChanged')).toEqual(attr(entry, 'uSNChanged'));
  });

  it('moves the account to another OU keeping its name, once', async () => {
    await call('ad.createUser', { anchor: 'E102', name: 'Katherine Johnson', sAMAccountName: 'kjohnson' });
    expect(await call('ad.moveUser', { anchor: 'E102', ou: leavers() })).toEqual({ dn: `CN=Katherine Johnson,${leavers()}`, moved: true });
    const moved = await only('E102');
    expect(await call('ad.moveUser', { anchor: 'E102', ou: leavers() })).toEqual({ dn: moved.dn, moved: false });
    expect(attr(await only('E102'), 'uSNChanged')).toEqual(attr(moved, 'uSNChanged'));
  });

  it('sets a password, enables and disables keeping the other account flags, each once', async () => {
    await call('ad.createUser', { anchor: 'E103', name: 'Dorothy Vaughan', sAMAccountName: 'dvaughan', userPrincipalName: 'dvaughan@tenure.test' });
    const dn = `CN=Dorothy Vaughan,${staff()}`;
    // A flag the connector must keep: the password never expires.
    await look.replace(dn, 'userAccountControl', [String(0x200 | 0x2 | 0x10000)]);

    expect(await call('ad.setPassword', { anchor: 'E103', password: 'Fortran-1961-IBM!', mustChange: false })).toEqual({ dn, set: true, generated: false });
    expect(await call('ad.enableUser', { anchor: 'E103' })).toEqual({ dn, enabled: true, changed: true });
    expect(await flags('E103')).toBe(0x200 | 0x10000);
    const enabled = await only('E103');
    expect(await call('ad.enableUser', { anchor: 'E103' })).toEqual({ dn, enabled: true, changed: false });
    expect(attr(await only('E103'), 'uSNChanged')).toEqual(attr(enabled, 'uSNChanged'));
    expect(await look.canBind('dvaughan@tenure.test', 'Fortran-1961-IBM!')).toBe(true);

    expect(await call('ad.disableUser', { anchor: 'E103' })).toEqual({ dn, enabled: false, changed: true });
    expect(await flags('E103')).toBe(0x200 | 0x2 | 0x10000);
    const disabled = await only('E103');
    expect(await call('ad.disableUser', { anchor: 'E103' })).toEqual({ dn, enabled: false, changed: false });
    expect(attr(await only('E103'), 'uSNChanged')).toEqual(attr(disabled, 'uSNChanged'));
    expect(await look.canBind('dvaughan@tenure.test', 'Fortran-1961-IBM!')).toBe(false);
  });

  it('generates a password inside the step, returns only that it was set, and makes the person change it', async () => {
    await call('ad.createUser', { anchor: 'E104', name: 'Mary Jackson', sAMAccountName: 'mjackson' });
    const result = await call('ad.setPassword', { anchor: 'E104' });
    expect(result).toEqual({ dn: `CN=Mary Jackson,${staff()}`, set: true, generated: true });
    expect(attr(await only('E104'), 'pwdLastSet')).toEqual(['0']);
    expect(await call('ad.enableUser', { anchor: 'E104' })).toMatchObject({ enabled: true, changed: true });
  });

  it('refuses a password the domain’s policy rejects, without retrying', async () => {
    await call('ad.createUser', { anchor: 'E105', name: 'Weak Password', sAMAccountName: 'weakpw' });
    const failure: unknown = await call('ad.setPassword', { anchor: 'E105', password: 'abc' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ type: 'PasswordRejected', nonRetryable: true });
    expect(failure instanceof Error ? failure.message : '').not.toContain('abc"');
  });

  it('sets the manager to the manager’s account, once, and clears it', async () => {
    await call('ad.createUser', { anchor: 'E106', name: 'Margaret Hamilton', sAMAccountName: 'mhamilton' });
    await call('ad.createUser', { anchor: 'E107', name: 'Don Lickly', sAMAccountName: 'dlickly' });
    const managerDn = `CN=Margaret Hamilton,${staff()}`;
    expect(await call('ad.setManager', { anchor: 'E107', managerAnchor: 'E106' })).toEqual({ dn: `CN=Don Lickly,${staff()}`, managerDn, changed: true });
    const managed = await only('E107');
    expect(attr(managed, 'manager')).toEqual([managerDn]);
    expect(await call('ad.setManager', { anchor: 'E107', managerAnchor: 'E106' })).toMatchObject({ changed: false });
    expect(attr(await only('E107'), 'uSNChanged')).toEqual(attr(managed, 'uSNChanged'));
    expect(attr(await only('E106'), 'directReports')).toEqual([managed.dn]);
    expect(await call('ad.setManager', { anchor: 'E107', managerAnchor: null })).toMatchObject({ managerDn: null, changed: true });
    expect(attr(await only('E107'), 'manager')).toEqual([]);
  });

  it('deletes the account, and a second run finds it gone', async () => {
    await call('ad.createUser', { anchor: 'E108', name: 'Radia Perlman', sAMAccountName: 'rperlman' });
    expect(await call('ad.deleteUser', { anchor: 'E108' })).toEqual({ deleted: true, dn: `CN=Radia Perlman,${staff()}` });
    expect(await byAnchor('E108')).toBeUndefined();
    expect(await call('ad.deleteUser', { anchor: 'E108' })).toEqual({ deleted: false, dn: null });
  });

  it('says whether a logon name, UPN or address is free, counting the person’s own as free', async () => {
    await call('ad.createUser', { anchor: 'E109', name: 'Annie Easley', sAMAccountName: 'aeasley', userPrincipalName: 'aeasley@tenure.test', attributes: { proxyAddresses: ['SMTP:annie@tenure.test', 'smtp:a.easley@tenure.test'] } });
    expect(await call('ad.isValueFree', { attribute: 'sAMAccountName', value: 'aeasley' })).toEqual({ free: false, value: 'aeasley' });
    expect(await call('ad.isValueFree', { attribute: 'sAMAccountName', value: 'aeasley', anchor: 'E109' })).toEqual({ free: true, value: 'aeasley' });
    expect(await call('ad.isValueFree', { attribute: 'sAMAccountName', value: 'aeasley2' })).toEqual({ free: true, value: 'aeasley2' });
    expect(await call('ad.isValueFree', { attribute: 'userPrincipalName', value: 'aeasley@tenure.test' })).toMatchObject({ free: false });
    expect(await call('ad.isValueFree', { attribute: 'mail', value: 'a.easley@tenure.test' })).toMatchObject({ free: false });
    expect(await call('ad.isValueFree', { attribute: 'mail', value: 'nobody@tenure.test' })).toMatchObject({ free: true });
  });

  it('answers for several candidate values in one step, in the order asked, each as isValueFree would', async () => {
    await call('ad.createUser', { anchor: 'E111', name: 'Evelyn Boyd', sAMAccountName: 'eboyd', userPrincipalName: 'eboyd@tenure.test', attributes: { proxyAddresses: ['SMTP:evelyn@tenure.test'] } });
    const checks = [
      { attribute: 'sAMAccountName', value: 'eboyd' },
      { attribute: 'sAMAccountName', value: 'eboyd2' },
      { attribute: 'userPrincipalName', value: 'eboyd@tenure.test' },
      { attribute: 'mail', value: 'evelyn@tenure.test' },
      { attribute: 'mail', value: 'e.boyd@tenure.test' },
    ];
    expect(await call('ad.freeValues', { checks })).toEqual({ free: [false, true, false, false, true] });
    // The person's own values count as free, so a rerun keeps them.
    expect(await call('ad.freeValues', { checks, anchor: 'E111' })).toEqual({ free: [true, true, true, true, true] });
    await expect(call('ad.freeValues', { checks: [] })).rejects.toMatchObject({ nonRetryable: true });
  });

  it('fails without retrying for what retrying cannot fix', async () => {
    await expect(call('ad.updateUser', { anchor: 'missing', title: 'x' })).rejects.toMatchObject({ type: 'AccountNotFound', nonRetryable: true });
    await expect(call('ad.createUser', { anchor: 'E110', name: 'Nowhere', ou: `OU=Nowhere,${dc.baseDn}` })).rejects.toMatchObject({ type: 'OuNotFound', nonRetryable: true });
    await expect(call('ad.createUser', { anchor: 'E110', name: 'Logon Taken', sAMAccountName: 'ada.lovelace' })).rejects.toMatchObject({ type: 'AccountNameTaken', nonRetryable: true });
    await expect(call('ad.createUser', { anchor: 'E110', name: 'Ada Lovelace', sAMAccountName: 'ada2' })).rejects.toMatchObject({ type: 'AccountNameTaken', nonRetryable: true });
    await expect(call('ad.createUser', { anchor: 'E110', name: 'Unknown Attribute', attributes: ['noSuchAttribute=1'] })).rejects.toMatchObject({ type: 'LdapSchemaViolation', nonRetryable: true });
    expect(await byAnchor('E110')).toBeUndefined();
  });
});

describe('AD groups', () => {
  it('adds the account to groups named by sAMAccountName, cn or DN, once, and removes it once', async () => {
    const { dn } = (await call('ad.createUser', { anchor: 'E200', name: 'Hedy Lamarr', sAMAccountName: 'hlamarr' })) as { dn: string };
    expect(await call('ad.addToGroups', { anchor: 'E200', groups: ['Engineering', 'Sales Team'] })).toEqual({ dn, added: [engineering(), sales()], alreadyMember: [] });
    expect(await call('ad.addToGroups', { anchor: 'E200', groups: [engineering(), 'sales-team'] })).toEqual({ dn, added: [], alreadyMember: [engineering(), sales()] });
    expect(attr(await only('E200'), 'memberOf').sort()).toEqual([engineering(), sales()].sort());

    expect(await call('ad.removeFromGroups', { anchor: 'E200', groups: 'Engineering' })).toEqual({ dn, removed: [engineering()], notMember: [] });
    expect(await call('ad.removeFromGroups', { anchor: 'E200', groups: 'Engineering' })).toEqual({ dn, removed: [], notMember: [engineering()] });
    expect(attr(await only('E200'), 'memberOf')).toEqual([sales()]);
    await expect(call('ad.addToGroups', { anchor: 'E200', groups: 'Nope' })).rejects.toMatchObject({ type: 'GroupNotFound', nonRetryable: true });
  });
});

describe('AD escaping', () => {
  it('matches a filter-injection anchor only to itself', async () => {
    await call('ad.createUser', { anchor: 'abc', name: 'Plain A', sAMAccountName: 'plaina' });
    expect(await call('ad.findUser', { anchor: filterInjection })).toMatchObject({ found: false });
    expect(await call('ad.createUser', { anchor: filterInjection, name: 'Injected', sAMAccountName: 'injected' })).toMatchObject({ created: true });
    expect(await call('ad.createUser', { anchor: filterInjection, name: 'Injected', sAMAccountName: 'injected' })).toMatchObject({ created: false });
    expect(await call('ad.findUser', { anchor: filterInjection })).toMatchObject({ found: true, dn: `CN=Injected,${staff()}` });
    expect(attr(await only(filterInjection), 'sAMAccountName')).toEqual(['injected']);
    expect(await call('ad.isValueFree', { attribute: 'displayName', value: filterInjection })).toMatchObject({ free: true });
  });

  it('stores hostile values exactly as given, and a second run changes nothing', async () => {
    const input = { anchor: 'H1', name: hostileNames.comma, sAMAccountName: 'obrien', sn: hostileNames.backslash, givenName: hostileNames.accents, displayName: hostileNames.edgeSpaces, description: longValue };
    await call('ad.createUser', input);
    const entry = await only('H1');
    expect(attr(entry, 'cn')).toEqual([hostileNames.comma]);
    expect(attr(entry, 'sn')).toEqual([hostileNames.backslash]);
    expect(attr(entry, 'givenName')).toEqual([hostileNames.accents]);
    expect(attr(entry, 'displayName')).toEqual([hostileNames.edgeSpaces]);
    expect(attr(entry, 'description')).toEqual([longValue]);
    const { anchor, sn, givenName, displayName, description } = input;
    expect(await call('ad.updateUser', { anchor, sn, givenName, displayName, description })).toMatchObject({ changed: [] });
    expect(await call('ad.createUser', input)).toMatchObject({ created: false });
    expect(attr(await only('H1'), 'uSNChanged')).toEqual(attr(entry, 'uSNChanged'));
  });

  it('escapes DN special characters in names, through create, move and rename', async () => {
    const names = [hostileNames.dnSpecials, hostileNames.leadingHash, hostileNames.edgeSpaces, hostileNames.backslash];
    for (const [i, name] of names.entries()) {
      const anchor = `D${i}`;
      const { dn } = (await call('ad.createUser', { anchor, name, sAMAccountName: `special${i}` })) as { dn: string };
      const [byDn] = await look.search(dn, '(objectClass=user)', ['cn', 'employeeID']);
      expect(attr(byDn, 'cn')).toEqual([name]);
      expect(attr(byDn, 'employeeID')).toEqual([anchor]);

      expect(await call('ad.moveUser', { anchor, ou: leavers() })).toMatchObject({ moved: true });
      expect(await call('ad.moveUser', { anchor, ou: leavers() })).toMatchObject({ moved: false });
      const renamed = `${name.slice(0, 40)} (moved)`;
      await call('ad.updateUser', { anchor, name: renamed });
      const after = await only(anchor);
      expect(attr(after, 'cn')).toEqual([renamed]);
      expect(after.dn.endsWith(leavers())).toBe(true);
    }
  });
});

describe('AD connection test', () => {
  const test = async (overrides: Record<string, unknown>, password?: string) =>
    adConnector.test(typedConnection(adConnector, directoryConnection('ad', { ...config, ...overrides }, { ...secrets, ...(password ? { password } : {}) })));

  it('passes every stage over LDAPS and over StartTLS', async () => {
    for (const url of [dc.ldapsUrl, dc.ldapUrl]) {
      const report = await test({ url, startTls: url.startsWith('ldap:') });
      expect(report.steps.map((s) => [s.step, s.ok])).toEqual([
        ['dns', true],
        ['tcp', true],
        ['tls', true],
        ['bind', true],
        ['permission', true],
      ]);
    }
  });

  it('stops at bind for a wrong password, at tcp for a closed port, at tls for an untrusted certificate', async () => {
    const wrong = await test({}, 'Wrong-Passw0rd!');
    expect(wrong.steps.at(-1)).toMatchObject({ step: 'bind', ok: false });
    expect(wrong.steps.at(-1)?.detail).toContain(`invalid credentials for ${dc.adminDn}`);
    expect(JSON.stringify(wrong)).not.toContain('Wrong-Passw0rd!');

    const closed = await test({ url: `ldaps://127.0.0.1:${await freePort()}` });
    expect(closed.steps.at(-1)).toMatchObject({ step: 'tcp', ok: false });

    const untrusted = await test({ tlsCaCert: undefined });
    expect(untrusted.steps.at(-1)).toMatchObject({ step: 'tls', ok: false });
    expect(untrusted.steps.at(-1)?.detail).toContain('tlsCaCert');
  });

  it('runs actions over StartTLS as well as LDAPS', async () => {
    const startTls = directoryConnection('ad', { ...config, url: dc.ldapUrl, startTls: true }, secrets, 'ad-starttls');
    const overStartTls = caller(createAdActivities(depsFor(startTls)), startTls.id);
    expect(await overStartTls('ad.findUser', { anchor: 'E100' })).toMatchObject({ found: true, dn: `CN=Ada Lovelace,${staff()}` });
    expect(await overStartTls('ad.updateUser', { anchor: 'E100', title: 'Analyst (StartTLS)' })).toMatchObject({ changed: ['title'] });
    expect(attr(await only('E100'), 'title')).toEqual(['Analyst (StartTLS)']);
  });

  it('refuses a connection that would bind without TLS', () => {
    const parsed = adConnector.config.safeParse({ ...config, url: dc.ldapUrl });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('ldaps://');
  });

  it('maps a wrong bind password to a non-retryable failure naming the bind DN', async () => {
    const wrong = directoryConnection('ad', config, { ...secrets, password: 'Wrong-Passw0rd!' }, 'ad-wrong');
    const failure: unknown = await caller(createAdActivities(depsFor(wrong)), wrong.id)('ad.findUser', { anchor: 'E100' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'LdapInvalidCredentials', nonRetryable: true });
    expect(failure instanceof Error ? failure.message : '').toContain(dc.adminDn);
  });
});

describe('AD on Temporal', () => {
  it('runs a published definition whose steps create the account and set its password, and the account exists afterwards', async () => {
    const sys = await startTestSystem();
    try {
      const created = await sys.api('POST', '/api/connections', { id: 'corp-ad', kind: 'ad', name: 'Corporate AD', config, secrets });
      expect(created.status).toBe(201);
      const def = definition(
        'ad-joiner',
        [
          node({ id: 'start', type: 'start', data: {} }),
          node({
            id: 'create',
            type: 'action',
            data: {
              action: 'ad.createUser',
              connectionId: 'corp-ad',
              params: {
                anchor: { expression: '[employeeId]' },
                name: { expression: 'Join(" ", [givenName], [surname])' },
                sAMAccountName: { expression: 'ToLower(Join(".", [givenName], [surname]))' },
                givenName: { expression: '[givenName]' },
                sn: { expression: '[surname]' },
                department: { expression: '[department]' },
              },
            },
          }),
          node({ id: 'password', type: 'action', data: { action: 'ad.setPassword', connectionId: 'corp-ad', params: { anchor: { expression: '[employeeId]' } } } }),
          node({ id: 'end', type: 'end', data: {} }),
        ],
        [edge('start', 'create'), edge('create', 'password'), edge('password', 'end')],
        { lifecycle: 'joiner' },
      );
      expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
      expect((await sys.api('POST', `/api/definitions/${def.id}/publish`)).status).toBe(201);
      const attributes = { employeeId: 'T900', givenName: 'Joan', surname: 'Clarke', department: 'Hut 8' };
      const started = await sys.api('POST', '/api/runs', { definitionId: def.id, people: [{ employeeId: 'T900', attributes }] });
      expect(started.status).toBe(202);
      const runId = startedRuns.parse(started.body).runs[0]?.id ?? '';

      const done = await eventually(
        async () => {
          const view = runView.parse((await sys.api('GET', `/api/runs/${runId}`)).body);
          return view.workflowStatus === 'RUNNING' ? undefined : view;
        },
        'the run to finish',
        60_000,
      );
      expect(done).toMatchObject({ workflowStatus: 'COMPLETED', outcome: 'succeeded' });
      expect(done.trace.find((t) => t.nodeId === 'create')).toMatchObject({ output: { dn: `CN=Joan Clarke,${staff()}`, created: true } });
      expect(done.trace.find((t) => t.nodeId === 'password')).toMatchObject({ output: { set: true, generated: true } });

      const account = await only('T900');
      expect(account.dn).toBe(`CN=Joan Clarke,${staff()}`);
      expect(attr(account, 'sAMAccountName')).toEqual(['joan.clarke']);
      expect(attr(account, 'department')).toEqual(['Hut 8']);
      expect(Number(attr(account, 'userAccountControl')[0]) & 2).toBe(2);
      expect(attr(account, 'pwdLastSet')).toEqual(['0']);
    } finally {
      await sys.stop();
    }
  });
});
