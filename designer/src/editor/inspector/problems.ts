/** Validation problems of one node, keyed by their path inside the node's data (as the forms name fields). */
import type { ProblemView } from '../../api/schemas.ts';

const prefix = /^nodes\[\d+\](?:\.data)?\.?/;

export function problemsOfNode(problems: readonly ProblemView[], nodeId: string): { byPath: Record<string, string>; all: ProblemView[] } {
  const byPath: Record<string, string> = {};
  const all = problems.filter((p) => p.nodeId === nodeId);
  for (const p of all) {
    const path = p.path.replace(prefix, '');
    byPath[path] = byPath[path] === undefined ? p.message : `${byPath[path]} ${p.message}`;
  }
  return { byPath, all };
}
