/**
 * HR sources (admins change, auditors read): the signing secret (write-only: the page says whether
 * one is set, never what it is), whether signatures are required, the IP allow-list and the rate.
 * A field the server refuses shows its message under the field.
 */
import { useCallback, useEffect, useState, type SyntheticEvent } from 'react';
import { ApiFailure, describeError, get, request } from '../../api/client.ts';
import type { Answer, Body } from '../../api/operations.ts';
import { Empty, ErrorNote, Spinner } from '../../ui/common.tsx';
import { formatRelative } from '../../ui/format.ts';
import { toast } from '../../ui/toast.ts';
import { isAdmin } from './access.ts';
import './admin.css';

type Source = Answer<'get', '/api/hr-sources'>['sources'][number];
type Settings = Body<'put', '/api/hr-sources/{id}'>;

/** The server's field problems by the body field they name (`body.allowedIps[1]` → allowedIps, "line 2: …"). */
function fieldProblems(error: unknown): Record<string, string> {
  if (!(error instanceof ApiFailure)) return {};
  const out: Record<string, string> = {};
  for (const d of error.details) {
    const [, field = '', index] = /^(?:body\.)?([^.[]*)(?:\[(\d+)\])?/.exec(d.path) ?? [];
    const message = index !== undefined ? `line ${Number(index) + 1}: ${d.message}` : d.message;
    out[field] = out[field] === undefined ? message : `${out[field]}\n${message}`;
  }
  return out;
}

function SourceForm({ source, admin, onSaved }: { source: Source; admin: boolean; onSaved: (s: Source) => void }) {
  const [secret, setSecret] = useState('');
  const [removeSecret, setRemoveSecret] = useState(false);
  const [requireSignature, setRequireSignature] = useState(source.requireSignature);
  const [ips, setIps] = useState(source.allowedIps.join('\n'));
  const [rate, setRate] = useState(source.ratePerMinute === null ? '' : String(source.ratePerMinute));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (e: SyntheticEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setProblems({});
    const body: Settings = {
      requireSignature,
      allowedIps: ips
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter((s) => s !== ''),
      ratePerMinute: rate.trim() === '' ? null : Number(rate),
      ...(removeSecret ? { signingSecret: null } : secret !== '' ? { signingSecret: secret } : {}),
    };
    try {
      const saved = (await request('put', '/api/hr-sources/{id}', { params: { path: { id: source.id } }, body })).body;
      setSecret('');
      setRemoveSecret(false);
      onSaved(saved);
      toast('success', `Saved the settings of ${source.id}.`);
    } catch (err) {
      setError(describeError(err));
      setProblems(fieldProblems(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card admin-form" aria-label={`Settings of ${source.id}`} onSubmit={(e) => void save(e)}>
      <h2>
        {source.displayName} <span className="muted small">{source.id}</span>
      </h2>
      <p className="muted small">{source.updatedAt !== null ? `Last changed ${formatRelative(source.updatedAt)} by ${source.updatedBy ?? 'unknown'}` : 'Never configured: any address, no signature, no rate limit.'}</p>
      <fieldset disabled={!admin || busy}>
        <label className="field">
          <span>Signing secret {source.hasSigningSecret ? '(set: type a new one to replace it)' : '(not set)'}</span>
          <input type="password" autoComplete="new-password" value={secret} onChange={(e) => setSecret(e.target.value)} placeholder={source.hasSigningSecret ? '••••••••' : 'at least 32 characters'} disabled={removeSecret} />
          {problems.signingSecret !== undefined && <p className="field-problem">{problems.signingSecret}</p>}
        </label>
        {source.hasSigningSecret && (
          <label className="check">
            <input type="checkbox" checked={removeSecret} onChange={(e) => setRemoveSecret(e.target.checked)} /> Remove the signing secret
          </label>
        )}
        <label className="check">
          <input type="checkbox" checked={requireSignature} onChange={(e) => setRequireSignature(e.target.checked)} /> Require a signature on every request
        </label>
        <label className="field">
          <span>Allowed addresses (one IP or CIDR block a line; empty allows any)</span>
          <textarea rows={4} value={ips} onChange={(e) => setIps(e.target.value)} />
          {problems.allowedIps !== undefined && <p className="field-problem">{problems.allowedIps}</p>}
        </label>
        <label className="field">
          <span>Requests per minute (empty for no limit)</span>
          <input type="number" min={1} value={rate} onChange={(e) => setRate(e.target.value)} />
          {problems.ratePerMinute !== undefined && <p className="field-problem">{problems.ratePerMinute}</p>}
        </label>
      </fieldset>
      {admin && (
        <button type="submit" className="button primary" disabled={busy}>
          Save
        </button>
      )}
      {error !== null && <ErrorNote message={`The settings were not saved: ${error}`} />}
    </form>
  );
}

export function HrSourcesPage({ roles }: { roles: readonly string[] }) {
  const [sources, setSources] = useState<Source[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      setSources((await get('/api/hr-sources')).sources);
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
        <h1>HR sources</h1>
      </div>
      <p className="muted">An HR source is a user with the hr-source role; give one that role on the Users page to list it here.</p>
      {error !== null && <ErrorNote message={`The HR sources could not be loaded: ${error}`} onRetry={() => void load()} />}
      {sources === null && error === null && <Spinner label="Loading HR sources…" />}
      {sources !== null && sources.length === 0 && <Empty title="No HR sources">Create a user with the hr-source role first.</Empty>}
      {sources?.map((s) => (
        <SourceForm key={`${s.id}@${s.updatedAt ?? ''}`} source={s} admin={isAdmin(roles)} onSaved={(saved) => setSources((all) => (all ?? []).map((x) => (x.id === saved.id ? saved : x)))} />
      ))}
    </div>
  );
}
