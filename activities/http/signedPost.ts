/**
 * The one way Tenure sends a signed JSON POST out: HTTP callouts, HR write-back and the HR webhook
 * connection test all go through `sendSignedPost`, so they sign, time out and refuse redirects
 * alike; callouts and write-back read the answer with `answerKind` and `retryFailure`, so they
 * retry the same answers and honour Retry-After the same way. (The connection test reads its
 * answer its own way: a 400 to its test document is a healthy receiver.)
 *
 * - The body is signed as `signing.ts` describes; the caller passes the exact text it sends.
 * - Redirects are never followed: a signed body must not go somewhere else.
 * - The headers Tenure sets come after the connection's own, so a connection cannot replace them;
 *   each caller's headers keep the place on the wire they have always had.
 * - Network trouble (no answer in time, an unreachable host) is thrown as fetch throws it; each
 *   caller says what it means for its step.
 */
import { ApplicationFailure } from '@temporalio/common';
import { retryAfterMs } from '../retryAfter.ts';
import { signatureHeaders } from './signing.ts';

export interface SignedPost {
  url: string | URL;
  /** The JSON text sent and signed. */
  body: string;
  signingSecret: string;
  idempotencyKey: string;
  timeoutMs: number;
  /** The connection's headers (and a callout's secret headers), sent first. */
  headers: Readonly<Record<string, string>>;
  /** Headers that mark this kind of POST (the connection test's `x-tenure-test`). */
  marks?: Readonly<Record<string, string>>;
  /** Credentials Tenure sets from the connection's secrets (a write-back's bearer token). */
  credentials?: Readonly<Record<string, string>>;
}

export function sendSignedPost(post: SignedPost): Promise<Response> {
  return fetch(post.url, {
    method: 'POST',
    body: post.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(post.timeoutMs),
    headers: {
      ...post.headers,
      'content-type': 'application/json',
      accept: 'application/json',
      'user-agent': 'Tenure',
      ...post.marks,
      'idempotency-key': post.idempotencyKey,
      ...post.credentials,
      ...signatureHeaders(post.signingSecret, post.body),
    },
  });
}

/**
 * What an answer to a signed POST means: 2xx is done; 408, 429 and 5xx may pass, so they are
 * retried; a redirect needs the connection's URL changed; any other answer needs a person.
 */
export type AnswerKind = 'done' | 'retry' | 'redirect' | 'refused';

export function answerKind(status: number): AnswerKind {
  if (status >= 200 && status < 300) return 'done';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  if (status >= 300 && status < 400) return 'redirect';
  return 'refused';
}

/**
 * The retryable failure for a `retry` answer, waiting what its Retry-After asks for when it sends
 * one. `asker` names the receiver in the message ("the service", "it").
 */
export function retryFailure(res: Response, message: string, type: string, asker: string): ApplicationFailure {
  const delay = retryAfterMs(res.headers.get('retry-after'));
  return ApplicationFailure.create({
    message: `${message}; retrying${delay !== undefined ? ` after ${Math.ceil(delay / 1000)} s as ${asker} asked` : ''}`,
    type,
    nonRetryable: false,
    ...(delay !== undefined ? { nextRetryDelay: delay } : {}),
  });
}
