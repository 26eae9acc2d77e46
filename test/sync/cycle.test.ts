/**
 * The sync cycle's activities called as Temporal would call them, retries and duplicates included,
 * against a real PostgreSQL HR table and the app database: a page read again after its completion
 * was lost resumes after the stored cursor, two attempts of one page write it once, a cycle that
 * lost its watermark advance enqueues nothing twice, and duplicate keys are reported per record.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createSyncJobStore } from '../../server/db/syncJobs.ts';
import { createKeyring } from '../../server/secrets/keyring.ts';
import { createSyncActivities } from '../../server/sync/cycle.ts';
import { syncJobInputSchema } from '../../server/sync/job.ts';
import { startPostgres, type Postgres } from '../peers/postgres.ts';

let hrDb: Postgres;
let hr: pg.Client;
let db: Database;
let activities: ReturnType<typeof createSyncActivities>;
let jobs: ReturnType<typeof createSyncJobStore>;

beforeAll(async () => {
  hrDb = await startPostgres('hr');
  hr = new pg.Client({ connectionString: hrDb.url });
  await hr.connect();
  await hr.query(`CREATE TABLE people (id text, name text, changed bigint NOT NULL)`);
  await hr.query(`INSERT INTO people SELECT 'P' || i, 'Person ' || i, i FROM generate_series(1, 5) AS i`);
  db = await openPglite(undefined);
  await migrate(db);
  const keyring = createKeyring(randomBytes(32));
  jobs = createSyncJobStore(db, keyring);
  activities = createSyncActivities({ db, keyring });
}, 120_000);

afterAll(async () => {
  await hr.end();
  await Promise.all([hrDb.stop(), db.close()]);
});

const outboxCount = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM hr_outbox'))[0]?.n ?? -1;

function job(id: string, query: string, mode: 'delta' | 'snapshot') {
  return syncJobInputSchema.parse({
    id,
    name: id,
    kind: 'postgres-hr',
    hrSource: id,
    source: { connection: { host: '127.0.0.1', port: hrDb.port, database: 'hr', user: 'tenure' }, query, keyColumn: 'id', mode, ...(mode === 'delta' ? { changeColumn: 'changed' } : {}), attributes: { displayName: 'name' }, pageSize: 2 },
    secrets: { password: 'tenure-test-password' },
  });
}

describe('sync cycle activities', () => {
  it('resume a retried page after the stored cursor, write a page once however many attempts race, and repeat nothing after a lost watermark advance', async () => {
    await jobs.create(job('delta', 'people', 'delta'), 'test');
    await activities['sync.beginCycle']({ jobId: 'delta', cycleId: 'c1', trigger: 'manual' });
    // Beginning again (a retried begin) changes nothing.
    await activities['sync.beginCycle']({ jobId: 'delta', cycleId: 'c1', trigger: 'manual' });
    expect(await activities['sync.readPage']({ cycleId: 'c1' })).toMatchObject({ done: false, rows: 2, events: 2 });
    // The worker crashed after the page committed, before Temporal heard: the retry reads the next page.
    expect(await activities['sync.readPage']({ cycleId: 'c1' })).toMatchObject({ done: false, rows: 2, events: 2 });
    expect(await outboxCount()).toBe(4);
    // Two attempts of the same page at once (a timed-out attempt still running beside its retry).
    const raced = await Promise.all([activities['sync.readPage']({ cycleId: 'c1' }), activities['sync.readPage']({ cycleId: 'c1' })]);
    expect(raced.map((r) => r.events).sort()).toEqual([0, 1]);
    expect(await outboxCount()).toBe(5);
    expect(await activities['sync.readPage']({ cycleId: 'c1' })).toMatchObject({ done: true, rows: 0 });
    expect(await activities['sync.completeCycle']({ cycleId: 'c1' })).toMatchObject({ status: 'succeeded', counts: { rows: 5, hire: 5 } });
    // Completing again (a retried completion) changes nothing.
    expect(await activities['sync.completeCycle']({ cycleId: 'c1' })).toMatchObject({ status: 'succeeded' });
    expect((await jobs.get('delta')).watermark).toEqual({ change: '5', key: 'P5' });

    // The watermark advance was lost: the next cycle reads everything again and sends nothing.
    await db.query('UPDATE sync_jobs SET watermark = NULL');
    await activities['sync.beginCycle']({ jobId: 'delta', cycleId: 'c2', trigger: 'manual' });
    for (;;) if ((await activities['sync.readPage']({ cycleId: 'c2' })).done) break;
    expect(await activities['sync.completeCycle']({ cycleId: 'c2' })).toMatchObject({ status: 'succeeded', counts: { rows: 5, unchanged: 5 } });
    expect(await outboxCount()).toBe(5);
  }, 60_000);

  it('reports both rows of a duplicate key and goes on with the others', async () => {
    await jobs.create(job('dups', "SELECT id, name FROM people UNION ALL SELECT 'P2', 'Someone else'", 'snapshot'), 'test');
    await activities['sync.beginCycle']({ jobId: 'dups', cycleId: 'd1', trigger: 'manual' });
    for (;;) if ((await activities['sync.readPage']({ cycleId: 'd1' })).done) break;
    const outcome = await activities['sync.completeCycle']({ cycleId: 'd1' });
    expect(outcome).toMatchObject({ status: 'succeeded', counts: { rows: 6, hire: 4, invalid: 2 } });
    const [cycle] = await db.query<{ errors: { key: string; message: string }[] }>("SELECT errors FROM sync_cycles WHERE id = 'd1'");
    expect(cycle?.errors.map((e) => e.key)).toEqual(['P2', 'P2']);
    expect(cycle?.errors[0]?.message).toContain('id P2 is on more than one row of the source');
  }, 60_000);
});
