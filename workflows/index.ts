/** Entry point of the workflow bundle: every workflow type the worker runs. */
export { lifecycleRun } from './lifecycle.ts';
export { personWorkflow } from './person.ts';
export { syncCycle } from './syncCycle.ts';
