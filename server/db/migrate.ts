/**
 * Applies the SQL files in migrations/ in name order, each once, all pending ones in one transaction
 * (a failing migration leaves the schema as it was).
 *
 * On PostgreSQL several processes may start at once (API servers and workers on the scale path).
 * The transaction first takes a transaction-scoped advisory lock, so exactly one process migrates
 * and the others wait for its commit, then find nothing left to do. Transaction scope matters: a
 * session lock taken through the connection pool stays with whichever pooled connection took it
 * (and an unlock may run on another), blocking every other process until that connection happens to
 * close. Concurrent `CREATE TABLE IF NOT EXISTS` can also collide in the catalog, so that runs under
 * the lock too. PGlite belongs to one process and needs no lock.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from './database.ts';

const migrationsDir = join(import.meta.dirname, 'migrations');
const lockKey = 727_001;

export async function migrate(db: Database): Promise<string[]> {
  const files = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort();
  const sources = await Promise.all(files.map(async (file) => ({ version: file.replace(/\.sql$/, ''), sql: await readFile(join(migrationsDir, file), 'utf8') })));
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    const applied: string[] = [];
    for (const { version, sql } of sources) {
      if (done.has(version)) continue;
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
      applied.push(version);
    }
    return applied;
  });
}
