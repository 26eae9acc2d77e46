/**
 * Pure helpers over the canvas graph: the draft JSON it serializes to, ids for new nodes and
 * edges, the data a new step starts with, its output handles, and which connections make sense.
 */
import { approverSchema, edgeHandle, nodeSchemaUnion, outputHandles, type HandleSpec } from '../../../workflows/dsl/index.ts';
import type { CatalogAction, Draft, FlowNodeType } from '../api/schemas.ts';
import type { DefinitionMeta, FlowEdge, FlowNode, NodeData } from './types.ts';

export interface DraftJson {
  id: string;
  name: string;
  description?: string;
  lifecycle: string;
  trigger: Record<string, unknown>;
  nodes: { id: string; type: FlowNodeType; position: { x: number; y: number }; data: NodeData }[];
  edges: { id: string; source: string; sourceHandle: string; target: string }[];
}

/** The definition JSON the API takes: only what a definition holds, no canvas state. */
export function toDraft(meta: DefinitionMeta, nodes: readonly FlowNode[], edges: readonly FlowEdge[]): DraftJson {
  return {
    id: meta.id,
    name: meta.name,
    ...(meta.description !== '' ? { description: meta.description } : {}),
    lifecycle: meta.lifecycle,
    trigger: meta.trigger,
    nodes: nodes.map((n) => ({ id: n.id, type: n.type, position: { x: Math.round(n.position.x), y: Math.round(n.position.y) }, data: n.data })),
    edges: edges.map((e) => ({ id: e.id, source: e.source, sourceHandle: edgeHandle(e), target: e.target })),
  };
}

export function fromDraft(draft: Draft): { meta: DefinitionMeta; nodes: FlowNode[]; edges: FlowEdge[] } {
  return {
    meta: { id: draft.id, name: draft.name, description: draft.description ?? '', lifecycle: draft.lifecycle, trigger: draft.trigger ?? { events: [] } },
    nodes: draft.nodes.map((n) => ({ id: n.id, type: n.type, position: n.position, data: n.data })),
    edges: draft.edges.map((e) => ({ id: e.id, source: e.source, sourceHandle: edgeHandle(e), target: e.target })),
  };
}

/** `action-3`: the type and the lowest number no node uses yet. */
export function newNodeId(type: FlowNodeType, taken: ReadonlySet<string>): string {
  if (type === 'start' && !taken.has('start')) return 'start';
  for (let i = 1; ; i++) if (!taken.has(`${type}-${i}`)) return `${type}-${i}`;
}

export function newEdgeId(source: string, handle: string, target: string, taken: ReadonlySet<string>): string {
  const base = `${source}.${handle}.${target}`.replace(/[^A-Za-z0-9_.:-]/g, '_');
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}.${i}`)) return `${base}.${i}`;
}

/** The configuration a step starts with when dropped from the palette. */
export function initialData(type: FlowNodeType, action?: CatalogAction): NodeData {
  switch (type) {
    case 'action':
      return { label: action?.label ?? 'Action', action: action?.id ?? '', params: {} };
    case 'decision':
      return { label: 'Decision', rules: [] };
    case 'wait':
      return { label: 'Wait', wait: { kind: 'duration', duration: { days: 1 } } };
    case 'approval':
      return { label: 'Approval', approvers: [firstApprover()] };
    case 'end':
      return { label: 'End', outcome: 'succeeded' };
    case 'start':
      return { label: 'Start' };
    case 'parallel':
      return { label: 'In parallel' };
    case 'join':
      return { label: 'Join' };
  }
}

/**
 * A new approval asks the person's manager where the language knows managers: a complete step
 * from the start, so the validator can check the rest of the graph while it is being drawn.
 */
function firstApprover(): Record<string, unknown> {
  const manager = approverSchema.safeParse({ kind: 'manager' });
  return manager.success ? { kind: 'manager' } : { kind: 'user', userId: '' };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The named outputs of a node, from the shared table in workflows/dsl. A half-configured node
 * that the schema does not accept yet still shows the outputs its data names.
 */
export function handlesOf(node: Pick<FlowNode, 'id' | 'type' | 'data'>): HandleSpec[] {
  const parsed = nodeSchemaUnion.safeParse({ id: node.id, type: node.type, position: { x: 0, y: 0 }, data: node.data });
  if (parsed.success) return outputHandles(parsed.data);
  const one = (id: string, required = true): HandleSpec => ({ id, required, many: false });
  switch (node.type) {
    case 'decision': {
      const rules = Array.isArray(node.data.rules) ? node.data.rules : [];
      const outcomes = rules.flatMap((r) => (isRecord(r) && typeof r.outcome === 'string' && r.outcome !== '' ? [r.outcome] : []));
      return [...outcomes.map((o) => one(o)), one('default')];
    }
    case 'approval':
      return [one('approved'), one('rejected'), one('timeout', false)];
    case 'action':
      return [one('next'), one('error', false)];
    case 'parallel':
      return [{ id: 'next', required: true, many: true }];
    case 'end':
      return [];
    case 'start':
    case 'wait':
    case 'join':
      return [one('next')];
  }
}

export interface ConnectionAttempt {
  source: string;
  sourceHandle?: string | null;
  target: string;
}

/** Why a connection cannot be drawn, or null when it can. */
export function connectionProblem(c: ConnectionAttempt, nodes: readonly FlowNode[], edges: readonly FlowEdge[]): string | null {
  if (c.source === c.target) return 'A step cannot lead to itself.';
  const source = nodes.find((n) => n.id === c.source);
  const target = nodes.find((n) => n.id === c.target);
  if (!source || !target) return 'Both ends must be steps on the canvas.';
  if (target.type === 'start') return 'Nothing may lead into the start.';
  const handle = c.sourceHandle ?? 'next';
  const spec = handlesOf(source).find((h) => h.id === handle);
  if (!spec) return `This step has no output "${handle}".`;
  const fromHandle = edges.filter((e) => e.source === c.source && edgeHandle(e) === handle);
  if (fromHandle.some((e) => e.target === c.target)) return 'These steps are already connected this way.';
  if (!spec.many && fromHandle.length > 0) return `The "${handle}" output is already connected; a step continues one way (use a parallel step to branch).`;
  return null;
}

/** Copies of `nodes` (and the edges between them) with fresh ids, shifted so they do not cover the originals. */
export function duplicate(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  existing: readonly FlowNode[],
  existingEdges: readonly FlowEdge[],
  offset: { x: number; y: number },
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const taken = new Set([...existing.map((n) => n.id), ...existingEdges.map((e) => e.id)]);
  const ids = new Map<string, string>();
  // A definition has one start; copies of it would only be problems.
  const copies = nodes.filter((n) => n.type !== 'start').map((n) => {
    const id = newNodeId(n.type, taken);
    taken.add(id);
    ids.set(n.id, id);
    return { id, type: n.type, position: { x: n.position.x + offset.x, y: n.position.y + offset.y }, data: structuredClone(n.data), selected: true };
  });
  const edgeCopies = edges.flatMap((e) => {
    const source = ids.get(e.source);
    const target = ids.get(e.target);
    if (source === undefined || target === undefined) return [];
    const handle = edgeHandle(e);
    const id = newEdgeId(source, handle, target, taken);
    taken.add(id);
    return [{ id, source, sourceHandle: handle, target }];
  });
  return { nodes: copies, edges: edgeCopies };
}
