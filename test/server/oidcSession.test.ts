/**
 * Sign-in through a real OpenID Connect provider (oidc-provider, in-process) into a cookie session:
 * who is admitted and with which roles, CSRF on every unsafe request, sign-out, tampered and ended
 * cookies, and the open-redirect guard on returnTo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startOidcProvider, type TestIdp } from '../peers/oidc.ts';
import { errorBody } from '../support/api.ts';
import { definition, edge, log, node } from '../support/definitions.ts';
import { setCookiesOf, signInThroughIdp } from '../support/oidcSignIn.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

/** Tenure's public address: https, so the session cookie must be Secure. */
const publicUrl = 'https://tenure.example.test';
let idp: TestIdp;
let sys: TestSystem;

beforeAll(async () => {
  idp = await startOidcProvider({
    redirectUri: `${publicUrl}/auth/callback`,
    accounts: {
      ana: { password: 'ana-pw', name: 'Ana (IdP)', email: 'Ana.Lima@example.com', emailVerified: true },
      bob: { password: 'bob-pw', name: 'Bob', email: 'bob@example.com', emailVerified: false },
      eve: { password: 'eve-pw', name: 'Eve', email: 'eve@example.com', emailVerified: true },
      carol: { password: 'carol-pw', name: 'Carol Diaz', email: 'carol@example.com', emailVerified: true, roles: ['operator', 'Tenure.SuperUser'] },
      dave: { password: 'dave-pw', name: 'Dave', email: 'dave@example.com', emailVerified: true, roles: ['auditor'] },
    },
  });
  sys = await startTestSystem({
    oidc: {
      oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, scopes: 'openid profile email', rolesClaim: 'roles' },
      idleMinutes: 60,
      maxHours: 12,
      publicUrl,
    },
  });
  for (const user of [
    { id: 'ana', displayName: 'Ana Lima', email: 'ana.lima@example.com', roles: ['designer'] },
    { id: 'bob', displayName: 'Bob Stone', email: 'bob@example.com', roles: ['admin'] },
    { id: 'dave', displayName: 'Dave Roe', email: 'dave@example.com', roles: ['admin'] },
  ]) {
    expect((await sys.api('POST', '/api/users', user)).status).toBe(201);
  }
});
afterAll(async () => {
  await sys.stop();
  await idp.stop();
});

const sessionAnswer = z.object({ id: z.string(), displayName: z.string(), roles: z.array(z.string()), via: z.literal('session'), csrfToken: z.string().min(20) });

/** Signs in and returns the session cookie header and the CSRF token. */
async function signedIn(username: string, returnTo?: string) {
  const outcome = await signInThroughIdp(sys.app, publicUrl, { username, password: `${username}-pw`, ...(returnTo !== undefined ? { returnTo } : {}) });
  expect(outcome.status, outcome.body).toBe(303);
  const cookie = outcome.jar.header();
  const me = await sys.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
  expect(me.statusCode, me.body).toBe(200);
  return { outcome, cookie, session: sessionAnswer.parse(me.json()) };
}

const sessionCookieValue = (cookie: string) => /tenure_session=([^;]+)/.exec(cookie)?.[1] ?? '';

describe('OpenID Connect sign-in', () => {
  it('says organisation sign-in is offered', async () => {
    const res = await sys.app.inject({ method: 'GET', url: '/auth/config' });
    expect(res.json()).toEqual({ oidc: true, loginUrl: '/auth/login', signedIn: false });
    const { cookie } = await signedIn('ana');
    expect((await sys.app.inject({ method: 'GET', url: '/auth/config', headers: { cookie } })).json()).toMatchObject({ signedIn: true });
  });

  it('sends the browser to the IdP with state, nonce and a PKCE challenge', async () => {
    const res = await sys.app.inject({ method: 'GET', url: '/auth/login?returnTo=%2Fruns%3Fstatus%3Dfailed' });
    expect(res.statusCode).toBe(302);
    const target = new URL(String(res.headers.location));
    expect(target.origin).toBe(idp.issuer);
    expect(target.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['state', 'nonce', 'code_challenge']) expect(target.searchParams.get(p)?.length ?? 0).toBeGreaterThan(20);
    expect(target.searchParams.get('redirect_uri')).toBe(`${publicUrl}/auth/callback`);
    const [loginCookie] = setCookiesOf(res.headers);
    expect(loginCookie).toMatch(/^tenure_login=.+; Max-Age=600; Path=\/auth\/callback; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('signs a person in by verified email, links their IdP account and opens a session cookie', async () => {
    const { outcome, session, cookie } = await signedIn('ana', '/definitions?view=all');
    expect(outcome.location).toBe('/definitions?view=all');
    const sessionLine = outcome.setCookies.find((c) => c.startsWith('tenure_session='));
    expect(sessionLine).toMatch(/; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(session).toMatchObject({ id: 'ana', displayName: 'Ana Lima', roles: ['designer'], via: 'session' });

    // Only the hash of the cookie's id is stored; the IdP account is now linked to the user.
    const id = decodeURIComponent(sessionCookieValue(cookie)).split('.')[0] ?? '';
    expect(id.length).toBeGreaterThan(40);
    expect(JSON.stringify(await sys.db.query('SELECT * FROM sessions'))).not.toContain(id);
    expect(await sys.db.query('SELECT issuer, subject, user_id FROM oidc_subjects')).toEqual([{ issuer: idp.issuer, subject: 'ana', user_id: 'ana' }]);

    // A session can read what its roles allow, and no more.
    expect((await sys.app.inject({ method: 'GET', url: '/api/definitions', headers: { cookie } })).statusCode).toBe(200);
    expect((await sys.app.inject({ method: 'GET', url: '/api/users', headers: { cookie } })).statusCode).toBe(403);
  });

  it('refuses an unsafe request without the CSRF token or with a wrong one, and changes nothing', async () => {
    const { cookie, session } = await signedIn('ana');
    const draft = definition('csrf-probe', [node({ id: 'start', type: 'start', data: {} }), node({ id: 'log', type: 'action', data: log('hi') }), node({ id: 'end', type: 'end', data: {} })], [edge('start', 'log'), edge('log', 'end')]);
    const post = (headers: Record<string, string>) =>
      sys.app.inject({ method: 'POST', url: '/api/definitions', headers: { cookie, 'content-type': 'application/json', ...headers }, payload: JSON.stringify(draft) });

    const attempts: Record<string, string>[] = [{}, { 'x-csrf-token': 'not-the-token' }, { 'x-csrf-token': `${session.csrfToken}x` }];
    for (const headers of attempts) {
      const res = await post(headers);
      expect(res.statusCode).toBe(403);
      expect(errorBody.parse(res.json()).error.message).toContain('X-CSRF-Token');
    }
    expect((await sys.api('GET', '/api/definitions/csrf-probe')).status).toBe(404);

    expect((await post({ 'x-csrf-token': session.csrfToken })).statusCode).toBe(201);
    expect((await sys.api('GET', '/api/definitions/csrf-probe')).status).toBe(200);
  });

  it('lets bearer-token calls through without a CSRF token (no ambient credential)', async () => {
    const res = await sys.api('POST', '/api/definitions/validate', definition('bearer', [node({ id: 'start', type: 'start', data: {} })], []));
    expect(res.status).toBe(200);
    const me = await sys.api('GET', '/api/session');
    expect(me.body).toEqual({ id: 'admin', displayName: 'admin', roles: ['admin'], via: 'token' });
  });

  it('signs out only with the CSRF token, and the revoked session is refused afterwards', async () => {
    const { cookie, session } = await signedIn('ana');
    expect((await sys.app.inject({ method: 'POST', url: '/auth/logout', headers: { cookie } })).statusCode).toBe(403);
    expect((await sys.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(200);

    const out = await sys.app.inject({ method: 'POST', url: '/auth/logout', headers: { cookie, 'x-csrf-token': session.csrfToken } });
    expect(out.statusCode).toBe(204);
    expect(setCookiesOf(out.headers).join()).toMatch(/tenure_session=; Max-Age=0; Path=\/; .*Expires=Thu, 01 Jan 1970/);
    const after = await sys.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(errorBody.parse(after.json()).error.message).toContain('sign in again');
  });

  it('answers 401, never 500, to a tampered, forged or unknown cookie', async () => {
    const { cookie } = await signedIn('ana');
    const value = decodeURIComponent(sessionCookieValue(cookie));
    const [id = '', signature = ''] = value.split('.');
    const flip = (s: string) => (s.startsWith('A') ? `B${s.slice(1)}` : `A${s.slice(1)}`);
    for (const forged of [`${flip(id)}.${signature}`, `${id}.${flip(signature)}`, id, 'garbage', `${'x'.repeat(43)}.${'y'.repeat(43)}`, '%E0%A4%A']) {
      const res = await sys.app.inject({ method: 'GET', url: '/api/definitions', headers: { cookie: `tenure_session=${encodeURIComponent(forged)}` } });
      expect(res.statusCode, forged).toBe(401);
    }
  });

  it('answers 401 once a session is past its lifetime or idle too long', async () => {
    const expired = await signedIn('ana');
    const idle = await signedIn('ana');
    const idOf = (cookie: string) => decodeURIComponent(sessionCookieValue(cookie)).split('.')[0] ?? '';
    const hash = async (cookie: string) => (await sys.db.query<{ h: string }>("SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex') AS h", [idOf(cookie)]))[0]?.h;
    await sys.db.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id_hash = $1", [await hash(expired.cookie)]);
    await sys.db.query("UPDATE sessions SET last_seen_at = now() - interval '61 minutes' WHERE id_hash = $1", [await hash(idle.cookie)]);
    for (const { cookie } of [expired, idle]) {
      expect((await sys.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
    }
  });

  it('refuses a person with no matching user and no role, and creates nothing', async () => {
    const usersBefore = await sys.db.query('SELECT id FROM users ORDER BY id');
    const sessionsBefore = await sys.db.query('SELECT id_hash FROM sessions');
    const outcome = await signInThroughIdp(sys.app, publicUrl, { username: 'eve', password: 'eve-pw' });
    expect(outcome.status).toBe(403);
    expect(outcome.body).toContain('no Tenure user matches your account (eve@example.com)');
    expect(outcome.setCookies.some((c) => c.startsWith('tenure_session='))).toBe(false);
    expect(await sys.db.query('SELECT id FROM users ORDER BY id')).toEqual(usersBefore);
    expect(await sys.db.query('SELECT id_hash FROM sessions')).toEqual(sessionsBefore);
    expect(await sys.db.query("SELECT actor FROM audit_log WHERE action = 'session.refused'")).toContainEqual({ actor: 'oidc:eve' });
  });

  it('does not match a user by an email the IdP has not verified', async () => {
    const outcome = await signInThroughIdp(sys.app, publicUrl, { username: 'bob', password: 'bob-pw' });
    expect(outcome.status).toBe(403);
    expect(await sys.db.query("SELECT subject FROM oidc_subjects WHERE user_id = 'bob'")).toEqual([]);
  });

  it('takes roles from the roles claim when configured, ignoring names that are not Tenure roles', async () => {
    const carol = await signedIn('carol');
    expect(carol.session).toMatchObject({ id: 'oidc:carol', displayName: 'Carol Diaz', roles: ['operator'] });
    expect((await sys.app.inject({ method: 'GET', url: '/api/runs', headers: { cookie: carol.cookie } })).statusCode).toBe(200);
    expect(await sys.db.query("SELECT id FROM users WHERE id LIKE '%carol%'")).toEqual([]);

    // The claim wins over the users table: Dave is an admin in Tenure, but the IdP says auditor.
    const dave = await signedIn('dave');
    expect(dave.session).toMatchObject({ id: 'dave', displayName: 'Dave Roe', roles: ['auditor'] });
    expect((await sys.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: dave.cookie } })).statusCode).toBe(200);
    expect((await sys.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: dave.cookie, 'x-csrf-token': dave.session.csrfToken, 'content-type': 'application/json' }, payload: '{}' })).statusCode).toBe(403);
  });

  it('refuses a returnTo that leaves Tenure (no open redirect)', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'evil.example', '/\r\nLocation: https://evil.example']) {
      const res = await sys.app.inject({ method: 'GET', url: `/auth/login?returnTo=${encodeURIComponent(returnTo)}` });
      expect(res.statusCode, returnTo).toBe(400);
      expect(res.headers.location).toBeUndefined();
      expect(setCookiesOf(res.headers)).toEqual([]);
    }
  });

  it('holds off an address that keeps starting sign-ins (429)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await sys.app.inject({ method: 'GET', url: '/auth/login', remoteAddress: '192.0.2.7' })).statusCode);
    expect(statuses.slice(0, 60).every((s) => s === 302)).toBe(true);
    expect(statuses[60]).toBe(429);
  });

  it('refuses a callback this browser did not start', async () => {
    const res = await sys.app.inject({ method: 'GET', url: '/auth/callback?code=stolen&state=guessed' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('not started in this browser');
    expect(setCookiesOf(res.headers).some((c) => c.startsWith('tenure_session='))).toBe(false);
  });
});
