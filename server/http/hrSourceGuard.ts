/**
 * HR source integrity (issue #7 §3) for the routes through which HR data enters: one event, SCIM
 * bulk and CSV imports. For a caller holding the hr-source role whose settings were saved
 * (PUT /api/hr-sources/:id), in this order, each refusal audited and before anything is delivered:
 *
 * 1. IP allow-list: `request.ip` (the socket address; proxies count only when trustProxy is set) → 403.
 * 2. Rate limit per source (requests per minute) → 429 with Retry-After.
 * 3. Signature: `X-Tenure-Timestamp: <unix seconds>` and `X-Tenure-Signature: v1=<hex>` (several
 *    v1= values during a secret rotation), the hex an HMAC-SHA256 with the source's secret over
 *    `<timestamp>.<raw body bytes>`. Outside ±window → 401 signature_expired; no match → 401
 *    bad_signature; the same signed request again inside the window → 409 replayed; no signature
 *    while one is required → 401 signature_required.
 *
 * The HMAC runs over the bytes as they arrive (a pass-through stream in preParsing), whatever the
 * content type (JSON, SCIM JSON, CSV), so parsing can never change what was signed; it is compared
 * in preValidation, once the body is read and before the route's schema or handler sees it.
 * Hooks are keyed on the route URL so the HR routes themselves stay unaware of this. They rely on
 * server/http/auth.ts knowing the caller by the end of onRequest, before any body byte is read.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv6 } from 'node:net';
import { pipeline, Transform } from 'node:stream';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../db/audit.ts';
import type { Queryable } from '../db/database.ts';
import type { HrSourceStore } from '../db/hrSources.ts';
import { ApiError } from './errors.ts';

export const guardedRoutes: ReadonlySet<string> = new Set(['POST /api/hr/events', 'POST /api/inbound/scim/bulkUpload', 'POST /api/hr/imports']);
export const defaultSignatureWindowSeconds = 300;

interface Verification {
  hmac: ReturnType<typeof createHmac>;
  /** The v1= values the sender offered. */
  offered: Buffer[];
  /** Set once the signature is verified and recorded: released again if the request then fails with 5xx. */
  claimed?: string;
}

interface GuardState {
  source: string;
  ratePerMinute: number | null;
  verification?: Verification;
}

declare module 'fastify' {
  interface FastifyRequest {
    hrSourceGuard: GuardState | undefined;
  }
}

export interface HrSourceGuardDeps {
  db: Queryable;
  hrSources: HrSourceStore;
  /** Accepted clock difference either way, in seconds (TENURE_HR_SIGNATURE_WINDOW_SECONDS). */
  windowSeconds?: number | undefined;
}

const routeKey = (request: FastifyRequest) => `${request.method} ${request.routeOptions.url ?? ''}`;
const familyOf = (address: string) => (isIPv6(address) ? 'ipv6' : 'ipv4');

/** Whether `ip` lies in one of the CIDR blocks (IPv4 blocks also match IPv4-mapped IPv6 addresses). */
export function ipAllowed(cidrs: readonly string[], ip: string): boolean {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network = '', prefix = ''] = cidr.split('/');
    list.addSubnet(network, Number(prefix), familyOf(network));
  }
  return list.check(ip, familyOf(ip));
}

const headerValue = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

export function registerHrSourceGuard(app: FastifyInstance, deps: HrSourceGuardDeps): void {
  const windowSeconds = deps.windowSeconds ?? defaultSignatureWindowSeconds;
  if (!app.hasDecorator('createRateLimit')) {
    throw new Error('the HR source guard needs @fastify/rate-limit: call registerHardening(app) before registerHrSourceGuard(app)');
  }
  // createRateLimit rather than rateLimit(): it answers with a verdict instead of throwing its own
  // error, so the refusal is audited and answered like the others, and it is not skipped when another
  // limiter already ran on the same request (rateLimit() handlers share one "ran" flag).
  const limiter = app.createRateLimit({
    timeWindow: 60_000,
    keyGenerator: (request) => `hr-source:${request.hrSourceGuard?.source ?? ''}`,
    max: (request) => request.hrSourceGuard?.ratePerMinute ?? Number.MAX_SAFE_INTEGER,
  });

  async function refuse(request: FastifyRequest, source: string, status: number, code: string, message: string): Promise<never> {
    await audit(deps.db, { actor: request.caller?.id ?? source, action: 'hr-source.refused', targetType: 'hr-source', targetId: source, details: { reason: code, ip: request.ip, route: routeKey(request) } });
    throw new ApiError(status, code, message);
  }

  app.decorateRequest('hrSourceGuard', undefined);

  app.addHook('preParsing', async (request, reply, payload) => {
    const caller = request.caller;
    if (!caller?.roles.includes('hr-source') || !guardedRoutes.has(routeKey(request))) return payload;
    const settings = await deps.hrSources.settingsFor(caller.id);
    if (!settings) return payload;
    const source = settings.id;
    const state: GuardState = { source, ratePerMinute: settings.ratePerMinute };
    request.hrSourceGuard = state;

    if (settings.allowedIps.length > 0 && !ipAllowed(settings.allowedIps, request.ip)) {
      return refuse(request, source, 403, 'ip_not_allowed', `HR source "${source}" may not call from ${request.ip}; an admin can add the address to its allowedIps (PUT /api/hr-sources/${source})`);
    }

    if (settings.ratePerMinute !== null) {
      const verdict = await limiter(request);
      if (!verdict.isAllowed && verdict.isExceeded) {
        void reply.header('retry-after', String(Math.max(1, verdict.ttlInSeconds)));
        return refuse(request, source, 429, 'rate_limited', `HR source "${source}" is limited to ${settings.ratePerMinute} requests per minute; retry after ${verdict.ttlInSeconds} s`);
      }
    }

    const timestamp = headerValue(request, 'x-tenure-timestamp');
    const signature = headerValue(request, 'x-tenure-signature');
    if (timestamp === undefined && signature === undefined) {
      if (settings.requireSignature) return refuse(request, source, 401, 'signature_required', `HR source "${source}" must sign its requests: send X-Tenure-Timestamp and X-Tenure-Signature (see docs/hr-signing.md)`);
      return payload;
    }
    if (settings.signingSecret === undefined) {
      return refuse(request, source, 401, 'bad_signature', `the request is signed, but HR source "${source}" has no signing secret; an admin sets one with PUT /api/hr-sources/${source}`);
    }
    if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp.trim())) {
      return refuse(request, source, 401, 'bad_signature', 'X-Tenure-Timestamp must be the signing time in unix seconds, e.g. 1767225600');
    }
    const skew = Number(timestamp.trim()) - Math.floor(Date.now() / 1000);
    if (Math.abs(skew) > windowSeconds) {
      const when = skew < 0 ? `${-skew} s in the past` : `${skew} s in the future`;
      return refuse(request, source, 401, 'signature_expired', `the signature timestamp is ${when}; requests are accepted within ±${windowSeconds} s: sign each request (again) when sending it, and check the sender's clock`);
    }
    const offered = (signature ?? '')
      .split(',')
      .map((part) => /^v1=([0-9a-fA-F]{64})$/.exec(part.trim())?.[1])
      .filter((hex) => hex !== undefined)
      .map((hex) => Buffer.from(hex, 'hex'));
    if (offered.length === 0) {
      return refuse(request, source, 401, 'bad_signature', 'X-Tenure-Signature must carry v1=<64 hex characters of HMAC-SHA256> (comma-separated when several)');
    }

    const hmac = createHmac('sha256', settings.signingSecret).update(`${timestamp.trim()}.`);
    state.verification = { hmac, offered };
    const tap = new Transform({
      transform(chunk: Buffer | string, _encoding, done) {
        hmac.update(chunk);
        done(null, chunk);
      },
    });
    // pipeline passes a read error on to the tap, which the body parser reports as a 400.
    pipeline(payload, tap, (error) => {
      if (error) request.log.debug({ err: error }, 'HR request body ended with an error');
    });
    return tap;
  });

  app.addHook('preValidation', async (request) => {
    const state = request.hrSourceGuard;
    const verification = state?.verification;
    if (!state || !verification) return;
    const expected = verification.hmac.digest();
    // Every offered value is compared, in constant time, so the answer does not tell which one came close.
    const matched = verification.offered.map((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected)).includes(true);
    if (!matched) {
      await refuse(request, state.source, 401, 'bad_signature', `the signature does not match the request: sign "<timestamp>.<body bytes as sent>" with HMAC-SHA256 and HR source "${state.source}"'s secret (see docs/hr-signing.md)`);
    }
    const digest = createHash('sha256').update(expected).digest('hex');
    if (!(await deps.hrSources.claimSignature(state.source, digest, windowSeconds))) {
      await refuse(request, state.source, 409, 'replayed', 'this signed request was already received; a new request needs a new timestamp and signature');
    }
    verification.claimed = digest;
  });

  app.addHook('onResponse', async (request, reply) => {
    const state = request.hrSourceGuard;
    const claimed = state?.verification?.claimed;
    if (state && claimed !== undefined && reply.statusCode >= 500) await deps.hrSources.releaseSignature(state.source, claimed);
  });
}
