import { describe, expect, it } from 'vitest';
import { ExpressionEvaluationError } from '../../../workflows/dsl/expressions/index.ts';
import { run } from './helpers.ts';

describe('Append', () => {
  it("appends a suffix (Entra's Salesforce sandbox example)", async () => {
    expect(await run('Append([userPrincipalName], ".test")', { userPrincipalName: 'John.Doe@contoso.com' })).toBe('John.Doe@contoso.com.test');
  });

  it('gives null when the source is missing rather than a bare suffix', async () => {
    expect(await run('Append([userPrincipalName], ".test")')).toBeNull();
  });
});

describe('Join', () => {
  it("builds an address from a name with diacritics and spaces (Entra's example)", async () => {
    const expression = 'Join("@", NormalizeDiacritics(StripSpaces([firstName])), "contoso.com")';
    expect(await run(expression, { firstName: 'Zoë' })).toBe('Zoe@contoso.com');
    expect(await run(expression, { firstName: 'Zoë Ñúñez' })).toBe('ZoeNunez@contoso.com');
  });

  it("leaves out empty values (Entra's 'Doe, John' example)", async () => {
    expect(await run('Join(", ", "", [surname], [givenName])', { givenName: 'John', surname: 'Doe' })).toBe('Doe, John');
  });

  it('leaves out missing attributes', async () => {
    expect(await run('Join(".", [givenName], [middleName], [sn])', { givenName: 'John', sn: 'Smith' })).toBe('John.Smith');
  });

  it('joins every value of a multi-valued attribute', async () => {
    expect(await run('Join(";", [proxyAddresses], [mail])', { proxyAddresses: ['smtp:a@x', 'smtp:b@x'], mail: 'c@x' })).toBe('smtp:a@x;smtp:b@x;c@x');
  });

  it('writes numbers in their plain form', async () => {
    expect(await run('Join("", 1000, [id], 2.5)', { id: 'abc' })).toBe('1000abc2.5');
  });
});

describe('Left, Mid, Len and Word', () => {
  it('Left follows the documented edge cases', async () => {
    expect(await run('Left("John Doe", 3)')).toBe('Joh');
    expect(await run('Left("John Doe", 0)')).toBe('');
    expect(await run('Left("John Doe", -1)')).toBe('John Doe');
    expect(await run('Left("ab", 5)')).toBe('ab');
    expect(await run('Left([missing], 2)')).toBe('');
  });

  it("Mid builds Entra's alias example", async () => {
    expect(await run('Append(Mid([givenName], 1, 3), Mid([surname], 1, 5))', { givenName: 'John', surname: 'Doe' })).toBe('JohDoe');
    expect(await run('Mid("abc", 5, 2)')).toBe('');
    expect(await run('Mid([missing], 1, 2)')).toBeNull();
  });

  it('Mid rejects a start below 1 at the argument', async () => {
    await expect(run('Mid("abc", 0, 2)')).rejects.toMatchObject({ message: 'Mid: start is 1-based and must be at least 1, got 0', offset: 11, end: 12 });
  });

  it('Len counts characters, of numbers too', async () => {
    expect(await run('Len("John Doe")')).toBe(8);
    expect(await run('Len(42568)')).toBe(5);
    expect(await run('Len(42568.75)')).toBe(8);
    expect(await run('Len([missing])')).toBe(0);
  });

  it("Len drives Entra's 10-character alias example", async () => {
    const expression = `IIF(Len([LastName]) <= 5,
      Left(Join ("",[LastName],[FirstName]),10),
      Join("", Mid([LastName],1,9), Mid([FirstName],1,1)))`;
    expect(await run(expression, { FirstName: 'John', LastName: 'Smith' })).toBe('SmithJohn');
    expect(await run(expression, { FirstName: 'John', LastName: 'Parker' })).toBe('ParkerJ');
  });

  it('Word returns the n-th word between any of the delimiters', async () => {
    expect(await run('Word("The quick brown fox",3," ")')).toBe('brown');
    expect(await run('Word("This,string!has&many separators",3,",!&#")')).toBe('has');
    expect(await run('Word("The quick", 0, " ")')).toBe('');
    expect(await run('Word("The quick", 3, " ")')).toBe('');
    expect(await run('Word([missing], 1, " ")')).toBe('');
  });

  it('counts characters, not UTF-16 units, so emoji are not cut in half', async () => {
    expect(await run('Left("😀ab", 2)')).toBe('😀a');
    expect(await run('Len("😀")')).toBe(1);
  });
});

describe('InStr', () => {
  it("finds substrings (Entra's examples)", async () => {
    expect(await run('InStr("The quick brown fox","quick")')).toBe(5);
    expect(await run('InStr("repEated","e",3,vbBinaryCompare)')).toBe(7);
  });

  it('ignores case with vbTextCompare and returns 0 when absent', async () => {
    expect(await run('InStr("repEated","e",3,vbTextCompare)')).toBe(4);
    expect(await run('InStr("abc","z")')).toBe(0);
  });

  it('rejects an unknown compare type', async () => {
    await expect(run('InStr("abc","b",1,"fuzzy")')).rejects.toThrow("InStr: compareType must be vbBinaryCompare or vbTextCompare, got 'fuzzy'");
  });
});

describe('StripSpaces and Trim', () => {
  it('StripSpaces removes only space characters', async () => {
    expect(await run('StripSpaces([x])', { x: ' Anne Marie\tvan ' })).toBe('AnneMarie\tvan');
  });

  it('Trim removes surrounding white space, from every value of a list', async () => {
    expect(await run('Trim(" Test ")')).toBe('Test');
    expect(await run('Trim([proxyAddresses])', { proxyAddresses: [' smtp:a@x ', 'SMTP:b@x\t'] })).toEqual(['smtp:a@x', 'SMTP:b@x']);
  });
});

describe('ToLower and ToUpper', () => {
  it("lower-cases a generated UPN (Entra's example)", async () => {
    const expression = 'ToLower(Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"))';
    expect(await run(expression, { PreferredFirstName: 'John', PreferredLastName: 'Smith' })).toBe('john.smith@contoso.com');
  });

  it('uses the invariant culture by default, mapping one character to one as .NET does', async () => {
    expect(await run('ToUpper("straße")')).toBe('STRAßE');
    expect(await run('ToLower("İSTANBUL")')).toBe('istanbul');
  });

  it('applies culture rules when a culture is given', async () => {
    expect(await run('ToUpper("istanbul", "tr-TR")')).toBe('İSTANBUL');
    expect(await run('ToLower("TITLE", "tr-TR")')).toBe('tıtle');
    expect(await run('ToLower("ABC", )')).toBe('abc');
  });

  it('rejects a malformed culture name', async () => {
    await expect(run('ToLower("x", "not a culture!")')).rejects.toThrow("ToLower: 'not a culture!' is not a culture name such as en-US or tr-TR");
  });
});

describe('PCase', () => {
  it("proper-cases names (Entra's examples)", async () => {
    expect(await run('PCase([firstName])', { firstName: 'PABLO GONSALVES (SECOND)' })).toBe('Pablo Gonsalves (Second)');
    expect(await run('PCase([lastName]," \'-")', { lastName: "PINTO-DE'SILVA" })).toBe("Pinto-De'Silva");
    expect(await run('PCase(Join(" ",[firstName],[lastName]))', { firstName: 'GREGORY', lastName: 'JAMES' })).toBe('Gregory James');
  });

  it('keeps an apostrophe inside a word by default, like .NET ToTitleCase', async () => {
    expect(await run('PCase([sn])', { sn: "O'BRIEN, JR. (SALES)" })).toBe("O'brien, Jr. (Sales)");
    expect(await run('PCase([sn], " \'(")', { sn: "O'BRIEN, JR. (SALES)" })).toBe("O'Brien, Jr. (Sales)");
  });

  it('follows .NET ToTitleCase, where a digit does not start a word', async () => {
    expect(await run('PCase("3RD FLOOR")')).toBe('3Rd Floor');
  });
});

describe('NormalizeDiacritics', () => {
  it("turns Zoë into Zoe (Entra's example)", async () => {
    expect(await run('NormalizeDiacritics([givenName])', { givenName: 'Zoë' })).toBe('Zoe');
  });

  it("covers the documented table, two-letter replacements included", async () => {
    expect(await run('NormalizeDiacritics("Æsa Øster Łukasz Straße Ğül İpek Ḹaḻa ẕ ā́ œ̄ ǣ ř ț")')).toBe('AEsa OEster Lukasz Strasse Gul Ipek Lala z a oe ae r t');
  });

  it('leaves other scripts intact', async () => {
    expect(await run('NormalizeDiacritics("한국어 किशोर かが")')).toBe('한국어 किशोर かが');
  });
});

describe('hostile values pass through unchanged and unharmed', () => {
  it('keeps punctuation, LDAP filter characters and backslashes as data', async () => {
    expect(await run('Join("@", StripSpaces([sn]), "contoso.com")', { sn: "O'Brien, Jr. (Sales)" })).toBe("O'Brien,Jr.(Sales)@contoso.com");
    expect(await run('ToLower([x])', { x: 'A*)(uid=*' })).toBe('a*)(uid=*');
    expect(await run('Replace([x], "\\\\", , , "/", , )', { x: 'CONTOSO\\jdoe\\' })).toBe('CONTOSO/jdoe/');
    expect(await run('Append([x], "\\"quoted\\"")', { x: 'say ' })).toBe('say "quoted"');
  });

  it('handles leading and trailing spaces and 300-character values', async () => {
    const long = 'x'.repeat(300);
    expect(await run('Len([v])', { v: long })).toBe(300);
    expect(await run('Left([v], 256)', { v: long })).toBe('x'.repeat(256));
    expect(await run('Join("|", [v], [v])', { v: long })).toBe(`${long}|${long}`);
    expect(await run('Trim([v])', { v: `   ${long}   ` })).toBe(long);
  });

  it('reports a multi-valued attribute where one value is expected', async () => {
    const error = await run('ToLower([proxyAddresses])', { proxyAddresses: ['a', 'b'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpressionEvaluationError);
    expect(error).toMatchObject({ message: 'ToLower: source: expected a single value but got a list of 2 values', offset: 8, end: 24 });
  });
});
