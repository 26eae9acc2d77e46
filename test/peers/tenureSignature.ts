/**
 * How a receiver checks a request Tenure signed (HTTP callouts, HR write-back), written
 * independently of Tenure's signing code: `X-Tenure-Signature: v1=<hex>` is HMAC-SHA256 over
 * `${X-Tenure-Timestamp}.${raw body}` with the shared secret, compared in constant time, and the
 * timestamp is at most five minutes away.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export function tenureSignatureValid(secret: string, headers: IncomingHttpHeaders, raw: string): boolean {
  const timestamp = headers['x-tenure-timestamp'];
  const signature = headers['x-tenure-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string' || !/^v1=[0-9a-f]{64}$/.test(signature)) return false;
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest();
  const given = Buffer.from(signature.slice('v1='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
