/**
 * Sign-in with OpenID Connect: `/auth/login` sends the browser to the identity provider,
 * `/auth/callback` completes the sign-in and opens a cookie session, `/auth/logout` ends it, and
 * `/api/session` tells the designer who is signed in (with the CSRF token its unsafe calls need).
 * `/auth/config` says whether organisation sign-in is offered at all.
 *
 * The browser lands on /auth/login and /auth/callback directly, so their failures are short HTML
 * pages a person can read, not JSON.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { CallbackRejected, IdpUnavailable, type PendingLogin } from '../http/oidc.ts';
import { clearSessionCookie, sessionCaller, setSessionCookie } from '../http/sessions.ts';
import { whoSignsIn } from '../http/signInIdentity.ts';

/** Holds state, nonce, PKCE verifier and returnTo between /auth/login and /auth/callback. */
const loginCookie = 'tenure_login';
const loginCookiePath = '/auth/callback';
const loginWindowSeconds = 600;

const pendingSchema = z.strictObject({ state: z.string().min(1), nonce: z.string().min(1), verifier: z.string().min(43), returnTo: z.string().startsWith('/') });

/** The pending login from its signed cookie; undefined when absent, tampered or malformed. */
function readPending(unsigned: { valid: boolean; value: string | null } | undefined): PendingLogin | undefined {
  if (unsigned?.valid !== true || unsigned.value === null) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  const parsed = pendingSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** Per address: generous for people behind one office NAT, tight for a script hammering the IdP through Tenure. */
const signInRateLimit = { max: 60, timeWindow: 60_000 };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(reply: FastifyReply, status: number, title: string, message: string): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Tenure</title></head>` +
        `<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem"><main><h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(message)}</p><p><a href="/">Back to Tenure</a></p></main></body></html>`,
    );
}

/**
 * `returnTo` as a path of this Tenure, or undefined when it would leave it (`//evil.example`,
 * `https://evil.example`, `/\evil.example` and the like): never an open redirect.
 */
export function sameOriginPath(returnTo: string | undefined, publicUrl: string): string | undefined {
  if (returnTo === undefined || returnTo === '') return '/';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (!returnTo.startsWith('/') || returnTo.startsWith('//') || returnTo.includes('\\') || /[\u0000-\u001f\u007f]/.test(returnTo)) return undefined;
  const base = new URL(publicUrl);
  const target = new URL(returnTo, base);
  if (target.origin !== base.origin) return undefined;
  return `${target.pathname}${target.search}${target.hash}`;
}

const sessionAnswer = z.object({
  id: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  via: z.enum(['session', 'token']),
  /** Send it as X-CSRF-Token with every POST, PUT, PATCH and DELETE of this session. */
  csrfToken: z.string().optional(),
  expiresAt: z.string().optional(),
});

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  // `signedIn` lets the designer skip GET /api/session when there is no session (its 401 would be noise).
  app.get('/auth/config', { schema: { response: { 200: z.object({ oidc: z.boolean(), loginUrl: z.string(), signedIn: z.boolean() }) } } }, async (request) => {
    let signedIn = false;
    try {
      signedIn = (await sessionCaller(request)) !== undefined;
    } catch (error) {
      if (!(error instanceof ApiError) || error.statusCode !== 401) throw error;
    }
    return { oidc: app.tenureSignIn !== null, loginUrl: '/auth/login', signedIn };
  });

  app.get('/auth/login', { schema: { querystring: z.object({ returnTo: z.string().max(2000).optional() }) }, config: { rateLimit: signInRateLimit } }, async (request, reply) => {
    const signIn = app.tenureSignIn;
    if (!signIn) return page(reply, 404, 'Sign-in is not configured', 'This Tenure does not offer sign-in with an organisation account (TENURE_OIDC_ISSUER is not set). Sign in with an API token instead.');
    const returnTo = sameOriginPath(request.query.returnTo, signIn.options.publicUrl);
    if (returnTo === undefined) return page(reply, 400, 'Sign-in refused', 'The page to return to after sign-in is not a page of this Tenure. Start the sign-in from Tenure itself.');
    let started: Awaited<ReturnType<typeof signIn.relyingParty.begin>>;
    try {
      started = await signIn.relyingParty.begin(returnTo);
    } catch (error) {
      if (!(error instanceof IdpUnavailable)) throw error;
      request.log.error({ err: error }, 'sign-in could not start');
      return page(reply, 502, 'Sign-in is unavailable', 'Tenure cannot reach your identity provider right now. Try again in a few minutes; if it persists, tell your Tenure admin.');
    }
    reply.setCookie(loginCookie, Buffer.from(JSON.stringify(started.pending)).toString('base64url'), {
      signed: true,
      httpOnly: true,
      secure: signIn.secure,
      sameSite: 'lax',
      path: loginCookiePath,
      maxAge: loginWindowSeconds,
    });
    return reply.header('cache-control', 'no-store').redirect(started.url.href, 302);
  });

  app.get('/auth/callback', { config: { rateLimit: signInRateLimit } }, async (request, reply) => {
    const signIn = app.tenureSignIn;
    if (!signIn) return page(reply, 404, 'Sign-in is not configured', 'This Tenure does not offer sign-in with an organisation account.');
    const raw = request.cookies[loginCookie];
    reply.clearCookie(loginCookie, { httpOnly: true, secure: signIn.secure, sameSite: 'lax', path: loginCookiePath });
    const pending = readPending(raw === undefined ? undefined : request.unsignCookie(raw));
    if (!pending) return page(reply, 400, 'Sign-in expired', 'This sign-in was not started in this browser, or it took more than 10 minutes. Start again from Tenure.');

    const query = request.url.indexOf('?');
    const callbackUrl = new URL(`${signIn.options.publicUrl}/auth/callback${query >= 0 ? request.url.slice(query) : ''}`);
    let verified;
    try {
      verified = await signIn.relyingParty.finish(callbackUrl, pending);
    } catch (error) {
      if (error instanceof CallbackRejected) {
        request.log.warn({ reason: error.message }, 'sign-in callback rejected');
        return page(reply, 400, 'Sign-in failed', `${error.message}. Start again from Tenure.`);
      }
      if (error instanceof IdpUnavailable) {
        request.log.error({ err: error }, 'sign-in could not complete');
        return page(reply, 502, 'Sign-in is unavailable', 'Tenure cannot reach your identity provider right now. Try again in a few minutes.');
      }
      throw error;
    }

    const decision = await whoSignsIn(verified, signIn.options.oidc.rolesClaim, signIn.sessions);
    if (decision.ignoredRoles.length > 0) {
      request.log.warn({ subject: verified.subject, ignoredRoles: decision.ignoredRoles }, `the ${signIn.options.oidc.rolesClaim ?? 'roles'} claim holds names that are not Tenure roles; they were ignored`);
    }
    if (!decision.admitted) {
      await signIn.sessions.refused(verified.issuer, verified.subject, decision.reason);
      return page(reply, 403, 'No access to Tenure', `You signed in, but ${decision.reason}.`);
    }
    const session = await signIn.sessions.open({
      userId: decision.userId,
      issuer: verified.issuer,
      subject: verified.subject,
      displayName: decision.displayName,
      roles: decision.roles,
      lifetimeMs: signIn.lifetimeMs,
    });
    setSessionCookie(reply, signIn, session.id);
    return reply.header('cache-control', 'no-store').redirect(pending.returnTo, 303);
  });

  app.post('/auth/logout', async (request, reply) => {
    // Checks the cookie and the CSRF token: another site must not be able to sign you out either.
    const caller = await sessionCaller(request);
    const session = request.signInSession;
    if (caller && session && app.tenureSignIn) await app.tenureSignIn.sessions.revoke(session);
    clearSessionCookie(reply, app.tenureSignIn);
    return reply.code(204).send();
  });

  app.get('/api/session', { schema: { response: { 200: sessionAnswer } } }, (request) => {
    const caller = callerOf(request);
    const session = request.signInSession;
    return Promise.resolve(
      session
        ? { id: caller.id, displayName: session.displayName, roles: caller.roles, via: 'session' as const, csrfToken: session.csrfToken, expiresAt: session.expiresAt }
        : { id: caller.id, displayName: caller.id, roles: caller.roles, via: 'token' as const },
    );
  });
  return Promise.resolve();
};
