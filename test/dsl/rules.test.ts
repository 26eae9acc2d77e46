import { describe, expect, it } from 'vitest';
import { engineOperators, evaluateCondition, evaluateDecision, operatorProblem, presenceOperators } from '../../workflows/dsl/index.ts';

const rules = [
  { outcome: 'exec', conditions: { all: [{ fact: 'title', operator: 'in', value: ['CEO', 'CFO'] }] } },
  { outcome: 'engineering', conditions: { any: [{ fact: 'department', operator: 'equal', value: 'Engineering' }, { fact: 'vars', path: '$.forceEngineering', operator: 'equal', value: true }] } },
  { outcome: 'also-engineering', conditions: { all: [{ fact: 'department', operator: 'equal', value: 'Engineering' }] } },
];

describe('evaluateDecision', () => {
  it('takes the first rule that matches, even when a later one matches too', async () => {
    const result = await evaluateDecision(rules, { attributes: { department: 'Engineering', title: 'Developer' }, vars: {}, steps: {} });
    expect(result.outcome).toBe('engineering');
    expect(result.evaluations.map((e) => [e.outcome, e.matched])).toEqual([
      ['exec', false],
      ['engineering', true],
    ]);
  });

  it('falls back to default and shows the fact values it saw', async () => {
    const result = await evaluateDecision(rules, { attributes: { department: 'Sales', title: 'Rep' }, vars: {}, steps: {} });
    expect(result.outcome).toBe('default');
    expect(result.evaluations[0]?.conditions).toEqual([{ fact: 'title', operator: 'in', value: ['CEO', 'CFO'], factValue: 'Rep', result: false }]);
  });

  it('reads run variables through a path', async () => {
    const result = await evaluateDecision(rules, { attributes: { department: 'Sales' }, vars: { forceEngineering: true }, steps: {} });
    expect(result.outcome).toBe('engineering');
  });

  it('treats a missing attribute as not matching instead of failing', async () => {
    const result = await evaluateDecision(rules, { attributes: {}, vars: {}, steps: {} });
    expect(result.outcome).toBe('default');
  });
});

describe('presence operators', () => {
  const facts = (attributes: Record<string, unknown>) => ({ attributes, vars: { manager: null, nickname: '' }, steps: {} });
  const holds = async (operator: string, fact: string, attributes: Record<string, unknown>, path?: string) =>
    (await evaluateCondition({ all: [{ fact, operator, value: null, ...(path === undefined ? {} : { path }) }] }, facts(attributes))).matched;

  // [value, isPresent, isMissing, isEmpty]; `absent` is an attribute the person does not have.
  const cases: [string, Record<string, unknown>, boolean, boolean, boolean][] = [
    ['a string', { mail: 'ada@example.com' }, true, false, false],
    ['absent', {}, false, true, true],
    ['undefined', { mail: undefined }, false, true, true],
    ['null', { mail: null }, false, true, true],
    ['""', { mail: '' }, true, false, true],
    ['whitespace only', { mail: ' \t\n' }, true, false, true],
    ['[]', { mail: [] }, true, false, true],
    ['a list', { mail: ['a'] }, true, false, false],
    ['0', { mail: 0 }, true, false, false],
    ['false', { mail: false }, true, false, false],
    ['{}', { mail: {} }, true, false, false],
  ];
  for (const [name, attributes, present, isMissing, empty] of cases) {
    it(`answers for ${name}: present ${present}, missing ${isMissing}, empty ${empty}`, async () => {
      expect(await holds('isPresent', 'mail', attributes)).toBe(present);
      expect(await holds('isMissing', 'mail', attributes)).toBe(isMissing);
      expect(await holds('isEmpty', 'mail', attributes)).toBe(empty);
    });
  }

  it('reads a path into a fact: a null or absent run variable is missing, "" is empty but present', async () => {
    expect(await holds('isMissing', 'vars', {}, '$.manager')).toBe(true);
    expect(await holds('isMissing', 'vars', {}, '$.nobody')).toBe(true);
    expect(await holds('isPresent', 'vars', {}, '$.nickname')).toBe(true);
    expect(await holds('isEmpty', 'vars', {}, '$.nickname')).toBe(true);
  });

  it('can be negated by the engine decorator', async () => {
    expect(await holds('not:isEmpty', 'mail', { mail: 'x' })).toBe(true);
    expect(await holds('not:isEmpty', 'mail', { mail: '  ' })).toBe(false);
  });

  it('leaves the engine operators as they were: "not equal null" still holds for a missing attribute', async () => {
    const notNull = { all: [{ fact: 'mail', operator: 'notEqual', value: null }] };
    expect((await evaluateCondition(notNull, facts({}))).matched).toBe(true);
    expect((await evaluateCondition(notNull, facts({ mail: null }))).matched).toBe(false);
    const equalNull = { all: [{ fact: 'mail', operator: 'equal', value: null }] };
    expect((await evaluateCondition(equalNull, facts({}))).matched).toBe(false);
  });

  it('shows the fact value it saw in the trace', async () => {
    const { conditions } = await evaluateCondition({ all: [{ fact: 'mail', operator: 'isEmpty', value: null }] }, facts({ mail: ' ' }));
    expect(conditions).toEqual([{ fact: 'mail', operator: 'isEmpty', value: null, factValue: ' ', result: true }]);
  });
});

describe('operatorProblem', () => {
  const facts = () => ({ attributes: { x: 'a' }, vars: {}, steps: {} });
  it('accepts every operator the engine runs, and the engine runs every operator it accepts', async () => {
    for (const operator of [...engineOperators, ...Object.keys(presenceOperators)]) {
      const value = operator in presenceOperators ? null : operator.startsWith('less') || operator.startsWith('greater') ? 1 : operator === 'in' || operator === 'notIn' ? ['a'] : 'a';
      expect(operatorProblem(operator, value)).toBeUndefined();
      await expect(evaluateCondition({ all: [{ fact: 'x', operator, value }] }, facts())).resolves.toHaveProperty('matched');
    }
    expect(operatorProblem('not:contains', 'a')).toBeUndefined();
  });

  it('refuses an operator the engine does not know, as the engine would', async () => {
    expect(operatorProblem('isBlank', null)).toMatch(/^Unknown operator "isBlank"; use one of equal, notEqual, .*isPresent, isMissing, isEmpty\.$/);
    expect(operatorProblem('never:equal', 'a')).toMatch(/^Unknown operator "never:equal"/);
    await expect(evaluateCondition({ all: [{ fact: 'x', operator: 'isBlank', value: null }] }, facts())).rejects.toThrow(/isBlank/);
  });

  it('refuses a value given to an operator that takes none', () => {
    expect(operatorProblem('isMissing', 'x')).toBe('"isMissing" looks only at the fact and takes no value; set the value to null.');
    expect(operatorProblem('isMissing', undefined)).toBeDefined();
  });
});
