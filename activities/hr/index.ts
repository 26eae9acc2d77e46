/** The hr connector: its connection declaration and the implementation of hr.writeBack. */
import { hrWriteBack } from '../../workflows/dsl/catalog/hr.ts';
import type { ActivityDeps } from '../deps.ts';
import type { ActionImplementations } from '../types.ts';
import { writeBackImplementation } from './writeBack.ts';

export { hrConnector } from './connector.ts';

export function createHrActivities(deps: ActivityDeps): ActionImplementations {
  return { [hrWriteBack.id]: writeBackImplementation(deps) };
}
