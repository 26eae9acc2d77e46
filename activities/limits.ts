/**
 * Per-connection concurrency and rate limits, so a slow or throttling target never starves the
 * others: every call to a target goes through its connection's limiter. Limits come from the
 * connection's config (`limits`), with safe defaults.
 */
import Bottleneck from 'bottleneck';
import { z } from 'zod';

export const limitsSchema = z
  .strictObject({
    /** Calls in flight at once against this connection. */
    maxConcurrent: z.number().int().min(1).max(200).default(4),
    /** Calls started per second at most. */
    perSecond: z.number().min(0.1).max(10_000).default(20),
  })
  .default({ maxConcurrent: 4, perSecond: 20 });
export type Limits = z.infer<typeof limitsSchema>;

const limiters = new Map<string, { key: string; limiter: Bottleneck }>();

/** Runs `fn` within the limits of connection `id` (at `version`: a changed connection gets new limits). */
export async function withinLimits<T>(id: string, version: number, limits: Limits, fn: () => Promise<T>): Promise<T> {
  const key = `${version}:${limits.maxConcurrent}:${limits.perSecond}`;
  let entry = limiters.get(id);
  if (entry?.key !== key) {
    entry = { key, limiter: new Bottleneck({ maxConcurrent: limits.maxConcurrent, minTime: Math.ceil(1000 / limits.perSecond) }) };
    limiters.set(id, entry);
  }
  return entry.limiter.schedule(fn);
}
