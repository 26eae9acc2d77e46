/** Users and their API tokens (admins only). A token's value is in the creation answer and nowhere else. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { identifier } from '../../workflows/dsl/index.ts';
import type { AppDeps } from '../app.ts';
import { roles } from '../db/users.ts';
import { callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { storeCall } from './definitions.ts';

/**
 * Names the system itself writes as actors (audit entries, approval decisions, run requesters): a
 * user holding one would be taken for it, and would share its identity. `admin` is the bootstrap
 * token's caller (server/http/auth.ts), `anonymous` an unauthenticated request, `callback` a
 * workflow callback (routes/callbacks.ts), `tenure` an approval decided by its deadline
 * (workflows/approval.ts), `deadline` and `nobody` who resolved an operator wait; `system` is kept
 * back for the same use. Compared without case: `Admin` reads as `admin` in an audit trail.
 */
export const reservedUserIds: readonly string[] = ['admin', 'anonymous', 'callback', 'deadline', 'nobody', 'system', 'tenure'];
const isReserved = (id: string) => reservedUserIds.includes(id.toLowerCase());

// Stricter than `identifier` for new ids only: users created before keep working under theirs.
// No ':' because the system's own actors are `kind:id` (`oidc:<subject>`, `run:<id>`,
// `sync-job:<id>`, `cli:rotate-keys`), and an HR source's id is the first half of its people's
// workflow ids (`person:<source>:<employeeId>`).
const newUserId = identifier
  .refine((id) => !id.includes(':'), 'must not contain ":": the system writes its own actors as "kind:id" (oidc:, run:, sync-job:, cli:), and a user id with ":" would read as one of them')
  .refine((id) => !isReserved(id), {
    error: (issue) => `"${String(issue.input)}" is reserved: the system itself acts under ${reservedUserIds.join(', ')} (admin is the bootstrap admin token), so a user with this id would share its identity; choose another id`,
  });

const userBody = z.strictObject({
  id: newUserId,
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
      // A user with a reserved id can exist in a database from before ids were reserved; its token
      // would act as the system's own actor. It stays listed, its roles and tokens can be changed
      // and revoked, but it gets no new token.
      if (isReserved(request.params.id)) {
        const message = `"${request.params.id}" is a reserved id (the system acts under it), so a token for this user would act as the system; create a user with another id, and revoke this user's tokens and roles`;
        throw new ApiError(400, 'invalid_request', `params.id ${message}`, [{ path: 'params.id', message }]);
      }
      return reply.code(201).send(await storeCall(() => users.issueToken(request.params.id, request.body.name, request.body.expiresInDays, caller.id)));
    });
    app.delete('/api/users/:id/tokens/:tokenId', { schema: { params: userParams.extend({ tokenId: z.string().regex(/^[0-9a-f]{12}$/) }) } }, async (request, reply) => {
      const caller = callerOf(request);
      await storeCall(() => users.revokeToken(request.params.id, request.params.tokenId, caller.id));
      return reply.code(204).send();
    });
    return Promise.resolve();
  };
