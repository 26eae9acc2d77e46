/**
 * The Tenure process. `all` (npm start) runs everything in one process: the embedded Temporal dev
 * server (unless TEMPORAL_ADDRESS names a cluster), the worker, the API and the designer. `server`
 * and `worker` run one role each, for the scale path. Ctrl-C stops everything it started.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DatabaseUnavailable, openPglite, openPostgres, safeUrl, type Database } from './db/database.ts';
import { createApprovalStore } from './db/approvals.ts';
import { createConnectionStore } from './db/connections.ts';
import { createDefinitionStore } from './db/definitions.ts';
import { createPeopleStore } from './db/people.ts';
import { migrate } from './db/migrate.ts';
import { createRunStore } from './db/runs.ts';
import { createUserStore } from './db/users.ts';
import { createKeyring, KeyError, loadMasterKey } from './secrets/keyring.ts';
import { findTemporalCli, TemporalCliMissing } from './temporal/cli.ts';
import { payloadCodec } from './temporal/codec.ts';
import { connectClient, connectWorker, TemporalUnavailable } from './temporal/connect.ts';
import { DevServerFailed, startDevServer } from './temporal/devServer.ts';
import { bundleWorkflows, createWorker } from './temporal/worker.ts';

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
    const keyring = createKeyring(await loadMasterKey(config.secretKey, config.dataDir));
    const connections = createConnectionStore(db, keyring);
    const codec = payloadCodec(keyring);
    const dataConverter = { payloadCodecs: [codec] };
    const runs = createRunStore(db);
    const people = createPeopleStore(db, runs);

    if (role === 'all' || role === 'worker') {
      const connection = await connectWorker(address);
      const worker: Worker = await createWorker({ connection, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, deps: { revisions: definitions, connections, people, callbackKey: keyring.callbackKey, approvalLinkKey: keyring.approvalLinkKey, approvals: createApprovalStore(db), publicUrl: config.publicUrl }, bundle: await bundleWorkflows(), dataConverter });
      const running = worker.run();
      cleanups.push(async () => {
        worker.shutdown();
        await running;
        await connection.close();
      });
      running.catch((error: unknown) => {
        console.error(`tenure: the worker stopped: ${error instanceof Error ? error.message : String(error)}`);
        void stop(1);
      });
      say(`worker polling Temporal at ${address}`);
    }

    if (role === 'all' || role === 'server') {
      const temporal = await connectClient(address, config.temporal.namespace, dataConverter);
      cleanups.push(() => temporal.connection.close());
      const app = await buildApp({
        db,
        definitions,
        runs,
        people,
        connections,
        users: createUserStore(db),
        temporal,
        taskQueue: config.temporal.taskQueue,
        codec,
        safety: config.safety,
        adminToken: await adminToken(config),
        callbackKey: keyring.callbackKey,
        approvalLinkKey: keyring.approvalLinkKey,
        designerDir: resolve(import.meta.dirname, '../designer/dist'),
        logLevel: config.logLevel,
      });
      cleanups.push(() => app.close());
      await app.listen({ port: config.port, host: config.host });
      const base = `http://${config.host}:${config.port}`;
      say(`API      ${base}/api  (health: ${base}/healthz)`);
      say(`designer ${base}/`);
    }
    if (uiUrl !== undefined) say(`Temporal UI ${uiUrl}`);
    say(`database ${config.databaseUrl !== undefined ? safeUrl(config.databaseUrl) : join(config.dataDir, 'db')} · data ${config.dataDir}`);
  } catch (error) {
    const known = [ConfigError, KeyError, DatabaseUnavailable, DevServerFailed, TemporalCliMissing, TemporalUnavailable].some((k) => error instanceof k);
    console.error(`tenure: ${known && error instanceof Error ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await stop(1);
  }
}

const role = process.argv[2] ?? 'all';
if (role !== 'all' && role !== 'server' && role !== 'worker') {
  console.error(`tenure: unknown role "${role}"; use all, server or worker`);
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
