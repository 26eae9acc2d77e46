import { describe, expect, it } from 'vitest';
import { evaluateExpression, ExpressionEvaluationError, parseExpression } from '../../../workflows/dsl/expressions/index.ts';
import { context, evaluate, run } from './helpers.ts';

describe('attributes', () => {
  it('are found by exact name, then case-insensitively', async () => {
    expect(await run('Join(" ", [GivenName], [sn])', { givenName: 'Ada', sn: 'Lovelace' })).toBe('Ada Lovelace');
    expect(await run('[a]', { a: 'exact', A: 'other' })).toBe('exact');
  });

  it('report names that match several attributes case-insensitively', async () => {
    await expect(run('[mail]', { Mail: 'a', MAIL: 'b' })).rejects.toThrow('attribute [mail] is ambiguous: the source has Mail, MAIL');
  });

  it('read URN-style and flattened names', async () => {
    const urn = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department';
    expect(await run(`[${urn}]`, { [urn]: 'Sales' })).toBe('Sales');
    expect(await run('[steps.create.dn]', { 'steps.create.dn': 'cn=x' })).toBe('cn=x');
  });

  it('are null when missing, even for names that exist on Object.prototype', async () => {
    expect(await run('IsNull([constructor])')).toBe(true);
    expect(await run('IsNull([__proto__])')).toBe(true);
    expect(await run('IsNull([toString])')).toBe(true);
  });

  it('accept numbers, booleans, bigints, dates and lists', async () => {
    expect(await run('[n]', { n: 42 })).toBe(42);
    expect(await run('[b]', { b: true })).toBe(true);
    expect(await run('[big]', { big: 129699324000000000n })).toBe('129699324000000000');
    expect(await run('[d]', { d: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) })).toBe('1/2/2024 3:04:05 AM');
    expect(await run('[list]', { list: ['a', 1, true, null] })).toEqual(['a', '1', 'True']);
  });

  it('reject objects with a message naming the attribute and its position', async () => {
    const error = await run('Join("-", [a], [manager])', { a: 'x', manager: { id: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpressionEvaluationError);
    expect(error).toMatchObject({
      message: 'attribute [manager] holds an object; expressions work with text, numbers, booleans, dates and lists of text',
      offset: 15,
      end: 24,
    });
  });
});

describe('evaluateExpression', () => {
  it('returns the value with its flags', async () => {
    expect(await evaluate('Join("@", [a], "contoso.com")', { a: 'jdoe' })).toEqual({
      value: 'jdoe@contoso.com',
      ignore: false,
      redacted: false,
      logValue: 'jdoe@contoso.com',
    });
  });

  it('renders DateTime results as Entra does', async () => {
    expect(await run('CDate("2009-06-15T01:45:30-07:00")')).toBe('6/15/2009 8:45:30 AM');
  });

  it('maps constants and literals to themselves', async () => {
    expect(await run('"text"')).toBe('text');
    expect(await run('-2.5')).toBe(-2.5);
    expect(await run('False')).toBe(false);
    expect(await run('vbTextCompare')).toBe('vbTextCompare');
  });

  it('points errors at the innermost failing node', async () => {
    const error = await run('Join("-", [a], Mid([a], 0, 1))', { a: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'Mid: start is 1-based and must be at least 1, got 0', offset: 24, end: 25, functionName: 'Mid' });
  });

  it('evaluates each argument at most once', async () => {
    // Trim reads its argument twice internally; the RandomString inside must still run once.
    const parsed = parseExpression('Trim(Join("", " ", RandomString(8, 8, 0, 0, 0), " "))');
    if (!parsed.ok) throw new Error(parsed.error.message);
    let draws = 0;
    const result = await evaluateExpression(parsed.ast, {
      ...context(),
      random: () => {
        draws++;
        return 0.5;
      },
    });
    expect(result.value).toBe('55555555');
    expect(draws).toBe(8 + 7);
  });

  it('refuses an invalid clock', async () => {
    const parsed = parseExpression('Now()');
    if (!parsed.ok) throw new Error(parsed.error.message);
    await expect(evaluateExpression(parsed.ast, { ...context(), now: new Date(Number.NaN) })).rejects.toThrow('ExpressionContext.now is an invalid Date');
  });

  it('is deterministic: the same context gives the same result', async () => {
    const expression = 'Join("|", Guid(), RandomString(16, 2, 2, 2, 2), Now())';
    const parsed = parseExpression(expression);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const first = await evaluateExpression(parsed.ast, context());
    const second = await evaluateExpression(parsed.ast, context());
    expect(second).toEqual(first);
  });
});
