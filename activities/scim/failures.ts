/**
 * How SCIM answers become Temporal failures (RFC 7644 §3.12): what retrying can fix (throttling,
 * an unavailable or unreachable app) is retryable, honouring Retry-After; what it cannot (refused
 * credentials, a value the app's schema rejects, a missing resource) is not, and says what to fix.
 * Messages quote the app's `scimType` and `detail`, never a credential.
 */
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { retryAfterMs } from '../retryAfter.ts';

export interface ScimAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

const scimError = z.object({ scimType: z.string().optional(), detail: z.string().optional() }).loose();

/** The `scimType` and `detail` of a SCIM error body, when it is one. */
export function scimErrorOf(body: unknown): { scimType?: string; detail?: string } {
  const parsed = scimError.safeParse(body);
  if (!parsed.success) return {};
  return {
    ...(parsed.data.scimType !== undefined ? { scimType: parsed.data.scimType } : {}),
    ...(parsed.data.detail !== undefined ? { detail: parsed.data.detail } : {}),
  };
}

const hints: Record<string, string> = {
  invalidValue: 'a value does not fit the app’s schema: check the step’s parameters',
  uniqueness: 'another resource in the app already holds a value that must be unique',
  mutability: 'the app does not allow changing that attribute',
  invalidFilter: 'the app cannot evaluate the filter: check the connection’s match attribute',
  invalidPath: 'the app does not know that attribute: check the step’s parameters and the connection’s userSchemaExtensions',
  noTarget: 'the attribute or value to change does not exist in the app',
  invalidSyntax: 'the app could not read the request: check the step’s parameters and the connection’s userSchemaExtensions',
  tooMany: 'the filter matches more resources than the app will return',
  sensitive: 'the app refuses this value in a request URL',
  invalidVers: 'the app does not speak this SCIM version',
};

/**
 * The failure for an answer the caller did not expect. `what` says what was attempted ("creating
 * user \"x\""); `redact` removes any credential an app might echo.
 */
export function answerFailure(answer: ScimAnswer, what: string, redact: (text: string) => string = (t) => t): ApplicationFailure {
  const { scimType, detail } = scimErrorOf(answer.body);
  const said = redact([scimType, detail].filter((s) => s !== undefined && s !== '').join(': '));
  const status = `${answer.status}${said ? `, ${said}` : ''}`;
  const fail = (type: string, message: string, retryable: boolean) =>
    ApplicationFailure.create({ type, message, nonRetryable: !retryable, ...delayOf(answer, retryable) });

  switch (answer.status) {
    case 400:
      return fail('ScimInvalidRequest', `${what} was refused by the app (${status})${scimType && hints[scimType] ? `; ${hints[scimType]}` : ''}`, false);
    case 401:
      return fail('ScimUnauthorized', `${what} was refused: the app did not accept the connection’s credentials (${status}); check the token or client secret, then retry`, false);
    case 403:
      return fail('ScimForbidden', `${what} was refused: the connection’s credentials are not allowed to do this (${status}); grant the provisioning client the right permissions in the app`, false);
    case 404:
      return fail('ScimNotFound', `${what} failed: the app has no such resource (${status})`, false);
    case 409:
      return fail('ScimConflict', `${what} conflicts with what the app holds (${status})${scimType && hints[scimType] ? `; ${hints[scimType]}` : ''}`, false);
    case 408:
    case 429:
      return fail('ScimThrottled', `${what} was throttled or timed out by the app (${status}); it will be retried`, true);
    case 503:
      return fail('ScimUnavailable', `${what} failed: the app is unavailable (${status}); it will be retried`, true);
    default:
      return answer.status >= 500
        ? fail('ScimServerError', `${what} failed with a server error in the app (${status}); it will be retried`, true)
        : fail('ScimUnexpectedAnswer', `${what} got an answer the SCIM protocol does not expect (${status})`, false);
  }
}

function delayOf(answer: ScimAnswer, retryable: boolean): { nextRetryDelay?: number } {
  if (!retryable) return {};
  const ms = retryAfterMs(answer.headers.get('retry-after'));
  return ms === undefined ? {} : { nextRetryDelay: ms };
}

/** A request that got no answer: a refused or reset connection, a timeout, a name that does not resolve. */
export function networkFailure(error: unknown, what: string, baseUrl: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'ScimUnreachable',
    message: `${what} failed: could not reach the app at ${baseUrl} (${networkReason(error)}); it will be retried — check that the app runs and the connection’s baseUrl`,
    nonRetryable: false,
  });
}

/** The system error code (ECONNREFUSED, ENOTFOUND…) or what else went wrong, for messages. */
export function networkReason(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'no answer in time';
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  const code: unknown = typeof cause === 'object' && cause !== null ? Reflect.get(cause, 'code') : undefined;
  if (typeof code === 'string') return code;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
