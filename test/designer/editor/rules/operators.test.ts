/**
 * The rule builder's operators (designer/src/editor/rules/operators.ts) are the ones validation
 * accepts, each with the value the builder gives it; the presence operators take none.
 */
import { describe, expect, it } from 'vitest';
import { convert, operators, takesValue } from '../../../../designer/src/editor/rules/operators.ts';
import { engineOperators, operatorProblem, presenceOperators } from '../../../../workflows/dsl/index.ts';

describe('rule builder operators', () => {
  it('offers every operator of the engine and the presence operators, nothing else', () => {
    expect(operators.map((o) => o.id).sort()).toEqual([...engineOperators, ...Object.keys(presenceOperators)].sort());
  });

  it('gives each operator a value validation accepts', () => {
    for (const o of operators) {
      const value = takesValue(o.id) ? convert('x', o.kinds[0] ?? 'text') : null;
      expect(operatorProblem(o.id, value), o.id).toBeUndefined();
    }
  });

  it('shows no value for is present, is missing and is empty', () => {
    expect(operators.filter((o) => !takesValue(o.id)).map((o) => [o.id, o.kinds])).toEqual([
      ['isPresent', []],
      ['isMissing', []],
      ['isEmpty', []],
    ]);
  });
});
