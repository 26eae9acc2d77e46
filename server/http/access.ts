/**
 * Who may call what: one entry per registered route, `'METHOD /path/:param'` exactly as Fastify
 * registers it. Registering a route without an entry fails at start-up, and the route × role matrix
 * test (test/security/routeMatrix.test.ts) checks every entry against every role.
 *
 * - `{ public: '<why>' }`: no caller needed (health, signed links and callbacks carry their own proof).
 * - `'signed-in'`: any authenticated caller; the handler narrows by data (e.g. "your own approvals").
 * - `Role[]`: a caller holding one of these roles; `admin` holds every role.
 */
import type { Role } from '../db/users.ts';

export type Access = { public: string } | 'signed-in' | readonly Role[];

const readers = ['designer', 'publisher', 'operator', 'auditor'] as const satisfies readonly Role[];

export const routeAccess: Readonly<Record<string, Access>> = {
  'GET /healthz': { public: 'load balancers and orchestrators probe it without credentials' },
  'GET /api/actions': 'signed-in',

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
  'POST /api/users/:id/tokens': ['admin'],
  'DELETE /api/users/:id/tokens/:tokenId': ['admin'],

  'POST /api/hr/events': ['hr-source'],
  'POST /api/inbound/scim/bulkUpload': ['hr-source'],
  'GET /api/hr/imports': ['operator', 'auditor', 'hr-source'],
  'POST /api/hr/imports': ['hr-source'],
  'GET /api/hr/imports/:id': ['operator', 'auditor', 'hr-source'],
  'POST /api/hr/imports/:id/approve': ['admin'],
  'POST /api/hr/imports/:id/reject': ['admin'],
  'GET /api/people/:employeeId': ['operator', 'auditor', 'hr-source'],

  'POST /api/codec/decode': ['auditor', 'operator'],
  'POST /api/codec/encode': ['operator'],
};
