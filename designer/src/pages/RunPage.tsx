/**
 * A run, live: the revision it pinned drawn read-only, each step's status on the canvas (running,
 * retrying with its attempt and last error, waiting until when, waiting for whom, failed with the
 * error, done), polled until the run closes, and its open approvals, which can be decided here.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { describeError, get, post } from '../api/client.ts';
import { loadRevision } from '../api/revisions.ts';
import type { ActivityAttemptView, RunView } from '../api/schemas.ts';
import { Canvas } from '../editor/Canvas.tsx';
import { fromDraft } from '../editor/graph.ts';
import { statusOverlay } from '../editor/overlay.ts';
import { selectedNodeId, stashEditing, useEditor } from '../editor/store.ts';
import { useCatalog } from '../catalog.ts';
import { personPath } from '../router.ts';
import { ErrorNote, Spinner, StatusPill } from '../ui/common.tsx';
import { formatInstant, formatValue } from '../ui/format.ts';
import { toast } from '../ui/toast.ts';
import { attemptSummary, attemptText, errorText, isRetrying, retryingByNode } from './attempts.ts';
import { decide } from './decide.ts';
import { Link } from './Link.tsx';
import { RunActions } from './RunActions.tsx';

/** Every second while the run is young, then every five: a run may wait for weeks. */
const pollMs = (polls: number) => (polls < 60 ? 1000 : 5000);

function OpenApproval({ runId, approval }: { runId: string; approval: RunView['openApprovals'][number] }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (decision: 'approve' | 'reject') => {
    setBusy(true);
    setError(null);
    try {
      const outcome = await decide(`${runId}:${approval.nodeId}`, decision, comment);
      toast('success', `Step ${approval.nodeId}: ${outcome}`);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="approval-card small-card" data-approval={approval.nodeId}>
      <p>
        <strong>{approval.question ?? 'Approval requested'}</strong>
      </p>
      <p className="muted small">
        Waiting for {approval.approvers.join(', ')} since {formatInstant(approval.openedAt)}
        {approval.deadline !== undefined ? `; due ${formatInstant(approval.deadline)}` : ''}
      </p>
      <textarea rows={2} placeholder="Comment (optional)" aria-label="Comment" value={comment} onChange={(e) => setComment(e.target.value)} />
      <div className="button-row">
        <button type="button" className="button primary" disabled={busy} onClick={() => void act('approve')}>
          Approve
        </button>
        <button type="button" className="button danger" disabled={busy} onClick={() => void act('reject')}>
          Reject
        </button>
      </div>
      {error !== null && <ErrorNote message={error} />}
    </div>
  );
}

/** A retrying step's attempt line; counts down to the next retry between two polls. */
function AttemptLine({ attempt }: { attempt: ActivityAttemptView }) {
  const [now, setNow] = useState(() => Date.now());
  const counting = attempt.nextAttemptAt !== null;
  useEffect(() => {
    setNow(Date.now());
    if (!counting) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [counting, attempt]);
  return (
    <p className="small attempt-line" data-testid="attempt-line">
      {attemptSummary(attempt, now)}
    </p>
  );
}

/** Steps Temporal is retrying, shown without selecting them: each with its attempt, last error and next retry. */
function RetryingSteps({ activities }: { activities: readonly ActivityAttemptView[] }) {
  const nodes = useEditor((s) => s.nodes);
  const retrying = activities.filter(isRetrying);
  if (retrying.length === 0) return null;
  const labelOf = (a: ActivityAttemptView) => {
    const node = a.nodeId === null ? undefined : nodes.find((n) => n.id === a.nodeId);
    if (node && typeof node.data.label === 'string') return node.data.label;
    return a.nodeId ?? a.activityType;
  };
  return (
    <>
      <h4>Retrying</h4>
      {retrying.map((a, i) => (
        <div key={`${a.nodeId ?? a.activityType}-${i}`} className="small-card retry-card" data-retrying={a.nodeId ?? a.activityType} role="group" aria-label={`Retrying ${labelOf(a)}`}>
          <p>
            <strong>{labelOf(a)}</strong>
          </p>
          <AttemptLine attempt={a} />
        </div>
      ))}
    </>
  );
}

/** A failed action step held for an operator: try it again, skip it and go on along its next edge, or give up on it. */
function OperatorResolution({ runId, nodeId, error, onResolved }: { runId: string; nodeId: string; error: string | undefined; onResolved: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const act = async (action: 'retry' | 'skip' | 'fail') => {
    setBusy(true);
    setProblem(null);
    try {
      await post('/api/runs/{id}/steps/{nodeId}/resolve', { params: { path: { id: runId, nodeId } }, body: { action } });
      toast('success', `Step ${nodeId}: ${action === 'retry' ? 'retrying' : action === 'skip' ? 'skipped' : 'given up'}`);
      onResolved();
    } catch (e) {
      setProblem(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="small-card operator-card" data-operator={nodeId} role="group" aria-label={`Resolve step ${nodeId}`}>
      <p>
        <strong>Failed — waiting for an operator</strong>
      </p>
      {error !== undefined && <p className="field-problem">{error}</p>}
      <p className="muted small">Retry runs the step again; Skip goes on as if it had succeeded, without its output; Give up takes the step’s error path, or fails the run.</p>
      <div className="button-row">
        <button type="button" className="button primary" disabled={busy} onClick={() => void act('retry')}>
          Retry
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void act('skip')}>
          Skip
        </button>
        <button type="button" className="button danger" disabled={busy} onClick={() => void act('fail')}>
          Give up
        </button>
      </div>
      {problem !== null && <ErrorNote message={problem} />}
    </div>
  );
}

function NodeDetails({ run, retrying }: { run: RunView; retrying: Record<string, ActivityAttemptView> }) {
  const nodeId = useEditor(selectedNodeId);
  const byId = useCatalog((s) => s.byId);
  const node = useEditor((s) => s.nodes.find((n) => n.id === nodeId));
  if (nodeId === null || !node) return <p className="muted small">Select a step to see what it did.</p>;
  const state = run.nodes[nodeId];
  const entries = run.trace.filter((t) => t.nodeId === nodeId);
  const action = typeof node.data.action === 'string' ? byId[node.data.action] : undefined;
  return (
    <div className="node-details">
      <h4>
        {typeof node.data.label === 'string' ? node.data.label : nodeId} {state && <StatusPill status={state.status} />}
      </h4>
      {action && <p className="small muted">{action.label}</p>}
      {state?.startedAt !== undefined && <p className="small">Started {formatInstant(state.startedAt)}</p>}
      {state?.status === 'running' && retrying[nodeId] !== undefined && <AttemptLine attempt={retrying[nodeId]} />}
      {state?.endedAt !== undefined && <p className="small">Ended {formatInstant(state.endedAt)}</p>}
      {state?.waitingUntil !== undefined && <p className="small">Waiting until {formatInstant(state.waitingUntil)}</p>}
      {state?.waitingFor !== undefined && <p className="small">Waiting for {state.waitingFor.join(', ')}</p>}
      {state?.awaitingOperator === true && <p className="small">Failed — waiting for an operator: retry or skip it under “Needs an operator”.</p>}
      {state?.error !== undefined && <p className="field-problem">{state.error}</p>}
      {entries.map((e, i) => (
        <div key={i} className="trace-entry">
          {e.handle !== undefined && <span className="chip">→ {e.handle}</span>}
          {e.input !== undefined && (
            <>
              <h5>Input</h5>
              <pre className="code small">{JSON.stringify(e.input, null, 2)}</pre>
            </>
          )}
          {e.output !== undefined && (
            <>
              <h5>Output</h5>
              <pre className="code small">{JSON.stringify(e.output, null, 2)}</pre>
            </>
          )}
          {e.rules?.map((r) => (
            <p key={r.outcome} className="small">
              {r.matched ? '✓' : '✗'} {r.outcome}: {r.conditions.map((c) => `${c.fact} is ${formatValue(c.factValue)}`).join(', ')}
            </p>
          ))}
          {e.decisions?.map((d, j) => (
            <p key={j} className="small">
              {d.approver} chose {d.decision} {d.comment !== undefined ? `(“${d.comment}”)` : ''} at {formatInstant(d.at)}
            </p>
          ))}
        </div>
      ))}
    </div>
  );
}

export function RunPage({ runId }: { runId: string }) {
  const [run, setRun] = useState<RunView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [graphReady, setGraphReady] = useState(false);
  const loadedRevision = useRef<string | null>(null);
  // Bumped after an operator resolves a step: polling restarts at once and at the fast pace.
  const [pollEpoch, setPollEpoch] = useState(0);

  useEffect(() => {
    void useCatalog.getState().load();
  }, []);

  useEffect(() => {
    let stopped = false;
    // Read through a function: the flag changes while a request is awaited.
    const isStopped = () => stopped;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let polls = 0;
    const poll = async () => {
      try {
        const view = await get('/api/runs/{id}', { params: { path: { id: runId } } });
        if (isStopped()) return;
        const key = `${view.run.definitionId}@${view.run.revision}`;
        if (loadedRevision.current !== key) {
          const draft = await loadRevision(view.run.definitionId, view.run.revision);
          if (isStopped()) return;
          stashEditing();
          useEditor.getState().load(fromDraft(draft), { exists: true, version: null, latestRevision: view.run.revision }, true);
          loadedRevision.current = key;
          setGraphReady(true);
        }
        const attemptNotes = Object.fromEntries(
          Object.entries(retryingByNode(view.activities)).map(([nodeId, a]) => {
            const error = errorText(a);
            return [nodeId, error !== undefined ? `${attemptText(a)} · ${error}` : attemptText(a)];
          }),
        );
        useEditor.getState().setOverlay(statusOverlay('run', view.nodes, view.trace, useEditor.getState().edges, view.workflowStatus === 'RUNNING', attemptNotes));
        setRun(view);
        setError(null);
        if (view.workflowStatus === 'RUNNING') timer = setTimeout(() => void poll(), pollMs(++polls));
      } catch (e) {
        if (isStopped()) return;
        setError(describeError(e));
        timer = setTimeout(() => void poll(), pollMs(++polls) * 3);
      }
    };
    void poll();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [runId, pollEpoch]);

  if (run === null && error !== null) {
    return (
      <div className="page">
        <ErrorNote message={`The run could not be loaded: ${error}`} />
      </div>
    );
  }
  if (run === null || !graphReady) return <Spinner label="Loading the run…" />;
  const awaiting = Object.entries(run.nodes).filter(([, state]) => state.awaitingOperator === true);
  const retrying = retryingByNode(run.activities);

  return (
    <ReactFlowProvider>
      <div className="editor run-view">
        <header className="toolbar">
          <div className="toolbar-title">
            <h2>
              Run of <Link to={`/definitions/${encodeURIComponent(run.run.definitionId)}`}>{run.run.definitionId}</Link> for <Link to={personPath(run.run.employeeId)}>{run.run.employeeId}</Link>
            </h2>
            <span data-testid="run-status">
              <StatusPill status={run.workflowStatus} />
            </span>
            <span className="chip">revision {run.run.revision}</span>
            <span className="muted small">
              started {formatInstant(run.run.startedAt)}
              {run.closedAt !== null ? ` · closed ${formatInstant(run.closedAt)}` : ''}
            </span>
            <RunActions runId={run.run.id} workflowStatus={run.workflowStatus} canRetryRunning={awaiting.length > 0} onDone={() => setPollEpoch((n) => n + 1)} />
          </div>
        </header>
        <div className="editor-body run-body">
          <main className="editor-canvas" aria-label="Run canvas">
            <Canvas />
          </main>
          <aside className="side-panel" aria-label="Run details">
            <div className="panel-body">
              {error !== null && <ErrorNote message={`Live updates paused: ${error}`} />}
              {run.error !== undefined && <ErrorNote message={run.error} />}
              <RetryingSteps activities={run.activities} />
              {awaiting.length > 0 && (
                <>
                  <h4>Needs an operator</h4>
                  {awaiting.map(([nodeId, state]) => (
                    <OperatorResolution key={nodeId} runId={run.run.id} nodeId={nodeId} error={state.error} onResolved={() => setPollEpoch((n) => n + 1)} />
                  ))}
                </>
              )}
              <h4>Open approvals</h4>
              {run.openApprovals.length === 0 ? (
                <p className="muted small">None.</p>
              ) : (
                run.openApprovals.map((a) => <OpenApproval key={a.nodeId} runId={run.run.id} approval={a} />)
              )}
              <h4>Step</h4>
              <NodeDetails run={run} retrying={retrying} />
              {Object.keys(run.vars).length > 0 && (
                <>
                  <h4>Variables</h4>
                  <pre className="code small">{JSON.stringify(run.vars, null, 2)}</pre>
                </>
              )}
            </div>
          </aside>
        </div>
      </div>
    </ReactFlowProvider>
  );
}
