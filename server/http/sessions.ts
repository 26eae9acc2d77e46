/**
 * Cookie sessions for people who signed in through OpenID Connect. The cookie `tenure_session` holds
 * a random id, signed with the keyring's session key (@fastify/cookie); the session itself is a
 * server-side row (server/db/sessions.ts), so signing out or disabling the user ends it at once.
 *
 * A cookie is an ambient credential: the browser sends it with requests another site triggers. So
 * every unsafe request (anything but GET, HEAD, OPTIONS) authenticated by the cookie must also carry
 * `X-CSRF-Token` equal to the session's token, which only Tenure's own pages can read (GET
 * /api/session). Bearer-token calls carry no ambient credential and are exempt.
 *
 * A tampered, unknown, expired or revoked cookie is a 401; a missing or wrong CSRF token is a 403.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { createSessionStore, type ActiveSession, type SessionStore } from '../db/sessions.ts';
import type { Caller } from './auth.ts';
import { ApiError } from './errors.ts';
import { createRelyingParty, type RelyingParty } from './oidc.ts';
import type { SignInConfig } from './oidcConfig.ts';

export const sessionCookie = 'tenure_session';

export interface SignInOptions extends SignInConfig {
  /** How browsers reach this Tenure (TENURE_PUBLIC_URL): the callback URL and the cookie's Secure flag come from it. */
  publicUrl: string;
  /** Signs the cookies (keyring.sessionKey). */
  sessionKey: Uint8Array;
}

export interface SignInRuntime {
  options: SignInOptions;
  relyingParty: RelyingParty;
  sessions: SessionStore;
  /** Cookies are Secure unless Tenure is plain http on this machine (development). */
  secure: boolean;
  idleMs: number;
  lifetimeMs: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** OpenID Connect sign-in and its sessions; null when sign-in is off. */
    tenureSignIn: SignInRuntime | null;
  }
  interface FastifyRequest {
    /** The sign-in session this request was authenticated by, if any. */
    signInSession: ActiveSession | undefined;
  }
}

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/** False only for plain http on localhost: browsers drop Secure cookies over http elsewhere. */
export function secureCookies(publicUrl: string): boolean {
  const url = new URL(publicUrl);
  return !(url.protocol === 'http:' && loopback.has(url.hostname));
}

/** Registers the cookie parser (signing with the session key) and the sign-in runtime. Call before registerAuth. */
export async function registerSessions(app: FastifyInstance, db: Database, options: SignInOptions | undefined): Promise<void> {
  await app.register(fastifyCookie, options ? { secret: Buffer.from(options.sessionKey) } : {});
  app.decorate(
    'tenureSignIn',
    options
      ? {
          options,
          relyingParty: createRelyingParty(options.oidc, `${options.publicUrl}/auth/callback`),
          sessions: createSessionStore(db),
          secure: secureCookies(options.publicUrl),
          idleMs: options.idleMinutes * 60_000,
          lifetimeMs: options.maxHours * 3_600_000,
        }
      : null,
  );
  app.decorateRequest('signInSession', undefined);
}

const digest = (s: string) => createHash('sha256').update(s).digest();
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The caller a session cookie speaks for; undefined when the request carries no session cookie.
 * Throws 401 for a cookie that is tampered, unknown or ended, 403 for an unsafe request without the
 * session's CSRF token.
 */
export async function sessionCaller(request: FastifyRequest): Promise<Caller | undefined> {
  const raw = request.cookies[sessionCookie];
  if (raw === undefined || raw === '') return undefined;
  const signIn = request.server.tenureSignIn;
  if (!signIn) throw new ApiError(401, 'unauthorized', 'sign-in sessions are not enabled on this server; send an API token as "Authorization: Bearer <token>"');
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid) throw new ApiError(401, 'unauthorized', 'the session cookie is not valid; sign in again');
  const session = await signIn.sessions.touch(unsigned.value, signIn.idleMs);
  if (!session) throw new ApiError(401, 'unauthorized', 'your session has ended (signed out, expired, idle too long, or your user was disabled); sign in again');
  if (!safeMethods.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !timingSafeEqual(digest(sent), digest(session.csrfToken))) {
      throw new ApiError(403, 'csrf_failed', 'this request needs the X-CSRF-Token header with the token from GET /api/session (it protects your session from other sites)');
    }
  }
  request.signInSession = session;
  return { id: session.callerId, roles: session.roles, ...(session.employeeId !== null ? { employeeId: session.employeeId } : {}) };
}

export function setSessionCookie(reply: FastifyReply, signIn: SignInRuntime, id: string): void {
  reply.setCookie(sessionCookie, id, { signed: true, httpOnly: true, secure: signIn.secure, sameSite: 'lax', path: '/', maxAge: Math.floor(signIn.lifetimeMs / 1000) });
}

export function clearSessionCookie(reply: FastifyReply, signIn: SignInRuntime | null): void {
  reply.clearCookie(sessionCookie, { httpOnly: true, secure: signIn?.secure ?? true, sameSite: 'lax', path: '/' });
}
