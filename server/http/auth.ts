/**
 * Bearer-token authentication for every /api route: the bootstrap admin token (TENURE_ADMIN_TOKEN,
 * or the one generated into the data directory), compared in constant time, or a user's API token
 * (looked up by its hash; revoked, expired and disabled ones refused).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role, UserStore } from '../db/users.ts';
import { ApiError } from './errors.ts';

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
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export function registerAuth(app: FastifyInstance, adminToken: string, users: UserStore): void {
  const admin = digest(adminToken);
  app.decorateRequest('caller', undefined);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') && request.url !== '/api') return;
    // CORS preflights carry no credentials by design; the request that follows is checked.
    if (request.method === 'OPTIONS') return;
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    const token = match?.[1];
    if (token === undefined) throw new ApiError(401, 'unauthorized', 'send an API token as "Authorization: Bearer <token>"');
    if (timingSafeEqual(digest(token), admin)) {
      request.caller = { id: 'admin', roles: ['admin'] };
      return;
    }
    const user = await users.authenticate(token);
    if (!user) throw new ApiError(401, 'unauthorized', 'the API token is not valid (unknown, revoked or expired)');
    request.caller = { id: user.id, roles: user.roles, ...(user.employeeId !== null ? { employeeId: user.employeeId } : {}) };
  });
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new ApiError(401, 'unauthorized', 'this route needs an authenticated caller');
  return request.caller;
}

/** The caller, if they hold one of `roles` (admins hold every role). */
export function requireRole(request: FastifyRequest, ...roles: Role[]): Caller {
  const caller = callerOf(request);
  if (caller.roles.includes('admin') || roles.some((r) => caller.roles.includes(r))) return caller;
  throw new ApiError(403, 'forbidden', `this needs one of the roles: ${roles.join(', ')}`);
}
