/**
 * One person as Tenure knows them: lifecycle state, current attributes, their account in each
 * connected system, the runs HR events started for them, the date-triggered runs still to come, and the timeline of what happened, oldest first.
 * People are keyed by HR source and employee id: a page opened without a source, for an id that
 * several sources send, lists those sources to choose from.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiFailure, describeError, get } from '../api/client.ts';
import type { Answer } from '../api/operations.ts';
import type { PersonView } from '../api/schemas.ts';
import { personPath } from '../router.ts';
import { Empty, ErrorNote, Spinner, StatusPill } from '../ui/common.tsx';
import { formatInstant, formatValue } from '../ui/format.ts';
import { Link } from './Link.tsx';

type Listing = Answer<'get', '/api/people'>['people'][number];
type Loaded =
  | { kind: 'loading' }
  | { kind: 'missing'; message: string }
  | { kind: 'several'; message: string; people: Listing[] }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; person: PersonView };

const runPath = (runId: string) => `/runs/${encodeURIComponent(runId)}`;

/** "Ada Lovelace" from the name HR sent (displayName, else given name and surname), or null. */
function nameOf(attributes: Record<string, unknown>): string | null {
  const text = (key: string) => {
    const value = attributes[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  };
  const display = text('displayName');
  if (display !== null) return display;
  const parts = [text('givenName'), text('surname')].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(' ') : null;
}

/**
 * The people of every source that sends this employee id. The search also matches parts of ids and
 * names, so only exact ids are kept, over a few pages at most.
 */
async function sourcesSending(employeeId: string): Promise<Listing[]> {
  const found: Listing[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 5; pages++) {
    const page: Answer<'get', '/api/people'> = await get('/api/people', { params: { query: { q: employeeId, limit: 200, ...(cursor !== null ? { cursor } : {}) } } });
    found.push(...page.people.filter((p) => p.employeeId === employeeId));
    cursor = page.nextCursor;
    if (cursor === null) break;
  }
  return found.sort((a, b) => a.source.localeCompare(b.source));
}

export function PersonPage({ employeeId, source }: { employeeId: string; source: string | null }) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  const load = useCallback(async () => {
    setLoaded({ kind: 'loading' });
    try {
      setLoaded({ kind: 'ready', person: await get('/api/people/{employeeId}', { params: { path: { employeeId }, ...(source !== null ? { query: { source } } : {}) } }) });
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 404) setLoaded({ kind: 'missing', message: e.message });
      else if (e instanceof ApiFailure && e.status === 409 && source === null) {
        try {
          setLoaded({ kind: 'several', message: e.message, people: await sourcesSending(employeeId) });
        } catch (listing) {
          setLoaded({ kind: 'error', message: `${e.message}; the sources could not be listed: ${describeError(listing)}` });
        }
      } else setLoaded({ kind: 'error', message: describeError(e) });
    }
  }, [employeeId, source]);

  useEffect(() => {
    void load();
  }, [load]);

  if (loaded.kind === 'loading') return <Spinner label="Loading the person…" />;
  if (loaded.kind === 'missing') {
    return (
      <div className="page">
        <Empty title="No such person">
          <p>
            Tenure has received no HR event for the employee id <code>{employeeId}</code>
            {source !== null && (
              <>
                {' '}
                from the HR source <code>{source}</code>
              </>
            )}{' '}
            ({loaded.message}). Check the id, or send the person&apos;s hire event first.
          </p>
          <button type="button" className="button" onClick={() => void load()}>
            Refresh
          </button>
        </Empty>
      </div>
    );
  }
  if (loaded.kind === 'several') {
    return (
      <div className="page">
        <div className="page-head">
          <h1>
            Person <code>{employeeId}</code>
          </h1>
        </div>
        <p>Several HR sources send the employee id <code>{employeeId}</code>, each for a person of its own. Choose the source:</p>
        {loaded.people.length === 0 ? (
          <p className="muted small">{loaded.message}</p>
        ) : (
          <ul className="plain-list" aria-label="HR sources of this employee id">
            {loaded.people.map((p) => (
              <li key={p.source} data-source={p.source}>
                <Link to={personPath(p.employeeId, p.source)}>{p.displayName ?? p.employeeId}</Link> <span className="muted small">from HR source {p.source}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  if (loaded.kind === 'error') {
    return (
      <div className="page">
        <ErrorNote message={`The person could not be loaded: ${loaded.message}`} onRetry={() => void load()} />
      </div>
    );
  }

  const p = loaded.person;
  // Newest last: entries arrive in order, but sort by time in case a continue-as-new merged them.
  const timeline = p.timeline.map((t, i) => ({ t, i })).sort((a, b) => a.t.at.localeCompare(b.t.at) || a.i - b.i);
  const attributes = Object.entries(p.attributes).sort(([a], [b]) => a.localeCompare(b));
  const personName = nameOf(p.attributes);
  const accounts = Object.values(p.accounts ?? {}).sort((a, b) => a.connectionId.localeCompare(b.connectionId));
  return (
    <div className="page person-page">
      <div className="page-head">
        <h1>
          {personName ?? 'Person'} <code>{p.employeeId}</code>
        </h1>
        <span className="chip" data-testid="person-state">
          {p.state ?? 'no state yet'}
        </span>
        <span className="muted small" data-testid="person-source">
          from HR source {p.source}
        </span>
        <button type="button" className="button" onClick={() => void load()}>
          Refresh
        </button>
      </div>

      <h2>Attributes</h2>
      {attributes.length === 0 ? (
        <p className="muted small">None received.</p>
      ) : (
        <table className="table" aria-label="Attributes">
          <thead>
            <tr>
              <th>Attribute</th>
              <th>Value</th>
            </tr>
          </thead>
          <tbody>
            {attributes.map(([name, value]) => (
              <tr key={name} data-attribute={name}>
                <td>
                  <code>{name}</code>
                </td>
                <td>{typeof value === 'string' ? value : formatValue(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Accounts</h2>
      {accounts.length === 0 ? (
        <p className="muted small">No account linked yet.</p>
      ) : (
        <table className="table" aria-label="Accounts">
          <thead>
            <tr>
              <th>Connection</th>
              <th>Status</th>
              <th>Account</th>
              <th>Last change</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.connectionId} data-connection={a.connectionId}>
                <td>
                  <code>{a.connectionId}</code> <span className="muted small">{a.kind}</span>
                </td>
                <td>
                  <span className="chip" data-status={a.status}>
                    {a.status}
                  </span>
                </td>
                <td>
                  <code>{a.id}</code>
                </td>
                <td>
                  <code>{a.action}</code> <time dateTime={a.at}>{formatInstant(a.at)}</time> <Link to={runPath(a.runId)}>open run</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Scheduled starts</h2>
      {p.scheduled.length === 0 ? (
        <p className="muted small">None.</p>
      ) : (
        <ul className="plain-list" aria-label="Scheduled starts">
          {p.scheduled.map((s) => (
            <li key={`${s.definitionId}:${s.dateAttribute}`}>
              <Link to={`/definitions/${encodeURIComponent(s.definitionId)}`}>{s.definitionId}</Link> starts{' '}
              {s.offsetDays === 0 ? 'on' : `${Math.abs(s.offsetDays)} day${Math.abs(s.offsetDays) === 1 ? '' : 's'} ${s.offsetDays < 0 ? 'before' : 'after'}`} <code>{s.dateAttribute}</code>
              {typeof p.attributes[s.dateAttribute] === 'string' ? ` (${String(p.attributes[s.dateAttribute])})` : ''}
            </li>
          ))}
        </ul>
      )}

      <h2>Runs</h2>
      {p.runs.length === 0 ? (
        <p className="muted small">None yet.</p>
      ) : (
        <table className="table" aria-label="Person runs">
          <thead>
            <tr>
              <th>Status</th>
              <th>Definition</th>
              <th>Event</th>
              <th>Started</th>
              <th>Run</th>
            </tr>
          </thead>
          <tbody>
            {p.runs.map((r) => (
              <tr key={r.runId} data-run={r.runId}>
                <td>
                  <StatusPill status={r.status} />
                </td>
                <td>
                  {r.definitionId} <span className="muted small">r{r.revision}</span>
                </td>
                <td>{r.eventType}</td>
                <td>{formatInstant(r.startedAt)}</td>
                <td>
                  <Link to={runPath(r.runId)}>
                    <code>{r.runId.slice(0, 8)}</code>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Timeline</h2>
      {timeline.length === 0 ? (
        <p className="muted small">Nothing yet.</p>
      ) : (
        <ol className="timeline" aria-label="Timeline">
          {timeline.map(({ t, i }) => (
            <li key={i} data-kind={t.kind}>
              <span className="chip" data-kind={t.kind}>
                {t.kind}
              </span>{' '}
              <time dateTime={t.at} className="muted small">
                {formatInstant(t.at)}
              </time>{' '}
              <span>{t.message}</span>
              {t.runId !== undefined && (
                <>
                  {' '}
                  <Link to={runPath(t.runId)}>open run</Link>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
