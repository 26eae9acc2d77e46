/** People search: by employee id, name or e-mail address, a page at a time, newest key order. */
import { useCallback, useEffect, useState, type SyntheticEvent } from 'react';
import { describeError, get } from '../../api/client.ts';
import type { Answer } from '../../api/operations.ts';
import { navigate, personPath, useRouter } from '../../router.ts';
import { Empty, ErrorNote, Spinner } from '../../ui/common.tsx';
import { formatInstant, formatRelative } from '../../ui/format.ts';
import { Link } from '../Link.tsx';
import './admin.css';

type Listing = Answer<'get', '/api/people'>['people'][number];
const pageSize = 25;

export function PeoplePage() {
  const search = useRouter((s) => s.search);
  const q = new URLSearchParams(search).get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const [people, setPeople] = useState<Listing[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const load = useCallback(async () => {
    setError(null);
    setPeople(null);
    try {
      const page = await get('/api/people', { params: { query: { ...(q !== '' ? { q } : {}), limit: pageSize } } });
      setPeople(page.people);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(describeError(e));
    }
  }, [q]);
  useEffect(() => {
    void load();
  }, [load]);

  const more = async () => {
    if (cursor === null) return;
    setLoadingMore(true);
    try {
      const page = await get('/api/people', { params: { query: { ...(q !== '' ? { q } : {}), limit: pageSize, cursor } } });
      setPeople((p) => [...(p ?? []), ...page.people]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setLoadingMore(false);
    }
  };

  const find = (e: SyntheticEvent) => {
    e.preventDefault();
    const term = draft.trim();
    navigate(term === '' ? '/people' : `/people?q=${encodeURIComponent(term)}`);
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>People</h1>
      </div>
      <form className="filters" role="search" aria-label="Search people" onSubmit={find}>
        <input type="search" placeholder="Name, employee id or e-mail" aria-label="Name, employee id or e-mail" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {error !== null && <ErrorNote message={`The people could not be loaded: ${error}`} onRetry={() => void load()} />}
      {people === null && error === null && <Spinner label="Searching…" />}
      {people !== null && people.length === 0 && <Empty title={q === '' ? 'No people yet' : `Nobody matches “${q}”`}>People appear once an HR event, import or SCIM request about them has been applied.</Empty>}
      {people !== null && people.length > 0 && (
        <table className="table" aria-label="People">
          <thead>
            <tr>
              <th>Employee id</th>
              <th>Name</th>
              <th>E-mail</th>
              <th>State</th>
              <th>Source</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={`${p.source}/${p.employeeId}`} data-person={p.employeeId} data-source={p.source}>
                <td>
                  <Link to={personPath(p.employeeId, p.source)}>{p.employeeId}</Link>
                </td>
                <td>{p.displayName ?? <span className="muted">—</span>}</td>
                <td>{p.email ?? <span className="muted">—</span>}</td>
                <td>{p.state ?? <span className="muted">no state yet</span>}</td>
                <td>{p.source}</td>
                <td title={formatInstant(p.updatedAt)}>{formatRelative(p.updatedAt)}</td>
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
