/**
 * TENURE_TRUST_PROXY: which reverse proxies Tenure believes about the caller's address
 * (X-Forwarded-For), passed to Fastify's `trustProxy`. Off by default: without a proxy, a caller
 * could otherwise claim any address, and the address is what the refusal limiter keys anonymous
 * callers by, what HR sources' allow-lists check and what the audit log records.
 *
 * - `true`: trust every hop (only when nothing but the proxy can reach Tenure);
 * - a whole number: trust that many hops from Tenure outwards;
 * - otherwise a comma-separated list of proxy addresses or CIDR blocks (`10.0.0.1, 10.1.0.0/16`).
 */
import { z } from 'zod';

/** What Fastify's `trustProxy` takes; a hop count becomes a function (Fastify's types have no number form). */
export type TrustProxy = boolean | string | ((address: string, hop: number) => boolean);

export const trustProxySetting = z
  .string()
  .trim()
  .min(1)
  .transform((value): TrustProxy => {
    if (value === 'true' || value === 'false') return value === 'true';
    if (!/^\d+$/.test(value)) return value;
    const hops = Number(value);
    // Hop 0 is the address the connection came from; each trusted hop's X-Forwarded-For entry is believed.
    return (_address: string, hop: number) => hop < hops;
  });
