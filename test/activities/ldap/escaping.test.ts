/**
 * Outside values reach OpenLDAP exactly as given, through filters and DNs built with escaping:
 * filter metacharacters match only themselves, DN specials make valid names, non-ASCII, edge
 * spaces and long values are stored unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLdapActivities } from '../../../activities/ldap/index.ts';
import { startSlapd, type Slapd } from '../../peers/slapd.ts';
import { attr, caller, depsFor, directoryConnection, inspector, type Inspector } from '../../support/directory.ts';
import { filterInjection, hostileNames, longValue } from '../../support/hostileValues.ts';

let slapd: Slapd;
let look: Inspector;
let call: (action: string, input: Record<string, unknown>) => Promise<unknown>;

beforeAll(async () => {
  slapd = await startSlapd();
  const connection = directoryConnection('ldap', { url: slapd.url, baseDn: slapd.baseDn }, { bindDn: slapd.serviceDn, password: slapd.servicePassword });
  call = caller(createLdapActivities(depsFor(connection)), connection.id);
  look = await inspector(slapd.url, slapd.rootDn, slapd.rootPassword);
});
afterAll(async () => {
  await look.close();
  await slapd.stop();
});

const entryOf = async (anchor: string) => look.find(slapd.baseDn, 'employeeNumber', anchor, ['*', 'entryCSN']);

describe('ldap escaping', () => {
  it('matches a filter-injection anchor only to itself', async () => {
    await call('ldap.createUser', { anchor: 'abc', name: 'Plain A', sn: 'A', uid: 'abc' });
    await call('ldap.createUser', { anchor: 'a', name: 'Plain B', sn: 'B', uid: 'a' });
    expect(await call('ldap.findUser', { anchor: filterInjection })).toMatchObject({ found: false });
    expect(await call('ldap.isValueFree', { attribute: 'uid', value: filterInjection })).toEqual({ free: true, value: filterInjection });

    const created = await call('ldap.createUser', { anchor: filterInjection, name: 'Injected', sn: filterInjection, uid: filterInjection });
    expect(created).toMatchObject({ created: true });
    expect(await call('ldap.createUser', { anchor: filterInjection, name: 'Injected', sn: filterInjection, uid: filterInjection })).toMatchObject({ created: false });
    const found = await call('ldap.findUser', { anchor: filterInjection, attributes: ['uid', 'sn'] });
    expect(found).toMatchObject({ found: true, attributes: { uid: filterInjection, sn: filterInjection } });
    expect(await call('ldap.isValueFree', { attribute: 'uid', value: filterInjection })).toMatchObject({ free: false });
    expect(attr(await entryOf(filterInjection), 'uid')).toEqual([filterInjection]);
    expect(await look.search(slapd.baseDn, '(employeeNumber=a*)', ['1.1'])).toHaveLength(3);
  });

  it('stores hostile values exactly as given, and a second run changes nothing', async () => {
    const input = {
      anchor: 'H1',
      name: hostileNames.comma,
      sn: hostileNames.backslash,
      givenName: hostileNames.accents,
      displayName: hostileNames.edgeSpaces,
      description: longValue,
    };
    await call('ldap.createUser', input);
    const entry = await entryOf('H1');
    expect(attr(entry, 'cn')).toEqual([hostileNames.comma]);
    expect(attr(entry, 'sn')).toEqual([hostileNames.backslash]);
    expect(attr(entry, 'givenName')).toEqual([hostileNames.accents]);
    expect(attr(entry, 'displayName')).toEqual([hostileNames.edgeSpaces]);
    expect(attr(entry, 'description')).toEqual([longValue]);
    expect(longValue).toHaveLength(300);

    const { anchor, sn, givenName, displayName, description } = input;
    expect(await call('ldap.updateUser', { anchor, sn, givenName, displayName, description })).toMatchObject({ changed: [] });
    expect(await call('ldap.createUser', input)).toMatchObject({ created: false });
    expect(attr(await entryOf('H1'), 'entryCSN')).toEqual(attr(entry, 'entryCSN'));
  });

  it('escapes DN special characters in names, through create, rename and move', async () => {
    const names = [hostileNames.dnSpecials, hostileNames.leadingHash, hostileNames.edgeSpaces, hostileNames.backslash, hostileNames.accents];
    const leavers = `ou=Leavers,${slapd.baseDn}`;
    for (const [i, name] of names.entries()) {
      const anchor = `D${i}`;
      const { dn } = (await call('ldap.createUser', { anchor, name, sn: 'Special' })) as { dn: string };
      // The DN the action returns names exactly this entry on the server.
      const [byDn] = await look.search(dn, '(objectClass=*)', ['cn', 'employeeNumber']);
      expect(attr(byDn, 'cn')).toEqual([name]);
      expect(attr(byDn, 'employeeNumber')).toEqual([anchor]);

      const moved = (await call('ldap.moveUser', { anchor, ou: leavers })) as { dn: string; moved: boolean };
      expect(moved.moved).toBe(true);
      expect(moved.dn.toLowerCase().endsWith(leavers.toLowerCase())).toBe(true);
      expect(attr(await entryOf(anchor), 'cn')).toEqual([name]);
      expect(await call('ldap.moveUser', { anchor, ou: leavers })).toMatchObject({ moved: false });

      const renamed = `${name} (moved)`;
      await call('ldap.updateUser', { anchor, name: renamed });
      const after = await entryOf(anchor);
      expect(attr(after, 'cn')).toEqual([renamed]);
      expect(after?.dn.toLowerCase().endsWith(leavers.toLowerCase())).toBe(true);
      expect(await call('ldap.updateUser', { anchor, name: renamed })).toMatchObject({ changed: [] });
    }
  });
});
