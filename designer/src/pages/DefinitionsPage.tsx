/** The definitions: every lifecycle with its latest revision, the connections it needs, and a way to start a new one. */
import { useCallback, useEffect, useState } from 'react';
import { describeError, get } from '../api/client.ts';
import type { DefinitionSummary } from '../api/schemas.ts';
import { useConnections } from '../connections.ts';
import { navigate } from '../router.ts';
import { Empty, ErrorNote, Spinner } from '../ui/common.tsx';
import { formatInstant, formatRelative } from '../ui/format.ts';
import { DefinitionNeeds } from './DefinitionNeeds.tsx';

export function DefinitionsPage() {
  const [list, setList] = useState<DefinitionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      setList((await get('/api/definitions')).definitions);
    } catch (e) {
      setError(describeError(e));
    }
  }, []);
  useEffect(() => {
    void load();
    void useConnections.getState().refresh();
  }, [load]);

  return (
    <div className="page">
      <div className="page-head">
        <h1>Definitions</h1>
        <a
          className="button primary"
          href="/definitions/new"
          onClick={(e) => {
            e.preventDefault();
            navigate('/definitions/new');
          }}
        >
          New definition
        </a>
      </div>
      <p className="muted">Each lifecycle is a graph of steps. Publish it to freeze a revision that runs can use.</p>
      {error !== null && <ErrorNote message={`The definitions could not be loaded: ${error}`} onRetry={() => void load()} />}
      {list === null && error === null && <Spinner label="Loading definitions…" />}
      {list !== null && list.length === 0 && (
        <Empty title="No definitions yet">
          <p>Start with a new definition: drag steps onto the canvas and connect them.</p>
        </Empty>
      )}
      {list !== null && list.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Lifecycle</th>
              <th>Published</th>
              <th>Needs</th>
              <th>Last saved</th>
            </tr>
          </thead>
          <tbody>
            {list.map((d) => (
              <tr key={d.id}>
                <td>
                  <a
                    href={`/definitions/${encodeURIComponent(d.id)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/definitions/${encodeURIComponent(d.id)}`);
                    }}
                  >
                    {d.name}
                  </a>
                  <div className="muted small">
                    <code>{d.id}</code>
                  </div>
                </td>
                <td>{d.lifecycle}</td>
                <td>{d.latestRevision === null ? <span className="muted">draft only</span> : `revision ${d.latestRevision}`}</td>
                <td>
                  <DefinitionNeeds definitionId={d.id} />
                </td>
                <td title={formatInstant(d.updatedAt)}>
                  {formatRelative(d.updatedAt)} by {d.updatedBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
