/**
 * Every Graph request goes through graphCall: within the connection's limits, with a token
 * acquired first (so an authentication problem is reported as one, not as a Graph error), and with
 * throttling honoured. Graph says how long to back off in Retry-After; a short wait is spent here,
 * without holding a limiter slot, a long one is handed to Temporal as the next retry's delay so the
 * worker is not blocked.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@microsoft/microsoft-graph-client';
import { ApplicationFailure } from '@temporalio/common';
import type { Connection } from '../connections.ts';
import { withinLimits } from '../limits.ts';
import type { EntraConfig, EntraSecrets } from './connector.ts';
import { explainAuthFailure } from './authority.ts';
import { graphFailure, graphProblem, isThrottled, type Operation } from './failures.ts';
import type { GraphSession } from './session.ts';

export interface EntraTarget {
  connection: Connection<EntraConfig, EntraSecrets>;
  session: GraphSession;
}

/** Throttled answers waited out in one step before the wait is handed to Temporal. */
const maxWaitsPerCall = 5;
/** When Graph throttles without saying how long. */
const defaultWaitSeconds = 2;

/** Hands a throttling wait to Temporal: retryable, with the wait Graph asked for as the next delay. */
export function throttledFailure(op: Operation, status: number, seconds: number, detail = ''): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'EntraThrottled',
    message: `${op.what}: Graph is throttling (${status}) and asks to wait ${seconds} s${detail}; the step retries then`,
    nextRetryDelay: `${Math.max(1, seconds)}s`,
  });
}

/** Waits `seconds` when short enough; otherwise throws the failure that makes Temporal wait. */
export async function waitOrHandOver(target: EntraTarget, op: Operation, status: number, seconds: number, waitsSoFar: number, detail = ''): Promise<void> {
  if (seconds > target.connection.config.maxRetryAfterWaitSeconds || waitsSoFar >= maxWaitsPerCall) throw throttledFailure(op, status, seconds, detail);
  await sleep(seconds * 1000);
}

/** Graph's answer body (unknown until parsed), or a failure the caller said it expects. */
export type Outcome = { ok: true; value: unknown } | { ok: false; status: number; code: string; message: string };

/**
 * Runs one Graph request; an answer with one of the `expected` statuses (say 404 for "no such
 * member") comes back as that outcome, every other failure is thrown as a Temporal failure.
 */
export async function graphTry(target: EntraTarget, op: Operation, expected: readonly number[], fn: (graph: Client) => Promise<unknown>): Promise<Outcome> {
  const { connection, session } = target;
  for (let waits = 0; ; waits++) {
    try {
      const value: unknown = await withinLimits(connection.id, connection.version, connection.config.limits, async () => {
        try {
          await session.credential.getToken(session.scope);
        } catch (error) {
          throw await explainAuthFailure(error, connection.config);
        }
        return fn(session.graph);
      });
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ApplicationFailure) throw error;
      const problem = graphProblem(error);
      if (!problem) throw error;
      if (expected.includes(problem.status)) return { ok: false, status: problem.status, code: problem.code, message: problem.message };
      if (isThrottled(problem.status)) {
        await waitOrHandOver(target, op, problem.status, problem.retryAfterSeconds ?? defaultWaitSeconds, waits);
        continue;
      }
      throw graphFailure(problem, op, connection.config);
    }
  }
}

export async function graphCall(target: EntraTarget, op: Operation, fn: (graph: Client) => Promise<unknown>): Promise<unknown> {
  const outcome = await graphTry(target, op, [], fn);
  if (outcome.ok) return outcome.value;
  throw graphFailure(outcome, op, target.connection.config);
}
