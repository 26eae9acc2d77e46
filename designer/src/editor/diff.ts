/**
 * What changed between two versions of a definition: steps and connections added, removed or
 * changed (by meaning: moving a step on the canvas is not a change), and changed settings.
 */
import { canonicalJson, edgeHandle } from '../../../workflows/dsl/index.ts';
import type { Draft } from '../api/schemas.ts';

export interface GraphDiff {
  settings: string[];
  nodes: { added: string[]; removed: string[]; changed: { id: string; fields: string[] }[] };
  edges: { added: string[]; removed: string[] };
}

type DraftLike = Pick<Draft, 'name' | 'lifecycle' | 'trigger' | 'nodes' | 'edges'> & { description?: string | undefined };

const edgeKey = (e: Draft['edges'][number]) => `${e.source} —${edgeHandle(e)}→ ${e.target}`;

export function diffDrafts(before: DraftLike, after: DraftLike): GraphDiff {
  const settings = (['name', 'description', 'lifecycle', 'trigger'] as const).filter((k) => canonicalJson(before[k] ?? null) !== canonicalJson(after[k] ?? null));
  const was = new Map(before.nodes.map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  const changed: { id: string; fields: string[] }[] = [];
  for (const [id, n] of now) {
    const old = was.get(id);
    if (!old) continue;
    const fields = [...new Set([...Object.keys(old.data), ...Object.keys(n.data)])].filter((k) => canonicalJson(old.data[k] ?? null) !== canonicalJson(n.data[k] ?? null));
    if (old.type !== n.type) fields.unshift('type');
    if (fields.length > 0) changed.push({ id, fields });
  }
  const beforeEdges = new Set(before.edges.map(edgeKey));
  const afterEdges = new Set(after.edges.map(edgeKey));
  return {
    settings,
    nodes: {
      added: [...now.keys()].filter((id) => !was.has(id)),
      removed: [...was.keys()].filter((id) => !now.has(id)),
      changed,
    },
    edges: { added: [...afterEdges].filter((k) => !beforeEdges.has(k)), removed: [...beforeEdges].filter((k) => !afterEdges.has(k)) },
  };
}

export function isEmptyDiff(d: GraphDiff): boolean {
  return d.settings.length + d.nodes.added.length + d.nodes.removed.length + d.nodes.changed.length + d.edges.added.length + d.edges.removed.length === 0;
}
