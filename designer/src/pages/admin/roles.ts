/** The roles a user may hold, with what each lets them do: keyed by the API's role type, so a new role breaks the build until it is described here. */
import type { Body } from '../../api/operations.ts';

export type Role = NonNullable<Body<'post', '/api/users'>['roles']>[number];

export const roleHelp: Record<Role, string> = {
  admin: 'everything, including users, tokens and HR sources',
  designer: 'draws and saves definitions',
  publisher: 'publishes revisions',
  approver: 'decides approvals assigned to them',
  operator: 'runs, retries and resolves steps; reads people and imports',
  auditor: 'reads everything and exports the audit log',
  'hr-source': 'sends HR events, SCIM requests and CSV imports',
};

export const allRoles = Object.keys(roleHelp).filter((r): r is Role => r in roleHelp);
