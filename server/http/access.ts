/**
 * Who may call what: one entry per registered route, `'METHOD /path/:param'` exactly as Fastify
 * registers it. Registering a route without an entry fails at start-up, and the route × role matrix
 * test (test/security/routeMatrix.test.ts) checks every entry against every role.
 *
 * - `{ public: '<why>' }`: no caller needed (health, signed links and callbacks carry their own proof).
 * - `'signed-in'`: any authenticated caller; the handler narrows by data (e.g. "your own approvals").
 * - `Role[]`: a caller holding one of these roles; `admin` holds every role.
 *
 * A `HEAD` route takes its `GET` entry. The designer's built files (one route per file, named only at
 * start-up by @fastify/static) take `designerFileAccess`. server/http/auth.ts enforces all of it.
 */
import type { Role } from '../db/users.ts';

export type Access = { public: string } | 'signed-in' | readonly Role[];

const readers = ['designer', 'publisher', 'operator', 'auditor'] as const satisfies readonly Role[];

export const routeAccess: Readonly<Record<string, Access>> = {
  'GET /healthz': { public: 'load balancers and orchestrators probe it without credentials' },
  'GET /healthz/live': { public: 'orchestrators probe liveness without credentials; it reveals nothing but "up"' },
  'GET /healthz/ready': { public: 'load balancers probe readiness without credentials' },
  // Prometheus scrapes with a bearer token; TENURE_METRICS_PORT serves a token-less listener instead (routes/metrics.ts says why).
  'GET /metrics': ['operator', 'auditor'],
  'GET /api/actions': 'signed-in',
  'GET /api/connectors': 'signed-in',
  'GET /api/openapi.json': { public: 'the API contract integrators and contract testers start from; it describes routes, never data' },

  'GET /auth/config': { public: 'the sign-in page asks whether organisation sign-in is offered before anyone is signed in' },
  'GET /auth/login': { public: 'starts a sign-in: the person is not signed in yet' },
  'GET /auth/callback': { public: 'the identity provider sends the browser back here; state, nonce and PKCE bound to this browser are the proof' },
  'POST /auth/logout': { public: 'the route checks the session cookie and its CSRF token itself (server/http/sessions.ts)' },
  'GET /api/session': 'signed-in',

  'GET /api/definitions': readers,
  'POST /api/definitions': ['designer'],
  'POST /api/definitions/validate': ['designer', 'publisher'],
  'GET /api/definitions/:id': readers,
  'PUT /api/definitions/:id': ['designer'],
  'POST /api/definitions/:id/publish': ['publisher'],
  'GET /api/definitions/:id/revisions': readers,
  'GET /api/definitions/:id/revisions/:number': readers,
  'POST /api/simulate': ['designer', 'publisher', 'operator'],

  'POST /api/runs': ['operator'],
  'GET /api/runs': readers,
  'GET /api/runs/:id': readers,
  'POST /api/runs/:id/steps/:nodeId/resolve': ['operator'],
  'POST /api/runs/:id/retry': ['operator'],
  'POST /api/runs/:id/cancel': ['operator'],

  'GET /api/approvals': 'signed-in',
  'POST /api/approvals/:id/decision': 'signed-in',
  'GET /api/approvals/delegations': 'signed-in',
  'POST /api/approvals/delegations': 'signed-in',
  'DELETE /api/approvals/delegations/:id': 'signed-in',
  'GET /api/approver-groups': ['designer', 'publisher', 'auditor'],
  'PUT /api/approver-groups/:id': ['admin'],
  'GET /hooks/approvals/*': { public: 'the signed, single-use link in the approval email is the proof' },
  'POST /hooks/approvals/*': { public: 'the signed, single-use link in the approval email is the proof' },
  'POST /hooks/callbacks/*': { public: 'the signed, single-use callback token in the path is the proof' },

  'GET /api/connections': ['designer', 'publisher', 'operator', 'auditor'],
  'POST /api/connections': ['admin'],
  'GET /api/connections/:id': ['designer', 'publisher', 'operator', 'auditor'],
  'PUT /api/connections/:id': ['admin'],
  'POST /api/connections/:id/test': ['admin', 'operator'],

  'GET /api/users': ['admin', 'auditor'],
  'POST /api/users': ['admin'],
  'PUT /api/users/:id/roles': ['admin'],
  'GET /api/users/:id/tokens': ['admin', 'auditor'],
  'POST /api/users/:id/tokens': ['admin'],
  'DELETE /api/users/:id/tokens/:tokenId': ['admin'],

  'POST /api/hr/events': ['hr-source'],
  'POST /api/inbound/scim/bulkUpload': ['hr-source'],
  'GET /api/hr/imports': ['operator', 'auditor', 'hr-source'],
  'POST /api/hr/imports': ['hr-source'],
  'GET /api/hr/imports/:id': ['operator', 'auditor', 'hr-source'],
  'POST /api/hr/imports/:id/approve': ['admin'],
  'POST /api/hr/imports/:id/reject': ['admin'],
  'GET /api/people': ['operator', 'auditor', 'hr-source'],
  'GET /api/people/:employeeId': ['operator', 'auditor', 'hr-source'],
  'GET /api/hr-sources': ['admin', 'auditor'],
  'GET /api/hr-sources/:id': ['admin', 'auditor'],
  'PUT /api/hr-sources/:id': ['admin'],

  'GET /api/sync-jobs': ['operator', 'auditor'],
  'POST /api/sync-jobs': ['admin'],
  'GET /api/sync-jobs/:id': ['operator', 'auditor'],
  'PUT /api/sync-jobs/:id': ['admin'],
  'DELETE /api/sync-jobs/:id': ['admin'],
  'POST /api/sync-jobs/:id/run': ['admin'],
  'GET /api/sync-jobs/:id/cycles': ['operator', 'auditor'],
  'GET /api/sync-jobs/:id/cycles/:cycleId': ['operator', 'auditor'],
  'POST /api/sync-jobs/:id/cycles/:cycleId/approve': ['admin'],

  'POST /api/codec/decode': ['auditor', 'operator'],
  'POST /api/codec/encode': ['operator'],

  'GET /api/audit': ['auditor'],
  'GET /api/audit/export': ['auditor'],

  'GET /*': { public: "the designer's pages for paths the browser routes; every datum comes from /api, which checks" },
};

/** The designer's built files (HTML, scripts, styles, icons): code, no data. */
export const designerFileAccess: Access = { public: "the designer's built files: code and styles, no data" };

/** The entry of a route, or undefined when the table has none (which fails start-up). */
export function accessFor(method: string, url: string): Access | undefined {
  return routeAccess[`${method} ${url}`] ?? (method === 'HEAD' ? routeAccess[`GET ${url}`] : undefined);
}

export function isPublic(access: Access): access is { public: string } {
  return typeof access === 'object' && 'public' in access;
}

/** The roles an entry names, admin included (admin holds every role); empty for public and signed-in. */
export function rolesOf(access: Access): Role[] {
  if (access === 'signed-in' || isPublic(access)) return [];
  return access.includes('admin') ? [...access] : [...access, 'admin'];
}

/** Whether a caller holding `held` passes an entry (public entries need no caller at all). */
export function allows(access: Access, held: readonly Role[]): boolean {
  if (isPublic(access) || access === 'signed-in') return true;
  return rolesOf(access).some((r) => held.includes(r));
}
