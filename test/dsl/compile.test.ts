import { describe, expect, it } from 'vitest';
import { compileDefinition, definitionSchema, revisionHash } from '../../workflows/dsl/index.ts';
import { sampleDefinition } from '../support/definitions.ts';

const compile = (input: unknown) => compileDefinition(definitionSchema.parse(input));

describe('compileDefinition', () => {
  it('keeps what runs and drops the layout', () => {
    const compiled = compile(sampleDefinition());
    expect(compiled.start).toBe('start');
    expect(compiled.nodes.map((n) => n.id)).toEqual([...compiled.nodes.map((n) => n.id)].sort());
    expect(JSON.stringify(compiled)).not.toContain('position');
    const fork = compiled.nodes.find((n) => n.id === 'fork');
    expect(fork?.next).toEqual({ next: ['greet', 'remember'] });
    const approve = compiled.nodes.find((n) => n.id === 'approve');
    expect(approve?.next).toEqual({ approved: ['done'], rejected: ['refused'] });
  });

  it('gives the same hash when only the layout or the order changes', () => {
    const original = sampleDefinition();
    const moved = { ...original, nodes: [...original.nodes].reverse().map((n) => ({ ...n, position: { x: n.position.x * 3 + 7, y: 42 } })), edges: [...original.edges].reverse() };
    expect(revisionHash(compile(moved))).toBe(revisionHash(compile(original)));
  });

  it('gives a different hash when what runs changes', () => {
    const original = sampleDefinition();
    const changed = sampleDefinition(original.id, 3);
    expect(revisionHash(compile(changed))).not.toBe(revisionHash(compile(original)));
    expect(revisionHash(compile(original))).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
