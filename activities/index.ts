/**
 * Every activity the worker registers: the action implementations (one per catalog entry, keyed by
 * action id) and the runtime's own activities (store.*).
 */
import { createCoreActivities } from './core/index.ts';
import { createStoreActivities, type RevisionSource } from './store/revisions.ts';
import type { ActionImplementations } from './types.ts';

export interface ActivityDeps {
  revisions: RevisionSource;
}

export function createActionImplementations(): ActionImplementations {
  return { ...createCoreActivities() };
}

export function createActivities(deps: ActivityDeps) {
  return { ...createActionImplementations(), ...createStoreActivities(deps.revisions) };
}
