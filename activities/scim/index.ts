/** The scim connector: outbound app provisioning over SCIM 2.0, one implementation per scim.* action. */
import type { ActivityDeps } from '../deps.ts';
import type { ActionImplementations } from '../types.ts';
import { groupActions } from './groups.ts';
import { scimSessions } from './session.ts';
import { userActions } from './users.ts';

export function createScimActivities(deps: ActivityDeps): ActionImplementations {
  const open = scimSessions(deps.connections);
  return { ...userActions(open), ...groupActions(open) };
}
