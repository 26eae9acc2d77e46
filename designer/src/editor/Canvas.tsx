/**
 * The canvas: React Flow bound to the editor store. Edges are decorated at render time (handle
 * labels, problems, the path a run took) so the stored graph stays exactly the definition JSON.
 */
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type DefaultEdgeOptions,
  type Edge,
  type IsValidConnection,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import { edgeHandle } from '../../../workflows/dsl/index.ts';
import { nodeTypes as allNodeTypes, type FlowNodeType } from '../api/schemas.ts';
import { useCatalog } from '../catalog.ts';
import { connectionProblem } from './graph.ts';
import { edgeTypes } from './edges/RoutedEdge.tsx';
import { nodeTypes } from './nodes/nodeTypes.ts';
import { paletteMime } from './Palette.tsx';
import { spreadRows } from './spread.ts';
import { useEditor } from './store.ts';
import type { FlowNode } from './types.ts';
import { readableZoom, useFitReadable } from './viewport.ts';

const defaultEdgeOptions: DefaultEdgeOptions = { type: 'routed' };
const statusColors: Record<string, string> = {
  done: '#2f9e44',
  failed: '#e03131',
  waiting: '#f08c00',
  running: '#1c7ed6',
  skipped: '#ced4da',
  pending: '#ced4da',
  added: '#2f9e44',
  changed: '#f08c00',
};
const typeColors: Record<FlowNodeType, string> = {
  start: '#2f9e44',
  action: '#4263eb',
  decision: '#ae3ec9',
  wait: '#f08c00',
  approval: '#0c8599',
  parallel: '#495057',
  join: '#495057',
  end: '#868e96',
};

function isNodeType(v: string): v is FlowNodeType {
  return allNodeTypes.some((t) => t === v);
}

export function Canvas() {
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const readOnly = useEditor((s) => s.readOnly);
  const overlay = useEditor((s) => s.overlay);
  const problemsByEdge = useEditor((s) => s.problemsByEdge);
  const focus = useEditor((s) => s.focus);
  const fitRequest = useEditor((s) => s.fitRequest);
  const { onNodesChange, onEdgesChange, connect, addNode, checkpoint } = useEditor.getState();
  const flow = useReactFlow<FlowNode>();
  const fitReadable = useFitReadable();
  // A loaded graph is measured, given room where its steps would overlap, then fitted into view
  // at a readable zoom; an empty canvas keeps its scale so drops land where aimed.
  const [opening, setOpening] = useState<'measure' | 'fit' | 'done'>(() => (useEditor.getState().nodes.length > 0 ? 'measure' : 'done'));
  const measured = useNodesInitialized();
  useEffect(() => {
    if (opening !== 'measure' || !measured) return;
    const boxes = flow.getNodes().map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, width: n.measured?.width ?? 0, height: n.measured?.height ?? 0 }));
    const positions = spreadRows(boxes);
    // Room made on opening is layout, not an edit: no undo step and no "unsaved changes"; saving
    // the draft keeps it.
    if (positions !== null) useEditor.setState((st) => ({ nodes: st.nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id] ?? n.position } : n)) }));
    setOpening('fit');
  }, [opening, measured, flow]);
  // React Flow has taken the spread positions by the time this effect runs (its own are children's).
  useEffect(() => {
    if (opening !== 'fit') return;
    setOpening('done');
    fitReadable();
  }, [opening, fitReadable]);

  const shownEdges = useMemo<Edge[]>(
    () =>
      edges.map((e) => {
        const handle = edgeHandle(e);
        const taken = overlay?.edges[e.id] === true;
        const problem = problemsByEdge[e.id];
        const classes = [taken ? 'is-taken' : '', problem !== undefined ? 'has-problem' : '', overlay && !taken ? 'is-dimmed' : ''].filter(Boolean).join(' ');
        return {
          ...e,
          ...(handle !== 'next' ? { label: handle } : {}),
          ...(classes !== '' ? { className: classes } : {}),
          ...(taken && overlay.live === true ? { animated: true } : {}),
          ...(problem !== undefined ? { ariaLabel: problem } : {}),
        };
      }),
    [edges, overlay, problemsByEdge],
  );

  const isValidConnection = useCallback<IsValidConnection>((c) => {
    const s = useEditor.getState();
    return connectionProblem(c, s.nodes, s.edges) === null;
  }, []);

  const onConnect = useCallback((c: Connection) => connect(c), [connect]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(paletteMime)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const raw = event.dataTransfer.getData(paletteMime);
      if (raw === '' || useEditor.getState().readOnly) return;
      event.preventDefault();
      const [type, actionId] = raw.split('|');
      if (type === undefined || !isNodeType(type)) return;
      const action = actionId === undefined ? undefined : useCatalog.getState().byId[actionId];
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addNode(type, { x: at.x - 90, y: at.y - 30 }, action);
    },
    [flow, addNode],
  );

  // React Flow has taken the new positions by the time this effect runs (its own are children's).
  useEffect(() => {
    if (fitRequest > 0) fitReadable({ duration: 300 });
  }, [fitRequest, fitReadable]);

  useEffect(() => {
    if (!focus) return;
    void flow.fitView({ nodes: [{ id: focus.nodeId }], duration: 300, minZoom: readableZoom, maxZoom: 1.2 });
  }, [focus, flow]);

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} data-readonly={readOnly || undefined}>
      <ReactFlow<FlowNode>
        nodes={nodes}
        edges={shownEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStart={() => checkpoint()}
        isValidConnection={isValidConnection}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : ['Backspace', 'Delete']}
        onlyRenderVisibleElements={nodes.length > 150}
        minZoom={0.1}
        maxZoom={2}
      >
        <Background gap={20} size={1} />
        <MiniMap
          pannable
          zoomable
          ariaLabel="Minimap"
          nodeColor={(n) => {
            const mark = overlay?.nodes[n.id];
            if (mark) return statusColors[mark.status] ?? '#ced4da';
            return n.type !== undefined && isNodeType(n.type) ? typeColors[n.type] : '#adb5bd';
          }}
        />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
