import { describe, expect, it } from 'vitest';
import { ExpressionEvaluationError } from '../../../workflows/dsl/expressions/index.ts';
import { evaluate, run } from './helpers.ts';

describe('IIF', () => {
  it("picks a value by condition (Entra's country example)", async () => {
    const expression = 'IIF([country]="USA",[country],[department])';
    expect(await run(expression, { country: 'USA', department: 'Sales' })).toBe('USA');
    expect(await run(expression, { country: 'NZ', department: 'Sales' })).toBe('Sales');
  });

  it("expresses AND and OR by nesting (Entra's workaround examples)", async () => {
    const and = 'IIF([country]="USA",IIF([state]="CA","True","False"),"False")';
    const or = 'IIF([country]="USA","True",IIF([state]="CA","True","False"))';
    expect(await run(and, { country: 'USA', state: 'CA' })).toBe('True');
    expect(await run(and, { country: 'USA', state: 'WA' })).toBe('False');
    expect(await run(or, { country: 'NZ', state: 'CA' })).toBe('True');
    expect(await run(or, { country: 'NZ', state: 'WA' })).toBe('False');
  });

  it('only evaluates the branch it picks', async () => {
    const expression = 'IIF(IsPresent([accountName]),[accountName],Error("AccountName is required"))';
    expect(await run(expression, { accountName: 'jdoe' })).toBe('jdoe');
    const error = await run(expression).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpressionEvaluationError);
    expect(error).toMatchObject({ message: 'AccountName is required', raisedByExpression: true, functionName: 'Error', offset: 43, end: 75 });
  });

  it('treats a missing attribute as "" in comparisons, unlike Entra which fails the check', async () => {
    expect(await run('IIF([country]="","Other",[country])')).toBe('Other');
    expect(await run('IIF([country]<>"","Known","Other")')).toBe('Other');
  });

  it('compares numbers numerically, also against numeric text', async () => {
    expect(await run('IIF([age] > 17, "adult", "minor")', { age: '18' })).toBe('adult');
    expect(await run('IIF([age] > 17, "adult", "minor")', { age: '9' })).toBe('minor');
    expect(await run('IIF([age] >= 18, "adult", "minor")', { age: 18 })).toBe('adult');
    expect(await run('IIF([n] <= 5, "small", "big")', { n: 5 })).toBe('small');
  });

  it('compares text case-sensitively and ordinally', async () => {
    expect(await run('IIF([a] = "sales", "y", "n")', { a: 'Sales' })).toBe('n');
    expect(await run('IIF("10" < "9", "text order", "numeric order")')).toBe('text order');
  });

  it('compares booleans with their text form regardless of case', async () => {
    expect(await run('IIF(IsPresent([a]) = "true", "y", "n")', { a: 'x' })).toBe('y');
  });

  it('compares dates chronologically', async () => {
    const expression = 'IIF(CDate([end]) < Now(), "expired", "active")';
    expect(await run(expression, { end: '2024-06-01' })).toBe('expired');
    expect(await run(expression, { end: '2024-07-01' })).toBe('active');
  });

  it('concatenates with & (the cloud sync reference example)', async () => {
    const expression = 'IIF([employeeType]="Intern","t-" & [alias],[alias])';
    expect(await run(expression, { employeeType: 'Intern', alias: 'jdoe' })).toBe('t-jdoe');
    expect(await run(expression, { employeeType: 'Employee', alias: 'jdoe' })).toBe('jdoe');
    expect(await run('[a] & "-" & [missing] & 5')).toBe('-5');
  });

  it('rejects a condition that is not a boolean', async () => {
    await expect(run('IIF("maybe", "a", "b")')).rejects.toMatchObject({ message: "IIF: condition: expected True or False but got 'maybe'", offset: 4, end: 11 });
  });
});

describe('Switch', () => {
  it("maps a state to a time zone with a default (Entra's example)", async () => {
    const expression = 'Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney","QLD", "Australia/Brisbane", "SA", "Australia/Adelaide")';
    expect(await run(expression, { state: 'QLD' })).toBe('Australia/Brisbane');
    expect(await run(expression, { state: 'WA' })).toBe('Australia/Sydney');
  });

  it('maps a department to an OU', async () => {
    const expression = `Switch([department], "OU=Users,DC=contoso,DC=com",
      "Sales", "OU=Sales,OU=Users,DC=contoso,DC=com",
      "Engineering", "OU=Engineering,OU=Users,DC=contoso,DC=com")`;
    expect(await run(expression, { department: 'Engineering' })).toBe('OU=Engineering,OU=Users,DC=contoso,DC=com');
    expect(await run(expression, { department: 'Legal' })).toBe('OU=Users,DC=contoso,DC=com');
    expect(await run(expression, { department: 'sales' })).toBe('OU=Users,DC=contoso,DC=com');
  });

  it('matches a missing or empty source against the "" key (Entra\'s recommended fallback)', async () => {
    const expression = 'Switch([country],[country],"","Other")';
    expect(await run(expression)).toBe('Other');
    expect(await run(expression, { country: '' })).toBe('Other');
    expect(await run(expression, { country: 'NZ' })).toBe('NZ');
  });

  it('gives null when the default is left out and nothing matches', async () => {
    expect(await run('Switch([Active], , "1", "True", "0", "False")', { Active: '2' })).toBeNull();
  });

  it("is case-sensitive, so Entra normalizes with ToLower", async () => {
    expect(await run('Switch(ToLower([statusFlag]), "0", "true", "1", "false", "0")', { statusFlag: 'TRUE' })).toBe('1');
    expect(await run('Switch([statusFlag], "0", "true", "1", "false", "0")', { statusFlag: 'TRUE' })).toBe('0');
  });

  it('only evaluates the chosen value', async () => {
    expect(await run('Switch("a", Error("default"), "a", "A", "b", Error("b"))')).toBe('A');
  });

  it("combines with DateDiff and IIF (Entra's Workday hire-date example)", async () => {
    // The context's clock is 2024-06-15 13:45:30 UTC.
    const expression = `Switch([Active], ,
      "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) > 5, "False", "True"),
      "0", "False")`;
    expect(await run(expression, { Active: '1', StatusHireDate: '2024-06-18-07:00' })).toBe('True');
    expect(await run(expression, { Active: '1', StatusHireDate: '2024-07-01-07:00' })).toBe('False');
    expect(await run(expression, { Active: '0', StatusHireDate: '2024-06-18-07:00' })).toBe('False');
  });
});

describe('Coalesce', () => {
  it("flows mail, else userPrincipalName (Entra's example)", async () => {
    expect(await run('Coalesce([mail],[userPrincipalName])', { userPrincipalName: 'John.Doe@contoso.com' })).toBe('John.Doe@contoso.com');
    expect(await run('Coalesce([mail],[userPrincipalName])', { mail: 'jd@contoso.com', userPrincipalName: 'x' })).toBe('jd@contoso.com');
  });

  it('returns the default when all are null, and null without one', async () => {
    expect(await run('Coalesce([a], [b], "default")')).toBe('default');
    expect(await run('Coalesce([a])')).toBeNull();
  });

  it('treats the empty string as a value, as documented (only NULL is skipped)', async () => {
    expect(await run('Coalesce([a], "x")', { a: '' })).toBe('');
  });
});

describe('Not, CBool and the Is… tests', () => {
  it('Not flips True and treats anything else as False', async () => {
    expect(await run('Not("True")')).toBe(false);
    expect(await run('Not(TRUE)')).toBe(false);
    expect(await run('Not("False")')).toBe(true);
    expect(await run('Not([missing])')).toBe(true);
    expect(await run('Not(IsPresent([a]))', { a: 'x' })).toBe(false);
  });

  it('CBool tests equality and non-zero numbers', async () => {
    expect(await run('CBool([attribute1] = [attribute2])', { attribute1: 'x', attribute2: 'x' })).toBe(true);
    expect(await run('CBool([attribute1] = [attribute2])', { attribute1: 'x', attribute2: 'y' })).toBe(false);
    expect(await run('CBool(0)')).toBe(false);
    expect(await run('CBool(-2)')).toBe(true);
    expect(await run('CBool("1")')).toBe(true);
    await expect(run('CBool("yes")')).rejects.toThrow("CBool: Expression: expected True or False but got 'yes'");
  });

  it.each([
    ['missing', undefined, true, true, false, false],
    ['empty text', '', false, true, false, true],
    ['text', 'x', false, false, true, true],
    ['spaces', '  ', false, false, true, true],
    ['empty list', [], true, true, false, false],
    ['number', 5, false, false, true, false],
  ])('IsNull / IsNullOrEmpty / IsPresent / IsString for %s', async (_label, a, isNull, isNullOrEmpty, isPresent, isString) => {
    expect(await run('IsNull([a])', { a })).toBe(isNull);
    expect(await run('IsNullOrEmpty([a])', { a })).toBe(isNullOrEmpty);
    expect(await run('IsPresent([a])', { a })).toBe(isPresent);
    expect(await run('IsString([a])', { a })).toBe(isString);
  });
});

describe('IgnoreFlowIfNullOrEmpty', () => {
  it("drops a missing department from the flow (Entra's example 1)", async () => {
    expect(await evaluate('IgnoreFlowIfNullOrEmpty([department])')).toEqual({ value: null, ignore: true, redacted: false, logValue: null });
    expect(await evaluate('IgnoreFlowIfNullOrEmpty([department])', { department: 'Sales' })).toEqual({
      value: 'Sales',
      ignore: false,
      redacted: false,
      logValue: 'Sales',
    });
  });

  it("drops the flow when a Switch finds no title (Entra's example 2)", async () => {
    const expression = 'IgnoreFlowIfNullOrEmpty(Switch([prefix], "", "3443", "Dr.", "3444", "Prof.", "3445", "Prof. Dr."))';
    expect(await evaluate(expression, { prefix: '9999' })).toMatchObject({ value: '', ignore: true });
    expect(await evaluate(expression, { prefix: '3445' })).toMatchObject({ value: 'Prof. Dr.', ignore: false });
  });
});

describe('Redact', () => {
  it('keeps the value but marks it for logs', async () => {
    expect(await evaluate('Redact([userPrincipalName])', { userPrincipalName: 'jdoe@contoso.com' })).toEqual({
      value: 'jdoe@contoso.com',
      ignore: false,
      redacted: true,
      logValue: '[Redact]',
    });
  });

  it('redacts a generated password', async () => {
    const result = await evaluate('Redact(RandomString(6,3,0,0,3))');
    expect(result.redacted).toBe(true);
    expect(result.logValue).toBe('[Redact]');
    expect(result.value).toMatch(/^(?=(?:.*\d){3})(?=(?:.*[a-z]){3})[0-9a-z]{6}$/);
  });
});
