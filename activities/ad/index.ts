/** The ad connector: its connection declaration and the implementations of its actions. */
import type { ActivityDeps } from '../deps.ts';
import type { ActionImplementations } from '../types.ts';

export function createAdActivities(_deps: ActivityDeps): ActionImplementations {
  return {};
}
