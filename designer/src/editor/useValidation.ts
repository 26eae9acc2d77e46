/**
 * Runs the shared validator (validateDefinition from workflows/dsl, the same code the server runs
 * before publishing) shortly after each edit, and hands its problems to the store.
 */
import { useEffect } from 'react';
import { validateDefinition } from '../../../workflows/dsl/index.ts';
import { toDraft } from './graph.ts';
import { useEditor } from './store.ts';

export function useValidation(delayMs = 150): void {
  const meta = useEditor((s) => s.meta);
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const readOnly = useEditor((s) => s.readOnly);
  useEffect(() => {
    if (readOnly) {
      useEditor.getState().setProblems([], '');
      return;
    }
    const timer = setTimeout(() => {
      const draft = toDraft(meta, nodes, edges);
      const result = validateDefinition(draft);
      const meaning = JSON.stringify([meta, draft.nodes.map((n) => [n.id, n.type, n.data]), draft.edges.map((e) => [e.source, e.sourceHandle, e.target])]);
      useEditor.getState().setProblems(result.problems, meaning);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [meta, nodes, edges, readOnly, delayMs]);
}
