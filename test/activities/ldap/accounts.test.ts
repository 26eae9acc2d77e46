/**
 * The ldap connector's account actions against a real OpenLDAP: what the directory holds after
 * each action, read back on an administrator bind of its own, and that every write run twice
 * leaves one entry, unchanged by the second run (its entryCSN does not move).
 */
import { ApplicationFailure } from '@temporalio/common';
import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLdapActivities } from '../../../activities/ldap/index.ts';
import { startSlapd, type Slapd } from '../../peers/slapd.ts';
import { attr, caller, depsFor, directoryConnection, inspector, type Inspector } from '../../support/directory.ts';

let slapd: Slapd;
let look: Inspector;
let call: (action: string, input: Record<string, unknown>) => Promise<unknown>;
let callMoveMode: typeof call;

beforeAll(async () => {
  slapd = await startSlapd();
  const secrets = { bindDn: slapd.serviceDn, password: slapd.servicePassword };
  // A page size below the service account's size limit (5): only paged searches see everything.
  const attributeMode = directoryConnection('ldap', { url: slapd.url, baseDn: slapd.baseDn, pageSize: 2 }, secrets);
  const moveMode = directoryConnection('ldap', { url: slapd.url, baseDn: slapd.baseDn, disabled: { mode: 'move', disabledOu: `ou=Leavers,${slapd.baseDn}` } }, secrets, 'ldap-move');
  const implementations = createLdapActivities(depsFor(attributeMode, moveMode));
  call = caller(implementations, attributeMode.id);
  callMoveMode = caller(implementations, moveMode.id);
  look = await inspector(slapd.url, slapd.rootDn, slapd.rootPassword);
});
afterAll(async () => {
  await look.close();
  await slapd.stop();
});

const people = () => `ou=People,${slapd.baseDn}`;
const byAnchor = async (anchor: string) => look.search(slapd.baseDn, `(employeeNumber=${anchor})`, ['*', 'entryCSN']);
async function only(anchor: string) {
  const found = await byAnchor(anchor);
  expect(found).toHaveLength(1);
  const [entry] = found;
  if (!entry) throw new Error('unreachable');
  return entry;
}

describe('ldap accounts', () => {
  it('creates the entry disabled in the users container, and a second run leaves that one entry unchanged', async () => {
    const input = { anchor: 'L100', name: 'Ada Lovelace', sn: 'Lovelace', givenName: 'Ada', uid: 'ada', mail: 'ada@example.com', attributes: ['l=London', 'telexNumber=1', 'telexNumber=2'] };
    const first = await call('ldap.createUser', input);
    expect(first).toEqual({ dn: `cn=Ada Lovelace,${people()}`, created: true });
    const entry = await only('L100');
    expect(entry.dn).toBe(`cn=Ada Lovelace,${people()}`);
    expect(attr(entry, 'objectClass')).toEqual(expect.arrayContaining(['inetOrgPerson']));
    expect(attr(entry, 'mail')).toEqual(['ada@example.com']);
    expect(attr(entry, 'l')).toEqual(['London']);
    expect(attr(entry, 'telexNumber').sort()).toEqual(['1', '2']);
    expect(attr(entry, 'employeeType')).toEqual(['disabled']);

    const second = await call('ldap.createUser', input);
    expect(second).toEqual({ dn: entry.dn, created: false });
    expect(attr(await only('L100'), 'entryCSN')).toEqual(attr(entry, 'entryCSN'));
    expect(await call('ldap.findUser', { anchor: 'L100' })).toMatchObject({ found: true, dn: entry.dn, enabled: false, attributes: { uid: 'ada', sn: 'Lovelace' } });
  });

  it('updates only what differs, clears empty values, and a second run changes nothing', async () => {
    await call('ldap.createUser', { anchor: 'L101', name: 'Grace Hopper', sn: 'Hopper', mail: 'grace@example.com', title: 'Rear Admiral' });
    const update = { anchor: 'L101', title: 'Commodore', mail: '', sn: 'Hopper', attributes: { l: 'Arlington', description: null } };
    expect(await call('ldap.updateUser', update)).toEqual({ dn: `cn=Grace Hopper,${people()}`, changed: ['mail', 'title', 'l'] });
    const entry = await only('L101');
    expect(attr(entry, 'title')).toEqual(['Commodore']);
    expect(attr(entry, 'mail')).toEqual([]);
    expect(attr(entry, 'l')).toEqual(['Arlington']);

    expect(await call('ldap.updateUser', update)).toEqual({ dn: entry.dn, changed: [] });
    expect(attr(await only('L101'), 'entryCSN')).toEqual(attr(entry, 'entryCSN'));
  });

  it('renames the entry when its name changes, once', async () => {
    await call('ldap.createUser', { anchor: 'L102', name: 'Mary Jackson', sn: 'Jackson' });
    expect(await call('ldap.updateUser', { anchor: 'L102', name: 'Mary W. Jackson' })).toEqual({ dn: `cn=Mary W. Jackson,${people()}`, changed: ['cn'] });
    expect(await call('ldap.updateUser', { anchor: 'L102', name: 'Mary W. Jackson' })).toEqual({ dn: `cn=Mary W. Jackson,${people()}`, changed: [] });
    const entry = await only('L102');
    expect(entry.dn).toBe(`cn=Mary W. Jackson,${people()}`);
    expect(attr(entry, 'cn')).toEqual(['Mary W. Jackson']);
  });

  it('moves the entry to another container keeping its name, once', async () => {
    await call('ldap.createUser', { anchor: 'L103', name: 'Katherine Johnson', sn: 'Johnson' });
    const leavers = `ou=Leavers,${slapd.baseDn}`;
    expect(await call('ldap.moveUser', { anchor: 'L103', ou: leavers })).toEqual({ dn: `cn=Katherine Johnson,${leavers}`, moved: true });
    const moved = await only('L103');
    expect(await call('ldap.moveUser', { anchor: 'L103', ou: leavers })).toEqual({ dn: `cn=Katherine Johnson,${leavers}`, moved: false });
    const again = await only('L103');
    expect(again.dn).toBe(`cn=Katherine Johnson,${leavers}`);
    expect(attr(again, 'entryCSN')).toEqual(attr(moved, 'entryCSN'));
  });

  it('enables and disables through the status attribute, keeping its other values, each once', async () => {
    await call('ldap.createUser', { anchor: 'L104', name: 'Dorothy Vaughan', sn: 'Vaughan', employeeType: 'Contractor' });
    expect(attr(await only('L104'), 'employeeType').sort()).toEqual(['Contractor', 'disabled']);

    expect(await call('ldap.enableUser', { anchor: 'L104' })).toMatchObject({ enabled: true, changed: true });
    const enabled = await only('L104');
    expect(attr(enabled, 'employeeType')).toEqual(['Contractor']);
    expect(await call('ldap.enableUser', { anchor: 'L104' })).toMatchObject({ enabled: true, changed: false });
    expect(attr(await only('L104'), 'entryCSN')).toEqual(attr(enabled, 'entryCSN'));

    expect(await call('ldap.disableUser', { anchor: 'L104' })).toMatchObject({ enabled: false, changed: true });
    const disabled = await only('L104');
    expect(await call('ldap.disableUser', { anchor: 'L104' })).toMatchObject({ enabled: false, changed: false });
    expect(attr(await only('L104'), 'entryCSN')).toEqual(attr(disabled, 'entryCSN'));

    // Changing employeeType while disabled must not re-enable the account.
    expect(await call('ldap.updateUser', { anchor: 'L104', employeeType: 'Employee' })).toMatchObject({ changed: ['employeeType'] });
    expect(attr(await only('L104'), 'employeeType').sort()).toEqual(['Employee', 'disabled']);
    expect(await call('ldap.findUser', { anchor: 'L104' })).toMatchObject({ enabled: false });
  });

  it('disables by moving to the disabled container when the connection says so', async () => {
    const leavers = `ou=Leavers,${slapd.baseDn}`;
    expect(await callMoveMode('ldap.createUser', { anchor: 'L105', name: 'Annie Easley', sn: 'Easley' })).toEqual({ dn: `cn=Annie Easley,${leavers}`, created: true });
    expect(await callMoveMode('ldap.enableUser', { anchor: 'L105' })).toEqual({ dn: `cn=Annie Easley,${people()}`, enabled: true, changed: true });
    expect(await callMoveMode('ldap.enableUser', { anchor: 'L105' })).toEqual({ dn: `cn=Annie Easley,${people()}`, enabled: true, changed: false });
    expect(await callMoveMode('ldap.disableUser', { anchor: 'L105' })).toEqual({ dn: `cn=Annie Easley,${leavers}`, enabled: false, changed: true });
    expect(await callMoveMode('ldap.disableUser', { anchor: 'L105' })).toEqual({ dn: `cn=Annie Easley,${leavers}`, enabled: false, changed: false });
    expect((await only('L105')).dn).toBe(`cn=Annie Easley,${leavers}`);
  });

  it('sets the manager to the manager’s entry, once, and clears it', async () => {
    await call('ldap.createUser', { anchor: 'L106', name: 'Margaret Hamilton', sn: 'Hamilton' });
    await call('ldap.createUser', { anchor: 'L107', name: 'Don Lickly', sn: 'Lickly' });
    const managerDn = `cn=Margaret Hamilton,${people()}`;
    expect(await call('ldap.setManager', { anchor: 'L107', managerAnchor: 'L106' })).toEqual({ dn: `cn=Don Lickly,${people()}`, managerDn, changed: true });
    const managed = await only('L107');
    expect(attr(managed, 'manager')).toEqual([managerDn]);
    expect(await call('ldap.setManager', { anchor: 'L107', managerAnchor: 'L106' })).toMatchObject({ changed: false });
    expect(attr(await only('L107'), 'entryCSN')).toEqual(attr(managed, 'entryCSN'));

    await expect(call('ldap.setManager', { anchor: 'L107', managerAnchor: 'nobody' })).rejects.toMatchObject({ type: 'ManagerNotFound', nonRetryable: true });
    expect(await call('ldap.setManager', { anchor: 'L107', managerAnchor: null })).toMatchObject({ managerDn: null, changed: true });
    expect(attr(await only('L107'), 'manager')).toEqual([]);
    expect(await call('ldap.setManager', { anchor: 'L107', managerAnchor: '' })).toMatchObject({ changed: false });
  });

  it('sets a given password the server hashes, and generates one that never leaves the step', async () => {
    await call('ldap.createUser', { anchor: 'L108', name: 'Hedy Lamarr', sn: 'Lamarr' });
    const dn = `cn=Hedy Lamarr,${people()}`;
    expect(await call('ldap.setPassword', { anchor: 'L108', password: 'Frequency-Hopping-1942' })).toEqual({ dn, set: true, generated: false });
    expect(await look.canBind(dn, 'Frequency-Hopping-1942')).toBe(true);
    const stored = attr(await only('L108'), 'userPassword');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^\{SSHA\}/);

    const generated = await call('ldap.setPassword', { anchor: 'L108' });
    expect(generated).toEqual({ dn, set: true, generated: true });
    expect(await look.canBind(dn, 'Frequency-Hopping-1942')).toBe(false);
    expect(attr(await only('L108'), 'userPassword')[0]).not.toBe(stored[0]);
  });

  it('deletes the entry, and a second run finds it gone', async () => {
    await call('ldap.createUser', { anchor: 'L109', name: 'Radia Perlman', sn: 'Perlman' });
    expect(await call('ldap.deleteUser', { anchor: 'L109' })).toEqual({ deleted: true, dn: `cn=Radia Perlman,${people()}` });
    expect(await byAnchor('L109')).toHaveLength(0);
    expect(await call('ldap.deleteUser', { anchor: 'L109' })).toEqual({ deleted: false, dn: null });
    expect(await call('ldap.findUser', { anchor: 'L109' })).toEqual({ found: false, dn: null, enabled: null, attributes: {} });
  });

  it('says whether a value is free, counting the person’s own value as free, past the server’s size limit', async () => {
    for (let i = 0; i < 7; i++) await call('ldap.createUser', { anchor: `S${i}`, name: `Same Name ${i}`, sn: 'Same', displayName: 'Same Name', uid: `same${i}` });
    // Unpaged, the service account sees at most 5 entries: the connector must page to see 7.
    const unpaged = new Client({ url: slapd.url });
    await unpaged.bind(slapd.serviceDn, slapd.servicePassword);
    await expect(unpaged.search(slapd.baseDn, { filter: '(displayName=Same Name)' })).rejects.toMatchObject({ code: 4 });
    await unpaged.unbind();

    expect(await call('ldap.isValueFree', { attribute: 'displayName', value: 'Same Name', anchor: 'S0' })).toEqual({ free: false, value: 'Same Name' });
    expect(await call('ldap.isValueFree', { attribute: 'uid', value: 'same3' })).toEqual({ free: false, value: 'same3' });
    expect(await call('ldap.isValueFree', { attribute: 'uid', value: 'same3', anchor: 'S3' })).toEqual({ free: true, value: 'same3' });
    expect(await call('ldap.isValueFree', { attribute: 'uid', value: 'same9' })).toEqual({ free: true, value: 'same9' });
    // Several candidates in one step, in the order asked; the anchor's own values count as free.
    const checks = [
      { attribute: 'uid', value: 'same3' },
      { attribute: 'uid', value: 'same9' },
      { attribute: 'displayName', value: 'Same Name' },
    ];
    expect(await call('ldap.freeValues', { checks })).toEqual({ free: [false, true, false] });
    expect(await call('ldap.freeValues', { checks, anchor: 'S3' })).toEqual({ free: [true, true, false] });
  });

  it('fails without retrying for what retrying cannot fix, saying what to do', async () => {
    await expect(call('ldap.updateUser', { anchor: 'missing', title: 'x' })).rejects.toMatchObject({ type: 'AccountNotFound', nonRetryable: true });
    await expect(call('ldap.createUser', { anchor: 'L110', name: 'No Surname' })).rejects.toMatchObject({ type: 'LdapSchemaViolation', nonRetryable: true });
    await expect(call('ldap.createUser', { anchor: 'L110', name: 'Nowhere', sn: 'N', ou: `ou=Nowhere,${slapd.baseDn}` })).rejects.toMatchObject({ type: 'OuNotFound', nonRetryable: true });
    await expect(call('ldap.createUser', { anchor: 'L110', name: 'Anchor Twice', sn: 'A', attributes: ['employeeNumber=L999'] })).rejects.toMatchObject({ type: 'InvalidAttributes' });
    await expect(call('ldap.createUser', { anchor: 'L110', name: 'Unknown Attribute', sn: 'A', attributes: ['noSuchAttribute=1'] })).rejects.toMatchObject({ type: 'LdapSchemaViolation', nonRetryable: true });
    await expect(call('ldap.updateUser', { anchor: 'L100', attributes: { noSuchAttribute: '1' } })).rejects.toMatchObject({ type: 'LdapSchemaViolation', nonRetryable: true });
    await expect(call('ldap.createUser', { anchor: 'L110', name: 'x', attributes: ['userPassword=secret'] })).rejects.toMatchObject({ type: 'InvalidInput', nonRetryable: true });
    await call('ldap.createUser', { anchor: 'L111', name: 'Taken Name', sn: 'T' });
    await expect(call('ldap.createUser', { anchor: 'L112', name: 'Taken Name', sn: 'T' })).rejects.toMatchObject({ type: 'AccountNameTaken', nonRetryable: true });
    expect(await byAnchor('L112')).toHaveLength(0);
  });

  it('refuses a wrong bind password without retrying, naming the bind DN and never the password', async () => {
    const wrong = directoryConnection('ldap', { url: slapd.url, baseDn: slapd.baseDn }, { bindDn: slapd.serviceDn, password: 'not-the-password' }, 'ldap-wrong');
    const failure: unknown = await caller(createLdapActivities(depsFor(wrong)), wrong.id)('ldap.findUser', { anchor: 'L100' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'LdapInvalidCredentials', nonRetryable: true });
    const message = failure instanceof Error ? failure.message : '';
    expect(message).toContain(slapd.serviceDn);
    expect(message).not.toContain('not-the-password');
  });

  it('retries when the directory cannot be reached', async () => {
    const closed = directoryConnection('ldap', { url: 'ldap://127.0.0.1:1', baseDn: slapd.baseDn }, { bindDn: slapd.serviceDn, password: slapd.servicePassword }, 'ldap-closed');
    await expect(caller(createLdapActivities(depsFor(closed)), closed.id)('ldap.findUser', { anchor: 'L100' })).rejects.toMatchObject({ type: 'LdapUnavailable', nonRetryable: false });
  });

  it('binds again on its pooled connection after the directory restarts', async () => {
    expect(await call('ldap.findUser', { anchor: 'L100' })).toMatchObject({ found: true });
    await slapd.restart();
    expect(await call('ldap.findUser', { anchor: 'L100' })).toMatchObject({ found: true });
    expect(await call('ldap.updateUser', { anchor: 'L100', title: 'Analyst' })).toMatchObject({ changed: ['title'] });
  });
});
