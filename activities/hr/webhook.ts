/**
 * Webhook write-back: one signed JSON POST of `{ employeeId, attributes, runId, nodeId }` to the HR
 * system's endpoint.
 *
 * - Signed so the HR system knows it came from this Tenure and was not replayed later:
 *   `X-Tenure-Signature: v1=<hex HMAC-SHA256(secret, `${X-Tenure-Timestamp}.${raw body}`)>`.
 * - `Idempotency-Key: <runId>:<nodeId>`, and a body built only from the step's input in a fixed
 *   order, so a retried activity sends the same key with the same document and the HR system can
 *   drop the repeat.
 * - 2xx is done; 408, 429, 5xx, timeouts and unreachable hosts are retried (after Retry-After when
 *   the HR system sends one); any other answer needs a person, so it fails at once with the HR
 *   system's own message, shortened and with every connection secret removed. Redirects are not
 *   followed: a signed document must not go somewhere else.
 */
import { ApplicationFailure } from '@temporalio/common';
import { answerKind, retryFailure, sendSignedPost } from '../http/signedPost.ts';
import { withinLimits } from '../limits.ts';
import { networkReason } from '../scim/failures.ts';
import { redactSecrets, type HrSecrets, type HrWebhookConfig, type WebhookSecrets } from './settings.ts';

/** How much of the HR system's answer a failure quotes. */
const quotedChars = 300;

export interface WriteBackDocument {
  employeeId: string;
  attributes: Record<string, string>;
  runId: string;
  nodeId: string;
}

export const idempotencyKeyOf = (runId: string, nodeId: string) => `${runId}:${nodeId}`;

/** The bearer token the HR system may ask for besides the signature. */
export const bearerOf = (secrets: WebhookSecrets): Record<string, string> => (secrets.bearerToken !== undefined ? { authorization: `Bearer ${secrets.bearerToken}` } : {});

/** The message an HR system put in its error answer: a JSON `message`/`error`/`detail`, or the text. */
function messageOf(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null) {
      for (const key of ['message', 'error_description', 'error', 'detail', 'title']) {
        const value: unknown = Reflect.get(body, key);
        if (typeof value === 'string' && value !== '') return value;
      }
    }
  } catch (error) {
    // Not JSON: the text itself is the message (the parse error says nothing useful).
    if (!(error instanceof SyntaxError)) throw error;
  }
  return text;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > quotedChars ? `${flat.slice(0, quotedChars)}…` : flat;
}

export async function postWriteBack(
  connectionId: string,
  version: number,
  config: HrWebhookConfig,
  secrets: WebhookSecrets,
  allSecrets: HrSecrets,
  document: WriteBackDocument,
): Promise<{ status: number }> {
  const body = JSON.stringify(document);
  const where = `writing back employee ${JSON.stringify(document.employeeId)} to ${config.url}`;
  const redact = (text: string) => redactSecrets(allSecrets, text);
  return withinLimits(connectionId, version, config.limits, async () => {
    let res: Response;
    let text: string;
    try {
      res = await sendSignedPost({
        url: config.url,
        body,
        signingSecret: secrets.signingSecret,
        idempotencyKey: idempotencyKeyOf(document.runId, document.nodeId),
        timeoutMs: config.timeoutSeconds * 1000,
        headers: config.headers,
        credentials: bearerOf(secrets),
      });
      text = await res.text();
    } catch (error) {
      const reason = networkReason(error) === 'no answer in time' ? `no answer within ${config.timeoutSeconds} s` : `the HR system could not be reached (${redact(networkReason(error))})`;
      throw ApplicationFailure.retryable(`${where}: ${reason}; retrying`, 'HrUnavailable');
    }
    const status = res.status;
    const kind = answerKind(status);
    if (kind === 'done') return { status };
    const said = text === '' ? '' : `: ${redact(shorten(messageOf(text)))}`;
    const answered = `${where}: the HR system answered HTTP ${status}${said}`;
    if (kind === 'retry') throw retryFailure(res, answered, status === 429 ? 'HrThrottled' : 'HrUnavailable', 'it');
    if (kind === 'redirect') {
      throw ApplicationFailure.nonRetryable(`${answered}; it redirects to ${res.headers.get('location') ?? '(no location)'}: set the connection's url to the final address`, 'HrRedirect');
    }
    const hint =
      status === 401 || status === 403 ? "check the connection's signing secret and bearer token with the HR system's owner" : "check the step's employee id and values, and the connection's url";
    throw ApplicationFailure.nonRetryable(`${answered}; ${hint}`, 'HrRejected');
  });
}
