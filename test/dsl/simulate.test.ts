/**
 * Simulation: the real scheduler walks a revision with the recording executor. Waits and approvals
 * end at once but say when and for whom; actions are planned, not sent.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { compileDefinition, declareAction, definitionSchema, findAction, type DefinitionInput } from '../../workflows/dsl/index.ts';
import { checkTrigger, plausibleOutput, simulateRun, type SimulationOptions } from '../../workflows/dsl/simulate.ts';
import { definition, edge, log, node, sampleDefinition } from '../support/definitions.ts';

const now = new Date('2026-03-02T08:00:00Z');

function simulate(def: DefinitionInput, attributes: Record<string, unknown>, options: Partial<SimulationOptions> = {}) {
  return simulateRun(compileDefinition(definitionSchema.parse(def)), { attributes }, { now, ...options });
}

describe('simulation', () => {
  it('takes the "is missing" branch for a person without the attribute, as the decision at run time does', async () => {
    const def = definition(
      'mailless',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'route', type: 'decision', data: { rules: [{ outcome: 'noMail', conditions: { all: [{ fact: 'mail', operator: 'isMissing', value: null }] } }] } }),
        node({ id: 'askForMail', type: 'action', data: log('no mail') }),
        node({ id: 'greet', type: 'action', data: log('mail') }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'route'), edge('route', 'askForMail', 'noMail'), edge('route', 'greet', 'default'), edge('askForMail', 'end'), edge('greet', 'end')],
    );
    const without = await simulate(def, { givenName: 'Ada' });
    expect(without.path).toEqual(['start', 'route', 'askForMail', 'end']);
    expect(without.trace.find((t) => t.nodeId === 'route')?.rules).toEqual([
      { outcome: 'noMail', matched: true, conditions: [{ fact: 'mail', operator: 'isMissing', value: null, factValue: undefined, result: true }] },
    ]);
    expect((await simulate(def, { givenName: 'Ada', mail: null })).path).toEqual(['start', 'route', 'askForMail', 'end']);
    expect((await simulate(def, { givenName: 'Ada', mail: '' })).path).toEqual(['start', 'route', 'greet', 'end']);
  });

  it('walks the sample for an engineer: path, planned operations, wait end, approvers, variables', async () => {
    const result = await simulate(sampleDefinition('sim', 30), { department: 'Engineering', givenName: 'Ada' });

    expect(result.outcome).toBe('succeeded');
    expect(result.path).toEqual(['start', 'route', 'fork', 'greet', 'remember', 'join', 'settle', 'approve', 'done']);
    expect(result.operations).toEqual([
      { nodeId: 'greet', action: 'core.log', input: { message: 'Welcome Ada', level: 'info' } },
      { nodeId: 'remember', action: 'core.setVariable', input: { name: 'team', value: 'platform' } },
    ]);
    expect(result.vars).toEqual({ team: 'platform' });
    expect(result.trace.find((t) => t.nodeId === 'settle')?.until).toBe('2026-03-02T08:00:30.000Z');
    expect(result.trace.find((t) => t.nodeId === 'approve')).toMatchObject({ handle: 'approved', approvers: ['admin'] });
    const decision = result.trace.find((t) => t.nodeId === 'route');
    expect(decision?.rules).toEqual([
      { outcome: 'engineering', matched: true, conditions: [{ fact: 'department', operator: 'equal', value: 'Engineering', factValue: 'Engineering', result: true }] },
    ]);
    expect(result.nodes.other?.status).toBe('skipped');
  });

  it('takes the chosen approval outcome, per node, and reports the failed end it leads to', async () => {
    const result = await simulate(sampleDefinition('sim'), { department: 'Engineering' }, { approvalOutcome: { approve: 'rejected' } });
    expect(result.outcome).toBe('failed');
    expect(result.path.slice(-2)).toEqual(['approve', 'refused']);
    expect(result.nodes.approve).toMatchObject({ status: 'done', handle: 'rejected' });
    expect(result.error).toContain('"Refused"');
  });

  it('treats a timeout as approved where the approval has nowhere to time out to', async () => {
    const result = await simulate(sampleDefinition('sim'), { department: 'Engineering' }, { approvalOutcome: 'timeout' });
    expect(result.nodes.approve?.handle).toBe('approved');
    expect(result.outcome).toBe('succeeded');
  });

  it('says whom an approval would ask: named users, the manager by employee id, expression results', async () => {
    const def = sampleDefinition('approvers');
    const approve = def.nodes.find((n) => n.id === 'approve');
    if (approve?.type !== 'approval') throw new Error('expected the approval node');
    approve.data = {
      label: 'Approve',
      approvers: [{ kind: 'user', userId: 'ana' }, { kind: 'manager' }, { kind: 'manager', level: 2 }, { kind: 'expression', expression: 'Join("-", "lead", [department])' }],
      timeout: { days: 2 },
    };
    def.nodes.push(node({ id: 'late', type: 'end', data: { label: 'Late' } }));
    def.edges.push(edge('approve', 'late', 'timeout'));
    const result = await simulate(def, { department: 'Engineering', managerId: 'E0042' }, { approvalOutcome: 'timeout' });
    expect(result.trace.find((t) => t.nodeId === 'approve')).toMatchObject({
      handle: 'timeout',
      approvers: ['ana', 'manager of E0042', 'manager of E0042 (1 level up)', 'lead-Engineering'],
    });
    // The 2-second wait, then the two-day deadline: the simulated clock is there when the run ends.
    expect(result.trace.at(-1)).toMatchObject({ nodeId: 'late', at: '2026-03-04T08:00:02.000Z' });
  });

  it('moves the simulated clock to a date wait’s end, so later steps see that time', async () => {
    const def = definition(
      'dated',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'before', type: 'wait', data: { wait: { kind: 'until', attribute: 'hireDate', offsetDays: -7, at: '09:00', timeZone: 'Europe/Paris' } } }),
        node({ id: 'stamp', type: 'action', data: log('') }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'before'), edge('before', 'stamp'), edge('stamp', 'end')],
    );
    const stamp = def.nodes[2];
    if (stamp?.type !== 'action') throw new Error('expected the action node');
    stamp.data.params = { message: { expression: 'Now()' } };

    const result = await simulate(def, { hireDate: '2026-04-15' });
    expect(result.trace.find((t) => t.nodeId === 'before')?.until).toBe('2026-04-08T07:00:00.000Z');
    expect(result.operations[0]?.input.message).toBe('4/8/2026 7:00:00 AM');
  });

  it('reports a wait that cannot start on its node instead of throwing', async () => {
    const def = definition(
      'undated',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'day1', type: 'wait', data: { label: 'First day', wait: { kind: 'until', attribute: 'hireDate', offsetDays: 0 } } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'day1'), edge('day1', 'end')],
    );
    const result = await simulate(def, {});
    expect(result.outcome).toBe('failed');
    expect(result.nodes.day1).toMatchObject({ status: 'failed', error: 'the person has no hireDate' });
    expect(result.error).toBe('"First day" cannot start: the person has no hireDate');
    expect(result.nodes.end?.status).toBe('skipped');
  });

  it('answers uniqueness checks as free and keeps Redact() values out of the planned operations', async () => {
    const def = definition(
      'unique',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'pick', type: 'action', data: { action: 'core.setVariable', params: { name: 'login', value: { expression: 'SelectUniqueValue(Join(".", [givenName], [surname]), [surname])' } } } }),
        node({ id: 'secret', type: 'action', data: { action: 'core.log', params: { message: { expression: 'Redact("s3cret")' } } } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'pick'), edge('pick', 'secret'), edge('secret', 'end')],
    );
    const result = await simulate(def, { givenName: 'ada', surname: 'lovelace' });
    expect(result.outcome).toBe('succeeded');
    expect(result.operations[0]?.input).toEqual({ name: 'login', value: 'ada.lovelace' });
    expect(result.vars).toEqual({ login: 'ada.lovelace' });
    expect(result.operations[1]?.input.message).toBe('[redacted]');
    expect(JSON.stringify(result)).not.toContain('s3cret');
  });

  it('fails a step whose input the action would refuse, though its pinned contract cannot say why', async () => {
    const def = definition(
      'both',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'off', type: 'action', data: { action: 'scim.deactivateUser', connectionId: 'app', params: { userId: 'u-1', matchValue: 'ada' } } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'off'), edge('off', 'end')],
    );
    const result = await simulate(def, {});
    expect(result.outcome).toBe('failed');
    expect(result.nodes.off).toMatchObject({ status: 'failed', error: "the step's parameters are invalid: input: name the user with userId or matchValue (exactly one)" });
    expect(result.operations).toEqual([]);
  });

  it('plans a revision published with an older contract as published, not as today’s declaration would check it', async () => {
    const todays = findAction('core.log');
    if (!todays) throw new Error('the catalog has no core.log');
    const older = declareAction({ ...todays, input: z.strictObject({ text: z.string().min(1) }) });
    const def = definition('older', [node({ id: 'start', type: 'start', data: {} }), node({ id: 'say', type: 'action', data: { action: 'core.log', params: { text: 'hi' } } }), node({ id: 'end', type: 'end', data: {} })], [edge('start', 'say'), edge('say', 'end')]);
    const result = await simulateRun(compileDefinition(definitionSchema.parse(def), (id) => (id === 'core.log' ? older : findAction(id))), { attributes: {} }, { now });
    expect(result.outcome).toBe('succeeded');
    expect(result.operations).toEqual([{ nodeId: 'say', action: 'core.log', input: { text: 'hi' } }]);
  });

  it('shapes a plausible action output from its declaration, echoing what the step was given', () => {
    expect(plausibleOutput('core.log', { message: 'hi', level: 'warn' }, now)).toEqual({ message: 'hi', level: 'warn', at: now.toISOString() });
    expect(plausibleOutput('core.setVariable', { name: 'x', value: 3 }, now)).toEqual({ name: 'x', value: 3 });
  });

  it('checks the trigger: event type, scope with its facts, watched attributes', async () => {
    const trigger = {
      events: ['hire' as const],
      scope: { all: [{ fact: 'country', operator: 'equal', value: 'FR' }] },
      changedAttributes: ['department'],
    };
    expect(await checkTrigger(trigger, { country: 'FR' }, { type: 'hire' })).toMatchObject({ eventMatches: true, wouldStart: true, scope: { matched: true } });
    const elsewhere = await checkTrigger(trigger, { country: 'DE' }, { type: 'hire' });
    expect(elsewhere).toMatchObject({ wouldStart: false, scope: { matched: false, conditions: [{ fact: 'country', factValue: 'DE', result: false }] } });
    expect(await checkTrigger(trigger, { country: 'FR' }, { type: 'terminate' })).toMatchObject({ eventMatches: false, wouldStart: false });
    expect(await checkTrigger(trigger, { country: 'FR' }, { type: 'update', changedAttributes: ['title'] })).toMatchObject({ changeMatches: false, wouldStart: false });
    expect(await checkTrigger({ events: [] }, {}, undefined)).toEqual({ eventMatches: null, scope: null, changeMatches: null, wouldStart: true });
  });
});
