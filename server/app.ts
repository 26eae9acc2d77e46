/**
 * The HTTP API (Fastify). Plugins load in a fixed order: error handling and auth, then routes, then
 * the designer's static files. Every route declares its schemas; bad input gets a 4xx with details.
 * The API process also runs the HR intake dispatcher, which delivers the HR events the routes
 * store in the outbox to the person workflows (server/hr/dispatcher.ts).
 */
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { ConnectionStore } from './db/connections.ts';
import type { Database } from './db/database.ts';
import type { DefinitionStore } from './db/definitions.ts';
import type { HrSourceStore } from './db/hrSources.ts';
import type { ServerPeopleStore } from './db/people.ts';
import type { RunStore } from './db/runs.ts';
import type { SyncJobStore } from './db/syncJobs.ts';
import type { UserStore } from './db/users.ts';
import type { SafetyLimits } from '../workflows/dsl/hrDiff.ts';
import { registerAuth } from './http/auth.ts';
import { clientErrors, frameworkErrors, registerErrorHandling } from './http/errors.ts';
import { registerHardening } from './http/hardening.ts';
import { registerHrSourceGuard } from './http/hrSourceGuard.ts';
import { bodyValidatorCompiler, registerJsonBodies } from './http/jsonBody.ts';
import { registerOpenApi } from './http/openapi.ts';
import type { TrustProxy } from './http/trustProxy.ts';
import { registerSessions, type SignInOptions } from './http/sessions.ts';
import { createDispatcher, type DispatcherSettings } from './hr/dispatcher.ts';
import { actionRoutes } from './routes/actions.ts';
import { approvalRoutes } from './routes/approvals.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { callbackRoutes } from './routes/callbacks.ts';
import { codecRoutes } from './routes/codec.ts';
import { connectionRoutes } from './routes/connections.ts';
import { definitionRoutes } from './routes/definitions.ts';
import { healthRoutes } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { createLogger, requestIdFrom, type Logger } from './observability/logger.ts';
import { registerRequestLogging } from './observability/requestLog.ts';
import { hrRoutes } from './routes/hr.ts';
import { hrSourceRoutes } from './routes/hrSources.ts';
import { importRoutes } from './routes/imports.ts';
import { inboundRoutes } from './routes/inbound.ts';
import type { HireDatePolicy } from './hr/hireDate.ts';
import { runRoutes } from './routes/runs.ts';
import { simulateRoutes } from './routes/simulate.ts';
import { syncJobRoutes } from './routes/syncJobs.ts';
import { userRoutes } from './routes/users.ts';

export interface AppDeps {
  db: Database;
  definitions: DefinitionStore;
  runs: RunStore;
  people: ServerPeopleStore;
  connections: ConnectionStore;
  users: UserStore;
  /** TENURE_TRUST_PROXY (http/trustProxy.ts): the proxies whose X-Forwarded-For names the caller; none when absent. */
  trustProxy?: TrustProxy;
  /** HR source integrity settings (signing secret, allow-list, rate limit), applied by http/hrSourceGuard.ts. */
  hrSources: HrSourceStore;
  /** Accepted clock difference for signed HR requests, in seconds (TENURE_HR_SIGNATURE_WINDOW_SECONDS; 300 when absent). */
  hrSignatureWindowSeconds?: number;
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
  /** The process logger (server/observability/logger.ts); one at `logLevel` when absent. */
  logger?: Logger;
  /** The worker this process runs, if any: readiness (GET /healthz/ready) requires it to be running. */
  worker?: { getState(): string };
  /** Mass-change safety for HR batches (TENURE_SAFETY_*); defaults when absent. */
  safety?: Partial<SafetyLimits>;
  /** What a hire without a hire date means (TENURE_HIRE_WITHOUT_DATE, server/hr/hireDate.ts); `now` when absent. */
  hireDatePolicy?: HireDatePolicy;
  /** OpenID Connect sign-in with cookie sessions (server/http/sessions.ts); off when absent. */
  oidc?: SignInOptions;
  /** The HR intake dispatcher's concurrency, poll interval and lease; defaults when absent. */
  intake?: DispatcherSettings;
  /** Sync jobs (server/sync/): their routes are served when present. */
  syncJobs?: SyncJobStore;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = deps.logger ?? createLogger({ level: deps.logLevel ?? 'info', service: 'tenure-server' });
  const app = Fastify({
    loggerInstance,
    // Requests are logged by observability/requestLog.ts, without the proof signed links carry in their path.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: (request) => requestIdFrom(request.headers['x-request-id']),
    bodyLimit: 5 * 1024 * 1024,
    trustProxy: deps.trustProxy ?? false,
    frameworkErrors,
    clientErrorHandler: clientErrors,
  });
  app.setValidatorCompiler(bodyValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerRequestLogging(app);
  registerErrorHandling(app);
  registerJsonBodies(app);
  await registerHardening(app);
  await registerSessions(app, deps.db, deps.oidc);
  registerAuth(app, deps.adminToken, deps.users, deps.db);
  registerHrSourceGuard(app, { db: deps.db, hrSources: deps.hrSources, windowSeconds: deps.hrSignatureWindowSeconds });
  // After auth, so its own route is in the access table's checks like every other.
  await registerOpenApi(app);

  // Starts once the app is ready, delivering first what a stopped process left in the outbox.
  const dispatcher = createDispatcher({ ...deps.intake, db: deps.db, temporal: deps.temporal, taskQueue: deps.taskQueue, log: app.log.child({ component: 'hr-dispatcher' }) });
  app.addHook('onReady', () => {
    dispatcher.start();
    return Promise.resolve();
  });
  app.addHook('onClose', () => dispatcher.close());

  await app.register(healthRoutes(deps));
  await app.register(metricsRoutes(deps));
  await app.register(authRoutes);
  await app.register(actionRoutes);
  await app.register(definitionRoutes(deps));
  await app.register(runRoutes(deps));
  await app.register(simulateRoutes(deps));
  await app.register(approvalRoutes(deps));
  await app.register(connectionRoutes(deps));
  await app.register(userRoutes(deps));
  await app.register(hrRoutes(deps));
  await app.register(hrSourceRoutes(deps));
  if (deps.codec) await app.register(codecRoutes({ ...deps, codec: deps.codec }));
  await app.register(inboundRoutes(deps));
  await app.register(importRoutes(deps));
  await app.register(callbackRoutes(deps));
  await app.register(auditRoutes(deps));
  if (deps.syncJobs) await app.register(syncJobRoutes({ ...deps, syncJobs: deps.syncJobs }));

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
