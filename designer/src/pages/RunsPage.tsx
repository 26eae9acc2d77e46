/** The runs: newest first, filtered by person, definition and status, a page at a time. */
import { useCallback, useEffect, useState, type SyntheticEvent } from 'react';
import { describeError, get } from '../api/client.ts';
import type { Query } from '../api/operations.ts';
import type { DefinitionSummary, RunListItem } from '../api/schemas.ts';
import { navigate, useRouter } from '../router.ts';
import { Empty, ErrorNote, Spinner, StatusPill } from '../ui/common.tsx';
import { formatInstant, formatRelative } from '../ui/format.ts';
import { Link } from './Link.tsx';
import { RunActions } from './RunActions.tsx';

const statuses = ['running', 'completed', 'failed', 'cancelled', 'terminated', 'timed_out'];
/** Temporal's status names, as the API takes them (the page's URL spells them in lower case). */
const statusNames: readonly NonNullable<Query<'get', '/api/runs'>['status']>[] = ['RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TERMINATED', 'TIMED_OUT', 'CONTINUED_AS_NEW'];

/** The API query for the filters in the page's URL, and a page cursor. */
function runsQuery(search: string, cursor: string | null): Query<'get', '/api/runs'> {
  const from = new URLSearchParams(search);
  const given = (key: string) => {
    const v = from.get(key);
    return v !== null && v !== '' ? v : undefined;
  };
  return { employeeId: given('employeeId'), definitionId: given('definitionId'), status: statusNames.find((s) => s === given('status')?.toUpperCase()), limit: 50, ...(cursor !== null ? { cursor } : {}) };
}

export function RunsPage() {
  const search = useRouter((s) => s.search);
  const params = new URLSearchParams(search);
  const filters = { employeeId: params.get('employeeId') ?? '', definitionId: params.get('definitionId') ?? '', status: params.get('status') ?? '' };
  const [draft, setDraft] = useState(filters);
  const [runs, setRuns] = useState<RunListItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [definitions, setDefinitions] = useState<DefinitionSummary[]>([]);

  const load = useCallback(async () => {
    setError(null);
    setRuns(null);
    try {
      const page = await get('/api/runs', { params: { query: runsQuery(search, null) } });
      setRuns(page.runs);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(describeError(e));
    }
  }, [search]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    get('/api/definitions')
      .then((d) => setDefinitions(d.definitions))
      .catch(() => setDefinitions([]));
  }, []);

  const more = async () => {
    if (cursor === null) return;
    setLoadingMore(true);
    try {
      const page = await get('/api/runs', { params: { query: runsQuery(search, cursor) } });
      setRuns((r) => [...(r ?? []), ...page.runs]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setLoadingMore(false);
    }
  };

  const apply = (e: SyntheticEvent) => {
    e.preventDefault();
    const q = new URLSearchParams(Object.entries(draft).filter(([, v]) => v !== ''));
    navigate(`/runs${q.size > 0 ? `?${q.toString()}` : ''}`);
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>Runs</h1>
      </div>
      <form className="filters" onSubmit={apply} aria-label="Filter runs">
        <input type="search" placeholder="Employee id" aria-label="Employee id" value={draft.employeeId} onChange={(e) => setDraft({ ...draft, employeeId: e.target.value })} />
        <select aria-label="Definition" value={draft.definitionId} onChange={(e) => setDraft({ ...draft, definitionId: e.target.value })}>
          <option value="">All definitions</option>
          {definitions.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <select aria-label="Status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
          <option value="">Any status</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s.replace('_', ' ')}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          Filter
        </button>
      </form>
      {error !== null && <ErrorNote message={`The runs could not be loaded: ${error}`} onRetry={() => void load()} />}
      {runs === null && error === null && <Spinner label="Loading runs…" />}
      {runs !== null && runs.length === 0 && <Empty title="No runs match">Runs start when HR events arrive, or with “Run now” in the editor.</Empty>}
      {runs !== null && runs.length > 0 && (
        <table className="table" aria-label="Runs">
          <thead>
            <tr>
              <th>Status</th>
              <th>Person</th>
              <th>Definition</th>
              <th>Started</th>
              <th>Run</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} data-run={r.id}>
                <td>
                  <StatusPill status={r.workflowStatus} />
                </td>
                <td>{r.employeeId}</td>
                <td>
                  {r.definitionId} <span className="muted small">r{r.revision}</span>
                </td>
                <td title={formatInstant(r.startedAt)}>{formatRelative(r.startedAt)}</td>
                <td>
                  <Link to={`/runs/${encodeURIComponent(r.id)}`}>
                    <code>{r.id.slice(0, 8)}</code>
                  </Link>
                </td>
                <td>
                  <RunActions runId={r.id} workflowStatus={r.workflowStatus} onDone={() => void load()} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor !== null && (
        <button type="button" className="button" onClick={() => void more()} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
