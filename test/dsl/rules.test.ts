import { describe, expect, it } from 'vitest';
import { evaluateDecision } from '../../workflows/dsl/index.ts';

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
