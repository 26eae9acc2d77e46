/**
 * Turns a run's (or a simulation's) per-node status into what the canvas draws: a status and a
 * one-line note per node, and the edges the run went along.
 */
import { edgeHandle } from '../../../workflows/dsl/index.ts';
import type { NodeStateView, TraceEntryView } from '../api/schemas.ts';
import { formatInstant } from '../ui/format.ts';
import type { FlowEdge, NodeMark, Overlay } from './types.ts';

function noteFor(state: NodeStateView, trace: readonly TraceEntryView[]): string | undefined {
  if (state.awaitingOperator === true) return `Failed — waiting for an operator${state.error !== undefined ? `: ${state.error}` : ''}`;
  if (state.status === 'failed' && state.error !== undefined) return state.error;
  if (state.status === 'waiting' && state.waitingFor !== undefined && state.waitingFor.length > 0) return `waiting for ${state.waitingFor.join(', ')}`;
  if (state.status === 'waiting' && state.waitingUntil !== undefined) return `until ${formatInstant(state.waitingUntil)}`;
  const last = trace.findLast((t) => t.until !== undefined || t.approvers !== undefined);
  if (last?.until !== undefined) return `waits until ${formatInstant(last.until)}`;
  if (last?.approvers !== undefined) return `${state.handle ?? 'asked'} · ${last.approvers.join(', ')}`;
  if (state.handle !== undefined && state.handle !== 'next') return `→ ${state.handle}`;
  return undefined;
}

export function statusOverlay(
  kind: 'simulation' | 'run',
  nodes: Record<string, NodeStateView>,
  trace: readonly TraceEntryView[],
  edges: readonly FlowEdge[],
  live = false,
  /** Notes the page knows better, by node id: a running step's attempts and last error. */
  notes: Readonly<Record<string, string>> = {},
): Overlay {
  const marks: Record<string, NodeMark> = {};
  for (const [id, state] of Object.entries(nodes)) {
    const note =
      notes[id] ??
      noteFor(
        state,
        trace.filter((t) => t.nodeId === id),
      );
    marks[id] = { status: state.status, ...(note !== undefined ? { note } : {}) };
  }
  const taken: Record<string, true> = {};
  for (const e of edges) {
    const source = nodes[e.source];
    const target = nodes[e.target];
    if (source?.handle === undefined || target === undefined) continue;
    if (source.handle === edgeHandle(e) && target.status !== 'pending' && target.status !== 'skipped') taken[e.id] = true;
  }
  return { kind, nodes: marks, edges: taken, live };
}
