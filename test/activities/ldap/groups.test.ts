/**
 * The ldap connector's group actions against a real OpenLDAP: membership through groupOfNames'
 * member attribute, groups named by DN or by cn, each change made once however often it runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLdapActivities } from '../../../activities/ldap/index.ts';
import { startSlapd, type Slapd } from '../../peers/slapd.ts';
import { attr, caller, depsFor, directoryConnection, inspector, type Inspector } from '../../support/directory.ts';

let slapd: Slapd;
let look: Inspector;
let call: (action: string, input: Record<string, unknown>) => Promise<unknown>;
let userDn: string;

beforeAll(async () => {
  slapd = await startSlapd();
  const connection = directoryConnection('ldap', { url: slapd.url, baseDn: slapd.baseDn }, { bindDn: slapd.serviceDn, password: slapd.servicePassword });
  call = caller(createLdapActivities(depsFor(connection)), connection.id);
  look = await inspector(slapd.url, slapd.rootDn, slapd.rootPassword);
  ({ dn: userDn } = (await call('ldap.createUser', { anchor: 'G1', name: 'Ada Lovelace', sn: 'Lovelace' })) as { dn: string });
});
afterAll(async () => {
  await look.close();
  await slapd.stop();
});

const staff = () => `cn=Staff,${slapd.groupsDn}`;
const engineering = () => `cn=Engineering,${slapd.groupsDn}`;
const members = async (groupDn: string) => attr((await look.search(groupDn, '(objectClass=groupOfNames)', ['member']))[0], 'member');

describe('ldap groups', () => {
  it('adds the entry to groups named by cn or DN, once', async () => {
    expect(await call('ldap.addToGroups', { anchor: 'G1', groups: ['Staff', engineering()] })).toEqual({ dn: userDn, added: [staff(), engineering()], alreadyMember: [] });
    expect(await call('ldap.addToGroups', { anchor: 'G1', groups: ['Staff', engineering()] })).toEqual({ dn: userDn, added: [], alreadyMember: [staff(), engineering()] });
    expect((await members(staff())).sort()).toEqual([slapd.placeholderDn, userDn].sort());
    expect((await members(engineering())).sort()).toEqual([slapd.placeholderDn, userDn].sort());
  });

  it('keeps memberships pointing at the entry when it moves', async () => {
    const moved = (await call('ldap.moveUser', { anchor: 'G1', ou: `ou=Leavers,${slapd.baseDn}` })) as { dn: string };
    expect(await members(staff())).toContain(moved.dn);
    await call('ldap.moveUser', { anchor: 'G1', ou: `ou=People,${slapd.baseDn}` });
    expect(await members(staff())).toContain(userDn);
  });

  it('removes the entry from groups, once', async () => {
    expect(await call('ldap.removeFromGroups', { anchor: 'G1', groups: 'Engineering' })).toEqual({ dn: userDn, removed: [engineering()], notMember: [] });
    expect(await call('ldap.removeFromGroups', { anchor: 'G1', groups: 'Engineering' })).toEqual({ dn: userDn, removed: [], notMember: [engineering()] });
    expect(await members(engineering())).toEqual([slapd.placeholderDn]);
    expect(await members(staff())).toContain(userDn);
  });

  it('fails without retrying for an unknown group, and for removing a group’s last member', async () => {
    await expect(call('ldap.addToGroups', { anchor: 'G1', groups: ['No Such Group'] })).rejects.toMatchObject({ type: 'GroupNotFound', nonRetryable: true });
    await expect(call('ldap.addToGroups', { anchor: 'G1', groups: [`cn=Nope,${slapd.groupsDn}`] })).rejects.toMatchObject({ type: 'GroupNotFound', nonRetryable: true });
    await call('ldap.createUser', { anchor: 'G2', name: 'Solo Member', sn: 'Member' });
    const solo = (await call('ldap.findUser', { anchor: 'G2' })) as { dn: string };
    // A group whose only member is G2, created beside the connector.
    await look.add(`cn=Solo,${slapd.groupsDn}`, { objectClass: ['groupOfNames'], cn: ['Solo'], member: [solo.dn] });
    await expect(call('ldap.removeFromGroups', { anchor: 'G2', groups: 'Solo' })).rejects.toMatchObject({ type: 'LastGroupMember', nonRetryable: true });
    expect(await members(`cn=Solo,${slapd.groupsDn}`)).toEqual([solo.dn]);
  });
});
