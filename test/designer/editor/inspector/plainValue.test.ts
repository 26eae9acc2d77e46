/**
 * Plain values (designer/src/editor/inspector/plainValue.ts): a run variable's value keeps its
 * type and content; changing the type converts it or refuses with the reason, never blanks it.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { coreSetVariable } from '../../../../workflows/dsl/catalog/core.ts';
import { convertPlain, plainOptions, plainTypeOf } from '../../../../designer/src/editor/inspector/plainValue.ts';

const valueSchema = z.toJSONSchema(coreSetVariable.input, { io: 'input' }).properties?.value;

describe('plain values', () => {
  it("reads core.setVariable's value as text, number, yes/no, empty or a list", () => {
    const schema = typeof valueSchema === 'object' ? valueSchema : {};
    expect(plainOptions(schema)?.map((o) => o.type)).toEqual(['string', 'number', 'boolean', 'null', 'list']);
    expect(plainOptions({ anyOf: [{ type: 'object', properties: { kind: { const: 'a' } } }, { type: 'string' }] })).toBeUndefined();
  });

  it('infers the type of a settings value', () => {
    expect(plainTypeOf('example.com')).toBe('string');
    expect(plainTypeOf(3)).toBe('number');
    expect(plainTypeOf(false)).toBe('boolean');
    expect(plainTypeOf(null)).toBe('null');
    expect(plainTypeOf(['6fd2c87f-b296-42f0-b197-1e91e994b900'])).toBe('list');
    expect(plainTypeOf(undefined)).toBeUndefined();
  });

  it('keeps the value when the type changes, converting where it can', () => {
    expect(convertPlain('example.com', 'string')).toEqual({ ok: true, value: 'example.com' });
    expect(convertPlain('example.com', 'list')).toEqual({ ok: true, value: ['example.com'] });
    expect(convertPlain(['a', 'b'], 'string')).toEqual({ ok: true, value: 'a, b' });
    expect(convertPlain('a, b\nc', 'list')).toEqual({ ok: true, value: ['a', 'b', 'c'] });
    expect(convertPlain(' 42 ', 'number')).toEqual({ ok: true, value: 42 });
    expect(convertPlain(42, 'string')).toEqual({ ok: true, value: '42' });
    expect(convertPlain('Yes', 'boolean')).toEqual({ ok: true, value: true });
    expect(convertPlain(true, 'string')).toEqual({ ok: true, value: 'true' });
    expect(convertPlain(undefined, 'number')).toEqual({ ok: true, value: 0 });
    expect(convertPlain('', 'null')).toEqual({ ok: true, value: null });
  });

  it('refuses a change that would lose the value, and says why', () => {
    expect(convertPlain('example.com', 'number')).toEqual({ ok: false, reason: '"example.com" is not a number: change the value first, or keep its type.' });
    expect(convertPlain('DC=example,DC=com', 'boolean')).toEqual({ ok: false, reason: '"DC=example,DC=com" is not yes or no: change the value first, or keep its type.' });
    expect(convertPlain('it-helpdesk@example.com', 'null')).toEqual({ ok: false, reason: 'Empty (null) would drop "it-helpdesk@example.com": clear the value first, or keep its type.' });
  });
});
