/** A problem the validator found, located so the designer can show it on the node or edge. */
export interface Problem {
  nodeId?: string;
  edgeId?: string;
  /** Where in the definition, e.g. `nodes[3].data.params.message`. */
  path: string;
  message: string;
}

export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? String(s) : `.${String(s)}`;
  }
  return out;
}
