/**
 * Soft-deleted users (https://learn.microsoft.com/graph/api/resources/directory): a deleted user
 * stays in `/directory/deletedItems` for 30 days and can be restored with its id, unless another
 * user took its userPrincipalName meanwhile.
 */
import { conflict, notFound } from './errors.ts';
import { userRead, userWrite, type Route } from './router.ts';
import { listUsers, renderUser } from './users.ts';
import type { Tenant, UserRecord } from './state.ts';

function deletedUser(tenant: Tenant, id: string): UserRecord {
  const user = tenant.users.get(id);
  if (!user || user.deletedDateTime === null) throw notFound(id);
  return user;
}

export const deletedItemRoutes: Route[] = [
  {
    method: 'GET',
    path: 'directory/deletedItems/microsoft.graph.user',
    permissions: userRead,
    handle: (req, _p, ctx) => ({
      status: 200,
      body: listUsers(ctx.tenant, ctx.tenant.deletedUsers(), req.query, req.url, ctx, `${ctx.baseUrl}/$metadata#directory/deletedItems/microsoft.graph.user`),
    }),
  },
  {
    method: 'GET',
    path: 'directory/deletedItems/:id',
    permissions: userRead,
    handle: (_req, p, ctx) => {
      const user = deletedUser(ctx.tenant, p.id ?? '');
      return { status: 200, body: { '@odata.type': '#microsoft.graph.user', ...renderUser(ctx.tenant, user, undefined), deletedDateTime: user.deletedDateTime } };
    },
  },
  {
    method: 'POST',
    path: 'directory/deletedItems/:id/restore',
    permissions: userWrite,
    handle: (_req, p, ctx) => {
      const user = deletedUser(ctx.tenant, p.id ?? '');
      const upn = String(user.props.userPrincipalName).toLowerCase();
      if (ctx.tenant.activeUsers().some((u) => String(u.props.userPrincipalName).toLowerCase() === upn)) throw conflict('userPrincipalName');
      user.deletedDateTime = null;
      return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/$metadata#directoryObjects/$entity`, '@odata.type': '#microsoft.graph.user', ...renderUser(ctx.tenant, user, undefined) } };
    },
  },
];
