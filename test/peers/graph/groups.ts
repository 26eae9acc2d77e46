/**
 * Group membership (https://learn.microsoft.com/graph/api/group-post-members and
 * group-delete-members): adding an existing member is 400 "One or more added object references
 * already exist…", adding an object that does not exist is 404, removing a non-member is 404.
 * Listing a user's groups goes through `/users/{id}/memberOf`, paged.
 */
import { badRequest, notFound } from './errors.ts';
import { listQuery, page } from './odata.ts';
import { memberRead, memberWrite, referencedId, type Route, type RouteContext } from './router.ts';
import { existingUser } from './users.ts';
import type { GroupRecord } from './state.ts';

function group(ctx: RouteContext, id: string): GroupRecord {
  const g = ctx.tenant.groups.get(id);
  if (!g) throw notFound(id);
  return g;
}

function renderGroup(g: GroupRecord) {
  return { '@odata.type': '#microsoft.graph.group', id: g.id, displayName: g.displayName };
}

const memberOf: Route['handle'] = (req, p, ctx) => {
  const user = existingUser(ctx.tenant, p.id ?? '');
  const q = listQuery(req.query, [], 'Group', ctx);
  const groups = [...ctx.tenant.groups.values()].filter((g) => g.members.has(user.id));
  const { value, nextLink } = page(groups, q, req.url);
  return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/$metadata#directoryObjects`, value: value.map(renderGroup), ...(nextLink ? { '@odata.nextLink': nextLink } : {}) } };
};

export const groupRoutes: Route[] = [
  { method: 'GET', path: 'groups/:id', permissions: memberRead, handle: (_req, p, ctx) => ({ status: 200, body: renderGroup(group(ctx, p.id ?? '')) }) },
  {
    method: 'POST',
    path: 'groups/:id/members/$ref',
    permissions: memberWrite,
    handle: (req, p, ctx) => {
      const g = group(ctx, p.id ?? '');
      const memberId = referencedId(req.body);
      const member = existingUser(ctx.tenant, memberId);
      if (g.members.has(member.id)) throw badRequest("One or more added object references already exist for the following modified properties: 'members'.");
      g.members.add(member.id);
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    path: 'groups/:id/members/:member/$ref',
    permissions: memberWrite,
    handle: (_req, p, ctx) => {
      const g = group(ctx, p.id ?? '');
      const memberId = p.member ?? '';
      if (!g.members.has(memberId)) throw notFound(memberId);
      g.members.delete(memberId);
      return { status: 204 };
    },
  },
  { method: 'GET', path: 'users/:id/memberOf', permissions: memberRead, handle: memberOf },
  { method: 'GET', path: 'users/:id/memberOf/microsoft.graph.group', permissions: memberRead, handle: memberOf },
];
