/**
 * The facts an expression preview evaluates with come from a simulation of the same draft: the
 * Joiner's sign-in name previewed on its step is the one Simulate plans to send.
 */
import { describe, expect, it } from 'vitest';
import { builtInTemplates } from '../../server/templates/seed.ts';
import { compileDefinition, definitionSchema, expressionAttributes, type Definition } from '../../workflows/dsl/index.ts';
import { evaluateExpression, parseExpression } from '../../workflows/dsl/expressions/index.ts';
import { simulateRun } from '../../workflows/dsl/simulate.ts';
import { stepFacts } from '../../workflows/dsl/stepFacts.ts';
import { definition, edge, node } from '../support/definitions.ts';

const now = new Date('2026-03-02T08:00:00Z');
const person = { givenName: 'Ada', surname: 'Lovelace', displayName: 'Ada Lovelace', department: 'Engineering', hireDate: '2026-03-16', employeeId: 'E1001' };

function joiner(): Definition {
  const found = builtInTemplates().find((t) => t.id === 'template-joiner');
  if (!found) throw new Error('no Joiner template');
  return found;
}

function expressionOf(def: Definition, nodeId: string, param: string): string {
  const step = def.nodes.find((n) => n.id === nodeId);
  if (step?.type !== 'action') throw new Error(`${nodeId} is not an action`);
  const value = step.data.params[param];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${nodeId}.${param} is not an expression`);
  return value.expression;
}

async function preview(expression: string, facts: ReturnType<typeof stepFacts>): Promise<unknown> {
  const parsed = parseExpression(expression);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return (await evaluateExpression(parsed.ast, { attributes: expressionAttributes(facts), now, random: () => 0.5, isUnique: () => Promise.resolve(true) })).value;
}

describe('stepFacts', () => {
  it("previews the Joiner's UPN and employee id on the Entra step as Simulate sends them", async () => {
    const def = joiner();
    const revision = compileDefinition(def);
    const simulated = await simulateRun(revision, { attributes: person }, { now });
    const planned = simulated.operations.find((o) => o.nodeId === 'createEntra');
    expect(planned?.input.userPrincipalName).toBe('ada.lovelace@example.com');

    const facts = stepFacts(revision, simulated.trace, 'createEntra', { attributes: person });
    expect(facts.reached).toBe(true);
    expect(facts.vars).toMatchObject({ upnSuffix: 'example.com', directoryBase: 'DC=example,DC=com', helpdeskMailbox: 'it-helpdesk@example.com' });
    expect(await preview(expressionOf(def, 'createEntra', 'userPrincipalName'), facts)).toBe(planned?.input.userPrincipalName);
    expect(await preview(expressionOf(def, 'createEntra', 'mail'), facts)).toBe(planned?.input.mail);
    expect(await preview('[employeeId]', facts)).toBe('E1001');
    expect(planned?.input.employeeId).toBe('E1001');
  });

  it('reads earlier steps’ outputs as the later step sees them', async () => {
    const def = joiner();
    const revision = compileDefinition(def);
    const simulated = await simulateRun(revision, { attributes: person }, { now });
    const facts = stepFacts(revision, simulated.trace, 'createAd', { attributes: person });
    const planned = simulated.operations.find((o) => o.nodeId === 'createAd');
    expect(await preview(expressionOf(def, 'createAd', 'userPrincipalName'), facts)).toBe(planned?.input.userPrincipalName);
    expect(await preview(expressionOf(def, 'createAd', 'ou'), facts)).toBe(planned?.input.ou);
  });

  it('gives a step off the simulated path what the steps it follows set, and nothing of the other branch', async () => {
    const set = (id: string, name: string, value: string) => node({ id, type: 'action', data: { action: 'core.setVariable', params: { name, value } } });
    const def = definitionSchema.parse(
      definition(
        'branches',
        [
          node({ id: 'start', type: 'start', data: {} }),
          set('suffix', 'suffix', 'example.com'),
          node({ id: 'route', type: 'decision', data: { rules: [{ outcome: 'sales', conditions: { all: [{ fact: 'department', operator: 'equal', value: 'Sales' }] } }] } }),
          set('salesOnly', 'team', 'sales'),
          set('others', 'team', 'others'),
          node({ id: 'salesEnd', type: 'end', data: {} }),
          node({ id: 'end', type: 'end', data: {} }),
        ],
        [edge('start', 'suffix'), edge('suffix', 'route'), edge('route', 'salesOnly', 'sales'), edge('route', 'others', 'default'), edge('salesOnly', 'salesEnd'), edge('others', 'end')],
      ),
    );
    const revision = compileDefinition(def);
    const simulated = await simulateRun(revision, { attributes: person }, { now });
    expect(simulated.path).not.toContain('salesOnly');
    const offPath = stepFacts(revision, simulated.trace, 'salesEnd', { attributes: person });
    expect(offPath.reached).toBe(false);
    expect(offPath.vars).toEqual({ suffix: 'example.com' });
    const onPath = stepFacts(revision, simulated.trace, 'end', { attributes: person });
    expect(onPath).toMatchObject({ reached: true });
    expect(onPath.vars).toEqual({ suffix: 'example.com', team: 'others' });
    expect(onPath.steps.others).toEqual({ name: 'team', value: 'others' });
  });
});
