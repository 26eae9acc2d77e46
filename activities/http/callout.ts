/**
 * http.callout (launch and continue) and http.calloutAndWait (launch and wait). Both POST
 * `{ runId, nodeId, payload }` signed; the waiting one adds a callbackId, a single-use callbackUrl
 * and the deadline, and returns `{ callbackId, deadline, status }` for the run to wait on.
 *
 * The Idempotency-Key and the callbackId come from the run, the step and the step's visit, never
 * from the attempt: a retried POST carries the same key (the service can drop the duplicate) and
 * any callback URL it was given answers the same wait.
 */
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { httpCallout, httpCalloutAndWait } from '../../workflows/dsl/catalog/http.ts';
import { runWorkflowId } from '../../workflows/messages.ts';
import { typedConnection, type Connection } from '../connections.ts';
import type { ActivityDeps } from '../deps.ts';
import { parseInput, requireConnection, stepVisit } from '../email/input.ts';
import type { ActionImplementation } from '../types.ts';
import { issueCallbackToken } from './callbackToken.ts';
import { httpConnector, type HttpConfig, type HttpSecrets } from './connector.ts';
import { postSigned } from './post.ts';

const digest = (...parts: string[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

export const idempotencyKeyFor = (runId: string, nodeId: string, visit: string) => digest('tenure-callout', runId, nodeId, visit).slice(0, 48);
export const callbackIdFor = (runId: string, nodeId: string, visit: string) => `cb_${digest('tenure-callback', runId, nodeId, visit).slice(0, 32)}`;

async function httpConnection(deps: ActivityDeps, connectionId: string | undefined, action: string): Promise<Connection<HttpConfig, HttpSecrets>> {
  const connection = await requireConnection(deps, connectionId, action);
  try {
    return typedConnection(httpConnector, connection);
  } catch (error) {
    throw ApplicationFailure.nonRetryable(
      `connection "${connection.id}" cannot be used for ${action}: ${error instanceof Error ? error.message : String(error)}; edit the connection`,
      'HttpConnectionInvalid',
    );
  }
}

export function calloutImplementation(deps: ActivityDeps): ActionImplementation {
  return async ({ runId, nodeId, connectionId, input }) => {
    const { payload } = parseInput(httpCallout.input, input, httpCallout.id);
    const connection = await httpConnection(deps, connectionId, httpCallout.id);
    const body = JSON.stringify({ runId, nodeId, payload });
    return postSigned(connection, body, idempotencyKeyFor(runId, nodeId, stepVisit()));
  };
}

export function calloutAndWaitImplementation(deps: ActivityDeps): ActionImplementation {
  return async ({ runId, nodeId, connectionId, input }) => {
    const args = parseInput(httpCalloutAndWait.input, input, httpCalloutAndWait.id);
    const connection = await httpConnection(deps, connectionId, httpCalloutAndWait.id);
    const visit = stepVisit();
    const callbackId = callbackIdFor(runId, nodeId, visit);
    const waitSeconds = args.deadlineSeconds ?? args.deadlineMinutes * 60;
    // Whole seconds: the token carries its expiry in seconds, and both must agree.
    const deadline = new Date((Math.floor(Date.now() / 1000) + waitSeconds) * 1000);
    const token = issueCallbackToken(deps.callbackKey, { workflowId: runWorkflowId(runId), callbackId, expiresAt: deadline });
    const callbackUrl = `${deps.publicUrl.replace(/\/+$/, '')}/hooks/callbacks/${token}`;
    const body = JSON.stringify({ runId, nodeId, payload: args.payload, callbackId, callbackUrl, deadline: deadline.toISOString() });
    const answer = await postSigned(connection, body, idempotencyKeyFor(runId, nodeId, visit));
    return { callbackId, deadline: deadline.toISOString(), status: answer.status };
  };
}
