/**
 * Sign-in with the organisation's identity provider (OpenID Connect). The server keeps the session
 * and the browser holds only an HttpOnly cookie the designer cannot read; what the designer keeps
 * is the session's CSRF token (in memory, asked for again on each page load), which every unsafe
 * request of the session must carry as X-CSRF-Token.
 */
import { ApiFailure, get, request } from './client.ts';
import type { Answer } from './operations.ts';

let csrfToken: string | null = null;

/** The CSRF token of the current session; null when signed in by API token, or not at all. */
export function readCsrfToken(): string | null {
  return csrfToken;
}

export function clearSession(): void {
  csrfToken = null;
}

/** Whether sign-in is offered; null when the server does not answer it (an older or unreachable server: no organisation sign-in). */
async function signInConfig(): Promise<Answer<'get', '/auth/config'> | null> {
  try {
    return await get('/auth/config', { unauthorizedIsAnswer: true });
  } catch (error) {
    if (error instanceof ApiFailure && error.status !== 0) return null;
    throw error;
  }
}

/** The address that starts an organisation sign-in and comes back to `returnTo`, or null when the server does not offer it. */
export async function organisationSignIn(returnTo: string): Promise<string | null> {
  const config = await signInConfig();
  return config?.oidc === true ? `${config.loginUrl}?returnTo=${encodeURIComponent(returnTo)}` : null;
}

/** True when the browser holds a live session (after the IdP sent it back); keeps its CSRF token. */
export async function resumeSession(): Promise<boolean> {
  // Asked first so a browser without a session makes no request that fails (and logs an error).
  if ((await signInConfig())?.signedIn !== true) return false;
  let session: Answer<'get', '/api/session'>;
  try {
    session = await get('/api/session', { unauthorizedIsAnswer: true });
  } catch (error) {
    // 401: no session (or an ended one): the sign-in page is what to show.
    if (error instanceof ApiFailure && error.status !== 0) return false;
    throw error;
  }
  if (session.via !== 'session' || session.csrfToken === undefined) return false;
  csrfToken = session.csrfToken;
  return true;
}

/** Ends the session on the server (it revokes it and clears the cookie). */
export async function endSession(): Promise<void> {
  const token = csrfToken;
  csrfToken = null;
  if (token === null) return;
  try {
    await request('post', '/auth/logout', { headers: { 'x-csrf-token': token }, unauthorizedIsAnswer: true });
  } catch (error) {
    // 401: the session had already ended, which is what signing out wants.
    if (error instanceof ApiFailure && error.status === 401) return;
    const status = error instanceof ApiFailure && error.status !== 0 ? `the server answered ${error.status}` : 'the server could not be reached';
    throw new Error(`Signing out failed: ${status}. Close the browser to end the session.`, { cause: error });
  }
}

/** Who the designer is signed in as (by token or session), with their roles. */
export async function whoAmI(): Promise<Answer<'get', '/api/session'>> {
  return get('/api/session');
}
