/**
 * HR imports: upload a CSV snapshot, preview what it would change (a dry run), send it, and watch its
 * events reach the people; a batch held by the safety limits waits here for an admin to approve or
 * reject it. Uploading needs the hr-source role (admin included); operators and auditors read.
 * An admin names the HR source a snapshot is for (it replaces what that source sent, so it is
 * chosen, never guessed among several); an HR source imports as itself.
 */
import { useCallback, useEffect, useState, type SyntheticEvent } from 'react';
import { ApiFailure, describeError, get, post, request } from '../../api/client.ts';
import type { Answer } from '../../api/operations.ts';
import { navigate, personPath } from '../../router.ts';
import { Empty, ErrorNote, Spinner } from '../../ui/common.tsx';
import { formatInstant, formatRelative } from '../../ui/format.ts';
import { Link } from '../Link.tsx';
import { isAdmin, mayUploadImports } from './access.ts';
import './admin.css';

type ImportSummary = Answer<'get', '/api/hr/imports'>['imports'][number];
type ImportView = Answer<'get', '/api/hr/imports/{id}'>;
type HrSource = Answer<'get', '/api/hr-sources'>['sources'][number];

/** Where the API files an admin's import that names no source (server/routes/hr.ts sourceOf). */
const defaultSource = 'hr';

/**
 * The sources an admin may import for: the HR sources (users with the hr-source role) and the
 * default source. The only HR source is chosen for them; among several, they choose.
 */
function useImportSources(admin: boolean) {
  const [sources, setSources] = useState<HrSource[] | null>(null);
  const [source, setSource] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      const listed = (await get('/api/hr-sources')).sources;
      setSources(listed);
      const only = listed.length === 1 ? listed[0]?.id : listed.length === 0 ? defaultSource : undefined;
      setSource((chosen) => (chosen !== '' ? chosen : (only ?? '')));
    } catch (e) {
      setError(describeError(e));
    }
  }, []);
  useEffect(() => {
    if (admin) void load();
  }, [admin, load]);
  return { sources, source, setSource, error, reload: load };
}

function SourcePicker({ sources, source, onChange }: { sources: HrSource[]; source: string; onChange: (id: string) => void }) {
  const listed = sources.some((s) => s.id === defaultSource);
  return (
    <label className="field">
      <span>HR source</span>
      <select value={source} onChange={(e) => onChange(e.target.value)} required>
        {source === '' && (
          <option value="" disabled>
            Choose the HR source this snapshot is for…
          </option>
        )}
        {sources.map((s) => (
          <option key={s.id} value={s.id}>
            {s.displayName !== s.id ? `${s.displayName} (${s.id})` : s.id}
          </option>
        ))}
        {!listed && <option value={defaultSource}>{defaultSource} (the default source, used when none is named)</option>}
      </select>
    </label>
  );
}

/** Problems the server found in the file, one line each, with the line and column where it says them. */
function problemLines(error: unknown): string[] {
  if (!(error instanceof ApiFailure)) return [];
  return error.details.map((d) => `${d.line !== undefined ? `line ${d.line}` : d.path}${d.columnName !== undefined ? `, ${d.columnName}` : ''}: ${d.message}`);
}

function Upload({ admin, onDone }: { admin: boolean; onDone: (view: ImportView) => void }) {
  const picker = useImportSources(admin);
  const [csv, setCsv] = useState<{ name: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; lines: string[] } | null>(null);

  const send = async (dryRun: boolean) => {
    if (csv === null || (admin && picker.source === '')) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await request('post', '/api/hr/imports', { body: csv.text, contentType: 'text/csv', params: { query: { dryRun: String(dryRun), ...(admin ? { source: picker.source } : {}) } } });
      onDone(answer.body);
    } catch (e) {
      setError({ message: describeError(e), lines: problemLines(e) });
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    void send(true);
  };
  const ready = csv !== null && !busy && (!admin || picker.source !== '');

  return (
    <form className="card admin-form" aria-label="Upload a CSV snapshot" onSubmit={submit}>
      <h2>Upload a snapshot</h2>
      <p className="muted small">
        One line per worker, a header of attribute names with <code>employeeId</code> (and optionally <code>active</code>). Workers the file leaves out are terminated: send every worker of the source.
      </p>
      {!admin && <p className="muted small">The snapshot is filed under your own HR source.</p>}
      {admin && picker.error !== null && <ErrorNote message={`The HR sources could not be loaded: ${picker.error}`} onRetry={() => void picker.reload()} />}
      {admin && picker.sources === null && picker.error === null && <Spinner label="Loading HR sources…" />}
      {admin && picker.sources !== null && <SourcePicker sources={picker.sources} source={picker.source} onChange={picker.setSource} />}
      <label className="field">
        <span>CSV file</span>
        <input
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const file = e.target.files?.[0];
            setCsv(null);
            if (file) file.text().then((text) => setCsv({ name: file.name, text }), (err: unknown) => setError({ message: `The file could not be read: ${describeError(err)}`, lines: [] }));
          }}
        />
      </label>
      <div className="row">
        <button type="submit" className="button" disabled={!ready}>
          Preview changes (dry run)
        </button>
        <button type="button" className="button primary" disabled={!ready} onClick={() => void send(false)}>
          Import
        </button>
      </div>
      {error !== null && (
        <div role="alert" className="error-note">
          <span>The import was refused: {error.message}</span>
          {error.lines.length > 0 && (
            <ul aria-label="Problems in the file">
              {error.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}

export function ImportsPage({ roles }: { roles: readonly string[] }) {
  const [imports, setImports] = useState<ImportSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      setImports((await get('/api/hr/imports', { params: { query: { limit: 50 } } })).imports);
    } catch (e) {
      setError(describeError(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page">
      <div className="page-head">
        <h1>HR imports</h1>
      </div>
      {mayUploadImports(roles) && <Upload admin={isAdmin(roles)} onDone={(view) => navigate(`/imports/${view.id}`)} />}
      {error !== null && <ErrorNote message={`The imports could not be loaded: ${error}`} onRetry={() => void load()} />}
      {imports === null && error === null && <Spinner label="Loading imports…" />}
      {imports !== null && imports.length === 0 && <Empty title="No imports yet">CSV snapshots and SCIM bulk requests show here.</Empty>}
      {imports !== null && imports.length > 0 && (
        <table className="table" aria-label="Imports">
          <thead>
            <tr>
              <th>Received</th>
              <th>Source</th>
              <th>Kind</th>
              <th>Status</th>
              <th>Events</th>
              <th>By</th>
            </tr>
          </thead>
          <tbody>
            {imports.map((i) => (
              <tr key={i.id} data-import={i.id}>
                <td title={formatInstant(i.createdAt)}>
                  <Link to={`/imports/${i.id}`}>{formatRelative(i.createdAt)}</Link>
                </td>
                <td>{i.source}</td>
                <td>{i.kind}</td>
                <td>
                  <span className="pill" data-status={i.status}>
                    {i.status}
                  </span>
                </td>
                <td>
                  {i.progress.delivered} / {i.progress.events} delivered
                </td>
                <td>{i.createdBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!isAdmin(roles) && imports?.some((i) => i.status === 'held') === true && <p className="muted small">A held import waits for an admin to approve or reject it.</p>}
    </div>
  );
}

const stillMoving = new Set(['running']);

export function ImportPage({ importId, roles }: { importId: string; roles: readonly string[] }) {
  const [view, setView] = useState<ImportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deciding, setDeciding] = useState(false);
  const load = useCallback(async () => {
    try {
      setView(await get('/api/hr/imports/{id}', { params: { path: { id: importId }, query: { limit: 1000 } } }));
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  }, [importId]);
  useEffect(() => {
    void load();
  }, [load]);
  // Progress: poll while the dispatcher is still delivering the batch's events.
  const moving = view !== null && stillMoving.has(view.status);
  useEffect(() => {
    if (!moving) return;
    const timer = setInterval(() => void load(), 1500);
    return () => clearInterval(timer);
  }, [moving, load]);

  const decide = async (decision: 'approve' | 'reject') => {
    setDeciding(true);
    try {
      if (decision === 'approve') await post('/api/hr/imports/{id}/approve', { params: { path: { id: importId } } });
      else await post('/api/hr/imports/{id}/reject', { params: { path: { id: importId } } });
      await load();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setDeciding(false);
    }
  };

  if (view === null) return <div className="page">{error !== null ? <ErrorNote message={`The import could not be loaded: ${error}`} onRetry={() => void load()} /> : <Spinner label="Loading the import…" />}</div>;
  const { progress } = view;
  const share = progress.events === 0 ? 100 : Math.round((progress.delivered / progress.events) * 100);
  return (
    <div className="page">
      <div className="page-head">
        <h1>
          Import from {view.source} <span className="muted small">{formatInstant(view.createdAt)}</span>
        </h1>
        <Link to="/imports">All imports</Link>
      </div>
      {error !== null && <ErrorNote message={error} onRetry={() => void load()} />}
      <p>
        Status:{' '}
        <span className="pill" data-status={view.status} data-testid="import-status">
          {view.status}
        </span>{' '}
        {view.dryRun && <span className="muted">a preview: nothing was sent to anyone.</span>}
      </p>
      <p className="muted small">
        {Object.entries(view.counts)
          .map(([k, n]) => `${n} ${k}`)
          .join(' · ')}
      </p>
      {!view.dryRun && (
        <div className="import-progress">
          <progress max={Math.max(progress.events, 1)} value={progress.delivered} aria-label="Delivered events" />
          <span data-testid="import-progress">
            {progress.delivered} of {progress.events} events delivered ({share} %){progress.pending > 0 ? `, ${progress.pending} pending` : ''}
          </span>
        </div>
      )}
      {view.status === 'held' && (
        <div className="card" role="group" aria-label="Held import">
          <p>
            <strong>Held:</strong> {view.heldReason ?? 'the import would disable more people than the safety limits allow.'}
          </p>
          {isAdmin(roles) ? (
            <div className="row">
              <button type="button" className="button primary" disabled={deciding} onClick={() => void decide('approve')}>
                Approve and send
              </button>
              <button type="button" className="button" disabled={deciding} onClick={() => void decide('reject')}>
                Reject
              </button>
            </div>
          ) : (
            <p className="muted small">An admin approves or rejects it.</p>
          )}
        </div>
      )}
      {view.errors.length > 0 && (
        <>
          <h2>Lines left out</h2>
          <ul aria-label="Lines left out" className="problems">
            {view.errors.map((p, i) => (
              <li key={i}>
                {p.line !== undefined ? `line ${p.line}` : p.path}
                {p.columnName !== undefined ? `, ${p.columnName}` : ''}: {p.message}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{view.dryRun ? 'What it would change' : 'Changes'}</h2>
      {view.events.length === 0 ? (
        <Empty title="No changes">Every worker in the file matches what Tenure knows.</Empty>
      ) : (
        <table className="table" aria-label="Import changes">
          <thead>
            <tr>
              <th>Line</th>
              <th>Employee id</th>
              <th>Change</th>
              <th>Attributes</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {view.events.map((r) => (
              <tr key={r.seq} data-employee={r.employeeId ?? ''}>
                <td>{r.line ?? '—'}</td>
                <td>{r.employeeId !== null && !view.dryRun ? <Link to={personPath(r.employeeId, view.source)}>{r.employeeId}</Link> : (r.employeeId ?? '—')}</td>
                <td>{r.note ?? r.event?.type ?? ''}</td>
                <td className="small">
                  {Object.entries(r.event?.attributes ?? {})
                    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
                    .join(', ')}
                </td>
                <td>{r.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
