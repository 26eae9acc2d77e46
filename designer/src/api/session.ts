/**
 * Sign-in with the organisation's identity provider (OpenID Connect). The server keeps the session
 * and the browser holds only an HttpOnly cookie the designer cannot read; what the designer keeps
 * is the session's CSRF token (in memory, asked for again on each page load), which every unsafe
 * request of the session must carry as X-CSRF-Token.
 */
import { z } from 'zod';
import { get } from './client.ts';

let csrfToken: string | null = null;

/** The CSRF token of the current session; null when signed in by API token, or not at all. */
export function readCsrfToken(): string | null {
  return csrfToken;
}

export function clearSession(): void {
  csrfToken = null;
}

const configSchema = z.object({ oidc: z.boolean(), loginUrl: z.string(), signedIn: z.boolean() });

async function signInConfig(): Promise<z.infer<typeof configSchema> | null> {
  const response = await fetch('/auth/config', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!response.ok) return null;
  const parsed = configSchema.safeParse(await response.json());
  return parsed.success ? parsed.data : null;
}
const sessionSchema = z.object({ via: z.enum(['session', 'token']), csrfToken: z.string().optional() });

/** The address that starts an organisation sign-in and comes back to `returnTo`, or null when the server does not offer it. */
export async function organisationSignIn(returnTo: string): Promise<string | null> {
  const config = await signInConfig();
  return config?.oidc === true ? `${config.loginUrl}?returnTo=${encodeURIComponent(returnTo)}` : null;
}

/** True when the browser holds a live session (after the IdP sent it back); keeps its CSRF token. */
export async function resumeSession(): Promise<boolean> {
  // Asked first so a browser without a session makes no request that fails (and logs an error).
  if ((await signInConfig())?.signedIn !== true) return false;
  const response = await fetch('/api/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  // 401: no session (or an ended one): the sign-in page is what to show.
  if (!response.ok) return false;
  const parsed = sessionSchema.safeParse(await response.json());
  if (!parsed.success || parsed.data.via !== 'session' || parsed.data.csrfToken === undefined) return false;
  csrfToken = parsed.data.csrfToken;
  return true;
}

/** Ends the session on the server (it revokes it and clears the cookie). */
export async function endSession(): Promise<void> {
  const token = csrfToken;
  csrfToken = null;
  if (token === null) return;
  const response = await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': token } });
  // 401: the session had already ended, which is what signing out wants.
  if (!response.ok && response.status !== 401) throw new Error(`Signing out failed: the server answered ${response.status}. Close the browser to end the session.`);
}

const whoSchema = z.object({ id: z.string(), roles: z.array(z.string()) });

/** Who the designer is signed in as (by token or session), with their roles. */
export async function whoAmI(): Promise<z.infer<typeof whoSchema>> {
  return get('/api/session', whoSchema);
}
