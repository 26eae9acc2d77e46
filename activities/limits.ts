/**
 * Per-connection concurrency and rate limits, so a slow or throttling target never starves the
 * others: every call to a target goes through its connection's limiter. Limits come from the
 * connection's config (`limits`), with safe defaults.
 *
 * The rate is a token bucket: `perSecond` tokens flow in, up to `burst` are kept, and each call
 * takes one. A quiet target therefore takes a burst at once (one hire's dozen lookups and writes
 * are not spaced out), while a sustained load never exceeds `perSecond`.
 *
 * Each kind of connection has defaults of its own (limitsSchemaFor): a directory server answers
 * hundreds of LDAP operations a second, while a SaaS app's SCIM endpoint or a mail relay may allow
 * a few dozen. The calls in flight are what bounds the load a target sees; the rate keeps a
 * sustained run within what the target's operators expect.
 */
import Bottleneck from 'bottleneck';
import { z } from 'zod';

export interface LimitDefaults {
  maxConcurrent: number;
  perSecond: number;
}

/** A connection's `limits` setting, with the defaults of its kind of target. */
export function limitsSchemaFor(defaults: LimitDefaults) {
  return z
    .strictObject({
      maxConcurrent: z.number().int().min(1).max(200).default(defaults.maxConcurrent).describe('Calls in flight at once against this connection.'),
      perSecond: z.number().min(0.1).max(10_000).default(defaults.perSecond).describe('Calls started per second at most, sustained.'),
      burst: z.number().int().min(1).max(10_000).optional().describe("Calls that may start at once after a quiet spell, ahead of the rate; one second's worth when absent."),
    })
    .default(defaults);
}

/** SaaS apps (SCIM), mail relays and HTTP endpoints: 4 calls in flight, 20 a second. */
export const limitsSchema = limitsSchemaFor({ maxConcurrent: 4, perSecond: 20 });
export type Limits = z.infer<typeof limitsSchema>;

/** How often the bucket is topped up: often enough to keep the rate smooth, seldom enough to cost nothing. */
const minRefillMs = 50;

/** The limiter for `limits`: a bucket of `burst` tokens topped up every interval by the rate's share. */
export function bucket(limits: Limits): Bottleneck {
  const size = limits.burst ?? Math.max(1, Math.round(limits.perSecond));
  const perRefill = Math.max(1, Math.round((limits.perSecond * minRefillMs) / 1000));
  const refillMs = Math.round((perRefill * 1000) / limits.perSecond);
  return new Bottleneck({
    maxConcurrent: limits.maxConcurrent,
    reservoir: size,
    reservoirIncreaseAmount: perRefill,
    reservoirIncreaseInterval: refillMs,
    reservoirIncreaseMaximum: size,
    heartbeatInterval: refillMs,
  });
}

const limiters = new Map<string, { key: string; limiter: Bottleneck }>();

/** Stops a replaced limiter's refill timer once the calls it still holds have run (they need its tokens). */
function retire(limiter: Bottleneck): void {
  const stop = () => void limiter.disconnect(false);
  const c = limiter.counts();
  if (c.RECEIVED + c.QUEUED + c.RUNNING + c.EXECUTING === 0) stop();
  else limiter.once('idle', stop);
}

/** Runs `fn` within the limits of connection `id` (at `version`: a changed connection gets new limits). */
export async function withinLimits<T>(id: string, version: number, limits: Limits, fn: () => Promise<T>): Promise<T> {
  const key = `${version}:${limits.maxConcurrent}:${limits.perSecond}:${limits.burst ?? ''}`;
  let entry = limiters.get(id);
  if (entry?.key !== key) {
    if (entry) retire(entry.limiter);
    entry = { key, limiter: bucket(limits) };
    limiters.set(id, entry);
  }
  return entry.limiter.schedule(fn);
}
