import { describe, expect, it } from 'vitest';
import { maxConditionDepth, topLevelConditionSchema, validateDefinition, type Condition, type Problem, type TopLevelCondition } from '../../workflows/dsl/index.ts';
import { definition, edge, log, node, sampleDefinition } from '../support/definitions.ts';

const messages = (problems: Problem[]) => problems.map((p) => `${p.nodeId ?? p.edgeId ?? '-'}: ${p.message}`);

describe('validateDefinition', () => {
  it('accepts the sample definition', () => {
    const result = validateDefinition(sampleDefinition());
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('reports every problem at once, each on its node or edge', () => {
    const def = definition(
      'broken',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'a', type: 'action', data: { action: 'core.nope', params: {} } }),
        node({ id: 'b', type: 'action', data: { action: 'core.log', params: { message: { expression: 'Join(" ", [givenName]' } } } }),
        node({ id: 'lonely', type: 'action', data: log('never') }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'a'), edge('a', 'b'), edge('b', 'end'), edge('b', 'ghost', 'error'), edge('lonely', 'end')],
    );
    const result = validateDefinition(def);
    expect(result.valid).toBe(false);
    const found = messages(result.problems);
    expect(found).toContain('a: Unknown action "core.nope"; pick one from the catalog.');
    expect(found.some((m) => m.startsWith('b: Expression error at line 1, column'))).toBe(true);
    expect(found).toContain('b.error.ghost: The edge ends at "ghost", which is not a node of this workflow.');
    expect(found).toContain('lonely: the action node "lonely" can never be reached from the start node.');
    const expressionProblem = result.problems.find((p) => p.nodeId === 'b');
    expect(expressionProblem?.path).toBe('nodes[2].data.params.message.expression');
  });

  it('names a missing required parameter and an unknown one', () => {
    const def = definition(
      'params',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'set', type: 'action', data: { action: 'core.setVariable', params: { value: 1, colour: 'red' } } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'set'), edge('set', 'end')],
    );
    const found = messages(validateDefinition(def).problems);
    expect(found).toEqual(['set: "Set a run variable" needs the parameter "name".', 'set: "Set a run variable" has no parameter "colour".']);
  });

  it('refuses a handle without an edge and a second edge on a single handle', () => {
    const def = definition(
      'handles',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'd', type: 'decision', data: { rules: [{ outcome: 'big', conditions: { all: [{ fact: 'size', operator: 'greaterThan', value: 10 }] } }] } }),
        node({ id: 'end', type: 'end', data: {} }),
        node({ id: 'end2', type: 'end', data: {} }),
      ],
      [edge('start', 'd'), edge('d', 'end', 'big'), edge('start', 'end2'), edge('d', 'end', 'maybe')],
    );
    const found = messages(validateDefinition(def).problems);
    expect(found).toContain('start.next.end2: the start node "start" already has an edge on "next"; a step continues one way (use a parallel node to branch).');
    expect(found).toContain('d: Connect the "default" output of the decision node "d".');
    expect(found).toContain('d.maybe.end: the decision node "d" has no output "maybe".');
  });

  it('refuses a loop without a wait, and accepts one with a wait', () => {
    const loop = (withWait: boolean) =>
      definition(
        'loop',
        [
          node({ id: 'start', type: 'start', data: {} }),
          node({ id: 'check', type: 'decision', data: { rules: [{ outcome: 'done', conditions: { all: [{ fact: 'vars', path: '$.ready', operator: 'equal', value: true }] } }] } }),
          withWait ? node({ id: 'pause', type: 'wait', data: { wait: { kind: 'duration', duration: { minutes: 5 } } } }) : node({ id: 'pause', type: 'action', data: log('again') }),
          node({ id: 'end', type: 'end', data: {} }),
        ],
        [edge('start', 'check'), edge('check', 'end', 'done'), edge('check', 'pause', 'default'), edge('pause', 'check')],
      );
    expect(messages(validateDefinition(loop(false)).problems)).toEqual(['check: These steps form a loop with no wait or approval: check → pause. Add a wait so it cannot spin.']);
    expect(validateDefinition(loop(true)).problems).toEqual([]);
  });

  it('refuses parallel branches that meet at different joins', () => {
    const def = definition(
      'joins',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'fork', type: 'parallel', data: {} }),
        node({ id: 'a', type: 'action', data: log('a') }),
        node({ id: 'b', type: 'action', data: log('b') }),
        node({ id: 'c', type: 'action', data: log('c') }),
        node({ id: 'j1', type: 'join', data: {} }),
        node({ id: 'j2', type: 'join', data: {} }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'fork'), edge('fork', 'a'), edge('fork', 'b'), edge('fork', 'c'), edge('a', 'j1'), edge('b', 'j1'), edge('c', 'j2'), edge('c', 'j2', 'error'), edge('j1', 'end'), edge('j2', 'end')],
    );
    const found = messages(validateDefinition(def).problems);
    expect(found).toContain('fork: The branches of the parallel node "fork" meet at different joins (j1, j2); lead them all to one join.');
  });

  it('turns shape errors into located problems', () => {
    const result = validateDefinition({ id: 'x', name: 'X', lifecycle: 'sideways', nodes: [{ id: 'n1', type: 'wait', position: { x: 0, y: 0 }, data: { wait: { kind: 'duration', duration: {} } } }], edges: [], extra: 1 });
    expect(result.valid).toBe(false);
    const paths = result.problems.map((p) => p.path);
    expect(paths).toContain('lifecycle');
    expect(paths).toContain('nodes[0].data.wait.duration');
    expect(result.problems.find((p) => p.path === 'nodes[0].data.wait.duration')?.nodeId).toBe('n1');
    expect(result.problems.some((p) => p.message.includes('extra'))).toBe(true);
  });

  it('needs exactly one start and at least one end', () => {
    const found = messages(validateDefinition(definition('empty', [], [])).problems);
    expect(found).toEqual(['-: Add a start node: the workflow needs one entry point.', '-: Add an end node: every path must finish somewhere.']);
  });
});

describe('rule operators', () => {
  const withRule = (conditions: TopLevelCondition, scope?: TopLevelCondition) =>
    definition(
      'operators',
      [node({ id: 'start', type: 'start', data: {} }), node({ id: 'route', type: 'decision', data: { rules: [{ outcome: 'noMail', conditions }] } }), node({ id: 'end', type: 'end', data: {} })],
      [edge('start', 'route'), edge('route', 'end', 'noMail'), edge('route', 'end', 'default')],
      { trigger: { events: ['hire'], ...(scope ? { scope } : {}) } },
    );

  it('accepts the presence operators with no value, and the engine operators, decorated or not', () => {
    const conditions: TopLevelCondition = {
      any: [
        { fact: 'mail', operator: 'isMissing', value: null },
        { fact: 'mail', operator: 'isEmpty', value: null },
        { not: { fact: 'vars', path: '$.manager', operator: 'isPresent', value: null } },
        { fact: 'groups', operator: 'not:contains', value: 'admins' },
        { fact: 'department', operator: 'notEqual', value: null },
      ],
    };
    expect(validateDefinition(withRule(conditions, { all: [{ fact: 'employeeType', operator: 'isPresent', value: null }] })).problems).toEqual([]);
  });

  it('refuses an unknown operator and a value given to a presence operator, on the condition that has it', () => {
    const result = validateDefinition(
      withRule({ all: [{ fact: 'mail', operator: 'equal', value: 'a' }, { any: [{ fact: 'mail', operator: 'isBlank', value: null }] }, { fact: 'mail', operator: 'isMissing', value: '' }] }, { all: [{ fact: 'x', operator: 'exists', value: true }] }),
    );
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => [p.nodeId ?? '-', p.path])).toEqual([
      ['-', 'trigger.scope.all[0].operator'],
      ['route', 'nodes[1].data.rules[0].conditions.all[1].any[0].operator'],
      ['route', 'nodes[1].data.rules[0].conditions.all[2].operator'],
    ]);
    expect(result.problems[1]?.message).toMatch(/^Unknown operator "isBlank"; use one of /);
    expect(result.problems[2]?.message).toBe('"isMissing" looks only at the fact and takes no value; set the value to null.');
  });
});

describe('nesting limits', () => {
  /** `depth` levels of `not` around one condition. */
  const nested = (depth: number): TopLevelCondition => {
    let condition: Condition = { fact: 'department', operator: 'equal', value: 'Sales' };
    for (let i = 1; i < depth; i++) condition = { not: condition };
    return { not: condition };
  };
  const decision = (scope: TopLevelCondition | undefined) =>
    definition(
      'deep',
      [node({ id: 'start', type: 'start', data: {} }), node({ id: 'route', type: 'decision', data: { rules: [{ outcome: 'sales', conditions: nested(1) }] } }), node({ id: 'end', type: 'end', data: {} })],
      [edge('start', 'route'), edge('route', 'end', 'sales'), edge('route', 'end', 'default')],
      { trigger: { events: ['hire'], ...(scope ? { scope } : {}) } },
    );
  const limitMessage = `the conditions nest deeper than ${maxConditionDepth} levels of all/any/not, the limit; flatten the rule or split it into several rules`;

  it('accepts conditions nested to the limit', () => {
    expect(validateDefinition(decision(nested(maxConditionDepth))).problems).toEqual([]);
  });

  it('refuses a scope nested one level past the limit, stating the limit', () => {
    expect(validateDefinition(decision(nested(maxConditionDepth + 1))).problems).toEqual([{ path: 'trigger.scope', message: limitMessage }]);
  });

  it('refuses 2,000 nested conditions in a decision rule without overflowing the stack', () => {
    const def = decision(undefined);
    const route = def.nodes[1];
    if (route?.type !== 'decision') throw new Error('the test definition has its decision second');
    route.data.rules = [{ outcome: 'sales', conditions: nested(2000) }];
    const result = validateDefinition(def);
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([{ nodeId: 'route', path: 'nodes[1].data.rules[0].conditions', message: limitMessage }]);
  });

  it('counts all and any as levels too', () => {
    let condition: TopLevelCondition = { all: [{ fact: 'a', operator: 'equal', value: 1 }] };
    for (let i = 1; i <= maxConditionDepth; i++) condition = i % 2 === 0 ? { all: [condition] } : { any: [{ fact: 'b', operator: 'equal', value: 2 }, condition] };
    expect(topLevelConditionSchema.safeParse(condition).error?.issues.map((i) => i.message)).toEqual([limitMessage]);
  });
});
