/**
 * The text walker the API runs over every request (workflows/dsl/text.ts): every string and field
 * name that cannot be stored is found with its path, free text keeps its tabs and line breaks, and
 * a value nested past the limit is stopped without recursion, however deep it goes.
 */
import { describe, expect, it } from 'vitest';
import { findTextProblems, maxJsonDepth, printable } from '../../workflows/dsl/text.ts';

describe('findTextProblems', () => {
  it('names each bad string and field name by its path, in document order', () => {
    const walk = findTextProblems({ name: 'ok\tand\nfine', nodes: [{ data: { label: 'a\u0000' } }, { data: { label: 'b\ud800' } }], ['k\u0001']: { x: '\u0085' } }, { root: ['body'] });
    expect(walk.tooDeep).toBeUndefined();
    expect(walk.problems.map((p) => p.path)).toEqual(['body.nodes[0].data.label', 'body.nodes[1].data.label', 'body.k\\u0001', 'body.k\\u0001.x']);
    expect(walk.problems[0]?.message).toBe('holds a NUL character (U+0000) at position 2, which no field accepts');
    expect(walk.problems[2]?.message).toBe('the field name holds the control character U+0001 at position 2; free text accepts tab and line breaks, no other control character');
  });

  it('stops at the depth limit, however deep the value goes, and says where', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = { not: deep };
    const walk = findTextProblems(deep, { root: ['body'] });
    expect(walk.tooDeep?.message).toBe(`nests deeper than ${maxJsonDepth} levels of objects and arrays, the limit; flatten it`);
    expect(walk.tooDeep?.path).toBe(`body${'.not'.repeat(maxJsonDepth)}`);
    let fine: unknown = 'leaf';
    for (let i = 0; i < maxJsonDepth; i++) fine = [fine];
    expect(findTextProblems(fine, { root: ['body'] })).toEqual({ problems: [] });
  });

  it('lists at most the given number of problems', () => {
    const walk = findTextProblems(Array.from({ length: 50 }, () => '\u0001'), { root: ['body'], limit: 5 });
    expect(walk.problems).toHaveLength(5);
  });
});

describe('printable', () => {
  it('shows control, format and unpaired surrogate characters as escapes, and keeps everything else', () => {
    expect(printable('a\u0000b\ud800c\ufeff😀é')).toBe('a\\u0000b\\ud800c\\ufeff😀é');
  });
});
