/**
 * Captures sync cycle histories (workflows/syncCycle.ts) from real cycles on a real Temporal dev
 * server, against a throwaway PostgreSQL HR table, into test/fixtures/histories/. The replay test
 * replays them against the current workflow code, so a change that would break cycles in flight
 * fails the build. Payloads are left unencrypted so the replay can read them.
 *   node scripts/capture-sync-histories.ts <tag>     writes sync-cycle-<scenario>-<tag>.json
 * Scenarios: a delta cycle over three pages that completes, and a cycle whose source fails.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import pg from 'pg';
import { openPglite } from '../server/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import { createSyncJobStore } from '../server/db/syncJobs.ts';
import { createKeyring } from '../server/secrets/keyring.ts';
import { syncJobInputSchema } from '../server/sync/job.ts';
import { findTemporalCli } from '../server/temporal/cli.ts';
import { startDevServer } from '../server/temporal/devServer.ts';
import { bundleWorkflows, createWorker } from '../server/temporal/worker.ts';
import { startPostgres } from '../test/peers/postgres.ts';
import { testActivityDeps } from '../test/support/deps.ts';
import { freePort } from '../test/support/ports.ts';
import type { SyncCycleInput } from '../workflows/syncCycle.ts';

const outDir = resolve(import.meta.dirname, '../test/fixtures/histories');
const tag = process.argv[2];
if (tag === undefined || !/^[a-z0-9-]+$/.test(tag)) {
  console.error('usage: node scripts/capture-sync-histories.ts <tag>   (lowercase letters, digits, dashes)');
  process.exit(2);
}

const cli = await findTemporalCli(process.env.TEMPORAL_CLI);
const [server, hrDb, db] = await Promise.all([(async () => startDevServer({ cli, port: await freePort(), namespace: 'default' }))(), startPostgres('hr'), openPglite(undefined)]);
try {
  await migrate(db);
  const hr = new pg.Client({ connectionString: hrDb.url });
  await hr.connect();
  await hr.query(`CREATE TABLE workers (emp_no text, name text, status text NOT NULL DEFAULT 'active', changed bigint NOT NULL)`);
  await hr.query(`INSERT INTO workers SELECT 'W' || i, 'Worker ' || i, CASE WHEN i = 3 THEN 'terminated' ELSE 'active' END, i FROM generate_series(1, 5) AS i`);
  await hr.end();
  const keyring = createKeyring(randomBytes(32));
  const jobs = createSyncJobStore(db, keyring);
  const source = (attributes: Record<string, string>) => ({
    connection: { host: '127.0.0.1', port: hrDb.port, database: 'hr', user: 'tenure' },
    query: 'workers',
    keyColumn: 'emp_no',
    mode: 'delta',
    changeColumn: 'changed',
    attributes,
    termination: { kind: 'status', column: 'status', inactiveValues: ['terminated'] },
    pageSize: 2,
  });
  await jobs.create(syncJobInputSchema.parse({ id: 'completes', name: 'completes', kind: 'postgres-hr', source: source({ displayName: 'name' }), secrets: { password: 'tenure-test-password' } }), 'capture');
  await jobs.create(syncJobInputSchema.parse({ id: 'fails', name: 'fails', kind: 'postgres-hr', source: source({ displayName: 'no_such_column' }), secrets: { password: 'tenure-test-password' } }), 'capture');

  const taskQueue = `capture-${randomUUID()}`;
  const connection = await NativeConnection.connect({ address: server.address });
  const worker = await createWorker({ connection, namespace: 'default', taskQueue, deps: testActivityDeps(), bundle: await bundleWorkflows(), sync: { db, keyring } });
  const client = new Client({ connection: await Connection.connect({ address: server.address }) });
  await worker.runUntil(async () => {
    await mkdir(outDir, { recursive: true });
    for (const scenario of ['completes', 'fails']) {
      const args: [SyncCycleInput] = [{ jobId: scenario, trigger: 'manual' }];
      const handle = await client.workflow.start('syncCycle', { workflowId: `sync-cycle:${scenario}:capture`, taskQueue, args });
      console.log(JSON.stringify(await handle.result()));
      const file = join(outDir, `sync-cycle-${scenario}-${tag}.json`);
      if (existsSync(file)) throw new Error(`${file} exists; histories are never overwritten, pick a new tag`);
      // The CLI writes the proto3 JSON form that historyFromJSON reads back.
      const { stdout } = await promisify(execFile)(cli, ['workflow', 'show', '--workflow-id', handle.workflowId, '--address', server.address, '--output', 'json'], { maxBuffer: 64 * 1024 * 1024 });
      await writeFile(file, `${JSON.stringify(JSON.parse(stdout), null, 1)}\n`);
      console.log(`captured ${file}`);
    }
  });
  await client.connection.close();
  await connection.close();
} finally {
  await Promise.allSettled([server.stop(), hrDb.stop(), db.close()]);
}
