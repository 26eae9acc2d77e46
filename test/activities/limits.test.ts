/**
 * The per-connection limiter: a token bucket for the rate (a quiet target takes a burst at once,
 * then calls wait for tokens) and a cap on calls in flight. Each test uses a connection id of its
 * own, as limiters are kept per connection for the life of the worker.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { adConfig } from '../../activities/ad/connector.ts';
import { entraConfig } from '../../activities/entra/connector.ts';
import { limitsSchema, withinLimits } from '../../activities/limits.ts';
import { ldapConfig } from '../../activities/ldap/connector.ts';
import { scimConfigSchema } from '../../activities/scim/settings.ts';

/** A call that records when it started and finishes when released. */
function gate() {
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => (release = r));
  let started = false;
  return {
    fn: async () => {
      started = true;
      await released;
      return 'done';
    },
    started: () => started,
    release: () => release(),
  };
}

/** Lets the limiter hand out what it can now (it schedules on timers, so a few timer turns). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await nextTurn(1);
}

/** Waits, turn by turn, until `ok` holds. */
async function until(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (ok()) return;
    await nextTurn(1);
  }
  throw new Error(`never: ${what}`);
}

describe('connection limits', () => {
  it('gives each kind of target defaults of its own: directories take hundreds of calls a second, Graph limits writes apart from lookups', () => {
    const ad = adConfig.parse({ url: 'ldaps://dc.example.com', baseDn: 'DC=example,DC=com' });
    const ldap = ldapConfig.parse({ url: 'ldaps://ldap.example.com', baseDn: 'dc=example,dc=com' });
    expect(ad.limits).toEqual({ maxConcurrent: 8, perSecond: 200 });
    expect(ldap.limits).toEqual({ maxConcurrent: 8, perSecond: 200 });
    const entra = entraConfig.parse({ tenantId: 'contoso.onmicrosoft.com', clientId: '00000000-0000-0000-0000-000000000001' });
    expect(entra.limits).toEqual({ maxConcurrent: 8, perSecond: 100 });
    expect(entra.writesPerSecond).toBe(20);
    expect(scimConfigSchema.shape.limits.parse(undefined)).toEqual({ maxConcurrent: 4, perSecond: 20 });
    // An admin's own limits replace the defaults.
    expect(adConfig.parse({ url: 'ldaps://dc.example.com', baseDn: 'DC=example,DC=com', limits: { maxConcurrent: 2, perSecond: 5 } }).limits).toEqual({ maxConcurrent: 2, perSecond: 5 });
  });

  it('defaults to 4 calls in flight, 20 per second, and a burst of one second’s worth', () => {
    expect(limitsSchema.parse(undefined)).toEqual({ maxConcurrent: 4, perSecond: 20 });
    expect(limitsSchema.parse({ burst: 50 })).toEqual({ maxConcurrent: 4, perSecond: 20, burst: 50 });
    expect(limitsSchema.safeParse({ burst: 0 }).success).toBe(false);
  });

  it('starts a burst at once on a quiet connection, and holds the next call until the bucket refills', async () => {
    const id = randomUUID();
    // One token every 10 s: whatever starts within this test came out of the initial bucket.
    const limits = { maxConcurrent: 10, perSecond: 0.1, burst: 3 };
    const calls = [gate(), gate(), gate(), gate()];
    const results = calls.map((c) => withinLimits(id, 1, limits, c.fn));
    await until(() => calls.filter((c) => c.started()).length === 3, 'three calls started');
    await settle();
    expect(calls.map((c) => c.started())).toEqual([true, true, true, false]);
    for (const c of calls) c.release();
    await expect(Promise.all(results.slice(0, 3))).resolves.toEqual(['done', 'done', 'done']);
    await settle();
    expect(calls[3]?.started()).toBe(false);
  });

  it('keeps at most maxConcurrent calls in flight, whatever the bucket holds', async () => {
    const id = randomUUID();
    const limits = { maxConcurrent: 2, perSecond: 1000, burst: 100 };
    const calls = [gate(), gate(), gate()];
    const results = calls.map((c) => withinLimits(id, 1, limits, c.fn));
    await until(() => calls.filter((c) => c.started()).length === 2, 'two calls started');
    await settle();
    expect(calls.map((c) => c.started())).toEqual([true, true, false]);
    calls[0]?.release();
    await results[0];
    await until(() => calls[2]?.started() === true, 'the third call to start once one finished');
    for (const c of calls) c.release();
    await expect(Promise.all(results)).resolves.toEqual(['done', 'done', 'done']);
  });

  it('gives a changed connection new limits at once, and still runs the calls queued under the old ones', async () => {
    const id = randomUUID();
    const first = gate();
    const queued = gate();
    // A bucket of one that refills in half a second: the second call waits for it.
    const oldLimits = { maxConcurrent: 1, perSecond: 2, burst: 1 };
    const running = withinLimits(id, 1, oldLimits, first.fn);
    const waiting = withinLimits(id, 1, oldLimits, queued.fn);
    await until(first.started, 'the first call to start');
    expect(queued.started()).toBe(false);

    const changed = gate();
    const afterChange = withinLimits(id, 2, { maxConcurrent: 5, perSecond: 2, burst: 5 }, changed.fn);
    await until(changed.started, 'the call under the new limits to start while the old ones are busy');
    changed.release();
    await afterChange;

    first.release();
    queued.release();
    await expect(Promise.all([running, waiting])).resolves.toEqual(['done', 'done']);
    expect(queued.started()).toBe(true);
  });
});
