/** Compact builders for definitions in tests, and the sample lifecycle the acceptance names. */
import type { DefinitionInput } from '../../workflows/dsl/index.ts';

type NodeInput = DefinitionInput['nodes'][number];
type EdgeInput = DefinitionInput['edges'][number];

type Placed<N> = N extends NodeInput ? Omit<N, 'position'> : never;

let x = 0;
/** A node placed left to right; tests care about the graph, not the layout. */
export function node(n: Placed<NodeInput>): NodeInput {
  x += 200;
  return { ...n, position: { x, y: 0 } };
}

export function edge(source: string, target: string, sourceHandle = 'next'): EdgeInput {
  return { id: `${source}.${sourceHandle}.${target}`, source, sourceHandle, target };
}

export function definition(id: string, nodes: NodeInput[], edges: EdgeInput[], extra: Partial<DefinitionInput> = {}): DefinitionInput {
  return { id, name: `Test ${id}`, lifecycle: 'custom', nodes, edges, ...extra };
}

export const log = (message: string) => ({ action: 'core.log', params: { message } });

/**
 * decision → parallel actions → wait → approval → end: engineers get two steps in parallel, a wait,
 * then an approval by `approver`; everyone else just a log line.
 */
export function sampleDefinition(id = 'sample-onboarding', waitSeconds = 2, approver = 'admin'): DefinitionInput {
  return definition(
    id,
    [
      node({ id: 'start', type: 'start', data: {} }),
      node({
        id: 'route',
        type: 'decision',
        data: {
          label: 'Which department?',
          rules: [{ outcome: 'engineering', conditions: { all: [{ fact: 'department', operator: 'equal', value: 'Engineering' }] } }],
        },
      }),
      node({ id: 'fork', type: 'parallel', data: {} }),
      node({ id: 'greet', type: 'action', data: { label: 'Greet', action: 'core.log', params: { message: { expression: 'Join(" ", "Welcome", [givenName])' } } } }),
      node({ id: 'remember', type: 'action', data: { label: 'Remember team', action: 'core.setVariable', params: { name: 'team', value: 'platform' } } }),
      node({ id: 'join', type: 'join', data: {} }),
      node({ id: 'settle', type: 'wait', data: { label: 'Let it settle', wait: { kind: 'duration', duration: { seconds: waitSeconds } } } }),
      node({ id: 'approve', type: 'approval', data: { label: 'Manager approves', question: 'Grant production access?', approvers: [{ kind: 'user', userId: approver }] } }),
      node({ id: 'other', type: 'action', data: { label: 'Note', action: 'core.log', params: { message: 'not an engineer' } } }),
      node({ id: 'done', type: 'end', data: { label: 'Done' } }),
      node({ id: 'refused', type: 'end', data: { label: 'Refused', outcome: 'failed' } }),
    ],
    [
      edge('start', 'route'),
      edge('route', 'fork', 'engineering'),
      edge('route', 'other', 'default'),
      edge('fork', 'greet'),
      edge('fork', 'remember'),
      edge('greet', 'join'),
      edge('remember', 'join'),
      edge('join', 'settle'),
      edge('settle', 'approve'),
      edge('approve', 'done', 'approved'),
      edge('approve', 'refused', 'rejected'),
      edge('other', 'done'),
    ],
    { name: 'Sample onboarding', lifecycle: 'joiner' },
  );
}
