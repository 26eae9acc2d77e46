/**
 * Liveness and readiness: /healthz/live answers as long as the process does, whatever its
 * dependencies; /healthz/ready answers 200 only when the database and Temporal answer and this
 * process's worker is running, and 503 naming what is wrong otherwise. Both are public.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../server/app.ts';
import { createHrSourceStore } from '../../server/db/hrSources.ts';
import { createPeopleStore } from '../../server/db/people.ts';
import { createRunStore } from '../../server/db/runs.ts';
import { createKeyring } from '../../server/secrets/keyring.ts';
import { createWorker } from '../../server/temporal/worker.ts';
import { testActivityDeps } from '../support/deps.ts';
import { freePort } from '../support/ports.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

const check = z.object({ ok: z.boolean(), error: z.string().optional() });
const health = z.object({ status: z.enum(['ok', 'degraded']), checks: z.object({ server: check, database: check, temporal: check, worker: check.optional() }) });

let sys: TestSystem;
/** The same API, but its Temporal is an address nothing listens on and its worker has stopped. */
let broken: FastifyInstance;
let brokenClient: Client;

beforeAll(async () => {
  sys = await startTestSystem();
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  const worker = await createWorker({ connection, namespace: 'default', taskQueue: `health-${randomUUID()}`, deps: testActivityDeps(), bundle: { codePath: inject('workflowBundlePath') } });
  const running = worker.run();
  worker.shutdown();
  await running;
  await connection.close();
  brokenClient = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: 1000 }), namespace: 'default' });
  const keyring = createKeyring(randomBytes(32));
  const runs = createRunStore(sys.db);
  broken = await buildApp({
    db: sys.db,
    definitions: sys.definitions,
    runs,
    people: createPeopleStore(sys.db, runs),
    connections: sys.connections,
    users: sys.users,
    hrSources: createHrSourceStore(sys.db, keyring),
    temporal: brokenClient,
    taskQueue: 'nowhere',
    adminToken: 'health-admin-token-0123456789',
    callbackKey: keyring.callbackKey,
    approvalLinkKey: keyring.approvalLinkKey,
    logLevel: 'silent',
    worker,
  });
});
afterAll(async () => {
  await broken.close();
  await brokenClient.connection.close();
  await sys.stop();
});

describe('health', () => {
  it('answers liveness without credentials and without asking any dependency', async () => {
    for (const app of [sys.app, broken]) {
      const res = await app.inject({ method: 'GET', url: '/healthz/live' });
      expect(res.statusCode).toBe(200);
      expect(z.object({ status: z.literal('ok'), uptimeSeconds: z.number().min(0) }).strict().safeParse(res.json()).success).toBe(true);
    }
  });

  it('is ready when the database and Temporal answer and the worker runs', async () => {
    const res = await sys.app.inject({ method: 'GET', url: '/healthz/ready' });
    expect(res.statusCode).toBe(200);
    expect(health.parse(res.json())).toEqual({ status: 'ok', checks: { server: { ok: true }, database: { ok: true }, temporal: { ok: true }, worker: { ok: true } } });
  });

  it('is not ready, and says why, when Temporal cannot be reached and the worker has stopped', async () => {
    const res = await broken.inject({ method: 'GET', url: '/healthz/ready' });
    expect(res.statusCode).toBe(503);
    const body = health.parse(res.json());
    expect(body.status).toBe('degraded');
    expect(body.checks.database).toEqual({ ok: true });
    expect(body.checks.temporal.ok).toBe(false);
    expect(body.checks.temporal.error).toBeTruthy();
    expect(body.checks.worker).toEqual({ ok: false, error: 'the worker is stopped' });
  });

  it('keeps /healthz as the combined answer of the server, the database and Temporal', async () => {
    expect((await sys.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok', checks: { server: { ok: true }, database: { ok: true }, temporal: { ok: true } } });
    expect((await broken.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(503);
  });
});
