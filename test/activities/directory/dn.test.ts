/** DN escaping and parsing (RFC 4514): what the connectors build is valid, what servers return reads back to the same values. */
import { describe, expect, it } from 'vitest';
import { childDn, escapeDnValue, looksLikeDn, parseDn, sameDn, splitDn } from '../../../activities/directory/dn.ts';
import { hostileNames, longValue } from '../../support/hostileValues.ts';

describe('DN escaping', () => {
  it('escapes every RDN special as a hex pair, a leading # or space, and a trailing space', () => {
    expect(escapeDnValue('Doe, John + "Jr" \\ <x> ; a=b')).toBe('Doe\\2C John \\2B \\22Jr\\22 \\5C \\3Cx\\3E \\3B a\\3Db');
    expect(escapeDnValue('#1 Fan')).toBe('\\231 Fan');
    expect(escapeDnValue('  Padded  ')).toBe('\\20 Padded \\20');
    expect(escapeDnValue('a\0b')).toBe('a\\00b');
    expect(escapeDnValue('Zoë Ñúñez')).toBe('Zoë Ñúñez');
  });

  it('leaves no literal comma in an escaped value, so ldapts splits a new DN at the right place', () => {
    const dn = childDn('cn', 'ends with \\', 'ou=People,dc=x');
    expect(dn).toBe('cn=ends with \\5C,ou=People,dc=x');
    // ldapts' modifyDN takes the new RDN up to the first comma not preceded by a backslash.
    const at = dn.search(/[^\\],/);
    expect(dn.slice(0, at + 1)).toBe('cn=ends with \\5C');
  });

  it('reads back every value it escaped, and the forms servers write', () => {
    for (const value of [...Object.values(hostileNames), longValue, 'a\0b', 'x😀y']) {
      expect(parseDn(childDn('cn', value, 'OU=Staff,DC=example,DC=com'))).toEqual([[{ type: 'cn', value }], [{ type: 'OU', value: 'Staff' }], [{ type: 'DC', value: 'example' }], [{ type: 'DC', value: 'com' }]]);
    }
    expect(parseDn('CN=O\'Brien\\, Jr. (Sales),OU=Staff,DC=x')[0]).toEqual([{ type: 'CN', value: "O'Brien, Jr. (Sales)" }]);
    expect(parseDn('CN=Zo\\C3\\AB,DC=x')[0]).toEqual([{ type: 'CN', value: 'Zoë' }]);
    expect(parseDn('CN=\\ lead\\ ,DC=x')[0]).toEqual([{ type: 'CN', value: ' lead ' }]);
    expect(parseDn('cn="quoted, legacy",dc=x')[0]).toEqual([{ type: 'cn', value: 'quoted, legacy' }]);
    expect(parseDn('cn=a+uid=b,dc=x')[0]).toEqual([{ type: 'cn', value: 'a' }, { type: 'uid', value: 'b' }]);
  });

  it('splits off the first RDN and compares DNs without regard to case or escaping style', () => {
    expect(splitDn('CN=Doe\\2C John,OU=Staff,DC=x')).toEqual({ rdn: [{ type: 'CN', value: 'Doe, John' }], parent: 'OU=Staff,DC=x' });
    expect(sameDn('CN=Doe\\, John,OU=Staff,DC=x', 'cn=doe\\2c john,ou=staff,dc=X')).toBe(true);
    expect(sameDn('OU=Staff,DC=x', 'OU=Leavers,DC=x')).toBe(false);
  });

  it('tells DNs from plain names, and refuses malformed DNs', () => {
    expect(looksLikeDn('CN=Staff,OU=Groups,DC=x')).toBe(true);
    expect(looksLikeDn('Staff')).toBe(false);
    expect(looksLikeDn('Sales = Team')).toBe(false);
    expect(() => parseDn('cn=a,')).toThrow(/ends with a separator/);
    expect(() => parseDn('novalue')).toThrow(/no "="/);
  });
});
