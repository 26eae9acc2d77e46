/**
 * One signed JSON POST to a callout connection, with its failures mapped for Temporal: network
 * errors, timeouts, 408, 429 and 5xx are retried (after the service's Retry-After when it sends
 * one); other 4xx answers and redirects need someone to change the request or the connection, so
 * they fail at once. Redirects are not followed: a signed body must not go somewhere else.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Connection } from '../connections.ts';
import { withinLimits } from '../limits.ts';
import type { HttpConfig, HttpSecrets } from './connector.ts';
import { answerKind, retryFailure, sendSignedPost } from './signedPost.ts';

/** Answers larger than this are not kept in the step's output (it lives in the run's history). */
export const maxKeptResponseBytes = 256 * 1024;

export interface CalloutAnswer {
  status: number;
  response?: unknown;
}

const causeOf = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code: unknown = Reflect.get(cause, 'code');
    return `${cause.message}${typeof code === 'string' && !cause.message.includes(code) ? ` (${code})` : ''}`;
  }
  return error.message;
};

async function readAnswer(res: Response): Promise<unknown> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxKeptResponseBytes) {
    await res.body?.cancel();
    return undefined;
  }
  const text = await res.text();
  if (text === '' || Buffer.byteLength(text) > maxKeptResponseBytes) return undefined;
  if (!/\bjson\b/i.test(res.headers.get('content-type') ?? '')) return text;
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch (error) {
    // The service said JSON but sent something else: keep its words, they help whoever reads the run.
    return `${text.slice(0, 2000)} (not valid JSON: ${error instanceof Error ? error.message : String(error)})`;
  }
}

export async function postSigned(connection: Connection<HttpConfig, HttpSecrets>, body: string, idempotencyKey: string): Promise<CalloutAnswer> {
  const { config, secrets } = connection;
  const where = `POST ${config.url}`;
  return withinLimits(connection.id, connection.version, config.limits, async () => {
    let res: Response;
    try {
      res = await sendSignedPost({
        url: config.url,
        body,
        signingSecret: secrets.signingSecret,
        idempotencyKey,
        timeoutMs: config.timeoutSeconds * 1000,
        headers: { ...config.headers, ...secrets.headers },
      });
    } catch (error) {
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        throw ApplicationFailure.retryable(`${where}: no answer within ${config.timeoutSeconds} s; retrying`, 'HttpTimeout');
      }
      throw ApplicationFailure.retryable(`${where}: the service could not be reached: ${causeOf(error)}; retrying`, 'HttpUnavailable');
    }
    const status = res.status;
    const kind = answerKind(status);
    if (kind === 'done') {
      const response = await readAnswer(res);
      return response === undefined ? { status } : { status, response };
    }
    const answer = await readAnswer(res);
    const said = typeof answer === 'string' ? answer.slice(0, 500) : answer === undefined ? '' : JSON.stringify(answer).slice(0, 500);
    const text = `${where} answered HTTP ${status}${said !== '' ? `: ${said}` : ''}`;
    if (kind === 'redirect') {
      throw ApplicationFailure.nonRetryable(`${text}; it redirects to ${res.headers.get('location') ?? '(no location)'}: set the connection's URL to the final address`, 'HttpRedirect');
    }
    if (kind === 'retry') throw retryFailure(res, text, status === 429 ? 'HttpThrottled' : 'HttpUnavailable', 'the service');
    const hint = status === 401 || status === 403 ? "check the connection's credential headers and signing secret" : 'check the step\'s payload and the connection';
    throw ApplicationFailure.nonRetryable(`${text}; ${hint}`, 'HttpRejected');
  });
}
