/**
 * The Tenure process. `all` (npm start) runs everything in one process: the embedded Temporal dev
 * server (unless TEMPORAL_ADDRESS names a cluster), the worker, the API and the designer. `server`
 * and `worker` run one role each, for the scale path. Ctrl-C stops everything it started.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Runtime, type Worker } from '@temporalio/worker';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DatabaseUnavailable, openPglite, openPostgres, safeUrl, type Database } from './db/database.ts';
import { createApprovalStore } from './db/approvals.ts';
import { createConnectionStore } from './db/connections.ts';
import { createSyncJobStore } from './db/syncJobs.ts';
import { createDefinitionStore } from './db/definitions.ts';
import { createPeopleStore } from './db/people.ts';
import { migrate } from './db/migrate.ts';
import { createRunStore } from './db/runs.ts';
import { createUserStore } from './db/users.ts';
import { createHrSourceStore } from './db/hrSources.ts';
import { createKeyring, KeyError, loadMasterKey, parsePreviousKeys } from './secrets/keyring.ts';
import { rotateSecrets } from './secrets/rotate.ts';
import { provisioningAuditSink } from './db/audit.ts';
import { createLogger } from './observability/logger.ts';
import { startMetricsServer } from './observability/metricsServer.ts';
import { temporalLogger } from './observability/temporalLogger.ts';
import { tracingFromEnv } from './observability/tracing.ts';
import { findTemporalCli, TemporalCliMissing } from './temporal/cli.ts';
import { payloadCodec } from './temporal/codec.ts';
import { connectClient, connectWorker, TemporalUnavailable } from './temporal/connect.ts';
import { DevServerFailed, startDevServer } from './temporal/devServer.ts';
import { bundleWorkflows, connectorTaskQueue, createConnectorWorker, createWorker } from './temporal/worker.ts';
import { seedTemplates } from './templates/seed.ts';

type Role = 'all' | 'server' | 'worker';
const say = (line: string) => console.log(`tenure: ${line}`);

async function adminToken(config: Config): Promise<string> {
  if (config.adminToken !== undefined) return config.adminToken;
  const file = join(config.dataDir, 'admin-token');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const token = randomBytes(32).toString('base64url');
    await writeFile(file, `${token}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
    say(`generated the bootstrap admin token into ${file} (set TENURE_ADMIN_TOKEN to choose your own)`);
    return token;
  }
}

async function openDatabase(config: Config): Promise<Database> {
  const db = config.databaseUrl !== undefined ? await openPostgres(config.databaseUrl) : await openPglite(join(config.dataDir, 'db'));
  const applied = await migrate(db);
  if (applied.length > 0) say(`database migrated: ${applied.join(', ')}`);
  return db;
}

async function run(role: Role): Promise<void> {
  const config = loadConfig();
  await mkdir(config.dataDir, { recursive: true });
  const cleanups: (() => Promise<unknown>)[] = [];
  let stopping = false;
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping');
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`tenure: while stopping: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    // One logger, one metrics registry and one tracer per process; the Temporal runtime logs through the logger too.
    const service = role === 'worker' ? 'tenure-worker' : 'tenure-server';
    const logger = createLogger({ level: config.logLevel, service });
    const tracing = tracingFromEnv(service, config.observability.otlpEndpoint);
    if (tracing) cleanups.push(() => tracing.shutdown());
    if (role !== 'server') Runtime.install({ logger: temporalLogger(logger) });
    let workerState: { getState(): string } | undefined;
    let address = config.temporal.address;
    let uiUrl: string | undefined;
    if (address === undefined) {
      if (role !== 'all') throw new ConfigError(`TEMPORAL_ADDRESS is required to run the ${role} role on its own`);
      const dev = await startDevServer({
        cli: await findTemporalCli(config.temporal.cli),
        dbFile: join(config.dataDir, 'temporal.db'),
        pidFile: join(config.dataDir, 'temporal.pid'),
        port: config.temporal.embeddedPort,
        uiPort: config.temporal.embeddedUiPort,
        namespace: config.temporal.namespace,
      });
      cleanups.push(() => dev.stop());
      address = dev.address;
      uiUrl = dev.uiUrl;
    }
    if (role !== 'all' && config.databaseUrl === undefined && role === 'server') {
      say('no DATABASE_URL: using PGlite in the data directory (one process only; use PostgreSQL for separate roles)');
    }
    const db = await openDatabase(config);
    cleanups.push(() => db.close());
    const definitions = createDefinitionStore(db);
    // Drafts for the designer: the API roles seed them; a lone worker has no designer to show them in.
    if (role !== 'worker') for (const id of await seedTemplates(definitions)) say(`seeded the built-in template ${id} as a draft (edit and publish it in the designer)`);
    const keyring = createKeyring(await loadMasterKey(config.secretKey, config.dataDir), parsePreviousKeys(config.previousSecretKeys));
    const connections = createConnectionStore(db, keyring);
    const codec = payloadCodec(keyring);
    const dataConverter = { payloadCodecs: [codec] };
    const runs = createRunStore(db);
    const people = createPeopleStore(db, runs);

    // TLS and the API key apply to an external cluster only; the embedded dev server is plaintext on loopback.
    const endpoint = { address, ...(config.temporal.address !== undefined ? { tls: config.temporal.tls, apiKey: config.temporal.apiKey } : {}) };
    if (role === 'all' || role === 'worker') {
      const connection = await connectWorker(endpoint);
      const deps = { revisions: definitions, connections, people, callbackKey: keyring.callbackKey, approvalLinkKey: keyring.approvalLinkKey, approvals: createApprovalStore(db), publicUrl: config.publicUrl, audit: provisioningAuditSink(db) };
      const { namespace, taskQueue, connectorQueues, workerQueues, workflowCacheSize } = config.temporal;
      // One worker per polled queue (TENURE_WORKER_QUEUES): the lifecycle queue, and each split connector's own.
      const workers: Worker[] = [];
      for (const queue of workerQueues) {
        workers.push(queue === 'lifecycle' ? await createWorker({ connection, namespace, taskQueue, deps, bundle: await bundleWorkflows({ tracing: tracing !== undefined }), dataConverter, connectorQueues, logger, sync: { db, keyring, hireDatePolicy: config.hireDatePolicy }, ...(workflowCacheSize !== undefined ? { maxCachedWorkflows: workflowCacheSize } : {}) }) : await createConnectorWorker({ connection, namespace, taskQueue, kind: queue, deps, dataConverter, logger }));
      }
      workerState = { getState: () => workers.find((w) => w.getState() !== 'RUNNING')?.getState() ?? 'RUNNING' };
      const running = Promise.all(workers.map((w) => w.run()));
      cleanups.push(async () => {
        for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
        await running;
        await connection.close();
      });
      running.catch((error: unknown) => {
        console.error(`tenure: the worker stopped: ${error instanceof Error ? error.message : String(error)}`);
        void stop(1);
      });
      say(`worker polling ${workerQueues.map((q) => (q === 'lifecycle' ? taskQueue : connectorTaskQueue(taskQueue, q))).join(', ')} on Temporal at ${address}`);
    }

    if (role === 'all' || role === 'server') {
      const temporal = await connectClient(endpoint, config.temporal.namespace, dataConverter);
      cleanups.push(() => temporal.connection.close());
      const app = await buildApp({
        db,
        definitions,
        runs,
        people,
        connections,
        users: createUserStore(db),
        hrSources: createHrSourceStore(db, keyring),
        syncJobs: createSyncJobStore(db, keyring),
        hrSignatureWindowSeconds: config.hrSignatureWindowSeconds,
        ...(config.trustProxy !== undefined ? { trustProxy: config.trustProxy } : {}),
        temporal,
        taskQueue: config.temporal.taskQueue,
        codec,
        safety: config.safety,
        hireDatePolicy: config.hireDatePolicy,
        adminToken: await adminToken(config),
        callbackKey: keyring.callbackKey,
        approvalLinkKey: keyring.approvalLinkKey,
        designerDir: resolve(import.meta.dirname, '../designer/dist'),
        logLevel: config.logLevel,
        logger,
        ...(workerState ? { worker: workerState } : {}),
        ...(config.signIn ? { oidc: { ...config.signIn, publicUrl: config.publicUrl, sessionKey: keyring.sessionKey } } : {}),
      });
      cleanups.push(() => app.close());
      await app.listen({ port: config.port, host: config.host });
      const base = `http://${config.host}:${config.port}`;
      say(`API      ${base}/api  (health: ${base}/healthz)`);
      say(`designer ${base}/`);
    }
    if (config.observability.metricsPort !== undefined) {
      const metrics = await startMetricsServer({ host: config.host, port: config.observability.metricsPort, logger, ...(role !== 'worker' ? { db } : {}) });
      cleanups.push(() => metrics.close());
      say(`metrics  http://${config.host}:${metrics.port}/metrics (no token: keep this port private)`);
    }
    if (uiUrl !== undefined) say(`Temporal UI ${uiUrl}`);
    say(`database ${config.databaseUrl !== undefined ? safeUrl(config.databaseUrl) : join(config.dataDir, 'db')} · data ${config.dataDir}`);
  } catch (error) {
    const known = [ConfigError, KeyError, DatabaseUnavailable, DevServerFailed, TemporalCliMissing, TemporalUnavailable].some((k) => error instanceof k);
    console.error(`tenure: ${known && error instanceof Error ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await stop(1);
  }
}

/** `rotate-keys`: re-encrypts every stored secret under TENURE_SECRET_KEY (previous keys from TENURE_PREVIOUS_SECRET_KEYS), then exits. */
async function rotateKeys(): Promise<void> {
  const config = loadConfig();
  await mkdir(config.dataDir, { recursive: true });
  const db = await openDatabase(config);
  try {
    const keyring = createKeyring(await loadMasterKey(config.secretKey, config.dataDir), parsePreviousKeys(config.previousSecretKeys));
    const report = await rotateSecrets(db, keyring, 'cli:rotate-keys');
    for (const [table, counts] of Object.entries(report.tables)) say(`${table}: ${counts.reencrypted} re-encrypted, ${counts.current} already under the current key`);
    say(`every stored secret is now under key ${report.keyId}; keep the previous keys in TENURE_PREVIOUS_SECRET_KEYS while Temporal histories written under them are retained`);
  } finally {
    await db.close();
  }
}

const role = process.argv[2] ?? 'all';
if (role === 'rotate-keys') {
  try {
    await rotateKeys();
    process.exit(0);
  } catch (error) {
    const known = [ConfigError, KeyError, DatabaseUnavailable].some((k) => error instanceof k);
    console.error(`tenure: rotate-keys failed, nothing was changed: ${known && error instanceof Error ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  }
}
if (role !== 'all' && role !== 'server' && role !== 'worker') {
  console.error(`tenure: unknown role "${role}"; use all, server, worker or rotate-keys`);
  process.exit(2);
}
try {
  await run(role);
} catch (error) {
  // Configuration is read before anything starts: one line, nothing to stop.
  if (!(error instanceof ConfigError)) throw error;
  console.error(`tenure: ${error.message}`);
  process.exit(1);
}
