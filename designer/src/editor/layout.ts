/**
 * Auto-layout with ELK's layered algorithm, left to right. Output ports keep the order the node
 * draws its handles in, so decision and approval branches do not cross needlessly.
 */
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { edgeHandle } from '../../../workflows/dsl/index.ts';
import { handlesOf } from './graph.ts';
import type { FlowEdge, FlowNode } from './types.ts';

/** ELK is large (a Java-to-JS build): loaded the first time a layout is asked for. */
let elk: Promise<{ layout: (graph: ElkNode) => Promise<ElkNode> }> | undefined;
function loadElk() {
  // The package is CommonJS: its default export is the module, whose `default` is the constructor
  // (it is also the module itself at run time, so this reads the same under every bundler).
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default.default());
  return elk;
}

export async function layoutPositions(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): Promise<Record<string, { x: number; y: number }>> {
  const ids = new Set(nodes.map((n) => n.id));
  const ports = new Set(nodes.flatMap((n) => handlesOf(n).map((h) => `${n.id}::${h.id}`)));
  const graph = await (await loadElk()).layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: nodes.map((n) => ({
      id: n.id,
      width: n.measured?.width ?? 220,
      height: n.measured?.height ?? 90,
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
      ports: [
        { id: `${n.id}::in`, layoutOptions: { 'elk.port.side': 'WEST' } },
        ...handlesOf(n).map((h, i) => ({ id: `${n.id}::${h.id}`, layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) } })),
      ],
    })),
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
