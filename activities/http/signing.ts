/**
 * Request signing for everything Tenure sends out (HTTP callouts, HR write-back webhooks), so a
 * receiver can tell a request came from this Tenure and was not replayed long after:
 * `X-Tenure-Signature: v1=<hex HMAC-SHA256(secret, `${timestamp}.${body}`)>` with
 * `X-Tenure-Timestamp` (Unix seconds) — the same format HR sources sign their requests to Tenure with. Receivers recompute it over the raw body, compare in
 * constant time and refuse old timestamps (five minutes is the usual window).
 */
import { createHmac } from 'node:crypto';

export const timestampHeader = 'x-tenure-timestamp';
export const signatureHeader = 'x-tenure-signature';

export function signatureHeaders(secret: string, body: string, now: Date = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return { [timestampHeader]: timestamp, [signatureHeader]: `v1=${mac}` };
}
