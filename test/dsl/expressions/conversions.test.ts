import { describe, expect, it } from 'vitest';
import { run } from './helpers.ts';

describe('CStr', () => {
  it('renders values as text the way .NET does', async () => {
    expect(await run('CStr([dn])', { dn: 'cn=Joe,dc=contoso,dc=com' })).toBe('cn=Joe,dc=contoso,dc=com');
    expect(await run('CStr(5)')).toBe('5');
    expect(await run('CStr(1.5)')).toBe('1.5');
    expect(await run('CStr(True)')).toBe('True');
    expect(await run('CStr(CDate("2009-06-15T01:45:30-07:00"))')).toBe('6/15/2009 8:45:30 AM');
    expect(await run('CStr([missing])')).toBeNull();
  });
});

describe('base64 and hex encodings', () => {
  it("ConvertToBase64 encodes UTF-16LE (Entra's example)", async () => {
    expect(await run('ConvertToBase64("Hello world!")')).toBe('SABlAGwAbABvACAAdwBvAHIAbABkACEA');
    expect(await run('ConvertToBase64("Zoë")')).toBe('WgBvAOsA');
  });

  it('ConvertFromBase64 decodes Unicode by default, or UTF8 / ASCII', async () => {
    expect(await run('ConvertFromBase64("SABlAGwAbABvACAAdwBvAHIAbABkACEA")')).toBe('Hello world!');
    expect(await run('ConvertFromBase64("SGVsbG8gd29ybGQh", UTF8)')).toBe('Hello world!');
    expect(await run('ConvertFromBase64("Wm/Dqw==", "utf8")')).toBe('Zoë');
    expect(await run('ConvertFromBase64("Wm/Dqw==", ASCII)')).toBe('Zo??');
  });

  it('ConvertFromBase64 rejects text that is not base64', async () => {
    await expect(run('ConvertFromBase64("***")')).rejects.toThrow("ConvertFromBase64: '***' is not base64 text");
    await expect(run('ConvertFromBase64("SGk=", "EBCDIC")')).rejects.toThrow("ConvertFromBase64: Encoding must be Unicode, UTF8 or ASCII, got 'EBCDIC'");
  });

  it("ConvertToUTF8Hex writes upper-case hex of UTF-8 (Entra's example)", async () => {
    expect(await run('ConvertToUTF8Hex("Hello world!")')).toBe('48656C6C6F20776F726C6421');
    expect(await run('ConvertToUTF8Hex("Zoë")')).toBe('5A6FC3AB');
  });
});

describe('BitAnd', () => {
  it("ANDs hex literals (Entra's example)", async () => {
    expect(await run('BitAnd(&HF, &HF7)')).toBe(7);
  });

  it('tests userAccountControl flags', async () => {
    expect(await run('IIF(BitAnd([userAccountControl], 2) = 2, "disabled", "enabled")', { userAccountControl: '514' })).toBe('disabled');
    expect(await run('IIF(BitAnd([userAccountControl], 2) = 2, "disabled", "enabled")', { userAccountControl: 512 })).toBe('enabled');
  });

  it('rejects fractions', async () => {
    await expect(run('BitAnd(1.5, 1)')).rejects.toThrow('BitAnd: value1 must be a whole number, got 1.5');
  });
});

describe('multi-valued attributes', () => {
  const proxyAddresses = ['SMTP:jdoe@contoso.com', 'smtp:john.doe@contoso.com', 'smtp:jd@contoso.com'];

  it('Count counts values', async () => {
    expect(await run('Count([proxyAddresses])', { proxyAddresses })).toBe(3);
    expect(await run('Count([missing])')).toBe(0);
    expect(await run('Count([mail])', { mail: 'x' })).toBe(1);
  });

  it('Item picks a 1-based value and reports out-of-range indexes', async () => {
    expect(await run('Item([proxyAddresses], 1)', { proxyAddresses })).toBe('SMTP:jdoe@contoso.com');
    expect(await run('Item([proxyAddresses], 3)', { proxyAddresses })).toBe('smtp:jd@contoso.com');
    await expect(run('Item([proxyAddresses], 4)', { proxyAddresses })).rejects.toMatchObject({
      message: 'Item: index 4 is out of range: the attribute has 3 value(s)',
      offset: 23,
    });
    await expect(run('Item([proxyAddresses], 0)', { proxyAddresses })).rejects.toThrow('Item: index is 1-based and must be at least 1, got 0');
  });

  it("Split makes a list (Entra's PermissionSets example)", async () => {
    expect(await run('Split([extensionAttribute5], ",")', { extensionAttribute5: 'PermissionSetOne, PermissionSetTwo' })).toEqual([
      'PermissionSetOne',
      'PermissionSetTwo',
    ]);
    expect(await run('Split([x], ";")', { x: 'a;;b; ' })).toEqual(['a', 'b']);
    expect(await run('Split([x], ";")')).toBeNull();
    expect(await run('Join("|", Split("a,b", ","))')).toBe('a|b');
  });

  it('RemoveDuplicates keeps the first of exact duplicates', async () => {
    expect(await run('RemoveDuplicates([proxyAddresses])', { proxyAddresses: ['SMTP:a@x', 'smtp:a@x', 'SMTP:a@x'] })).toEqual(['SMTP:a@x', 'smtp:a@x']);
    expect(await run('RemoveDuplicates([missing])')).toBeNull();
  });

  it('SingleAppRoleAssignment returns one role name', async () => {
    expect(await run('SingleAppRoleAssignment([appRoleAssignments])', { appRoleAssignments: ['Admin', 'User'] })).toBe('Admin');
    expect(await run('SingleAppRoleAssignment([appRoleAssignments])', { appRoleAssignments: 'User' })).toBe('User');
    expect(await run('SingleAppRoleAssignment([appRoleAssignments])')).toBeNull();
  });

  it('DNComponent reads relative distinguished names, escapes included', async () => {
    expect(await run('DNComponent([dn], 1)', { dn: 'cn=Joe,ou=Sales,dc=contoso,dc=com' })).toBe('Joe');
    expect(await run('DNComponent([dn], 2)', { dn: 'cn=Joe,ou=Sales,dc=contoso,dc=com' })).toBe('Sales');
    expect(await run('DNComponent([dn], 1)', { dn: 'CN=Doe\\, John,OU=Sales' })).toBe('Doe, John');
    expect(await run('DNComponent([dn], 9)', { dn: 'cn=Joe' })).toBeNull();
  });
});
