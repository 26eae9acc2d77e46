/**
 * A definition's "needs" checklist: the connections its steps name, each marked missing, of the
 * wrong kind, untested, failing or ready, with a link to create or test it on the Connections page.
 */
import { useEffect, useState } from 'react';
import { describeError, get } from '../api/client.ts';
import type { Draft } from '../api/schemas.ts';
import { useCatalog } from '../catalog.ts';
import { useConnections } from '../connections.ts';
import './connections.css';
import { Link } from './Link.tsx';
import { definitionNeeds, type Need } from './needs.ts';

const stateWords: Record<Need['state'], string> = {
  missing: 'missing',
  'wrong-kind': 'wrong kind',
  untested: 'not tested',
  failing: 'test failed',
  ready: 'ready',
};

function NeedItem({ need, actualKind }: { need: Need; actualKind: string | undefined }) {
  const create = `/connections?new=${encodeURIComponent(need.connectionId)}${need.kind !== undefined ? `&kind=${encodeURIComponent(need.kind)}` : ''}`;
  const show = `/connections?show=${encodeURIComponent(need.connectionId)}`;
  return (
    <li data-connection={need.connectionId} data-state={need.state} data-ready={need.state === 'ready'}>
      <span className="needs-state">{stateWords[need.state]}</span>
      <code>{need.connectionId}</code>
      <span className="muted">
        {need.kind ?? 'unknown kind'}
        {need.state === 'wrong-kind' && actualKind !== undefined ? ` wanted, it is ${actualKind}` : ''}
        {need.state === 'failing' && need.failedStep !== null ? ` at ${need.failedStep}` : ''} · {need.steps.length === 1 ? 'step' : 'steps'} {need.steps.join(', ')}
      </span>
      {need.state === 'missing' ? <Link to={create}>Create it</Link> : need.state !== 'ready' && <Link to={show}>Test it</Link>}
    </li>
  );
}

export function DefinitionNeeds({ definitionId }: { definitionId: string }) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const actions = useCatalog((s) => s.byId);
  const catalogReady = useCatalog((s) => s.status === 'ready');
  const connections = useConnections((s) => s.list);
  const connectionsReady = useConnections((s) => s.status === 'ready');
  useEffect(() => {
    const abort = new AbortController();
    get('/api/definitions/{id}', { params: { path: { id: definitionId } }, signal: abort.signal }).then(
      (stored) => setDraft(stored.definition),
      (e: unknown) => {
        if (!abort.signal.aborted) setError(describeError(e));
      },
    );
    return () => abort.abort();
  }, [definitionId]);

  if (error !== null) return <span className="muted small">cannot read its steps: {error}</span>;
  if (draft === null || !catalogReady || !connectionsReady) return <span className="muted small">…</span>;
  const needs = definitionNeeds(draft, actions, connections);
  if (needs.length === 0) return <span className="muted small">no connections</span>;
  const ready = needs.filter((n) => n.state === 'ready').length;
  return (
    <details className="needs" aria-label={`What ${draft.name} needs`}>
      <summary>
        {ready} of {needs.length} connections ready
      </summary>
      <ul className="needs-list">
        {needs.map((n) => (
          <NeedItem key={n.connectionId} need={n} actualKind={connections.find((c) => c.id === n.connectionId)?.kind} />
        ))}
      </ul>
    </details>
  );
}
