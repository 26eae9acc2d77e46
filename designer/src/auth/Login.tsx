/**
 * Sign in with the organisation's identity provider, when the server offers it, or with an API
 * token. The token is checked against the server before it is kept (in sessionStorage, for this tab
 * only) and sent as "Authorization: Bearer" from then on.
 */
import { useEffect, useState, type SyntheticEvent } from 'react';
import { ApiFailure, describeError, request } from '../api/client.ts';
import { organisationSignIn } from '../api/session.ts';
import { writeToken } from '../api/token.ts';

export function Login({ onSignedIn, notice }: { onSignedIn: () => void; notice: string | null }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [organisationUrl, setOrganisationUrl] = useState<string | null>(null);

  useEffect(() => {
    organisationSignIn(`${window.location.pathname}${window.location.search}`).then(setOrganisationUrl, (err: unknown) => setError(describeError(err)));
  }, []);

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    const value = token.trim();
    if (value === '') {
      setError('Enter your API token.');
      return;
    }
    setChecking(true);
    setError(null);
    try {
      await request('get', '/api/actions', { token: value });
      writeToken(value);
      onSignedIn();
    } catch (err) {
      setError(err instanceof ApiFailure && err.status === 401 ? 'The server does not accept this token. Check it and try again.' : describeError(err));
    } finally {
      setChecking(false);
    }
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={(e) => void submit(e)} aria-label="Sign in">
        <h1>Tenure</h1>
        <p className="muted">Identity lifecycles as durable workflows.</p>
        {notice !== null && <p className="warn-note">{notice}</p>}
        {organisationUrl !== null && (
          <>
            <a className="button primary" href={organisationUrl}>
              Sign in with your organisation
            </a>
            <p className="muted login-or">or with an API token</p>
          </>
        )}
        <label htmlFor="token" className="field-label">
          API token
        </label>
        <input id="token" type="password" autoComplete="current-password" value={token} onChange={(e) => setToken(e.target.value)} autoFocus aria-invalid={error !== null} aria-describedby="token-help" />
        <p id="token-help" className="field-help">
          The admin token is in <code>data/admin-token</code> (or <code>TENURE_ADMIN_TOKEN</code>); users get theirs from an admin. It is kept for this tab only.
        </p>
        {error !== null && (
          <p className="field-problem" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary" disabled={checking}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
