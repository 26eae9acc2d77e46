/**
 * Signs in to Tenure through the test identity provider the way a browser does, without one:
 * follows the redirects, keeps each side's cookies, fills the IdP's login form, and hands the
 * callback back to Tenure (through app.inject, at Tenure's public URL). Browser tests use real
 * Chromium instead (test/browser/login.test.ts).
 */
import type { FastifyInstance } from 'fastify';

/** Cookies by name, for one site (paths and expiry are not needed for these short flows). */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  take(setCookies: readonly string[]): void {
    for (const line of setCookies) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /;\s*max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export function setCookiesOf(headers: Record<string, unknown>): string[] {
  const value = headers['set-cookie'];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

export interface SignInOutcome {
  /** Tenure's answer to the callback (303 to returnTo when signed in). */
  status: number;
  location: string | undefined;
  body: string;
  /** The Set-Cookie lines of that answer. */
  setCookies: string[];
  /** Tenure's cookies after the flow (tenure_session when signed in). */
  jar: CookieJar;
}

const formAction = (html: string) => /<form[^>]*action="([^"]+)"/.exec(html)?.[1];

export async function signInThroughIdp(app: FastifyInstance, publicUrl: string, who: { username: string; password: string; returnTo?: string }): Promise<SignInOutcome> {
  const tenure = new CookieJar();
  const idp = new CookieJar();
  const login = await app.inject({ method: 'GET', url: `/auth/login${who.returnTo !== undefined ? `?returnTo=${encodeURIComponent(who.returnTo)}` : ''}` });
  if (login.statusCode !== 302) throw new Error(`GET /auth/login answered ${login.statusCode}: ${login.body}`);
  tenure.take(setCookiesOf(login.headers));
  let next = String(login.headers.location);

  const idpFetch = async (url: string, form?: URLSearchParams) => {
    const res = await fetch(url, {
      redirect: 'manual',
      ...(form ? { method: 'POST', body: form.toString() } : {}),
      headers: { cookie: idp.header(), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    });
    idp.take(res.headers.getSetCookie());
    return res;
  };

  // Follow the IdP's redirects to its login form, submit it, and follow on until it sends us back to Tenure.
  let submitted = false;
  for (let hop = 0; hop < 12; hop++) {
    if (next.startsWith(`${publicUrl}/`)) {
      const path = next.slice(publicUrl.length);
      const res = await app.inject({ method: 'GET', url: path, headers: { cookie: tenure.header() } });
      const setCookies = setCookiesOf(res.headers);
      tenure.take(setCookies);
      return { status: res.statusCode, location: typeof res.headers.location === 'string' ? res.headers.location : undefined, body: res.body, setCookies, jar: tenure };
    }
    const res = await idpFetch(next);
    const location = res.headers.get('location');
    if (location !== null) {
      next = new URL(location, next).href;
      continue;
    }
    const html = await res.text();
    const action = formAction(html);
    if (res.status !== 200 || action === undefined || submitted) throw new Error(`the IdP answered ${res.status} at ${next}: ${html.slice(0, 500)}`);
    const post = await idpFetch(new URL(action, next).href, new URLSearchParams({ login: who.username, password: who.password }));
    submitted = true;
    const after = post.headers.get('location');
    if (after === null) throw new Error(`the IdP did not accept the sign-in of ${who.username}: ${(await post.text()).slice(0, 500)}`);
    next = new URL(after, next).href;
  }
  throw new Error('the sign-in did not come back to Tenure within 12 redirects');
}
