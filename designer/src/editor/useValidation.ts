/**
 * Keeps the editor's problems those publish would refuse. Shortly after each edit the draft goes to
 * POST /api/definitions/validate, which runs the very check publishing runs (the validator and the
 * step's connections, which only the server knows); its answer is the problem list. The shared
 * validator (workflows/dsl) also runs here, at once, for what a dry run needs and for when the
 * server cannot be reached: then its problems are shown, and Publish waits for the server.
 */
import { useEffect, useRef } from 'react';
import { validateDefinition } from '../../../workflows/dsl/index.ts';
import { request } from '../api/client.ts';
import { toDraft } from './graph.ts';
import { useEditor } from './store.ts';
import type { DefinitionMeta, FlowEdge, FlowNode } from './types.ts';

/** What the draft means, layout aside: moving a step changes nothing to check. */
export function meaningOf(meta: DefinitionMeta, nodes: readonly FlowNode[], edges: readonly FlowEdge[]): string {
  const draft = toDraft(meta, [...nodes], [...edges]);
  return JSON.stringify([meta, draft.nodes.map((n) => [n.id, n.type, n.data]), draft.edges.map((e) => [e.source, e.sourceHandle, e.target])]);
}

export function useValidation(delayMs = 150): void {
  const meta = useEditor((s) => s.meta);
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const readOnly = useEditor((s) => s.readOnly);
  const recheck = useEditor((s) => s.recheck);

  // The meaning and recheck last sent to the server: a drag changes positions only, and asks nothing.
  const asked = useRef<{ meaning: string; recheck: number } | null>(null);

  useEffect(() => {
    if (readOnly) {
      asked.current = null;
      useEditor.getState().setProblems([], '');
      useEditor.getState().setCheck({ state: 'checked' }, 0);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const meaning = meaningOf(meta, nodes, edges);
      if (asked.current?.meaning === meaning && asked.current.recheck === recheck && useEditor.getState().check.state !== 'checking') return;
      asked.current = { meaning, recheck };
      const draft = toDraft(meta, nodes, edges);
      const local = validateDefinition(draft);
      useEditor.getState().setCheck({ state: 'checking' }, local.problems.length);
      request('post', '/api/definitions/validate', { body: draft, signal: controller.signal })
        .then(({ body }) => {
          useEditor.getState().setProblems(body.problems, meaning);
          useEditor.getState().setCheck({ state: 'checked' });
        })
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          useEditor.getState().setProblems(local.problems, meaning);
          useEditor.getState().setCheck({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [meta, nodes, edges, readOnly, delayMs, recheck]);

  // Connections are created and fixed elsewhere (another page, another tab): coming back checks again.
  useEffect(() => {
    const again = () => {
      if (document.visibilityState === 'visible') useEditor.getState().requestRecheck();
    };
    window.addEventListener('focus', again);
    document.addEventListener('visibilitychange', again);
    return () => {
      window.removeEventListener('focus', again);
      document.removeEventListener('visibilitychange', again);
    };
  }, []);
}
