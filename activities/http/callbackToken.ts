/**
 * Callback tokens: the last path segment of a launch-and-wait step's callback URL. A token names
 * the run's workflow and the callback it answers, carries its expiry (the step's deadline) and is
 * signed with the server's callback key (HMAC-SHA256), so it is the only credential a receiver
 * needs and cannot be altered to reach another run. The server keeps used tokens: each is good once.
 *
 *   token = base64url(JSON claims) "." base64url(HMAC(key, "tenure-callback." + claims part))
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

const claimsSchema = z.strictObject({
  v: z.literal(1),
  /** Workflow id of the run (`run:<runId>`). */
  w: z.string().min(1).max(300),
  /** Callback id the step waits for. */
  c: z.string().min(1).max(200),
  /** Expiry, Unix seconds. */
  e: z.number().int().positive(),
});

export interface CallbackClaims {
  workflowId: string;
  callbackId: string;
  expiresAt: Date;
}

export type TokenCheck =
  | { ok: true; claims: CallbackClaims }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired'; message: string; claims?: CallbackClaims };

const mac = (key: Uint8Array, claimsPart: string) => createHmac('sha256', key).update(`tenure-callback.${claimsPart}`).digest();

export function issueCallbackToken(key: Uint8Array, claims: CallbackClaims): string {
  const claimsPart = Buffer.from(JSON.stringify({ v: 1, w: claims.workflowId, c: claims.callbackId, e: Math.floor(claims.expiresAt.getTime() / 1000) })).toString('base64url');
  return `${claimsPart}.${mac(key, claimsPart).toString('base64url')}`;
}

export function verifyCallbackToken(key: Uint8Array, token: string, now: Date = new Date()): TokenCheck {
  const parts = token.split('.');
  const [claimsPart, signaturePart] = parts;
  if (parts.length !== 2 || claimsPart === undefined || signaturePart === undefined || !/^[A-Za-z0-9_-]+$/.test(claimsPart) || !/^[A-Za-z0-9_-]+$/.test(signaturePart)) {
    return { ok: false, reason: 'malformed', message: 'the callback token is not in the form Tenure issues; use the callbackUrl exactly as received' };
  }
  const given = Buffer.from(signaturePart, 'base64url');
  const expected = mac(key, claimsPart);
  // Length first: timingSafeEqual needs equal lengths, and a wrong length reveals nothing secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'signature', message: 'the callback token is not valid (its signature does not match); use the callbackUrl exactly as received' };
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(claimsPart, 'base64url').toString('utf8'));
  } catch (error) {
    return { ok: false, reason: 'malformed', message: `the callback token's claims cannot be read (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = claimsSchema.safeParse(decoded);
  if (!parsed.success) return { ok: false, reason: 'malformed', message: "the callback token's claims are not in the form Tenure issues" };
  const claims = { workflowId: parsed.data.w, callbackId: parsed.data.c, expiresAt: new Date(parsed.data.e * 1000) };
  if (claims.expiresAt.getTime() <= now.getTime()) {
    return { ok: false, reason: 'expired', message: `the callback expired at ${claims.expiresAt.toISOString()}; the step no longer waits for it`, claims };
  }
  return { ok: true, claims };
}
