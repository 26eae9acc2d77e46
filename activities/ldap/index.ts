/** The ldap connector: its connection declaration and the implementations of its actions. */
import type { ActivityDeps } from '../deps.ts';
import type { ActionImplementations } from '../types.ts';

export function createLdapActivities(_deps: ActivityDeps): ActionImplementations {
  return {};
}
