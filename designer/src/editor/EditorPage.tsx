/**
 * The editor page: toolbar, palette, canvas and the side panel (step, problems, simulate, history,
 * run now). Loads a stored definition, or starts a new one on an empty canvas.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiFailure, describeError, request } from '../api/client.ts';
import { useCatalog } from '../catalog.ts';
import { navigate, setLeaveGuard } from '../router.ts';
import { ErrorNote, Spinner } from '../ui/common.tsx';
import { toast } from '../ui/toast.ts';
import { Canvas } from './Canvas.tsx';
import { fromDraft } from './graph.ts';
import { Inspector } from './inspector/Inspector.tsx';
import { layoutPositions } from './layout.ts';
import { Palette } from './Palette.tsx';
import { Toolbar } from './Toolbar.tsx';
import { HistoryPanel } from './panels/HistoryPanel.tsx';
import { ProblemsPanel } from './panels/ProblemsPanel.tsx';
import { RunNowPanel } from './panels/RunNowPanel.tsx';
import { SimulatePanel } from './panels/SimulatePanel.tsx';
import { publish, saveDraft } from './persistence.ts';
import { restoreEditing, useEditor } from './store.ts';
import { shortcuts, useShortcuts } from './useShortcuts.ts';
import { useValidation } from './useValidation.ts';

const tabs = ['step', 'problems', 'simulate', 'history', 'run'] as const;
type Tab = (typeof tabs)[number];
const tabLabels: Record<Tab, string> = { step: 'Step', problems: 'Problems', simulate: 'Simulate', history: 'History', run: 'Run now' };

function SidePanel() {
  const [tab, setTab] = useState<Tab>('step');
  const problems = useEditor((s) => s.problems.length);
  const problemsRequest = useEditor((s) => s.problemsRequest);
  const shownRequest = useRef(problemsRequest);
  useEffect(() => {
    if (problemsRequest === shownRequest.current) return;
    shownRequest.current = problemsRequest;
    setTab('problems');
  }, [problemsRequest]);
  return (
    <aside className="side-panel" aria-label="Side panel">
      <div className="tabs" role="tablist">
        {tabs.map((t) => (
          <button key={t} type="button" role="tab" id={`tab-${t}`} aria-selected={tab === t} aria-controls={`panel-${t}`} onClick={() => setTab(t)}>
            {tabLabels[t]}
            {t === 'problems' && problems > 0 && <span className="badge">{problems}</span>}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'step' && <Inspector />}
        {tab === 'problems' && <ProblemsPanel />}
        {tab === 'simulate' && <SimulatePanel />}
        {tab === 'history' && <HistoryPanel />}
        {tab === 'run' && <RunNowPanel />}
      </div>
    </aside>
  );
}

function Workspace() {
  const [busy, setBusy] = useState<'saving' | 'publishing' | null>(null);
  useValidation();

  const save = useCallback(() => {
    const wasNew = !useEditor.getState().stored.exists;
    setBusy('saving');
    saveDraft()
      .then(() => {
        toast('success', 'Draft saved');
        if (wasNew) navigate(`/definitions/${encodeURIComponent(useEditor.getState().meta.id)}`);
      })
      .catch((e: unknown) => toast('error', `Not saved: ${describeError(e)}`))
      .finally(() => setBusy(null));
  }, []);

  const doPublish = useCallback(() => {
    const wasNew = !useEditor.getState().stored.exists;
    setBusy('publishing');
    publish()
      .then(({ revision, created }) => {
        toast('success', created ? `Published revision ${revision.number}` : `Nothing changed since revision ${revision.number}`);
        if (wasNew) navigate(`/definitions/${encodeURIComponent(useEditor.getState().meta.id)}`);
      })
      .catch((e: unknown) => {
        // The server's per-step list is the problem list: each step is marked and Problems lists them.
        if (e instanceof ApiFailure && e.code === 'invalid_definition' && e.details.length > 0) useEditor.getState().refused(e.details);
        toast('error', `Not published: ${describeError(e)}`);
      })
      .finally(() => setBusy(null));
  }, []);

  const layout = useCallback(() => {
    const s = useEditor.getState();
    layoutPositions(s.nodes, s.edges)
      .then((positions) => {
        useEditor.getState().setPositions(positions);
        useEditor.getState().requestFit();
      })
      .catch((e: unknown) => toast('error', `Layout failed: ${describeError(e)}`));
  }, []);

  const actions = useMemo(() => ({ save, layout }), [save, layout]);
  useShortcuts(actions);

  return (
    <div className="editor">
      <Toolbar onSave={save} onPublish={doPublish} onLayout={layout} busy={busy} />
      <div className="editor-body">
        <Palette />
        <main className="editor-canvas" aria-label="Canvas">
          <Canvas />
          <EmptyCanvasHint />
        </main>
        <SidePanel />
      </div>
    </div>
  );
}

function EmptyCanvasHint() {
  const empty = useEditor((s) => s.nodes.length === 0);
  if (!empty) return null;
  return (
    <div className="canvas-hint" aria-live="polite">
      <p className="empty-title">An empty canvas</p>
      <p>Drag a Start step from the palette, then actions, decisions and an End, and connect their outputs.</p>
      <details>
        <summary>Keyboard shortcuts</summary>
        <dl className="shortcuts">
          {shortcuts.map(([keys, what]) => (
            <div key={keys}>
              <dt>{keys}</dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}

type LoadState = { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; message: string };

export function EditorPage({ definitionId }: { definitionId: string | null }) {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    void useCatalog.getState().load();
  }, []);

  useEffect(() => {
    const s = useEditor.getState();
    if (definitionId === null) {
      useEditor.getState().load(
        { meta: { id: 'new-lifecycle', name: 'New lifecycle', description: '', lifecycle: 'joiner', trigger: { events: ['hire'] } }, nodes: [], edges: [] },
        { exists: false, version: null, latestRevision: null },
      );
      setState({ kind: 'ready' });
      return;
    }
    // Coming back to the definition being edited (or just created) keeps the work in progress.
    if ((s.meta.id === definitionId && s.stored.exists && !s.readOnly) || restoreEditing(definitionId)) {
      setState({ kind: 'ready' });
      return;
    }
    const controller = new AbortController();
    setState({ kind: 'loading' });
    request('get', '/api/definitions/{id}', { params: { path: { id: definitionId } }, signal: controller.signal })
      .then(({ body }) => {
        useEditor.getState().load(fromDraft(body.definition), { exists: true, version: body.version, latestRevision: body.latestRevision });
        setState({ kind: 'ready' });
      })
      .catch((e: unknown) => {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setState({ kind: 'failed', message: describeError(e) });
      });
    return () => controller.abort();
  }, [definitionId, attempt]);

  useEffect(() => {
    // Opening another definition replaces the canvas; other pages keep the work in the store.
    setLeaveGuard((to) => {
      const s = useEditor.getState();
      if (!s.dirty || s.readOnly || !to.startsWith('/definitions/') || to === `/definitions/${encodeURIComponent(s.meta.id)}`) return true;
      return window.confirm(`“${s.meta.name}” has unsaved changes. Leave and lose them?`);
    });
    return () => setLeaveGuard(null);
  }, []);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (useEditor.getState().dirty) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  if (state.kind === 'loading') return <Spinner label="Loading the definition…" />;
  if (state.kind === 'failed') {
    return (
      <div className="page">
        <ErrorNote message={`The definition could not be loaded: ${state.message}`} onRetry={() => setAttempt((n) => n + 1)} />
      </div>
    );
  }
  return (
    <ReactFlowProvider>
      <Workspace />
    </ReactFlowProvider>
  );
}
