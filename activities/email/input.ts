/**
 * What every action implementation does first: parse the step's input with the action's own schema
 * (the workflow already did; this gives the implementation its types and guards direct callers) and
 * load the step's connection. Both failures need an edit to the definition or connection, so
 * retrying cannot help. Also which visit of a step an execution is, for idempotency keys.
 * (Not email-specific: the http connector uses it too.)
 */
import { asyncLocalStorage } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import { ConnectionNotFound, type Connection } from '../connections.ts';
import type { ActivityDeps } from '../deps.ts';

export function parseInput<T extends z.ZodType>(schema: T, input: unknown, action: string): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
    throw ApplicationFailure.nonRetryable(`${action}: the step's parameters are invalid: ${problems}`, 'InvalidInput');
  }
  return parsed.data;
}

export async function requireConnection(deps: ActivityDeps, connectionId: string | undefined, action: string): Promise<Connection> {
  if (connectionId === undefined) throw ApplicationFailure.nonRetryable(`${action} needs a connection; choose one on the step`, 'ConnectionNotFound');
  try {
    return await deps.connections.load(connectionId);
  } catch (error) {
    if (error instanceof ConnectionNotFound) {
      throw ApplicationFailure.nonRetryable(`${error.message}: create it, or choose another connection on the step`, 'ConnectionNotFound');
    }
    throw error;
  }
}

/**
 * Which execution of the step this is: the activity id Temporal gives each scheduled activity stays
 * the same across its retries but differs when a loop runs the step again. Empty outside an
 * activity (a direct call in a test).
 */
export function stepVisit(): string {
  return asyncLocalStorage.getStore()?.info.activityId ?? '';
}
