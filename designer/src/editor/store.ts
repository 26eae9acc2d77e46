/**
 * The editor's state in one zustand store with named actions (the xyflow state-management
 * pattern): the graph, the definition's settings, undo/redo history, the clipboard, validation
 * problems by node and edge, and the overlay (a simulation, a live run or a diff) drawn on top.
 * Components select the one thing they show, so a 300-node graph re-renders only what changed.
 */
import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import { edgeHandle } from '../../../workflows/dsl/index.ts';
import type { CatalogAction, FlowNodeType, ProblemView } from '../api/schemas.ts';
import { connectionProblem, duplicate, initialData, newEdgeId, newNodeId } from './graph.ts';
import type { DefinitionMeta, FlowEdge, FlowNode, NodeData, Overlay } from './types.ts';

interface Snapshot {
  meta: DefinitionMeta;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export interface StoredState {
  /** Whether the definition exists on the server (PUT) or is new (POST). */
  exists: boolean;
  version: number | null;
  latestRevision: number | null;
}

export interface EditorState extends Snapshot {
  stored: StoredState;
  readOnly: boolean;
  dirty: boolean;
  past: Snapshot[];
  future: Snapshot[];
  clipboard: { nodes: FlowNode[]; edges: FlowEdge[] } | null;
  problems: ProblemView[];
  /** Problem messages joined per node and edge: strings, so a node re-renders only when its own change. */
  problemsByNode: Record<string, string>;
  problemsByEdge: Record<string, string>;
  /** What the draft means (layout aside) when it was last validated: tells whether a simulation is stale. */
  meaning: string;
  /**
   * Where the server's check (POST /api/definitions/validate, the check publish makes) stands for
   * the draft as it is now: Publish is offered only once it answered without a problem.
   */
  check: ServerCheck;
  /** How many problems the draft itself has (graph, parameters): these, not connections, stop a dry run. */
  draftProblems: number;
  /** Asks for the server's check again, e.g. after a connection was created elsewhere. */
  recheck: number;
  /** Asks the side panel to show the Problems tab (a refused publish). */
  problemsRequest: number;
  overlay: Overlay | null;
  /** Asks the canvas to bring a node into view (the counter makes a repeated request a new one). */
  focus: { nodeId: string; seq: number } | null;
  /** Asks the canvas to fit the whole graph into view once it has drawn the latest positions. */
  fitRequest: number;

  load: (snapshot: Snapshot, stored: StoredState, readOnly?: boolean) => void;
  onNodesChange: (changes: NodeChange<FlowNode>[]) => void;
  onEdgesChange: (changes: EdgeChange[]) => void;
  connect: (connection: Connection) => void;
  addNode: (type: FlowNodeType, position: { x: number; y: number }, action?: CatalogAction) => string;
  updateNodeData: (id: string, data: NodeData, coalesceKey?: string) => void;
  renameOutcome: (nodeId: string, from: string, to: string) => void;
  updateMeta: (patch: Partial<DefinitionMeta>, coalesceKey?: string) => void;
  deleteSelection: () => void;
  select: (id: string | null) => void;
  /** Records the current graph for undo, e.g. before a drag moves nodes. */
  checkpoint: (coalesceKey?: string) => void;
  undo: () => void;
  redo: () => void;
  copy: () => void;
  paste: () => void;
  setPositions: (positions: Record<string, { x: number; y: number }>) => void;
  setProblems: (problems: ProblemView[], meaning: string) => void;
  setCheck: (check: ServerCheck, draftProblems?: number) => void;
  /** The problems the server sent when it refused to publish: shown on the steps and in Problems. */
  refused: (problems: ProblemView[]) => void;
  requestRecheck: () => void;
  setOverlay: (overlay: Overlay | null) => void;
  markSaved: (stored: StoredState) => void;
  requestFocus: (nodeId: string) => void;
  requestFit: () => void;
}

export type ServerCheck = { state: 'checking' } | { state: 'checked' } | { state: 'failed'; message: string };

const emptyMeta: DefinitionMeta = { id: '', name: '', description: '', lifecycle: 'joiner', trigger: { events: [] } };
const historyLimit = 200;
/** Edits with the same key this close together (typing in one field) are undone as one. */
const coalesceMs = 1200;
let lastCheckpoint: { key: string; at: number } | null = null;

function joinMessages(problems: readonly ProblemView[], key: 'nodeId' | 'edgeId'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    const id = p[key];
    if (id === undefined) continue;
    out[id] = out[id] === undefined ? p.message : `${out[id]}\n${p.message}`;
  }
  return out;
}

export const useEditor = create<EditorState>()((set, get) => {
  const snapshot = (): Snapshot => ({ meta: get().meta, nodes: get().nodes, edges: get().edges });

  const checkpoint = (key?: string) => {
    const now = Date.now();
    if (key !== undefined && lastCheckpoint?.key === key && now - lastCheckpoint.at < coalesceMs) {
      lastCheckpoint.at = now;
      return;
    }
    lastCheckpoint = key === undefined ? null : { key, at: now };
    set((s) => ({ past: [...s.past.slice(-historyLimit + 1), snapshot()], future: [] }));
  };

  /**
   * React Flow deletes a step as two changes in one go, its edges then the step itself; both are
   * one undo step, so undoing brings the step back with its edges. The next deletion, in a later
   * task, is a step of its own.
   */
  let removalRecorded = false;
  const checkpointRemoval = () => {
    if (removalRecorded) return;
    removalRecorded = true;
    checkpoint();
    queueMicrotask(() => {
      removalRecorded = false;
    });
  };

  /** Applies an edit: history first, then the change, and the draft is now unsaved. */
  const edit = (change: (s: EditorState) => Partial<EditorState>, key?: string) => {
    if (get().readOnly) return;
    checkpoint(key);
    set((s) => ({ ...change(s), dirty: true }));
  };

  return {
    meta: emptyMeta,
    nodes: [],
    edges: [],
    stored: { exists: false, version: null, latestRevision: null },
    readOnly: false,
    dirty: false,
    past: [],
    future: [],
    clipboard: null,
    problems: [],
    problemsByNode: {},
    problemsByEdge: {},
    meaning: '',
    check: { state: 'checking' },
    draftProblems: 0,
    recheck: 0,
    problemsRequest: 0,
    overlay: null,
    focus: null,
    fitRequest: 0,

    load(loaded, stored, readOnly = false) {
      lastCheckpoint = null;
      set({ ...loaded, stored, readOnly, dirty: false, past: [], future: [], overlay: null, problems: [], problemsByNode: {}, problemsByEdge: {}, check: { state: 'checking' }, draftProblems: 0, focus: null });
    },

    onNodesChange(changes) {
      const s = get();
      const meaningful = changes.filter((c) => c.type !== 'select' && c.type !== 'dimensions');
      if (s.readOnly && meaningful.length > 0) return;
      if (changes.some((c) => c.type === 'remove')) checkpointRemoval();
      const nodes = applyNodeChanges(changes, s.nodes);
      set(meaningful.length > 0 ? { nodes, dirty: true } : { nodes });
    },

    onEdgesChange(changes) {
      const s = get();
      const meaningful = changes.filter((c) => c.type !== 'select');
      if (s.readOnly && meaningful.length > 0) return;
      if (changes.some((c) => c.type === 'remove')) checkpointRemoval();
      const edges = applyEdgeChanges(changes, s.edges);
      set(meaningful.length > 0 ? { edges, dirty: true } : { edges });
    },

    connect(connection) {
      const s = get();
      if (connectionProblem(connection, s.nodes, s.edges) !== null) return;
      const handle = connection.sourceHandle ?? 'next';
      const taken = new Set([...s.nodes.map((n) => n.id), ...s.edges.map((e) => e.id)]);
      const id = newEdgeId(connection.source, handle, connection.target, taken);
      edit((st) => ({ edges: [...st.edges, { id, source: connection.source, sourceHandle: handle, target: connection.target }] }));
    },

    addNode(type, position, action) {
      const s = get();
      const id = newNodeId(type, new Set([...s.nodes.map((n) => n.id), ...s.edges.map((e) => e.id)]));
      edit((st) => ({
        nodes: [...st.nodes.map((n) => (n.selected === true ? { ...n, selected: false } : n)), { id, type, position, data: initialData(type, action), selected: true }],
        edges: st.edges.map((e) => (e.selected === true ? { ...e, selected: false } : e)),
      }));
      return id;
    },

    updateNodeData(id, data, coalesceKey) {
      edit((st) => ({ nodes: st.nodes.map((n) => (n.id === id ? { ...n, data } : n)) }), coalesceKey ?? `data:${id}`);
    },

    renameOutcome(nodeId, from, to) {
      edit((st) => ({ edges: st.edges.map((e) => (e.source === nodeId && edgeHandle(e) === from ? { ...e, sourceHandle: to } : e)) }), `data:${nodeId}`);
    },

    updateMeta(patch, coalesceKey) {
      edit((st) => ({ meta: { ...st.meta, ...patch } }), coalesceKey ?? 'meta');
    },

    deleteSelection() {
      const s = get();
      const gone = new Set(s.nodes.filter((n) => n.selected === true).map((n) => n.id));
      const edgesGone = s.edges.filter((e) => e.selected === true || gone.has(e.source) || gone.has(e.target));
      if (gone.size === 0 && edgesGone.length === 0) return;
      const edgeIds = new Set(edgesGone.map((e) => e.id));
      edit((st) => ({ nodes: st.nodes.filter((n) => !gone.has(n.id)), edges: st.edges.filter((e) => !edgeIds.has(e.id)) }));
    },

    select(id) {
      set((s) => ({
        nodes: s.nodes.map((n) => ((n.id === id) !== (n.selected === true) ? { ...n, selected: n.id === id } : n)),
        edges: s.edges.map((e) => ((e.id === id) !== (e.selected === true) ? { ...e, selected: e.id === id } : e)),
      }));
    },

    checkpoint,

    undo() {
      const s = get();
      const previous = s.past[s.past.length - 1];
      if (!previous || s.readOnly) return;
      lastCheckpoint = null;
      set({ ...previous, past: s.past.slice(0, -1), future: [snapshot(), ...s.future], dirty: true });
    },

    redo() {
      const s = get();
      const [next, ...rest] = s.future;
      if (!next || s.readOnly) return;
      lastCheckpoint = null;
      set({ ...next, past: [...s.past, snapshot()], future: rest, dirty: true });
    },

    copy() {
      const s = get();
      const nodes = s.nodes.filter((n) => n.selected === true);
      if (nodes.length === 0) return;
      const ids = new Set(nodes.map((n) => n.id));
      set({ clipboard: { nodes, edges: s.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) } });
    },

    paste() {
      const s = get();
      if (!s.clipboard) return;
      const copies = duplicate(s.clipboard.nodes, s.clipboard.edges, s.nodes, s.edges, { x: 40, y: 40 });
      edit((st) => ({
        nodes: [...st.nodes.map((n) => (n.selected === true ? { ...n, selected: false } : n)), ...copies.nodes],
        edges: [...st.edges, ...copies.edges],
      }));
      // The next paste lands a step further, not on top of this one.
      set({ clipboard: { nodes: copies.nodes, edges: copies.edges } });
    },

    setPositions(positions) {
      edit((st) => ({ nodes: st.nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id] ?? n.position } : n)) }));
    },

    setProblems(problems, meaning) {
      set({ problems, problemsByNode: joinMessages(problems, 'nodeId'), problemsByEdge: joinMessages(problems, 'edgeId'), meaning });
    },

    setCheck(check, draftProblems) {
      set(draftProblems === undefined ? { check } : { check, draftProblems });
    },

    refused(problems) {
      set((s) => ({
        problems,
        problemsByNode: joinMessages(problems, 'nodeId'),
        problemsByEdge: joinMessages(problems, 'edgeId'),
        check: { state: 'checked' },
        problemsRequest: s.problemsRequest + 1,
      }));
    },

    requestRecheck() {
      set((s) => ({ recheck: s.recheck + 1 }));
    },

    setOverlay(overlay) {
      set({ overlay });
    },

    markSaved(stored) {
      set({ stored, dirty: false });
    },

    requestFocus(nodeId) {
      set((s) => ({ focus: { nodeId, seq: (s.focus?.seq ?? 0) + 1 } }));
    },

    requestFit() {
      set((s) => ({ fitRequest: s.fitRequest + 1 }));
    },
  };
});

/** Why Publish is not offered now, or null when publishing would succeed. */
export function publishBlocker(s: EditorState): string | null {
  if (s.problems.length > 0) return `Fix the ${s.problems.length} problem${s.problems.length === 1 ? '' : 's'} to publish`;
  if (s.check.state === 'checking') return 'Checking the definition and its connections…';
  if (s.check.state === 'failed') return `The server could not check the definition: ${s.check.message}`;
  return null;
}

/** The one selected node, if exactly one is. */
export function selectedNodeId(s: EditorState): string | null {
  let found: string | null = null;
  for (const n of s.nodes) {
    if (n.selected !== true) continue;
    if (found !== null) return null;
    found = n.id;
  }
  return found;
}

/**
 * Work in progress set aside while the canvas shows something read-only (a run's revision), and
 * given back when the editor opens the same definition again.
 */
let stash: Pick<EditorState, 'meta' | 'nodes' | 'edges' | 'stored' | 'past' | 'future' | 'dirty'> | null = null;

export function stashEditing(): void {
  const s = useEditor.getState();
  if (s.readOnly || !s.dirty) return;
  stash = { meta: s.meta, nodes: s.nodes, edges: s.edges, stored: s.stored, past: s.past, future: s.future, dirty: s.dirty };
}

export function restoreEditing(definitionId: string | null): boolean {
  if (stash === null || stash.meta.id !== definitionId) return false;
  const saved = stash;
  stash = null;
  useEditor.getState().load({ meta: saved.meta, nodes: saved.nodes, edges: saved.edges }, saved.stored);
  useEditor.setState({ past: saved.past, future: saved.future, dirty: saved.dirty });
  return true;
}
