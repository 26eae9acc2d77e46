/**
 * HR source settings (admins write, admins and auditors read): the signing secret (write-only: the
 * answers say `hasSigningSecret`, never the value), whether signatures are required, the IP
 * allow-list and the per-source rate limit. server/http/hrSourceGuard.ts applies them.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { identifier } from '../../workflows/dsl/index.ts';
import type { AppDeps } from '../app.ts';
import { requireRole } from '../http/auth.ts';
import { storeCall } from './definitions.ts';

/** A CIDR block, IPv4 or IPv6; a bare address stands for itself (/32 or /128). */
const cidr = z
  .union([z.cidrv4(), z.cidrv6(), z.ipv4(), z.ipv6()], { error: 'must be an IPv4 or IPv6 address or CIDR block, e.g. 203.0.113.0/24 or 2001:db8::/32' })
  .transform((v) => (v.includes('/') ? v : `${v}/${v.includes(':') ? 128 : 32}`));

const settingsBody = z.strictObject({
  /** Write-only. `null` removes the secret; absent keeps the stored one. */
  signingSecret: z.string().min(32, 'use at least 32 characters, e.g. the output of `openssl rand -hex 32`').max(512).nullable().optional(),
  requireSignature: z.boolean().default(false),
  /** Where the source may call from; empty allows any address. */
  allowedIps: z.array(cidr).max(200).default([]),
  /** Requests per minute; null for no per-source limit. */
  ratePerMinute: z.number().int().min(1).max(100_000).nullable().default(null),
});
const sourceParams = z.strictObject({ id: identifier });

export const hrSourceRoutes =
  ({ hrSources }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/hr-sources', async (request) => {
      requireRole(request, 'admin', 'auditor');
      return { sources: await hrSources.list() };
    });
    app.get('/api/hr-sources/:id', { schema: { params: sourceParams } }, async (request) => {
      requireRole(request, 'admin', 'auditor');
      return storeCall(() => hrSources.get(request.params.id));
    });
    app.put('/api/hr-sources/:id', { schema: { params: sourceParams, body: settingsBody } }, async (request) => {
      const caller = requireRole(request, 'admin');
      return storeCall(() => hrSources.put(request.params.id, request.body, caller.id));
    });
    return Promise.resolve();
  };
