/** Implementations of the built-in core.* actions. */
import { log } from '@temporalio/activity';
import { setVariableOutput } from '../../workflows/dsl/index.ts';
import type { ActionImplementations } from '../types.ts';

function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

export function createCoreActivities(): ActionImplementations {
  return {
    'core.log': async ({ runId, nodeId, input }) => {
      const level = input.level === 'warn' || input.level === 'error' ? input.level : 'info';
      const message = str(input.message);
      log[level](message, { runId, nodeId });
      return Promise.resolve({ message, level, at: new Date().toISOString() });
    },
    'core.setVariable': async ({ input }) => Promise.resolve(setVariableOutput(input)),
  };
}
