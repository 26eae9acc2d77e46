/**
 * Authentication and route access control.
 *
 * Who the caller is: the bootstrap admin token (TENURE_ADMIN_TOKEN, or the one generated into the
 * data directory), compared in constant time, or a user's API token (looked up by its hash; revoked,
 * expired and disabled ones refused), or, without an Authorization header, a sign-in session cookie
 * (sessions.ts; tampered or ended sessions and unsafe requests without the CSRF token refused).
 *
 * What they may call: every route has an entry in the access table (access.ts). An `onRoute` hook
 * refuses to register a route without one, so a new route without an entry fails start-up (and every
 * test). An `onRequest` hook applies the entry before the body is read or the handler runs, so a
 * refusal has no side effect: 401 without valid credentials, 403 (naming the roles needed) for the
 * wrong role. Each refusal is audited, and a credential (or, without one, an address) that keeps being
 * refused is held off with 429 for a while (refusalKey). Handlers check roles only where they narrow
 * by data ("your own approvals").
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, FastifySchema, RouteOptions } from 'fastify';
import { z } from 'zod';
import { audit } from '../db/audit.ts';
import type { Database } from '../db/database.ts';
import type { Role, UserStore } from '../db/users.ts';
import { accessFor, allows, designerFileAccess, isPublic, rolesOf, type Access } from './access.ts';
import { ApiError } from './errors.ts';
import { sessionCaller } from './sessions.ts';

export interface Caller {
  id: string;
  roles: Role[];
  /** The person this user is, when linked (for "nobody approves their own change"). */
  employeeId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | undefined;
  }
  interface FastifyContextConfig {
    /** The route's access-table entry, attached at registration. */
    access?: Access;
  }
  interface FastifyInstance {
    /** Every route as it was registered, with the entry that guards it (the route × role matrix test reads it). */
    guardedRoutes: readonly GuardedRoute[];
  }
}

export interface GuardedRoute {
  method: string;
  url: string;
  access: Access;
  /** The route's request schemas, as registered (the hardening test checks they refuse unknown fields). */
  schema: FastifySchema | undefined;
}

/** Refusals (401 and 403) one credential (or address, without one) may collect in a window before it is answered 429. */
export interface RefusalLimit {
  max: number;
  timeWindowMs: number;
}
export const defaultRefusalLimit: RefusalLimit = { max: 30, timeWindowMs: 60_000 };

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * What the refusal limiter counts against: the credential a request presents (its digest), or the
 * address when it presents none. Keyed by address alone, everyone behind one reverse proxy or NAT
 * shared a count: thirty bad tokens from anyone held off the HR system's webhooks and the admin.
 * A wrong token is still held off after its refusals; guessing a valid one is not what this stops
 * (tokens carry 256 bits of secret), a client retrying with a revoked or wrong token is.
 */
export function refusalKey(request: FastifyRequest): string {
  const header = request.headers.authorization;
  // With the address too: a client's bad token is held off where it is used, not everywhere.
  if (header !== undefined) return `credential:${digest(header.trim()).toString('hex')}@${request.ip}`;
  const cookie = request.headers.cookie;
  if (cookie !== undefined && cookie.length > 0) return `cookie:${digest(cookie).toString('hex')}@${request.ip}`;
  return `address:${request.ip}`;
}

/** @fastify/static marks each file route with the file it serves. */
const staticFileRoute = z.object({ file: z.string(), rootPath: z.string() });

function routeAccessOf(route: RouteOptions, method: string): Access {
  const entry = accessFor(method, route.url);
  if (entry !== undefined) return entry;
  if (staticFileRoute.safeParse(route.config).success && !route.url.startsWith('/api/') && !route.url.startsWith('/hooks/')) return designerFileAccess;
  throw new Error(`route "${method} ${route.url}" has no entry in the access table: add one to server/http/access.ts (public with a reason, 'signed-in', or the roles that may call it)`);
}

/** The route pattern a request matched, for audit entries: never the raw URL, which may carry tokens. */
function routeName(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? '(no route)'}`;
}

/** The token id of a Tenure API token (`tnr_<id>_<secret>`): not secret, and it tells operators which token failed. */
function tokenIdOf(token: string | undefined): string | undefined {
  return token === undefined ? undefined : /^tnr_([0-9a-f]{12})_/.exec(token)?.[1];
}

export function registerAuth(app: FastifyInstance, adminToken: string, users: UserStore, db: Database, refusalLimit: RefusalLimit = defaultRefusalLimit): void {
  const admin = digest(adminToken);
  // Counts refusals per credential, or per address without one (registered by hardening.ts, which runs first).
  const refusals = app.createRateLimit({ max: refusalLimit.max, timeWindow: refusalLimit.timeWindowMs, keyGenerator: refusalKey });

  app.decorateRequest('caller', undefined);
  const guarded: GuardedRoute[] = [];
  app.decorate('guardedRoutes', guarded);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const entries = methods.map((m) => routeAccessOf(route, m));
    for (const [i, method] of methods.entries()) {
      const access = entries[i];
      if (access !== undefined) guarded.push({ method, url: route.url, access, schema: route.schema });
    }
    const [first] = entries;
    if (first === undefined) return;
    if (entries.some((e) => JSON.stringify(e) !== JSON.stringify(first))) {
      throw new Error(`route "${methods.join(',')} ${route.url}" has methods with different access entries: register them as separate routes`);
    }
    route.config = { ...route.config, access: first };
  });

  /** Counts a refusal against the caller's address and writes its audit entry. */
  async function record(request: FastifyRequest, status: number, details: Record<string, unknown>): Promise<void> {
    await refusals(request);
    await audit(db, {
      actor: request.caller?.id ?? 'anonymous',
      action: 'access.refused',
      targetType: 'route',
      targetId: routeName(request),
      details: { status, ip: request.ip, ...details },
    });
  }

  async function refuse(request: FastifyRequest, status: 401 | 403, message: string, details: Record<string, unknown>, code?: string): Promise<never> {
    await record(request, status, details);
    throw new ApiError(status, code ?? (status === 401 ? 'unauthorized' : 'forbidden'), message);
  }

  // Refusals of handlers that narrow by data (requireRole) are audited and counted like the gate's.
  app.addHook('onError', async (request, _reply, error) => {
    if (error instanceof RoleRefusal) await record(request, 403, { reason: 'role', needed: error.needed, held: request.caller?.roles ?? [] });
  });

  async function authenticate(request: FastifyRequest): Promise<Caller> {
    const header = request.headers.authorization;
    if (header === undefined) {
      // A person signed in to the designer: their session cookie stands in for a token (sessions.ts).
      let session: Caller | undefined;
      try {
        session = await sessionCaller(request);
      } catch (error) {
        if (error instanceof ApiError && (error.statusCode === 401 || error.statusCode === 403)) {
          return refuse(request, error.statusCode, error.message, { reason: `session: ${error.code}` }, error.code);
        }
        throw error;
      }
      if (session) return session;
    }
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    const token = match?.[1];
    if (token === undefined) {
      return refuse(request, 401, 'send an API token as "Authorization: Bearer <token>"', { reason: header === undefined ? 'no credentials' : 'malformed Authorization header' });
    }
    if (timingSafeEqual(digest(token), admin)) return { id: 'admin', roles: ['admin'] };
    const user = await users.authenticate(token);
    if (!user) {
      const tokenId = tokenIdOf(token);
      return refuse(request, 401, 'the API token is not valid (unknown, revoked or expired)', { reason: 'invalid token', ...(tokenId !== undefined ? { tokenId } : {}) });
    }
    return { id: user.id, roles: user.roles, ...(user.employeeId !== null ? { employeeId: user.employeeId } : {}) };
  }

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    // No access entry: no route matched (the 404 answer), which reveals nothing and does nothing.
    if (access === undefined || isPublic(access)) return;
    const standing = await refusals(request, { increment: false });
    if (!standing.isAllowed && standing.remaining === 0) {
      request.log.warn({ ip: request.ip, route: routeName(request) }, 'caller held off after repeated refusals');
      throw new ApiError(429, 'too_many_requests', `too many refused requests with these credentials (or from this address, without any); try again in ${Math.max(1, standing.ttlInSeconds)} s`);
    }
    request.caller = await authenticate(request);
    if (!allows(access, request.caller.roles)) {
      const needed = rolesOf(access);
      await refuse(request, 403, `this needs one of the roles: ${needed.join(', ')}`, { reason: 'role', needed, held: request.caller.roles });
    }
  });
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new ApiError(401, 'unauthorized', 'this route needs an authenticated caller');
  return request.caller;
}

/**
 * The caller, if they hold one of `roles` (admins hold every role). For checks that narrow by data
 * (e.g. reading someone else's inbox); what a route as a whole needs belongs in access.ts.
 */
export function requireRole(request: FastifyRequest, ...roles: Role[]): Caller {
  const caller = callerOf(request);
  if (caller.roles.includes('admin') || roles.some((r) => caller.roles.includes(r))) return caller;
  throw new RoleRefusal(roles);
}

/** A handler's role refusal: the onError hook audits it. */
class RoleRefusal extends ApiError {
  readonly needed: readonly Role[];
  constructor(needed: readonly Role[]) {
    super(403, 'forbidden', `this needs one of the roles: ${needed.join(', ')}`);
    this.needed = needed;
  }
}
