/**
 * The http stage of the HR webhook connection test. HR write-back receivers are usually POST-only:
 * many answer OPTIONS with 405 or 501, which says nothing about whether write-back will work. So
 * the test sends what write-back sends — a signed POST with the connection's headers and bearer
 * token — carrying a test document that names itself as one (`"test": true`, header
 * `X-Tenure-Test: 1`) and holds no employee and no attributes, so a receiver records nothing.
 *
 * The answer is read the way write-back reads it: 2xx is healthy; 400 or 422 is healthy too (the
 * receiver checked the signature and refused the test document, as a validating receiver does);
 * 401 or 403 means the signature or token is refused; 404, 405 and 501 mean nothing takes POSTs at
 * that URL; a redirect or a 5xx is a failure. Details never contain a secret.
 */
import type { TestStep } from '../connections.ts';
import type { HttpStage } from '../http/probe.ts';
import { sendSignedPost } from '../http/signedPost.ts';
import { redactSecrets, type HrSecrets, type HrWebhookConfig, type WebhookSecrets } from './settings.ts';
import { bearerOf } from './webhook.ts';

/** The test document: recognisably a test, about nobody. */
export const connectionTestDocument = { test: true, purpose: 'Tenure connection test: record nothing', employeeId: null, attributes: {} } as const;

export function signedPostStage(config: HrWebhookConfig, secrets: WebhookSecrets, allSecrets: HrSecrets): HttpStage {
  return async (url, timeoutMs) => {
    const body = JSON.stringify(connectionTestDocument);
    const res = await sendSignedPost({
      url,
      body,
      signingSecret: secrets.signingSecret,
      idempotencyKey: `connection-test:${new Date().toISOString()}`,
      timeoutMs,
      headers: config.headers,
      marks: { 'x-tenure-test': '1' },
      credentials: bearerOf(secrets),
    });
    await res.body?.cancel();
    return readAnswer(res.status, res.headers.get('location'), (text) => redactSecrets(allSecrets, text));
  };
}

function readAnswer(status: number, location: string | null, redact: (text: string) => string): TestStep {
  const answered = `HTTP ${status} to a signed test POST`;
  if (status >= 200 && status < 300) return { step: 'http', ok: true, detail: `the receiver accepts signed POSTs (${answered})` };
  if (status === 400 || status === 422) {
    return { step: 'http', ok: true, detail: `the receiver takes signed POSTs and refused the test document, which holds no employee (${answered})` };
  }
  if (status === 401 || status === 403) {
    return { step: 'http', ok: false, detail: `the receiver refused the signature or the token (${answered}): check the connection's signing secret and bearer token with the HR system's owner` };
  }
  if (status === 404 || status === 405 || status === 501) {
    return { step: 'http', ok: false, detail: `nothing takes POSTs at this URL (${answered}): set the connection's url to the HR system's write-back endpoint` };
  }
  if (status >= 300 && status < 400) {
    return { step: 'http', ok: false, detail: `the receiver redirects (${answered}) to ${redact(location ?? '(no location)')}: set the connection's url to the final address; signed documents are never sent on` };
  }
  if (status >= 500) return { step: 'http', ok: false, detail: `the receiver is failing (${answered}); ask its owner` };
  return { step: 'http', ok: false, detail: `the receiver answered ${answered}, which write-back would not count as delivered; ask its owner` };
}
