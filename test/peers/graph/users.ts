/**
 * User routes: list with `$filter`/`$select`/`$top` and paging, get by id or userPrincipalName,
 * create, update (204), soft delete into deletedItems, revoke sign-in sessions, and the manager
 * reference (https://learn.microsoft.com/graph/api/resources/user).
 */
import { randomUUID } from 'node:crypto';
import { badRequest, GraphFault, notFound } from './errors.ts';
import { listQuery, matches, page, selectList } from './odata.ts';
import { referencedId, userRead, userWrite, revokeSessions, type Route } from './router.ts';
import { defaultUserProperties, userProperties, type Tenant, type UserRecord } from './state.ts';
import { checkUserBody } from './userRules.ts';

export const filterableUserProperties = ['id', 'employeeId', 'userPrincipalName', 'mail', 'mailNickname', 'displayName', 'givenName', 'surname', 'accountEnabled', 'employeeType', 'department'];

/** A user as Graph returns it: the default properties, or exactly those `$select` names. */
export function renderUser(tenant: Tenant, user: UserRecord, select: string[] | undefined): Record<string, unknown> {
  const names = select ?? defaultUserProperties;
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const known = userProperties.find((p) => p.toLowerCase() === name.toLowerCase());
    if (!known) throw new GraphFault(400, 'BadRequest', `Could not find a property named '${name}' on type 'microsoft.graph.user'.`);
    out[known] = tenant.read(user, known);
  }
  return out;
}

export function existingUser(tenant: Tenant, key: string): UserRecord {
  const user = tenant.activeUser(key);
  if (!user) throw notFound(key);
  return user;
}

export function listUsers(tenant: Tenant, users: UserRecord[], query: URLSearchParams, url: URL, paging: { pageSize: number; maxPageSize: number }, context: string) {
  const q = listQuery(query, filterableUserProperties, 'User', paging);
  const filter = q.filter;
  const now = Date.now();
  const selected = filter ? users.filter((u) => u.indexedAt <= now && matches(filter, (p) => tenant.read(u, p))) : users;
  const { value, nextLink } = page(selected, q, url);
  return {
    '@odata.context': context + (q.select ? `(${q.select.join(',')})` : ''),
    value: value.map((u) => renderUser(tenant, u, q.select)),
    ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
  };
}

export const userRoutes: Route[] = [
  {
    method: 'GET',
    path: 'users',
    permissions: userRead,
    handle: (req, _p, ctx) => ({ status: 200, body: listUsers(ctx.tenant, ctx.tenant.activeUsers(), req.query, req.url, ctx, `${ctx.baseUrl}/$metadata#users`) }),
  },
  {
    method: 'POST',
    path: 'users',
    permissions: userWrite,
    handle: (req, _p, ctx) => {
      const { props, password } = checkUserBody(ctx.tenant, req.body, true);
      const now = new Date().toISOString();
      const user: UserRecord = {
        id: randomUUID(),
        props,
        password: password?.password ?? '',
        forceChangePasswordNextSignIn: password?.forceChangePasswordNextSignIn ?? true,
        createdDateTime: now,
        deletedDateTime: null,
        signInSessionsValidFromDateTime: now,
        assignedLicenses: [],
        managerId: null,
        indexedAt: Date.now() + ctx.tenant.indexLagMs,
      };
      ctx.tenant.users.set(user.id, user);
      return { status: 201, headers: { location: `${ctx.baseUrl}/users/${user.id}` }, body: { '@odata.context': `${ctx.baseUrl}/$metadata#users/$entity`, ...renderUser(ctx.tenant, user, undefined) } };
    },
  },
  {
    method: 'GET',
    path: 'users/:id',
    permissions: userRead,
    handle: (req, p, ctx) => {
      const user = existingUser(ctx.tenant, p.id ?? '');
      return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/$metadata#users/$entity`, ...renderUser(ctx.tenant, user, selectList(req.query)) } };
    },
  },
  {
    method: 'PATCH',
    path: 'users/:id',
    permissions: userWrite,
    handle: (req, p, ctx) => {
      const user = existingUser(ctx.tenant, p.id ?? '');
      const { props, password } = checkUserBody(ctx.tenant, req.body, false, user.id);
      for (const [k, v] of Object.entries(props)) {
        if (v === null) Reflect.deleteProperty(user.props, k);
        else user.props[k] = v;
      }
      if (password?.password !== undefined) user.password = password.password;
      if (password?.forceChangePasswordNextSignIn !== undefined) user.forceChangePasswordNextSignIn = password.forceChangePasswordNextSignIn;
      user.indexedAt = Date.now() + ctx.tenant.indexLagMs;
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    path: 'users/:id',
    permissions: userWrite,
    handle: (_req, p, ctx) => {
      const user = existingUser(ctx.tenant, p.id ?? '');
      user.deletedDateTime = new Date().toISOString();
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    path: 'users/:id/revokeSignInSessions',
    permissions: revokeSessions,
    handle: (_req, p, ctx) => {
      const user = existingUser(ctx.tenant, p.id ?? '');
      user.signInSessionsValidFromDateTime = new Date().toISOString();
      return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/$metadata#Edm.Boolean`, value: true } };
    },
  },
  {
    method: 'GET',
    path: 'users/:id/manager',
    permissions: userRead,
    handle: (req, p, ctx) => {
      const user = existingUser(ctx.tenant, p.id ?? '');
      const manager = user.managerId === null ? undefined : ctx.tenant.activeUser(user.managerId);
      if (!manager) throw notFound('manager');
      return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/$metadata#directoryObjects/$entity`, '@odata.type': '#microsoft.graph.user', ...renderUser(ctx.tenant, manager, selectList(req.query)) } };
    },
  },
  {
    method: 'PUT',
    path: 'users/:id/manager/$ref',
    permissions: userWrite,
    handle: (req, p, ctx) => {
      const user = existingUser(ctx.tenant, p.id ?? '');
      const managerId = referencedId(req.body);
      const manager = existingUser(ctx.tenant, managerId);
      if (manager.id === user.id) throw badRequest('A user cannot be their own manager.');
      user.managerId = manager.id;
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    path: 'users/:id/manager/$ref',
    permissions: userWrite,
    handle: (_req, p, ctx) => {
      const user = existingUser(ctx.tenant, p.id ?? '');
      if (user.managerId === null) throw notFound('manager');
      user.managerId = null;
      return { status: 204 };
    },
  },
];
