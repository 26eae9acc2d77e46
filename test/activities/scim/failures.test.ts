/**
 * How SCIM answers map to Temporal failures. scim2-server never throttles, so throttling and
 * unavailability are checked here on the mapping itself, with the headers an app would send.
 */
import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../../activities/retryAfter.ts';
import { answerFailure } from '../../../activities/scim/failures.ts';

const error = (status: number, scimType?: string, detail?: string) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), ...(scimType ? { scimType } : {}), ...(detail ? { detail } : {}) });

describe('scim failures', () => {
  it('retries 429 and 503 after the delay Retry-After asks for', () => {
    const throttled = answerFailure({ status: 429, headers: new Headers({ 'retry-after': '7' }), body: error(429) }, 'creating the user');
    expect(throttled).toMatchObject({ nonRetryable: false, type: 'ScimThrottled', nextRetryDelay: 7000 });

    const now = Date.now();
    const when = new Date(Math.ceil((now + 30_000) / 1000) * 1000).toUTCString();
    expect(retryAfterMs(when, now)).toBeGreaterThan(29_000);
    const unavailable = answerFailure({ status: 503, headers: new Headers({ 'retry-after': when }), body: undefined }, 'creating the user');
    expect(unavailable).toMatchObject({ nonRetryable: false, type: 'ScimUnavailable' });
    expect(Number(unavailable.nextRetryDelay)).toBeGreaterThan(25_000);

    const noHint = answerFailure({ status: 502, headers: new Headers(), body: undefined }, 'creating the user');
    expect(noHint).toMatchObject({ nonRetryable: false, type: 'ScimServerError' });
    expect(noHint.nextRetryDelay).toBeUndefined();
  });

  it('does not retry a 400, and quotes its scimType and detail with what to check', () => {
    const f = answerFailure({ status: 400, headers: new Headers(), body: error(400, 'invalidValue', 'emails.value must be an address') }, 'creating the user with externalId "E1"');
    expect(f.nonRetryable).toBe(true);
    expect(f.type).toBe('ScimInvalidRequest');
    expect(f.message).toBe('creating the user with externalId "E1" was refused by the app (400, invalidValue: emails.value must be an address); a value does not fit the app’s schema: check the step’s parameters');
    expect(answerFailure({ status: 400, headers: new Headers(), body: error(400, 'mutability', 'id is read-only') }, 'x').message).toContain('(400, mutability: id is read-only); the app does not allow changing that attribute');
    expect(answerFailure({ status: 400, headers: new Headers(), body: error(400, 'uniqueness') }, 'x').message).toContain('uniqueness');
  });

  it('does not retry refused credentials, and removes a credential the app echoes', () => {
    const f = answerFailure({ status: 401, headers: new Headers(), body: error(401, undefined, 'token s3cr3t-token is expired') }, 'listing users', (t) => t.replaceAll('s3cr3t-token', '[redacted]'));
    expect(f).toMatchObject({ nonRetryable: true, type: 'ScimUnauthorized' });
    expect(f.message).not.toContain('s3cr3t-token');
    expect(f.message).toContain('token [redacted] is expired');
    expect(answerFailure({ status: 403, headers: new Headers(), body: undefined }, 'x')).toMatchObject({ nonRetryable: true, type: 'ScimForbidden' });
  });
});
