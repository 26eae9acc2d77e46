/**
 * The compiler: a valid draft becomes the executable revision a run pins — no layout, nodes sorted
 * by id, each node's successors by handle, the whole canonically serialized and hashed. Moving a node
 * on the canvas never changes what runs or its hash.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { edgeHandle } from './handles.ts';
import type { Definition, DefinitionNode, Trigger } from './schema.ts';

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
}

export class CompileError extends Error {}

function compileNode(node: DefinitionNode, next: Record<string, string[]>): CompiledNode {
  // Only id, type and data carry meaning; position, size and selection are canvas state.
  const { position: _p, width: _w, height: _h, measured: _m, selected: _s, dragging: _d, ...meaning } = node;
  return { ...meaning, next };
}

/** Compiles a definition that validateDefinition accepted. */
export function compileDefinition(def: Definition): CompiledRevision {
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
  return { format: 1, definitionId: def.id, name: def.name, lifecycle: def.lifecycle, trigger: def.trigger, start: start.id, nodes };
}

/** JSON with object keys sorted at every level, so equal content always serializes alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

export function revisionHash(revision: CompiledRevision): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(revision))))}`;
}
