/**
 * The compiler: a valid draft becomes the executable revision a run pins — no layout, nodes sorted
 * by id, each node's successors by handle, the contract of every action it uses, the whole
 * canonically serialized and hashed. Moving a node on the canvas never changes what runs or its hash.
 */
import { contentHash } from './canonical.ts';
import { findAction, type ActionDeclaration } from './catalog/index.ts';
import { pinContracts, type ActionContracts } from './contracts.ts';
import { edgeHandle } from './handles.ts';
import type { Definition, DefinitionNode, Trigger } from './schema.ts';

export { canonicalJson } from './canonical.ts';

type DataOf<N extends DefinitionNode> = N['data'];
export type CompiledNode = {
  [T in DefinitionNode['type']]: {
    id: string;
    type: T;
    data: DataOf<Extract<DefinitionNode, { type: T }>>;
    /** Successors by handle; a parallel's `next` lists its branches. */
    next: Record<string, string[]>;
  };
}[DefinitionNode['type']];
export type CompiledNodeOf<T extends DefinitionNode['type']> = Extract<CompiledNode, { type: T }>;

export interface CompiledRevision {
  format: 1;
  definitionId: string;
  name: string;
  lifecycle: Definition['lifecycle'];
  trigger: Trigger;
  start: string;
  nodes: CompiledNode[];
  /**
   * The contract of each action the nodes use, by action id, as the catalog declared it when the
   * revision was published: steps are checked against these, never against a later catalog.
   * Revisions published before contracts were pinned have none.
   */
  contracts?: ActionContracts;
}

export class CompileError extends Error {}

function compileNode(node: DefinitionNode, next: Record<string, string[]>): CompiledNode {
  // Only id, type and data carry meaning; position, size and selection are canvas state.
  const { position: _p, width: _w, height: _h, measured: _m, selected: _s, dragging: _d, ...meaning } = node;
  return { ...meaning, next };
}

/**
 * Compiles a definition that validateDefinition accepted. `actions` answers with the declarations
 * whose contracts the revision pins: the catalog's, unless a test stands in another version of it.
 */
export function compileDefinition(def: Definition, actions: (id: string) => ActionDeclaration | undefined = findAction): CompiledRevision {
  const start = def.nodes.find((n) => n.type === 'start');
  if (!start) throw new CompileError('a definition without a start node cannot be compiled; validate it first');
  const successors = new Map<string, Record<string, string[]>>();
  for (const edge of def.edges) {
    const byHandle = successors.get(edge.source) ?? {};
    (byHandle[edgeHandle(edge)] ??= []).push(edge.target);
    successors.set(edge.source, byHandle);
  }
  const nodes = [...def.nodes]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((node) => {
      const raw = successors.get(node.id) ?? {};
      const next = Object.fromEntries(Object.keys(raw).sort().map((h) => [h, [...(raw[h] ?? [])].sort()]));
      return compileNode(node, next);
    });
  let contracts: ActionContracts;
  try {
    contracts = pinContracts(
      nodes.flatMap((n) => (n.type === 'action' ? [n.data.action] : [])),
      actions,
    );
  } catch (error) {
    throw new CompileError(`${error instanceof Error ? error.message : String(error)}; validate the definition first`, { cause: error });
  }
  return { format: 1, definitionId: def.id, name: def.name, lifecycle: def.lifecycle, trigger: def.trigger, start: start.id, nodes, contracts };
}

/** The revision's identity: its contracts are part of it, so a changed contract is a new revision. */
export function revisionHash(revision: CompiledRevision): string {
  return contentHash(revision);
}
