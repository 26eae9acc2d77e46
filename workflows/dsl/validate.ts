/**
 * The validator: every problem of a draft at once, each located on its node or edge with a message
 * a person can act on. Shape problems come from the zod schema; graph problems (one start,
 * reachability, handles, cycles without a wait, parallel branches that never meet) and action
 * problems (unknown action, missing parameter, expression syntax) from the checks below.
 */
import type { z } from 'zod';
import { approvalProblems } from './approval.ts';
import { findAction } from './catalog/index.ts';
import { isTimeZone } from './dates.ts';
import { parseExpression } from './expressions/index.ts';
import { edgeHandle, outputHandles } from './handles.ts';
import { formatPath, type Problem } from './problems.ts';
import { conditionProblems } from './ruleOperators.ts';
import { definitionSchema, type Definition, type DefinitionNode, type NodeOfType } from './schema.ts';

export type ValidationResult = { valid: true; definition: Definition; problems: [] } | { valid: false; problems: Problem[] };

export function validateDefinition(input: unknown): ValidationResult {
  const parsed = definitionSchema.safeParse(input);
  if (!parsed.success) return { valid: false, problems: schemaProblems(input, parsed.error) };
  const problems = graphProblems(parsed.data);
  return problems.length === 0 ? { valid: true, definition: parsed.data, problems: [] } : { valid: false, problems };
}

function idAt(input: unknown, collection: 'nodes' | 'edges', index: unknown): string | undefined {
  if (typeof index !== 'number' || typeof input !== 'object' || input === null || !(collection in input)) return undefined;
  const list: unknown = Reflect.get(input, collection);
  if (!Array.isArray(list)) return undefined;
  const item: unknown = list[index];
  if (typeof item !== 'object' || item === null) return undefined;
  const id: unknown = Reflect.get(item, 'id');
  return typeof id === 'string' ? id : undefined;
}

function schemaProblems(input: unknown, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    const [head, index] = issue.path;
    const problem: Problem = { path: formatPath(issue.path), message: issue.message };
    if (head === 'nodes') {
      const nodeId = idAt(input, 'nodes', index);
      if (nodeId !== undefined) problem.nodeId = nodeId;
    } else if (head === 'edges') {
      const edgeId = idAt(input, 'edges', index);
      if (edgeId !== undefined) problem.edgeId = edgeId;
    }
    return problem;
  });
}

function describe(node: DefinitionNode): string {
  return node.data.label ? `"${node.data.label}"` : `the ${node.type} node "${node.id}"`;
}

function graphProblems(def: Definition): Problem[] {
  const problems: Problem[] = def.trigger.scope === undefined ? [] : conditionProblems(def.trigger.scope, 'trigger.scope');
  const nodeIndex = new Map<string, number>();
  const seen = new Set<string>();

  def.nodes.forEach((node, i) => {
    if (seen.has(node.id)) problems.push({ nodeId: node.id, path: `nodes[${i}].id`, message: `Another node already has the id "${node.id}".` });
    seen.add(node.id);
    nodeIndex.set(node.id, i);
  });
  def.edges.forEach((edge, i) => {
    if (seen.has(edge.id)) problems.push({ edgeId: edge.id, path: `edges[${i}].id`, message: `The id "${edge.id}" is already used by another node or edge.` });
    seen.add(edge.id);
  });

  const starts = def.nodes.filter((n) => n.type === 'start');
  if (starts.length === 0) problems.push({ path: 'nodes', message: 'Add a start node: the workflow needs one entry point.' });
  for (const extra of starts.slice(1)) {
    problems.push({ nodeId: extra.id, path: `nodes[${nodeIndex.get(extra.id) ?? 0}]`, message: 'Only one start node is allowed; remove this one or turn it into another step.' });
  }
  if (!def.nodes.some((n) => n.type === 'end')) problems.push({ path: 'nodes', message: 'Add an end node: every path must finish somewhere.' });

  // Edges: endpoints exist, leave a handle the source has, one edge per single handle.
  const out = new Map<string, Map<string, string[]>>();
  const incoming = new Map<string, number>();
  def.edges.forEach((edge, i) => {
    const source = def.nodes[nodeIndex.get(edge.source) ?? -1];
    const targetKnown = nodeIndex.has(edge.target);
    if (!source) problems.push({ edgeId: edge.id, path: `edges[${i}].source`, message: `The edge starts at "${edge.source}", which is not a node of this workflow.` });
    if (!targetKnown) problems.push({ edgeId: edge.id, path: `edges[${i}].target`, message: `The edge ends at "${edge.target}", which is not a node of this workflow.` });
    if (!source || !targetKnown) return;
    const handle = edgeHandle(edge);
    const spec = outputHandles(source).find((h) => h.id === handle);
    if (!spec) {
      problems.push({ edgeId: edge.id, path: `edges[${i}].sourceHandle`, message: `${describe(source)} has no output "${handle}".` });
      return;
    }
    if (edge.target === edge.source) {
      problems.push({ edgeId: edge.id, path: `edges[${i}]`, message: `${describe(source)} connects to itself; a loop needs a wait or an approval on the way.` });
    }
    const handles = out.get(edge.source) ?? new Map<string, string[]>();
    const targets = handles.get(handle) ?? [];
    if (targets.length > 0 && !spec.many) {
      problems.push({ edgeId: edge.id, path: `edges[${i}].sourceHandle`, message: `${describe(source)} already has an edge on "${handle}"; a step continues one way (use a parallel node to branch).` });
      return;
    }
    targets.push(edge.target);
    handles.set(handle, targets);
    out.set(edge.source, handles);
    incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1);
  });

  def.nodes.forEach((node, i) => {
    const here = `nodes[${i}]`;
    const handles = out.get(node.id);
    for (const spec of outputHandles(node)) {
      const n = handles?.get(spec.id)?.length ?? 0;
      if (spec.required && n === 0) problems.push({ nodeId: node.id, path: here, message: `Connect the "${spec.id}" output of ${describe(node)}.` });
    }
    if (node.type === 'start' && (incoming.get(node.id) ?? 0) > 0) problems.push({ nodeId: node.id, path: here, message: 'Nothing may lead back into the start node.' });
    if (node.type === 'parallel' && (handles?.get('next')?.length ?? 0) === 1) problems.push({ nodeId: node.id, path: here, message: `${describe(node)} has one branch; connect at least two, or remove it.` });
    if (node.type === 'join' && (incoming.get(node.id) ?? 0) < 2) problems.push({ nodeId: node.id, path: here, message: `${describe(node)} joins fewer than two branches.` });
    problems.push(...nodeProblems(node, here));
  });

  const successors = (id: string) => [...(out.get(id)?.values() ?? [])].flat();
  const start = starts[0];
  if (start) {
    const reached = new Set<string>([start.id]);
    const queue = [start.id];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      for (const next of successors(id)) {
        if (reached.has(next)) continue;
        reached.add(next);
        queue.push(next);
      }
    }
    def.nodes.forEach((node, i) => {
      if (!reached.has(node.id)) problems.push({ nodeId: node.id, path: `nodes[${i}]`, message: `${describe(node)} can never be reached from the start node.` });
    });
  }

  problems.push(...cycleProblems(def, successors, nodeIndex));
  problems.push(...parallelProblems(def, out, nodeIndex));
  return problems;
}

function nodeProblems(node: DefinitionNode, here: string): Problem[] {
  switch (node.type) {
    case 'action':
      return actionProblems(node, here);
    case 'decision': {
      const seen = new Set<string>();
      const problems: Problem[] = [];
      node.data.rules.forEach((r, j) => {
        if (seen.has(r.outcome)) problems.push({ nodeId: node.id, path: `${here}.data.rules[${j}].outcome`, message: `Two rules lead to the outcome "${r.outcome}"; give each its own name.` });
        seen.add(r.outcome);
        problems.push(...conditionProblems(r.conditions, `${here}.data.rules[${j}].conditions`).map((p) => ({ nodeId: node.id, ...p })));
      });
      return problems;
    }
    case 'approval':
      return approvalProblems(node.data, here).map((p) => ({ nodeId: node.id, ...p }));
    case 'wait':
      if (node.data.wait.kind === 'until' && node.data.wait.timeZone !== undefined && !isTimeZone(node.data.wait.timeZone)) {
        return [{ nodeId: node.id, path: `${here}.data.wait.timeZone`, message: `"${node.data.wait.timeZone}" is not a time zone; use an IANA name such as Europe/Paris.` }];
      }
      return [];
    default:
      return [];
  }
}

function actionProblems(node: NodeOfType<'action'>, here: string): Problem[] {
  const action = findAction(node.data.action);
  if (!action) return [{ nodeId: node.id, path: `${here}.data.action`, message: `Unknown action "${node.data.action}"; pick one from the catalog.` }];
  const problems: Problem[] = [];
  if (node.data.operatorWaitHours !== undefined && node.data.waitForOperator !== true) {
    problems.push({ nodeId: node.id, path: `${here}.data.operatorWaitHours`, message: `${describe(node)} has an operator wait but does not wait for an operator; turn on waitForOperator, or remove operatorWaitHours.` });
  }
  if (action.connector !== 'core' && node.data.connectionId === undefined) {
    problems.push({ nodeId: node.id, path: `${here}.data.connectionId`, message: `Choose the ${action.connector} connection "${action.label}" works on.` });
  }
  const shape = inputShape(action.input);
  for (const [name, field] of Object.entries(shape)) {
    if (!(name in node.data.params) && !field.safeParse(undefined).success) {
      problems.push({ nodeId: node.id, path: `${here}.data.params.${name}`, message: `"${action.label}" needs the parameter "${name}".` });
    }
  }
  for (const [name, value] of Object.entries(node.data.params)) {
    const path = `${here}.data.params.${name}`;
    const field = shape[name];
    if (!field) {
      problems.push({ nodeId: node.id, path, message: `"${action.label}" has no parameter "${name}".` });
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const parsed = parseExpression(value.expression);
      if (!parsed.ok) problems.push({ nodeId: node.id, path: `${path}.expression`, message: `Expression error at line ${parsed.error.line}, column ${parsed.error.column}: ${parsed.error.message}` });
    } else {
      const checked = field.safeParse(value);
      if (!checked.success) problems.push({ nodeId: node.id, path, message: `"${name}": ${checked.error.issues.map((i) => i.message).join('; ')}` });
    }
  }
  return problems;
}

/** The fields of an action's input object schema. */
export function inputShape(schema: z.ZodType): Record<string, z.ZodType> {
  const def: unknown = schema.def;
  if (typeof def === 'object' && def !== null && 'shape' in def) {
    const shape: unknown = def.shape;
    if (typeof shape === 'object' && shape !== null) return Object.fromEntries(Object.entries(shape).filter((e): e is [string, z.ZodType] => isZod(e[1])));
  }
  return {};
}

function isZod(v: unknown): v is z.ZodType {
  return typeof v === 'object' && v !== null && 'safeParse' in v;
}

/** A loop must pause somewhere (a wait or an approval), or it would spin forever. */
function cycleProblems(def: Definition, successors: (id: string) => string[], nodeIndex: Map<string, number>): Problem[] {
  const pausing = new Set(def.nodes.filter((n) => n.type === 'wait' || n.type === 'approval').map((n) => n.id));
  const problems: Problem[] = [];
  for (const scc of stronglyConnected(def.nodes.map((n) => n.id), successors)) {
    const isCycle = scc.length > 1;
    if (!isCycle || scc.some((id) => pausing.has(id))) continue;
    const first = [...scc].sort()[0] ?? '';
    problems.push({ nodeId: first, path: `nodes[${nodeIndex.get(first) ?? 0}]`, message: `These steps form a loop with no wait or approval: ${[...scc].sort().join(' → ')}. Add a wait so it cannot spin.` });
  }
  return problems;
}

/** Tarjan's algorithm, iterative so large graphs cannot overflow the stack. */
function stronglyConnected(ids: string[], successors: (id: string) => string[]): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (!frame) break;
      const succ = successors(frame.id);
      if (frame.next < succ.length) {
        const w = succ[frame.next++] ?? '';
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ id: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.id, Math.min(low.get(frame.id) ?? 0, index.get(w) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0));
      if (low.get(frame.id) === index.get(frame.id)) {
        const scc: string[] = [];
        for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
          onStack.delete(w);
          scc.push(w);
          if (w === frame.id) break;
        }
        result.push(scc);
      }
    }
  }
  return result;
}

/**
 * Every branch of a parallel must meet the others at one join (or end), so the run knows where to
 * continue once all branches are done. Nested parallels are skipped over through their own join.
 */
function parallelProblems(def: Definition, out: Map<string, Map<string, string[]>>, nodeIndex: Map<string, number>): Problem[] {
  const byId = new Map(def.nodes.map((n) => [n.id, n]));
  const memo = new Map<string, Set<string>>();

  const joinsFrom = (id: string, visiting: Set<string>): Set<string> => {
    const cached = memo.get(id);
    if (cached) return cached;
    const node = byId.get(id);
    const found = new Set<string>();
    if (!node || visiting.has(id)) return found;
    if (node.type === 'join') return found.add(id);
    visiting.add(id);
    let next = [...(out.get(id)?.values() ?? [])].flat();
    if (node.type === 'parallel') {
      // Continue after the nested block's join, not inside it.
      const inner = new Set(next.flatMap((b) => [...joinsFrom(b, visiting)]));
      next = [...inner].flatMap((j) => out.get(j)?.get('next') ?? []);
    }
    for (const n of next) for (const j of joinsFrom(n, visiting)) found.add(j);
    visiting.delete(id);
    memo.set(id, found);
    return found;
  };

  const problems: Problem[] = [];
  for (const node of def.nodes) {
    if (node.type !== 'parallel') continue;
    const joins = new Set((out.get(node.id)?.get('next') ?? []).flatMap((b) => [...joinsFrom(b, new Set())]));
    if (joins.size > 1) {
      problems.push({ nodeId: node.id, path: `nodes[${nodeIndex.get(node.id) ?? 0}]`, message: `The branches of ${describe(node)} meet at different joins (${[...joins].sort().join(', ')}); lead them all to one join.` });
    }
  }
  return problems;
}
