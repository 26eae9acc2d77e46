/**
 * Request signing for callouts, so a receiver can tell a request came from this Tenure and was not
 * replayed long after: `X-Tenure-Signature: sha256=<hex HMAC-SHA256(secret, `${timestamp}.${body}`)>`
 * with `X-Tenure-Timestamp` (Unix seconds). Receivers recompute it over the raw body, compare in
 * constant time and refuse old timestamps (five minutes is the usual window).
 */
import { createHmac } from 'node:crypto';

export const timestampHeader = 'x-tenure-timestamp';
export const signatureHeader = 'x-tenure-signature';

export function signatureHeaders(secret: string, body: string, now: Date = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return { [timestampHeader]: timestamp, [signatureHeader]: `sha256=${mac}` };
}
