/**
 * Approve and reject links in approval emails. A token names one approval, one stage, one approver
 * and one decision, expires, and carries a nonce the server marks used on first use (single use);
 * it is HMAC-SHA256 signed with a key derived from the server's secret key, so it works without
 * logging in but cannot be altered or forged. The approve and reject links of one email share their
 * nonce: using either spends both.
 *
 * The token is readable (base64url JSON): it holds ids, never a secret.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export interface LinkClaims {
  approvalId: string;
  userId: string;
  /** The stage (1-based) the link decides. */
  stage: number;
  decision: 'approve' | 'reject';
  /** Milliseconds since the epoch. */
  expiresAt: number;
  nonce: string;
}

const wire = z.strictObject({
  v: z.literal(1),
  a: z.string().min(3).max(400),
  u: z.string().min(1).max(200),
  s: z.number().int().min(1).max(100),
  d: z.enum(['approve', 'reject']),
  x: z.number().int().positive(),
  n: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});

const mac = (key: Uint8Array, payload: string) => createHmac('sha256', key).update(`tenure:approval-link:v1:${payload}`).digest();

export function signLink(key: Uint8Array, claims: LinkClaims): string {
  const payload = Buffer.from(
    JSON.stringify({ v: 1, a: claims.approvalId, u: claims.userId, s: claims.stage, d: claims.decision, x: claims.expiresAt, n: claims.nonce } satisfies z.infer<typeof wire>),
  ).toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/** A deterministic nonce for one notice to one approver, so a retried send produces the same links. */
export function linkNonce(key: Uint8Array, noticeKey: string, userId: string): string {
  return createHmac('sha256', key).update(`tenure:approval-link-nonce:v1:${noticeKey}:${userId}`).digest().subarray(0, 18).toString('base64url');
}

export type LinkCheck =
  | { ok: true; claims: LinkClaims }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired'; message: string; claimedApproval?: string };

/** The approval a token claims to be for, unverified: only for the audit log of a refused token. */
function claimedApproval(payload: string): string | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const a: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, 'a') : undefined;
    return typeof a === 'string' ? a.slice(0, 400) : undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

export function verifyLink(key: Uint8Array, token: string, now: Date): LinkCheck {
  const parts = token.split('.');
  const [payload, signature] = parts;
  if (parts.length !== 2 || payload === undefined || signature === undefined || !/^[A-Za-z0-9_-]+$/.test(payload) || !/^[A-Za-z0-9_-]+$/.test(signature)) {
    return { ok: false, reason: 'malformed', message: 'this is not an approval link Tenure sent (the token is malformed)' };
  }
  const claimed = claimedApproval(payload);
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'signature', message: 'this approval link has been altered or was not issued by this Tenure', ...(claimed !== undefined ? { claimedApproval: claimed } : {}) };
  }
  let parsed: z.ZodSafeParseResult<z.infer<typeof wire>>;
  try {
    parsed = wire.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return { ok: false, reason: 'malformed', message: 'this approval link cannot be read' };
  }
  if (!parsed.success) return { ok: false, reason: 'malformed', message: 'this approval link cannot be read' };
  const w = parsed.data;
  if (w.x <= now.getTime()) {
    return { ok: false, reason: 'expired', message: `this approval link expired at ${new Date(w.x).toISOString()}; decide in the Tenure inbox instead`, claimedApproval: w.a };
  }
  return { ok: true, claims: { approvalId: w.a, userId: w.u, stage: w.s, decision: w.d, expiresAt: w.x, nonce: w.n } };
}
