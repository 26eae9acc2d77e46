/**
 * A whole Tenure for one test file: the real Temporal dev server of the run, a worker on a task
 * queue of its own, a fresh in-memory PGlite database with the migrations applied, and the HTTP API
 * (driven with app.inject).
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { SignInOptions } from '../../server/http/sessions.ts';
import { openPglite, type Database } from '../../server/db/database.ts';
import { createApprovalStore } from '../../server/db/approvals.ts';
import { provisioningAuditSink } from '../../server/db/audit.ts';
import { createConnectionStore, type ConnectionStore } from '../../server/db/connections.ts';
import { createDefinitionStore, type DefinitionStore } from '../../server/db/definitions.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createPeopleStore } from '../../server/db/people.ts';
import { createRunStore } from '../../server/db/runs.ts';
import { createUserStore, type UserStore } from '../../server/db/users.ts';
import { createHrSourceStore } from '../../server/db/hrSources.ts';
import { createSyncJobStore } from '../../server/db/syncJobs.ts';
import { createKeyring, type Keyring } from '../../server/secrets/keyring.ts';
import { payloadCodec } from '../../server/temporal/codec.ts';
import { createWorker } from '../../server/temporal/worker.ts';
import type { ConnectorKind } from '../../workflows/dsl/index.ts';
import type { Logger } from '../../server/observability/logger.ts';
import { tracingClientInterceptors } from '../../server/observability/tracing.ts';
import type { HireDatePolicy } from '../../server/hr/hireDate.ts';
import type { WorkflowBundleOption } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';

export const adminToken = 'test-admin-token-0123456789';

export interface TestSystem {
  db: Database;
  definitions: DefinitionStore;
  connections: ConnectionStore;
  users: UserStore;
  client: Client;
  app: FastifyInstance;
  taskQueue: string;
  /** The system's keys (`secretKey`/`previousSecretKeys` options; a random key otherwise). */
  keyring: Keyring;
  /** Calls the API as the bootstrap admin. */
  api(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown; headers: Record<string, unknown> }>;
  stop(): Promise<void>;
}

/**
 * `designerDir`: serve the built designer from there too (browser tests). `logger`: the API's and
 * worker's logger (log tests capture it). `bundle`: a workflow bundle other than the shared one.
 * `secretKey`, `previousSecretKeys`: the master key and the keys it replaced (key rotation tests).
 * `connectorQueues`: those connectors' activities go to `<taskQueue>-<kind>`, whose workers the test starts.
 * `temporalAddress`: a Temporal server of the test's own (e.g. one with other dynamic config) instead of the run's.
 */
export async function startTestSystem(options: { designerDir?: string; logger?: Logger; bundle?: WorkflowBundleOption; secretKey?: Buffer; previousSecretKeys?: Buffer[]; oidc?: Omit<SignInOptions, 'sessionKey'>; connectorQueues?: ConnectorKind[]; temporalAddress?: string; hireDatePolicy?: HireDatePolicy } = {}): Promise<TestSystem> {
  const address = options.temporalAddress ?? inject('temporalAddress');
  const db = await openPglite(undefined);
  await migrate(db);
  const definitions = createDefinitionStore(db);
  const keyring = createKeyring(options.secretKey ?? randomBytes(32), options.previousSecretKeys);
  const codec = payloadCodec(keyring);
  const dataConverter = { payloadCodecs: [codec] };
  const connections = createConnectionStore(db, keyring);
  const users = createUserStore(db);
  const runs = createRunStore(db);
  const people = createPeopleStore(db, runs);
  const taskQueue = `test-${randomUUID()}`;
  const workerConnection = await NativeConnection.connect({ address });
  const worker = await createWorker({
    connection: workerConnection,
    namespace: 'default',
    taskQueue,
    deps: { revisions: definitions, connections, people, callbackKey: keyring.callbackKey, approvalLinkKey: keyring.approvalLinkKey, approvals: createApprovalStore(db), publicUrl: 'http://127.0.0.1:0', audit: provisioningAuditSink(db) },
    bundle: options.bundle ?? { codePath: inject('workflowBundlePath') },
    dataConverter,
    sync: { db, keyring },
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.connectorQueues ? { connectorQueues: options.connectorQueues } : {}),
  });
  const running = worker.run();
  const client = new Client({ connection: await Connection.connect({ address }), namespace: 'default', dataConverter, interceptors: { workflow: tracingClientInterceptors() } });
  const app = await buildApp({ db, definitions, runs, people, connections, users, hrSources: createHrSourceStore(db, keyring), syncJobs: createSyncJobStore(db, keyring), temporal: client, taskQueue, codec, adminToken, callbackKey: keyring.callbackKey, approvalLinkKey: keyring.approvalLinkKey, logLevel: process.env.TENURE_TEST_LOG_LEVEL ?? 'silent', worker, ...(options.logger ? { logger: options.logger } : {}), ...(options.designerDir !== undefined ? { designerDir: options.designerDir } : {}), ...(options.hireDatePolicy ? { hireDatePolicy: options.hireDatePolicy } : {}), ...(options.oidc ? { oidc: { ...options.oidc, sessionKey: keyring.sessionKey } } : {}) });

  return {
    db,
    definitions,
    connections,
    users,
    client,
    app,
    taskQueue,
    keyring,
    async api(method, url, body, headers = {}) {
      const res = await app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${adminToken}`, ...headers },
        ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body), headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', ...headers } }),
      });
      const text = res.body;
      return { status: res.statusCode, body: text === '' ? undefined : JSON.parse(text) as unknown, headers: res.headers };
    },
    async stop() {
      await app.close();
      worker.shutdown();
      await running;
      await workerConnection.close();
      await client.connection.close();
      await db.close();
    },
  };
}
