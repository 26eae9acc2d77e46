/**
 * Users and API tokens (admins change, auditors read): create a user, set their roles, issue a token
 * (its value is shown once, here, and never again) and revoke one, once the admin confirms.
 */
import { useCallback, useEffect, useState, type SyntheticEvent } from 'react';
import { describeError, get, post, request } from '../../api/client.ts';
import type { Answer } from '../../api/operations.ts';
import { Empty, ErrorNote, Spinner } from '../../ui/common.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { formatInstant, formatRelative } from '../../ui/format.ts';
import { isAdmin } from './access.ts';
import { allRoles, roleHelp, type Role } from './roles.ts';
import './admin.css';

type User = Answer<'get', '/api/users'>['users'][number];
type Token = Answer<'get', '/api/users/{id}/tokens'>['tokens'][number];
type Issued = Answer<'post', '/api/users/{id}/tokens'>;

function RoleBoxes({ value, onChange, disabled, legend }: { value: readonly string[]; onChange: (next: Role[]) => void; disabled: boolean; legend: string }) {
  return (
    <fieldset className="role-boxes" aria-label={legend} disabled={disabled}>
      {allRoles.map((r) => (
        <label key={r} title={roleHelp[r]}>
          <input type="checkbox" checked={value.includes(r)} onChange={(e) => onChange(e.target.checked ? [...allRoles.filter((x) => x === r || value.includes(x))] : allRoles.filter((x) => x !== r && value.includes(x)))} />
          {r}
        </label>
      ))}
    </fieldset>
  );
}

function NewUser({ onCreated }: { onCreated: (user: User) => void }) {
  const [draft, setDraft] = useState({ id: '', displayName: '', email: '', roles: [] as Role[] });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await post('/api/users', { body: { id: draft.id.trim(), displayName: draft.displayName.trim(), roles: draft.roles, ...(draft.email.trim() !== '' ? { email: draft.email.trim() } : {}) } });
      setDraft({ id: '', displayName: '', email: '', roles: [] });
      onCreated(user);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" aria-label="New user" onSubmit={(e) => void submit(e)}>
      <h2>New user</h2>
      <div className="row">
        <label className="field">
          <span>User id</span>
          <input value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.target.value })} required />
        </label>
        <label className="field">
          <span>Display name</span>
          <input value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} required />
        </label>
        <label className="field">
          <span>E-mail</span>
          <input type="email" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} />
        </label>
      </div>
      <RoleBoxes legend="Roles of the new user" value={draft.roles} disabled={busy} onChange={(roles) => setDraft({ ...draft, roles })} />
      <button type="submit" className="button primary" disabled={busy}>
        Create user
      </button>
      {error !== null && <ErrorNote message={`The user was not created: ${error}`} />}
    </form>
  );
}

function UserPanel({ user, admin, onChanged }: { user: User; admin: boolean; onChanged: (user: User) => void }) {
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [tokens, setTokens] = useState<Token[] | null>(null);
  const [issued, setIssued] = useState<(Issued & { name: string }) | null>(null);
  const [tokenName, setTokenName] = useState('');
  const [days, setDays] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [revoking, setRevoking] = useState<Token | null>(null);

  const loadTokens = useCallback(async () => {
    try {
      setTokens((await get('/api/users/{id}/tokens', { params: { path: { id: user.id } } })).tokens);
    } catch (e) {
      setError(describeError(e));
    }
  }, [user.id]);
  useEffect(() => {
    void loadTokens();
  }, [loadTokens]);

  const act = async (what: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  const saveRoles = () =>
    act(async () => {
      const next = allRoles.filter((r) => roles.includes(r));
      onChanged((await request('put', '/api/users/{id}/roles', { params: { path: { id: user.id } }, body: { roles: next } })).body);
    });
  const issue = (e: SyntheticEvent) => {
    e.preventDefault();
    const expires = days.trim() === '' ? undefined : Number(days);
    void act(async () => {
      const name = tokenName.trim();
      const answer = await post('/api/users/{id}/tokens', { params: { path: { id: user.id } }, body: { name, ...(expires !== undefined ? { expiresInDays: expires } : {}) } });
      setIssued({ ...answer, name });
      setTokenName('');
      setDays('');
      await loadTokens();
    });
  };
  const revoke = (token: Token) =>
    act(async () => {
      await request('delete', '/api/users/{id}/tokens/{tokenId}', { params: { path: { id: user.id, tokenId: token.id } } });
      await loadTokens();
    });

  const changed = roles.length !== user.roles.length || roles.some((r) => !user.roles.includes(r));
  return (
    <section className="card" aria-label={`User ${user.id}`}>
      <h2>
        {user.displayName} <span className="muted small">{user.id}</span>
      </h2>
      <p className="muted small">
        {user.email ?? 'no e-mail'} · created {formatRelative(user.createdAt)}
        {user.disabled ? ' · disabled' : ''}
      </p>
      <h3>Roles</h3>
      <RoleBoxes legend={`Roles of ${user.id}`} value={roles} disabled={!admin || busy} onChange={setRoles} />
      {admin && (
        <button type="button" className="button" disabled={!changed || busy} onClick={() => void saveRoles()}>
          Save roles
        </button>
      )}
      {error !== null && <ErrorNote message={error} />}
      <h3>API tokens</h3>
      {issued !== null && (
        <div className="issued-token" role="status" aria-label="New token">
          <strong>Token “{issued.name}” issued.</strong> Copy it now: Tenure keeps only its hash and cannot show it again.
          <code data-testid="issued-token">{issued.token}</code>
          <button type="button" className="link-button" onClick={() => setIssued(null)}>
            I have stored it
          </button>
        </div>
      )}
      {tokens === null ? (
        <Spinner label="Loading tokens…" />
      ) : tokens.length === 0 ? (
        <Empty title="No tokens">Issue one for a script, an HR source or a person who signs in with a token.</Empty>
      ) : (
        <table className="table" aria-label={`Tokens of ${user.id}`}>
          <thead>
            <tr>
              <th>Name</th>
              <th>Issued</th>
              <th>Expires</th>
              <th>Last used</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} data-token={t.id}>
                <td>
                  {t.name} <code className="muted small">{t.id}</code>
                </td>
                <td title={formatInstant(t.createdAt)}>
                  {formatRelative(t.createdAt)} by {t.createdBy}
                </td>
                <td>{t.expiresAt === null ? 'never' : formatInstant(t.expiresAt)}</td>
                <td>{t.lastUsedAt === null ? 'never' : formatRelative(t.lastUsedAt)}</td>
                <td>{t.revokedAt !== null ? `revoked ${formatRelative(t.revokedAt)}` : t.expiresAt !== null && Date.parse(t.expiresAt) < Date.now() ? 'expired' : 'active'}</td>
                <td>
                  {admin && t.revokedAt === null && (
                    <button type="button" className="button" disabled={busy} onClick={() => setRevoking(t)} aria-label={`Revoke token ${t.name}`}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revoking !== null && (
        <ConfirmDialog
          title={`Revoke token “${revoking.name}”?`}
          confirmLabel="Revoke token"
          onCancel={() => setRevoking(null)}
          onConfirm={() => {
            const token = revoking;
            setRevoking(null);
            void revoke(token);
          }}
        >
          <p>
            Whatever uses it — a script, an HR source, someone signed in as {user.id} with it — is refused from its next request on. A revoked token cannot be brought back: issue a new one if it is still needed.
          </p>
        </ConfirmDialog>
      )}
      {admin && !user.disabled && (
        <form className="row" aria-label="Issue a token" onSubmit={issue}>
          <label className="field">
            <span>Token name</span>
            <input value={tokenName} onChange={(e) => setTokenName(e.target.value)} placeholder="e.g. workday-sync" required />
          </label>
          <label className="field">
            <span>Expires in days</span>
            <input type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} placeholder="never" />
          </label>
          <button type="submit" className="button primary" disabled={busy}>
            Issue token
          </button>
        </form>
      )}
    </section>
  );
}

export function UsersPage({ roles }: { roles: readonly string[] }) {
  const admin = isAdmin(roles);
  const [users, setUsers] = useState<User[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      setUsers((await get('/api/users')).users);
    } catch (e) {
      setError(describeError(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const replace = (user: User) => setUsers((all) => [...(all ?? []).filter((u) => u.id !== user.id), user].sort((a, b) => a.id.localeCompare(b.id)));
  const current = users?.find((u) => u.id === selected);

  return (
    <div className="page">
      <div className="page-head">
        <h1>Users and tokens</h1>
      </div>
      {error !== null && <ErrorNote message={`The users could not be loaded: ${error}`} onRetry={() => void load()} />}
      {users === null && error === null && <Spinner label="Loading users…" />}
      <div className="admin-columns">
        <div>
          {users !== null && (
            <table className="table" aria-label="Users">
              <thead>
                <tr>
                  <th>User</th>
                  <th>Roles</th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.id} data-user={u.id} aria-selected={u.id === selected}>
                    <td>
                      <button type="button" className="link-button" onClick={() => setSelected(u.id)}>
                        {u.displayName}
                      </button>{' '}
                      <span className="muted small">{u.id}</span>
                      {u.disabled && <span className="muted small"> (disabled)</span>}
                    </td>
                    <td>{u.roles.length > 0 ? u.roles.join(', ') : <span className="muted">none</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {admin && (
            <NewUser
              onCreated={(user) => {
                replace(user);
                setSelected(user.id);
              }}
            />
          )}
        </div>
        <div>{current ? <UserPanel key={current.id} user={current} admin={admin} onChanged={replace} /> : <Empty title="Choose a user">Their roles and tokens show here.</Empty>}</div>
      </div>
    </div>
  );
}
