/**
 * The audit log (auditors and admins): filter by person, actor, action and time, page through it
 * newest first, and export what the filter matches as CSV or JSON. The filter lives in the URL, so
 * a filtered view can be bookmarked and shared.
 */
import { useCallback, useEffect, useState, type SyntheticEvent } from 'react';
import { describeError, download, get } from '../../api/client.ts';
import type { Answer, Query } from '../../api/operations.ts';
import { navigate, personPath, useRouter } from '../../router.ts';
import { Empty, ErrorNote, Spinner } from '../../ui/common.tsx';
import { formatInstant } from '../../ui/format.ts';
import { Link } from '../Link.tsx';
import './admin.css';

type Entry = Answer<'get', '/api/audit'>['entries'][number];
const filterKeys = ['employeeId', 'actor', 'action', 'from', 'to'] as const;
type Filter = Record<(typeof filterKeys)[number], string>;

function filterOf(search: string): Filter {
  const params = new URLSearchParams(search);
  return { employeeId: params.get('employeeId') ?? '', actor: params.get('actor') ?? '', action: params.get('action') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '' };
}

/** The filter's given fields, as the URL keeps them. */
function given(filter: Filter): Record<string, string> {
  return Object.fromEntries(filterKeys.filter((k) => filter[k].trim() !== '').map((k) => [k, filter[k].trim()]));
}

/** The browser's time zone: the dates of the filter are days there, as the times in the list are. */
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The instant a calendar day (2026-12-08), plus `days`, starts in the browser's time zone; null if it is no such day. */
function startOfDay(day: string, days = 0): string | null {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!parts) return null;
  const start = new Date(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]) + days);
  return Number.isNaN(start.getTime()) ? null : start.toISOString();
}

/**
 * As the API takes them: instants, and its `to` is exclusive. "From 7 December to 8 December" means
 * from the start of the 7th to the end of the 8th in the browser's time zone, the days the list
 * shows its entries on. A value that is not a day (an instant typed into the URL) goes as it is.
 */
function apiFilter(filter: Filter): Record<string, string> {
  const fields = given(filter);
  if (fields.from !== undefined) fields.from = startOfDay(fields.from) ?? fields.from;
  if (fields.to !== undefined) fields.to = startOfDay(fields.to, 1) ?? fields.to;
  return fields;
}

export function AuditPage() {
  const search = useRouter((s) => s.search);
  const filter = filterOf(search);
  const [draft, setDraft] = useState(filter);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (after: string | null) => {
      setError(null);
      if (after === null) setEntries(null);
      setBusy(true);
      try {
        const query: Query<'get', '/api/audit'> = { ...apiFilter(filterOf(search)), limit: 100, ...(after !== null ? { cursor: after } : {}) };
        const page = await get('/api/audit', { params: { query } });
        setEntries((e) => (after === null ? page.entries : [...(e ?? []), ...page.entries]));
        setCursor(page.nextCursor);
      } catch (e) {
        setError(describeError(e));
      } finally {
        setBusy(false);
      }
    },
    [search],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  const apply = (e: SyntheticEvent) => {
    e.preventDefault();
    const q = new URLSearchParams(given(draft));
    navigate(`/audit${q.size > 0 ? `?${q.toString()}` : ''}`);
  };
  const exportAs = (format: 'csv' | 'json') => {
    setError(null);
    download('/api/audit/export', { ...apiFilter(filter), format }, `audit.${format}`).catch((e: unknown) => setError(`The export failed: ${describeError(e)}`));
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>Audit log</h1>
        <div className="row">
          <button type="button" className="button" onClick={() => exportAs('csv')}>
            Export CSV
          </button>
          <button type="button" className="button" onClick={() => exportAs('json')}>
            Export JSON
          </button>
        </div>
      </div>
      <form className="filters" aria-label="Filter the audit log" onSubmit={apply}>
        <input aria-label="Employee id" placeholder="Employee id" value={draft.employeeId} onChange={(e) => setDraft({ ...draft, employeeId: e.target.value })} />
        <input aria-label="Actor" placeholder="Actor (user id)" value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} />
        <input aria-label="Action" placeholder="Action, e.g. token or definition.publish" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} />
        <input aria-label="From" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <input aria-label="To" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        <button type="submit" className="button">
          Filter
        </button>
      </form>
      <p className="muted small" data-testid="audit-time-zone">
        Days and times are in your time zone, {timeZone}; “to” includes the whole of its day.
      </p>
      {error !== null && <ErrorNote message={error} onRetry={() => void load(null)} />}
      {entries === null && error === null && <Spinner label="Loading the audit log…" />}
      {entries !== null && entries.length === 0 && <Empty title="Nothing matches">Change or clear the filter.</Empty>}
      {entries !== null && entries.length > 0 && (
        <table className="table" aria-label="Audit entries">
          <thead>
            <tr>
              <th>When</th>
              <th>Actor</th>
              <th>Action</th>
              <th>Target</th>
              <th>Person</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-entry={e.id} data-action={e.action}>
                <td>{formatInstant(e.at)}</td>
                <td>{e.actor}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.targetType} {e.targetId}
                </td>
                <td>{typeof e.employeeId === 'string' ? <Link to={personPath(e.employeeId)}>{e.employeeId}</Link> : ''}</td>
                <td className="audit-details">{Object.keys(e.details).length > 0 ? JSON.stringify(e.details) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor !== null && (
        <button type="button" className="button" onClick={() => void load(cursor)} disabled={busy}>
          {busy ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
