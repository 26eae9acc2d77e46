/**
 * History: the published revisions, how many runs are still in flight on older ones, and a diff
 * between any two revisions or a revision and the draft (shown on the canvas when the draft is one
 * side).
 */
import { useCallback, useEffect, useState } from 'react';
import { describeError, get } from '../../api/client.ts';
import { loadRevision } from '../../api/revisions.ts';
import type { Draft, RevisionView } from '../../api/schemas.ts';
import { Empty, ErrorNote, Spinner } from '../../ui/common.tsx';
import { formatInstant, formatRelative } from '../../ui/format.ts';
import { diffDrafts, isEmptyDiff, type GraphDiff } from '../diff.ts';
import { toDraft } from '../graph.ts';
import { useEditor } from '../store.ts';
import type { Overlay } from '../types.ts';

type Side = 'draft' | number;

function currentDraft(): Draft {
  const s = useEditor.getState();
  const d = toDraft(s.meta, s.nodes, s.edges);
  return { ...d, trigger: d.trigger };
}

async function sideDraft(definitionId: string, side: Side): Promise<Draft> {
  return side === 'draft' ? currentDraft() : loadRevision(definitionId, side);
}

function DiffView({ diff }: { diff: GraphDiff }) {
  if (isEmptyDiff(diff)) return <p className="muted small">No difference in meaning (layout aside).</p>;
  const list = (title: string, items: string[], kind: string) =>
    items.length === 0 ? null : (
      <div className="diff-group" data-kind={kind}>
        <h5>{title}</h5>
        <ul>
          {items.map((i) => (
            <li key={i}>
              <code>{i}</code>
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <div className="diff" data-testid="revision-diff">
      {list('Settings changed', diff.settings, 'changed')}
      {list('Steps added', diff.nodes.added, 'added')}
      {list('Steps removed', diff.nodes.removed, 'removed')}
      {list(
        'Steps changed',
        diff.nodes.changed.map((c) => `${c.id} (${c.fields.join(', ')})`),
        'changed',
      )}
      {list('Connections added', diff.edges.added, 'added')}
      {list('Connections removed', diff.edges.removed, 'removed')}
    </div>
  );
}

export function HistoryPanel() {
  const definitionId = useEditor((s) => s.meta.id);
  const exists = useEditor((s) => s.stored.exists);
  const latest = useEditor((s) => s.stored.latestRevision);
  const [revisions, setRevisions] = useState<RevisionView[] | null>(null);
  const [inFlight, setInFlight] = useState<Record<number, number> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [from, setFrom] = useState<Side | null>(null);
  const [to, setTo] = useState<Side>('draft');
  const [diff, setDiff] = useState<GraphDiff | null>(null);
  const [comparing, setComparing] = useState(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      const [revs, runs] = await Promise.all([
        get('/api/definitions/{id}/revisions', { params: { path: { id: definitionId } } }),
        get('/api/runs', { params: { query: { definitionId, status: 'RUNNING', limit: 200 } } }),
      ]);
      setRevisions(revs.revisions);
      const counts: Record<number, number> = {};
      for (const r of runs.runs) counts[r.revision] = (counts[r.revision] ?? 0) + 1;
      setInFlight(counts);
      setFrom((f) => f ?? revs.revisions[0]?.number ?? null);
    } catch (e) {
      setError(describeError(e));
    }
  }, [definitionId]);

  useEffect(() => {
    if (exists) void load();
  }, [exists, latest, load]);

  if (!exists) return <Empty title="No history yet">Save and publish the draft to start its history.</Empty>;
  if (error !== null) return <ErrorNote message={error} onRetry={() => void load()} />;
  if (revisions === null) return <Spinner label="Loading revisions…" />;

  const older = Object.entries(inFlight ?? {}).filter(([rev]) => latest === null || Number(rev) < latest);
  const olderCount = older.reduce((n, [, c]) => n + c, 0);

  const compare = async () => {
    if (from === null) return;
    setComparing(true);
    setError(null);
    try {
      const [a, b] = await Promise.all([sideDraft(definitionId, from), sideDraft(definitionId, to)]);
      const d = diffDrafts(a, b);
      setDiff(d);
      if (to === 'draft') {
        const overlay: Overlay = { kind: 'diff', nodes: {}, edges: {} };
        for (const id of d.nodes.added) overlay.nodes[id] = { status: 'added' };
        for (const c of d.nodes.changed) overlay.nodes[c.id] = { status: 'changed', note: c.fields.join(', ') };
        const added = new Set(d.edges.added);
        for (const e of useEditor.getState().edges) if (added.has(`${e.source} —${e.sourceHandle ?? 'next'}→ ${e.target}`)) overlay.edges[e.id] = true;
        useEditor.getState().setOverlay(overlay);
      }
    } catch (e) {
      setError(describeError(e));
    } finally {
      setComparing(false);
    }
  };

  const sideSelect = (value: Side | null, set: (s: Side) => void, label: string) => (
    <select aria-label={label} value={value === null ? '' : String(value)} onChange={(e) => set(e.target.value === 'draft' ? 'draft' : Number(e.target.value))}>
      <option value="draft">the draft</option>
      {revisions.map((r) => (
        <option key={r.number} value={String(r.number)}>
          revision {r.number}
        </option>
      ))}
    </select>
  );

  return (
    <div className="panel-body">
      {revisions.length === 0 ? (
        <Empty title="Not published yet">Publish the draft to create revision 1.</Empty>
      ) : (
        <ol className="revision-list" aria-label="Revisions">
          {revisions.map((r) => (
            <li key={r.number} className="revision">
              <div>
                <strong>Revision {r.number}</strong> {r.number === latest && <span className="chip">latest</span>}
                {(inFlight?.[r.number] ?? 0) > 0 && <span className="chip chip-running">{inFlight?.[r.number]} running</span>}
              </div>
              <div className="muted small" title={formatInstant(r.publishedAt)}>
                {formatRelative(r.publishedAt)} by {r.publishedBy} · <code>{r.hash.slice(7, 19)}</code>
              </div>
            </li>
          ))}
        </ol>
      )}
      <p className="small" data-testid="older-runs">
        {olderCount === 0 ? 'No run is in flight on an older revision.' : `${olderCount} run${olderCount === 1 ? ' is' : 's are'} still in flight on older revisions (${older.map(([rev, n]) => `r${rev}: ${n}`).join(', ')}); they finish on the revision they started with.`}
      </p>
      {revisions.length > 0 && (
        <section className="form-section" aria-label="Compare">
          <h4>Compare</h4>
          <div className="inline-fields">
            {sideSelect(from, setFrom, 'Compare from')}
            <span className="small">with</span>
            {sideSelect(to, setTo, 'Compare with')}
            <button type="button" className="button" disabled={comparing || from === null} onClick={() => void compare()}>
              {comparing ? 'Comparing…' : 'Compare'}
            </button>
          </div>
          {diff !== null && <DiffView diff={diff} />}
          {diff !== null && to === 'draft' && <p className="muted small">Added and changed steps are marked on the canvas.</p>}
        </section>
      )}
    </div>
  );
}
