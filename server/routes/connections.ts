/**
 * Target systems, and the connector kinds they can be (GET /api/connectors: each kind's settings
 * and secrets as JSON Schema, for forms). Config and secrets are checked against the connector's declaration; secrets are
 * write-only: no answer ever contains them, only the names of the secret fields that are set.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeConnectors, findConnector } from '../../activities/connectors.ts';
import { connectorKinds, formatPath, identifier } from '../../workflows/dsl/index.ts';
import type { AppDeps } from '../app.ts';
import { audit } from '../db/audit.ts';
import { callerOf } from '../http/auth.ts';
import { ApiError, type ErrorDetail } from '../http/errors.ts';
import { storeCall } from './definitions.ts';

const connectionBody = z.strictObject({
  id: identifier,
  kind: z.enum(connectorKinds),
  name: z.string().min(1).max(200),
  config: z.record(z.string(), z.unknown()).default({}),
  secrets: z.record(z.string(), z.unknown()).default({}),
});
const updateBody = connectionBody.extend({ secrets: z.record(z.string(), z.unknown()).optional() });
const idParams = z.strictObject({ id: identifier });

function checked(kind: string, config: unknown, secrets: unknown, partialSecrets: boolean) {
  const connector = findConnector(kind);
  if (!connector) throw new ApiError(400, 'invalid_request', `no connector of kind "${kind}" is available`, [{ path: 'body.kind', message: 'unknown connector kind' }]);
  const details: ErrorDetail[] = [];
  const parsedConfig = connector.config.safeParse(config);
  if (!parsedConfig.success) details.push(...parsedConfig.error.issues.map((i) => ({ path: formatPath(['body', 'config', ...i.path]), message: i.message })));
  let parsedSecrets: Record<string, unknown> | undefined;
  if (secrets !== undefined) {
    const schema = partialSecrets && connector.secrets instanceof z.ZodObject ? connector.secrets.partial() : connector.secrets;
    const result = schema.safeParse(secrets);
    // Messages name the field, never echo a secret value.
    if (!result.success) details.push(...result.error.issues.map((i) => ({ path: formatPath(['body', 'secrets', ...i.path]), message: i.code === 'invalid_type' ? i.message : 'invalid value' })));
    else parsedSecrets = z.record(z.string(), z.unknown()).parse(result.data);
  }
  if (details.length > 0 || !parsedConfig.success) throw new ApiError(400, 'invalid_request', `the ${kind} connection is invalid`, details);
  return { config: z.record(z.string(), z.unknown()).parse(parsedConfig.data), secrets: parsedSecrets };
}

export const connectionRoutes =
  ({ connections, db }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const connectors = { connectors: describeConnectors() };
    app.get('/api/connectors', async () => Promise.resolve(connectors));

    app.get('/api/connections', async () => ({ connections: await connections.list() }));

    app.post('/api/connections', { schema: { body: connectionBody } }, async (request, reply) => {
      const { config, secrets } = checked(request.body.kind, request.body.config, request.body.secrets, false);
      const created = await storeCall(() => connections.create({ ...request.body, config, secrets: secrets ?? {} }, callerOf(request).id));
      return reply.code(201).send(created);
    });

    app.get('/api/connections/:id', { schema: { params: idParams } }, async (request) => storeCall(() => connections.get(request.params.id)));

    app.put('/api/connections/:id', { schema: { params: idParams, body: updateBody } }, async (request) => {
      if (request.body.id !== request.params.id) throw new ApiError(400, 'invalid_request', 'the id in the body differs from the id in the path', [{ path: 'body.id', message: `expected "${request.params.id}"` }]);
      const { config, secrets } = checked(request.body.kind, request.body.config, request.body.secrets, true);
      return storeCall(() => connections.update({ ...request.body, config, ...(secrets ? { secrets } : {}) }, callerOf(request).id));
    });

    app.post('/api/connections/:id/test', { schema: { params: idParams } }, async (request) => {
      const connection = await storeCall(async () => {
        await connections.get(request.params.id);
        return connections.load(request.params.id);
      });
      const connector = findConnector(connection.kind);
      if (!connector) throw new ApiError(409, 'conflict', `no connector of kind "${connection.kind}" is available`);
      const config = connector.config.safeParse(connection.config);
      const secrets = connector.secrets.safeParse(connection.secrets);
      const report =
        config.success && secrets.success
          ? await connector.test({ ...connection, config: config.data, secrets: secrets.data })
          : { ok: false, steps: [{ step: 'config' as const, ok: false, detail: 'the stored settings no longer match the connector; edit the connection' }] };
      await connections.recordTest(connection.id, connection.version, report);
      await audit(db, { actor: callerOf(request).id, action: 'connection.test', targetType: 'connection', targetId: connection.id, details: { ok: report.ok, failedStep: report.steps.find((s) => !s.ok)?.step ?? null } });
      return report;
    });
    return Promise.resolve();
  };
