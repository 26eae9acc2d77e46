/**
 * Every activity the worker registers: the action implementations (one per catalog entry, keyed by
 * action id) and the runtime's own activities (store.*, approvals.*, the operator notice).
 */
import { createAdActivities } from './ad/index.ts';
import { auditProvisioning } from './audit.ts';
import { createApprovalActivities } from './approvals/index.ts';
import { createCoreActivities } from './core/index.ts';
import type { ActivityDeps } from './deps.ts';
import { createEmailActivities } from './email/index.ts';
import { createOperatorNoticeActivities } from './email/operatorNotice.ts';
import { createEntraActivities } from './entra/index.ts';
import { createHrActivities } from './hr/index.ts';
import { createHttpActivities } from './http/index.ts';
import { createLdapActivities } from './ldap/index.ts';
import { createScimActivities } from './scim/index.ts';
import { createPeopleActivities } from './store/people.ts';
import { createStoreActivities } from './store/revisions.ts';
import type { ActionImplementations } from './types.ts';

export type { ActivityDeps } from './deps.ts';

export function createActionImplementations(deps: ActivityDeps): ActionImplementations {
  return auditProvisioning(deps.audit, {
    ...createCoreActivities(),
    ...createAdActivities(deps),
    ...createLdapActivities(deps),
    ...createEntraActivities(deps),
    ...createScimActivities(deps),
    ...createEmailActivities(deps),
    ...createHttpActivities(deps),
    ...createHrActivities(deps),
  });
}

export function createActivities(deps: ActivityDeps) {
  return { ...createActionImplementations(deps), ...createStoreActivities(deps.revisions), ...createPeopleActivities(deps.people), ...createApprovalActivities(deps), ...createOperatorNoticeActivities(deps) };
}
