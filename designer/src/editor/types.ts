/**
 * The canvas model. Nodes and edges are React Flow's own objects and already the API's shapes
 * (`id`, `type`, `position`, `data`; `source`, `sourceHandle`, `target`), so a draft loads and saves
 * without translation. Node data is kept as the JSON being edited: a step may be half-configured
 * while someone works on it, and the shared validator (not the type system) says what is missing.
 */
import type { Edge, Node } from '@xyflow/react';
import type { FlowNodeType } from '../api/schemas.ts';

export type NodeData = Record<string, unknown>;
export type FlowNode = Node<NodeData, FlowNodeType>;
export type FlowEdge = Edge;

export interface DefinitionMeta {
  id: string;
  name: string;
  description: string;
  lifecycle: string;
  trigger: Record<string, unknown>;
}

/** What a node shows on top of its configuration: a simulated or live status, or a diff mark. */
export interface NodeMark {
  /** A run status (pending, running, waiting, done, failed, skipped) or a diff mark (added, changed). */
  status: string;
  /** One line under the status: when a wait ends, whom an approval waits for, an error. */
  note?: string;
}

export interface Overlay {
  kind: 'simulation' | 'run' | 'diff';
  /** A run still in progress: the path it took so far is animated. */
  live?: boolean;
  nodes: Record<string, NodeMark>;
  /** Edges the run went along (or, for a diff, edges added or changed). */
  edges: Record<string, true>;
}
