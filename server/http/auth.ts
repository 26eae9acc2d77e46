/**
 * Bearer-token authentication for every /api route. The bootstrap admin token (TENURE_ADMIN_TOKEN,
 * or the one generated into the data directory) is compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors.ts';

export interface Caller {
  id: string;
  roles: string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | undefined;
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export function registerAuth(app: FastifyInstance, adminToken: string): void {
  const admin = digest(adminToken);
  app.decorateRequest('caller', undefined);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') && request.url !== '/api') return;
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    const token = match?.[1];
    if (token === undefined) throw new ApiError(401, 'unauthorized', 'send an API token as "Authorization: Bearer <token>"');
    if (!timingSafeEqual(digest(token), admin)) throw new ApiError(401, 'unauthorized', 'the API token is not valid');
    request.caller = { id: 'admin', roles: ['admin'] };
    return Promise.resolve();
  });
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new ApiError(401, 'unauthorized', 'this route needs an authenticated caller');
  return request.caller;
}
