/**
 * Auto-layout ("Tidy") with ELK's layered algorithm, top to bottom: the direction the nodes draw
 * their handles in (the input on the top edge, the outputs along the bottom). Ports sit exactly
 * where the node draws its handles, so decision and approval branches leave in their drawn order
 * and do not cross needlessly.
 */
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { edgeHandle } from '../../../workflows/dsl/index.ts';
import { handlesOf } from './graph.ts';
import { nodeWidth } from './nodes/size.ts';
import type { FlowEdge, FlowNode } from './types.ts';

/** ELK is large (a Java-to-JS build): loaded the first time a layout is asked for. */
let elk: Promise<{ layout: (graph: ElkNode) => Promise<ElkNode> }> | undefined;
function loadElk() {
  // The package is CommonJS: its default export is the module, whose `default` is the constructor
  // (it is also the module itself at run time, so this reads the same under every bundler).
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default.default());
  return elk;
}

/** Vertical room between layers: enough for an edge's label and a bend above the next step. */
export const layerGap = 64;

export async function layoutPositions(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): Promise<Record<string, { x: number; y: number }>> {
  const ids = new Set(nodes.map((n) => n.id));
  const ports = new Set(nodes.flatMap((n) => handlesOf(n).map((h) => `${n.id}::${h.id}`)));
  const graph = await (await loadElk()).layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.layered.spacing.nodeNodeBetweenLayers': String(layerGap),
      'elk.spacing.nodeNode': '48',
      'elk.layered.spacing.edgeNodeBetweenLayers': '24',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: nodes.map((n) => {
      const outputs = handlesOf(n);
      const width = n.measured?.width ?? nodeWidth(outputs.length);
      const height = n.measured?.height ?? 110;
      return {
        id: n.id,
        width,
        height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
        ports: [
          { id: `${n.id}::in`, x: width / 2, y: 0, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'NORTH' } },
          ...outputs.map((h, i) => ({ id: `${n.id}::${h.id}`, x: ((i + 0.5) * width) / outputs.length, y: height, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'SOUTH' } })),
        ],
      };
    }),
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => {
        const port = `${e.source}::${edgeHandle(e)}`;
        return { id: e.id, sources: [ports.has(port) ? port : e.source], targets: [`${e.target}::in`] };
      }),
  });
  const positions: Record<string, { x: number; y: number }> = {};
  for (const child of graph.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return positions;
}
