/**
 * What a step's expressions read when a run reaches it — the person's attributes (the employee id
 * among them), the run variables and the earlier steps' outputs — taken from a simulation of the
 * same revision for the same person, so an expression previewed in the designer gives the value
 * Simulate shows. A step the simulated path does not reach sees what the steps before it (the ones
 * it can be reached from) left on that path.
 *
 * The trace is read the way the scheduler writes run state: an action's output under its id and its
 * declared assignments in the variables; an approval's result under its id; a failed step's error.
 */
import { findAction } from './catalog/index.ts';
import type { CompiledRevision } from './compile.ts';
import { approvalOutcomes } from './handles.ts';
import { approvalOutput } from './scheduler.ts';
import type { TraceEntry } from './status.ts';

export interface StepFacts {
  attributes: Record<string, unknown>;
  vars: Record<string, unknown>;
  steps: Record<string, unknown>;
  /** Whether the simulated run reached the step. */
  reached: boolean;
}

/** The ids of the nodes the node can be reached from. */
function predecessors(revision: CompiledRevision, nodeId: string): Set<string> {
  const into = new Map<string, string[]>();
  for (const node of revision.nodes) {
    for (const targets of Object.values(node.next)) {
      for (const target of targets) into.set(target, [...(into.get(target) ?? []), node.id]);
    }
  }
  const seen = new Set<string>();
  const queue = [...(into.get(nodeId) ?? [])];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(into.get(id) ?? []));
  }
  return seen;
}

function record(entry: TraceEntry, type: string | undefined, vars: Record<string, unknown>, steps: Record<string, unknown>): void {
  // A retried attempt is followed by the attempt that counts.
  if (entry.handle === 'retry') return;
  if (type === 'action') {
    if (entry.error !== undefined) {
      steps[entry.nodeId] = { error: entry.error };
      return;
    }
    steps[entry.nodeId] = entry.output;
    const assigns = entry.action === undefined ? undefined : findAction(entry.action)?.assigns;
    if (assigns) Object.assign(vars, assigns(entry.output));
    return;
  }
  if (type === 'approval') {
    const outcome = approvalOutcomes.find((o) => o === entry.handle);
    if (outcome !== undefined) steps[entry.nodeId] = approvalOutput({ outcome, decisions: entry.decisions ?? [], ...(entry.approvers ? { approvers: entry.approvers } : {}) });
  }
}

/**
 * The facts `nodeId`'s expressions read, from the simulation `trace` of `revision` that started
 * with `attributes` and `vars`.
 */
export function stepFacts(
  revision: CompiledRevision,
  trace: readonly TraceEntry[],
  nodeId: string,
  start: { attributes: Record<string, unknown>; vars?: Record<string, unknown> },
): StepFacts {
  const types = new Map(revision.nodes.map((n) => [n.id, n.type]));
  const reached = trace.some((e) => e.nodeId === nodeId);
  const before = reached ? undefined : predecessors(revision, nodeId);
  const vars: Record<string, unknown> = { ...start.vars };
  const steps: Record<string, unknown> = {};
  for (const entry of trace) {
    // Trace entries are written as steps end: the step's first one marks when it ran.
    if (entry.nodeId === nodeId) break;
    if (before !== undefined && !before.has(entry.nodeId)) continue;
    record(entry, types.get(entry.nodeId), vars, steps);
  }
  return { attributes: { ...start.attributes }, vars, steps, reached };
}
