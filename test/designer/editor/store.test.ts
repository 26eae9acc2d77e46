/**
 * The editor store's history (designer/src/editor/store.ts): a deletion as React Flow delivers it,
 * the step's edges then the step, is undone in one step.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { useEditor } from '../../../designer/src/editor/store.ts';
import type { FlowEdge, FlowNode } from '../../../designer/src/editor/types.ts';

const at = { x: 0, y: 0 };
const nodes: FlowNode[] = [
  { id: 'start', type: 'start', position: at, data: {} },
  { id: 'greet', type: 'action', position: at, data: { action: 'core.log', params: { message: 'hi' } } },
  { id: 'end', type: 'end', position: at, data: {} },
];
const edges: FlowEdge[] = [
  { id: 'start.next.greet', source: 'start', sourceHandle: 'next', target: 'greet' },
  { id: 'greet.next.end', source: 'greet', sourceHandle: 'next', target: 'end' },
];
const ids = () => ({ nodes: useEditor.getState().nodes.map((n) => n.id), edges: useEditor.getState().edges.map((e) => e.id) });

/** What React Flow does on Delete: the step's edges removed, then the step, in the same task. */
function deleteStep(id: string) {
  const { onEdgesChange, onNodesChange } = useEditor.getState();
  const connected = useEditor.getState().edges.filter((e) => e.source === id || e.target === id);
  onEdgesChange(connected.map((e) => ({ type: 'remove', id: e.id })));
  onNodesChange([{ type: 'remove', id }]);
}

describe('undoing a deletion', () => {
  beforeEach(() => {
    useEditor.getState().load({ meta: { id: 'd', name: 'D', description: '', lifecycle: 'joiner', trigger: { events: [] } }, nodes, edges }, { exists: true, version: 1, latestRevision: null });
  });

  it('brings a deleted step back with its edges in one step', () => {
    deleteStep('greet');
    expect(ids()).toEqual({ nodes: ['start', 'end'], edges: [] });
    useEditor.getState().undo();
    expect(ids()).toEqual({ nodes: ['start', 'greet', 'end'], edges: ['start.next.greet', 'greet.next.end'] });
    expect(useEditor.getState().past).toEqual([]);
  });

  it('keeps two deletions, one after the other, as two steps', async () => {
    deleteStep('greet');
    await Promise.resolve();
    deleteStep('end');
    expect(ids()).toEqual({ nodes: ['start'], edges: [] });
    useEditor.getState().undo();
    expect(ids()).toEqual({ nodes: ['start', 'end'], edges: [] });
    useEditor.getState().undo();
    expect(ids()).toEqual({ nodes: ['start', 'greet', 'end'], edges: ['start.next.greet', 'greet.next.end'] });
  });

  it('redoes the deletion in one step too', () => {
    deleteStep('greet');
    useEditor.getState().undo();
    useEditor.getState().redo();
    expect(ids()).toEqual({ nodes: ['start', 'end'], edges: [] });
  });
});
