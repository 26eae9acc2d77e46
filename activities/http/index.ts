/** The http connector: its connection declaration and the implementations of its actions. */
import type { ActivityDeps } from '../deps.ts';
import type { ActionImplementations } from '../types.ts';
import { calloutAndWaitImplementation, calloutImplementation } from './callout.ts';

export { httpConnector } from './connector.ts';
export { verifyCallbackToken, type CallbackClaims, type TokenCheck } from './callbackToken.ts';

export function createHttpActivities(deps: ActivityDeps): ActionImplementations {
  return {
    'http.callout': calloutImplementation(deps),
    'http.calloutAndWait': calloutAndWaitImplementation(deps),
  };
}
