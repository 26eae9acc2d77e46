/** Users and their API tokens (admins only). A token's value is in the creation answer and nowhere else. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { identifier } from '../../workflows/dsl/index.ts';
import type { AppDeps } from '../app.ts';
import { roles } from '../db/users.ts';
import { callerOf } from '../http/auth.ts';
import { storeCall } from './definitions.ts';

const userBody = z.strictObject({
  id: identifier,
  displayName: z.string().min(1).max(200),
  email: z.email().max(320).optional(),
  employeeId: z.string().min(1).max(200).optional(),
  roles: z.array(z.enum(roles)).max(roles.length).default([]),
});
const tokenBody = z.strictObject({ name: z.string().min(1).max(200), expiresInDays: z.number().int().min(1).max(3650).optional() });
const userParams = z.strictObject({ id: identifier });
const rolesBody = z.strictObject({ roles: z.array(z.enum(roles)).max(roles.length) });

export const userRoutes =
  ({ users }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/api/users', { schema: { body: userBody } }, async (request, reply) => {
      const caller = callerOf(request);
      return reply.code(201).send(await storeCall(() => users.create(request.body, caller.id)));
    });
    app.get('/api/users', async () => {
      return { users: await users.list() };
    });
    app.put('/api/users/:id/roles', { schema: { params: userParams, body: rolesBody } }, async (request) => {
      const caller = callerOf(request);
      return storeCall(() => users.setRoles(request.params.id, [...new Set(request.body.roles)], caller.id));
    });
    app.get('/api/users/:id/tokens', { schema: { params: userParams } }, async (request) => {
      return { tokens: await storeCall(() => users.tokens(request.params.id)) };
    });
    app.post('/api/users/:id/tokens', { schema: { params: userParams, body: tokenBody } }, async (request, reply) => {
      const caller = callerOf(request);
      return reply.code(201).send(await storeCall(() => users.issueToken(request.params.id, request.body.name, request.body.expiresInDays, caller.id)));
    });
    app.delete('/api/users/:id/tokens/:tokenId', { schema: { params: userParams.extend({ tokenId: z.string().regex(/^[0-9a-f]{12}$/) }) } }, async (request, reply) => {
      const caller = callerOf(request);
      await storeCall(() => users.revokeToken(request.params.id, request.params.tokenId, caller.id));
      return reply.code(204).send();
    });
    return Promise.resolve();
  };
