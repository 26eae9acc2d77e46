/**
 * Several processes starting at once against one PostgreSQL database (the scale path) migrate it
 * exactly once: one of them applies every migration, the others wait for it and find nothing to do.
 */
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { startPostgres, type Postgres } from '../peers/postgres.ts';

let postgres: Postgres;
const pools: Database[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  await postgres.stop();
});

describe('migrations on PostgreSQL', () => {
  it('are applied once when four processes start together, and not again on the next start', async () => {
    const files = (await readdir(resolve(import.meta.dirname, '../../server/db/migrations'))).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, '')).sort();
    // One pool per "process", as each Tenure process opens its own.
    for (let i = 0; i < 4; i++) pools.push(await openPostgres(postgres.url));
    const applied = await Promise.all(pools.map((db) => migrate(db)));
    expect(applied.filter((a) => a.length > 0)).toEqual([files]);
    const [first] = pools;
    if (!first) throw new Error('no pool');
    const rows = await first.query<{ version: string; n: string }>('SELECT version, count(*)::text AS n FROM schema_migrations GROUP BY version ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(files);
    expect(await migrate(first)).toEqual([]);
    // Each "process" can use the schema right away: no lock is left behind on a pooled connection.
    const locks = await first.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_locks WHERE locktype = 'advisory'");
    expect(locks[0]?.n).toBe('0');
  });
});
