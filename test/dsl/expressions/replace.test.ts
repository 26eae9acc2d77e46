import { describe, expect, it } from 'vitest';
import { run } from './helpers.ts';

describe("Replace: Entra's documented examples", () => {
  it('oldValue + replacementValue replaces a job title', async () => {
    expect(await run('Replace([BusinessTitle],"Product Developer", , , "Software Engineer", , )', { BusinessTitle: 'Product Developer' })).toBe(
      'Software Engineer',
    );
  });

  it('oldValue + replacementValue strips a known domain', async () => {
    expect(await run('Replace([mail], "@contoso.com", , ,"", ,)', { mail: 'john.doe@contoso.com' })).toBe('john.doe');
  });

  it('oldValue + template inserts the source into a template', async () => {
    expect(await run('Replace([UserID],"<username>", , , , , "<username>@contoso.com")', { UserID: 'jsmith' })).toBe('jsmith@contoso.com');
  });

  it('regexPattern + replacementValue rebuilds the value from named groups', async () => {
    const expression = 'Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", , "${phoneNumber}", , )';
    expect(await run(expression, { telephoneNumber: '+91 9998887777' })).toBe('9998887777');
  });

  it('regexPattern + empty replacementValue collapses a phone number', async () => {
    // Entra's page shows 19998887777, but its pattern [()\s-]+ does not match the leading +.
    expect(await run('Replace([mobile], , "[()\\\\s-]+", , "", , )', { mobile: '+1 (999) 888-7777' })).toBe('+19998887777');
    expect(await run('Replace([mobile], , "[()\\\\s-]+", , "", , )', { mobile: '1 (999) 888-7777' })).toBe('19998887777');
  });

  it('regexPattern + empty replacementValue removes matching characters', async () => {
    expect(await run('Replace([mailNickname], , "[a-zA-Z_]*", , "", , )', { mailNickname: 'john_doe72' })).toBe('72');
  });

  it('regexPattern + regexGroupName + replacementValue replaces only the group', async () => {
    expect(await run('Replace([AddressLineData], ,"(?<streetNumber>^\\\\d*)","streetNumber", "888", , )', { AddressLineData: '545 Tremont Street' })).toBe(
      '888 Tremont Street',
    );
    expect(await run('Replace([userPrincipalName], , "(?<Suffix>@(.)*)", "Suffix", "", , )', { userPrincipalName: 'jsmith@contoso.com' })).toBe('jsmith');
  });

  it('regexPattern + regexGroupName + replacementAttributeName falls back to another attribute', async () => {
    const expression = 'Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", "phoneNumber" , , [mobile], )';
    expect(await run(expression, { telephoneNumber: '', mobile: '+91 8887779999' })).toBe('8887779999');
    expect(await run(expression, { mobile: '+91 8887779999' })).toBe('8887779999');
    expect(await run(expression, { telephoneNumber: '+1 4255550100', mobile: '+91 8887779999' })).toBe('+1 4255550100');
    expect(await run(expression, { telephoneNumber: '', mobile: 'none' })).toBeNull();
  });

  it('builds an ID from the object ID (Entra\'s "1000" example)', async () => {
    const expression = 'Join("", 1000, Replace(ConvertToUTF8Hex([objectId]), , "[a-zA-Z_]*", , "", , ))';
    // UTF-8 hex of the GUID is 3030616130306161 2D 62623131 2D …; removing letters drops each D.
    const expected = ['1000', '3030616130306161', '2', '62623131', '2', '63633232', '2', '64643333', '2', '343465653434656534346565'].join('');
    expect(await run(expression, { objectId: '00aa00aa-bb11-cc22-dd33-44ee44ee44ee' })).toBe(expected);
  });
});

describe('Replace: .NET regular-expression details', () => {
  it('expands numbered groups, $0 and $$', async () => {
    expect(await run('Replace("John Smith", , "(\\\\w+) (\\\\w+)", , "$2, $1", , )')).toBe('Smith, John');
    expect(await run('Replace("5 apples", , "\\\\d", , "$$$0", , )')).toBe('$5 apples');
  });

  it('honours a leading (?i) option', async () => {
    expect(await run('Replace("ABC abc", , "(?i)b", , "-", , )')).toBe('A-C a-c');
  });

  it('is case-sensitive for literal replacement', async () => {
    expect(await run('Replace("Sales sales", "sales", , , "Ops", , )')).toBe('Sales Ops');
  });

  it('returns null for a missing source', async () => {
    expect(await run('Replace([x], "a", , , "b", , )')).toBeNull();
    expect(await run('Replace([x], , "a", , "b", , )')).toBeNull();
  });
});

describe('Replace: misuse is reported', () => {
  it('rejects an invalid pattern', async () => {
    await expect(run('Replace("x", , "(", , "", , )')).rejects.toThrow(/^Replace: regexPattern '\(' is not a valid regular expression/);
  });

  it('rejects a group name the pattern does not define', async () => {
    await expect(run('Replace("x", , "(?<a>x)", "nope", "", , )')).rejects.toThrow("Replace: regexPattern has no group named 'nope'");
  });

  it('rejects incomplete or conflicting argument sets', async () => {
    await expect(run('Replace("x", "a", , , , , )')).rejects.toThrow('Replace: with oldValue, give exactly one of replacementValue and template');
    await expect(run('Replace("x", "a", , , "b", , "t")')).rejects.toThrow('Replace: with oldValue, give exactly one of replacementValue and template');
    await expect(run('Replace("x", "a", "b", , "c", , )')).rejects.toThrow('Replace: give either oldValue or regexPattern, not both');
    await expect(run('Replace("x", , "a", , , , )')).rejects.toThrow(
      'Replace: with regexPattern, also give replacementValue, or regexGroupName with replacementAttributeName',
    );
    await expect(run('Replace("x", , , , "b", , )')).rejects.toThrow('Replace: give oldValue or regexPattern');
    await expect(run('Replace("x", "", , , "b", , )')).rejects.toThrow('Replace: oldValue must not be empty');
  });
});
