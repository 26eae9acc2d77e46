/**
 * The HTTP API (Fastify). Plugins load in a fixed order: error handling and auth, then routes, then
 * the designer's static files. Every route declares its schemas; bad input gets a 4xx with details.
 */
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ConnectionStore } from './db/connections.ts';
import type { Database } from './db/database.ts';
import type { DefinitionStore } from './db/definitions.ts';
import type { ServerPeopleStore } from './db/people.ts';
import type { RunStore } from './db/runs.ts';
import type { UserStore } from './db/users.ts';
import type { SafetyLimits } from '../workflows/dsl/hrDiff.ts';
import { registerAuth } from './http/auth.ts';
import { registerErrorHandling } from './http/errors.ts';
import { actionRoutes } from './routes/actions.ts';
import { approvalRoutes } from './routes/approvals.ts';
import { callbackRoutes } from './routes/callbacks.ts';
import { codecRoutes } from './routes/codec.ts';
import { connectionRoutes } from './routes/connections.ts';
import { definitionRoutes } from './routes/definitions.ts';
import { healthRoutes } from './routes/health.ts';
import { hrRoutes } from './routes/hr.ts';
import { importRoutes } from './routes/imports.ts';
import { inboundRoutes } from './routes/inbound.ts';
import { runRoutes } from './routes/runs.ts';
import { simulateRoutes } from './routes/simulate.ts';
import { userRoutes } from './routes/users.ts';

export interface AppDeps {
  db: Database;
  definitions: DefinitionStore;
  runs: RunStore;
  people: ServerPeopleStore;
  connections: ConnectionStore;
  users: UserStore;
  temporal: Client;
  /** The task queue lifecycle runs are started on (the workers poll it). */
  taskQueue: string;
  adminToken: string;
  /** Decrypts Temporal payloads for authorized readers (the codec endpoint); absent without encryption. */
  codec?: PayloadCodec;
  /** Verifies the single-use tokens of HTTP-callout callbacks (keyring.callbackKey). */
  callbackKey: Uint8Array;
  /** Verifies the signed approve/reject links of approval emails (keyring.approvalLinkKey). */
  approvalLinkKey: Uint8Array;
  /** The built designer (designer/dist); not served when absent. */
  designerDir?: string;
  logLevel?: string;
  /** Mass-change safety for HR batches (TENURE_SAFETY_*); defaults when absent. */
  safety?: Partial<SafetyLimits>;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: deps.logLevel ?? 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: 5 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerAuth(app, deps.adminToken, deps.users);

  await app.register(healthRoutes(deps));
  await app.register(actionRoutes);
  await app.register(definitionRoutes(deps));
  await app.register(runRoutes(deps));
  await app.register(simulateRoutes(deps));
  await app.register(approvalRoutes(deps));
  await app.register(connectionRoutes(deps));
  await app.register(userRoutes(deps));
  await app.register(hrRoutes(deps));
  if (deps.codec) await app.register(codecRoutes({ ...deps, codec: deps.codec }));
  await app.register(inboundRoutes(deps));
  await app.register(importRoutes(deps));
  await app.register(callbackRoutes(deps));

  if (deps.designerDir !== undefined && existsSync(deps.designerDir)) {
    await app.register(fastifyStatic, { root: deps.designerDir, wildcard: false });
    // The designer routes in the browser: unknown non-API paths get its index page.
    app.get('/*', async (request, reply) => {
      if (request.url.startsWith('/api/')) throw Object.assign(new Error(`no route GET ${request.url}`), { statusCode: 404 });
      return reply.sendFile('index.html');
    });
  }
  return app;
}
