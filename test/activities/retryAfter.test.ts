/**
 * The one Retry-After reading every connector uses (RFC 9110 §10.2.3): delay-seconds or an
 * HTTP-date, in milliseconds, never above the documented cap, and nothing for a value that is
 * neither.
 */
import { describe, expect, it } from 'vitest';
import { maxRetryAfterMs, retryAfterMs } from '../../activities/retryAfter.ts';

const now = Date.parse('2026-03-01T12:00:00Z');

describe('Retry-After', () => {
  it('reads delay-seconds as that many seconds, in milliseconds', () => {
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('0', now)).toBe(0);
    expect(retryAfterMs('120', now)).toBe(120_000);
  });

  it('reads an HTTP-date in the future as the time until then', () => {
    expect(retryAfterMs('Sun, 01 Mar 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
  });

  it('accepts the obsolete RFC 850 and asctime date forms, asctime as UTC', () => {
    expect(retryAfterMs('Sunday, 01-Mar-26 12:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('Sun Mar  1 12:02:00 2026', now)).toBe(120_000);
  });

  it('reads an HTTP-date already past as retry now', () => {
    expect(retryAfterMs('Sun, 01 Mar 2026 11:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs('Sun, 06 Nov 1994 08:49:37 GMT', now)).toBe(0);
  });

  it('ignores values that are neither delay-seconds nor an HTTP-date', () => {
    for (const value of ['soon', '1.5', '7s', '0x10', '1e3', '2026-03-01T12:00:30Z', 'Sun, 01 Mar 2026 12:00:30', 'Sun, 32 Foo 2026 12:00:30 GMT', 'garbage 2026']) {
      expect(retryAfterMs(value, now), value).toBeUndefined();
    }
  });

  it('ignores a negative delay', () => {
    expect(retryAfterMs('-5', now)).toBeUndefined();
    expect(retryAfterMs('-0', now)).toBeUndefined();
  });

  it('caps a wait beyond an hour at an hour, for seconds and for dates', () => {
    expect(maxRetryAfterMs).toBe(3_600_000);
    expect(retryAfterMs('3600', now)).toBe(maxRetryAfterMs);
    expect(retryAfterMs('86400', now)).toBe(maxRetryAfterMs);
    expect(retryAfterMs('9'.repeat(400), now)).toBe(maxRetryAfterMs);
    expect(retryAfterMs('Mon, 02 Mar 2026 12:00:00 GMT', now)).toBe(maxRetryAfterMs);
  });

  it('ignores surrounding whitespace, and reads an absent or empty header as no ask', () => {
    expect(retryAfterMs('  7 \t', now)).toBe(7000);
    expect(retryAfterMs(' Sun, 01 Mar 2026 12:00:30 GMT ', now)).toBe(30_000);
    expect(retryAfterMs('', now)).toBeUndefined();
    expect(retryAfterMs('   ', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
    expect(retryAfterMs('7 7', now)).toBeUndefined();
  });
});
