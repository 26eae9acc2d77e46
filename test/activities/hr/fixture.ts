/**
 * hr.writeBack wired to real test servers through an injected ConnectionSource: hr connections in
 * webhook mode (pointing at the HR webhook peer) and scim mode (pointing at scim2-server), and a
 * runner that calls the implementation directly as the worker would.
 */
import { ApplicationFailure } from '@temporalio/common';
import { expect } from 'vitest';
import type { Connection } from '../../../activities/connections.ts';
import { createHrActivities } from '../../../activities/hr/index.ts';
import type { ScimServer } from '../../peers/scim.ts';
import { testActivityDeps } from '../../support/deps.ts';

export const signingSecret = 'hr-signing-secret-0123456789abcdef';
export const bearerToken = 'hr-bearer-token-fedcba9876543210';

let next = 0;
const nextId = () => {
  next += 1;
  return `hr-test-${process.pid}-${next}`;
};

export function hrWebhookConnection(url: string, config: Record<string, unknown> = {}, secrets: Record<string, unknown> = { signingSecret }): Connection {
  const id = nextId();
  return { id, kind: 'hr', name: id, version: 1, config: { mode: 'webhook', url, timeoutSeconds: 5, ...config }, secrets };
}

export function hrScimConnection(server: ScimServer, config: Record<string, unknown> = {}, secrets: Record<string, unknown> = { token: server.token }): Connection {
  const id = nextId();
  return { id, kind: 'hr', name: id, version: 1, config: { mode: 'scim', baseUrl: server.baseUrl, auth: { mode: 'bearer' }, ...config }, secrets };
}

export type WriteBack = (input: Record<string, unknown>, step?: { runId?: string; nodeId?: string }) => Promise<unknown>;

export function writeBack(connection: Connection): WriteBack {
  const implementation = createHrActivities(testActivityDeps({ connections: { load: async () => Promise.resolve(connection) } }))['hr.writeBack'];
  if (!implementation) throw new Error('no implementation is registered for hr.writeBack');
  return async (input, step = {}) => implementation({ runId: step.runId ?? 'run-1', nodeId: step.nodeId ?? 'write-back', connectionId: connection.id, input });
}

/** The failure an action threw: its type, retryability and message. */
export async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error: unknown = await promise.then(
    () => new Error('expected a failure, but the action succeeded'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApplicationFailure);
  if (!(error instanceof ApplicationFailure)) throw error;
  return error;
}
