/**
 * The Temporal codec endpoint: lets an authorized user read the encrypted payloads of a history,
 * e.g. `temporal workflow show --codec-endpoint http://127.0.0.1:8080/api/codec --codec-auth "Bearer <token>"`,
 * or the Temporal Web UI configured with this endpoint. It follows the remote codec protocol:
 * POST {endpoint}/decode and /encode with `{ payloads: [{ metadata: {k: base64}, data: base64 }] }`.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { audit } from '../db/audit.ts';
import { callerOf } from '../http/auth.ts';

const base64 = z.string().max(20_000_000).regex(/^[A-Za-z0-9+/=_-]*$/, 'must be base64');
const wirePayloads = z.strictObject({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() })).max(1000),
});
type WirePayload = z.infer<typeof wirePayloads>['payloads'][number];

const fromWire = (p: WirePayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toWire = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

export const codecRoutes =
  ({ codec, db }: AppDeps & { codec: PayloadCodec }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/api/codec/decode', { schema: { body: wirePayloads } }, async (request) => {
      const caller = callerOf(request);
      const decoded = await codec.decode(request.body.payloads.map(fromWire));
      await audit(db, { actor: caller.id, action: 'payloads.decode', targetType: 'namespace', targetId: request.headers['x-namespace']?.toString() ?? 'default', details: { count: decoded.length } });
      return { payloads: decoded.map(toWire) };
    });
    app.post('/api/codec/encode', { schema: { body: wirePayloads } }, async (request) => {
      return { payloads: (await codec.encode(request.body.payloads.map(fromWire))).map(toWire) };
    });
    return Promise.resolve();
  };
