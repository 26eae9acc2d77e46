/**
 * A real, throwaway PostgreSQL cluster for the scale-path tests (Debian `postgresql`): `initdb` into
 * a temp dir, `pg_ctl start` on a free loopback port with its unix socket in that same dir (never
 * the system's /var/run/postgresql), one database owned by a password-authenticated role. `stop()`
 * stops the cluster and deletes the directory.
 *
 * PostgreSQL refuses to run as root ("root execution of the PostgreSQL server is not permitted").
 * When the tests run as root (containers, CI), every server command runs as the `postgres` system
 * user the Debian package creates, through `setpriv` (util-linux, always present on Debian; unlike
 * `su`/`runuser` it needs no PAM session and passes our environment through); the temp dir is
 * handed to that user first. As any other user the commands run directly.
 */
import { spawn } from 'node:child_process';
import { chown, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCommand } from '../support/command.ts';
import { freePort } from '../support/ports.ts';

export interface Postgres {
  /** postgres://tenure:…@127.0.0.1:PORT/tenure */
  url: string;
  port: number;
  database: string;
  /** A URL for another database of the same cluster (the maintenance database `postgres`, …). */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const user = 'tenure';
const password = 'tenure-test-password';

/** The newest installed major version's bin dir: Debian keeps them out of PATH in /usr/lib/postgresql/<major>/bin. */
async function binDir(): Promise<string> {
  const root = '/usr/lib/postgresql';
  let majors: number[];
  try {
    majors = (await readdir(root)).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  } catch (error) {
    throw new Error(`PostgreSQL is not installed (${error instanceof Error ? error.message : String(error)}); run bash scripts/setup.sh --test (Debian package postgresql)`, { cause: error });
  }
  const newest = majors.sort((a, b) => b - a)[0];
  if (newest === undefined) throw new Error(`no PostgreSQL version under ${root}; run bash scripts/setup.sh --test (Debian package postgresql)`);
  return join(root, String(newest), 'bin');
}

interface RunAs {
  wrap(command: string, args: readonly string[]): [string, string[]];
  own(path: string): Promise<void>;
}

async function runAs(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return { wrap: (c, a) => [c, [...a]], own: () => Promise.resolve() };
  const [uid, gid] = (await Promise.all([runCommand('id', ['-u', 'postgres']), runCommand('id', ['-g', 'postgres'])])).map((s) => Number(s.trim()));
  if (uid === undefined || gid === undefined || !Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('running as root, but there is no postgres system user to run PostgreSQL as; install the Debian package postgresql');
  return {
    wrap: (c, a) => ['setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--', c, ...a]],
    own: async (path) => chown(path, uid, gid),
  };
}

export async function startPostgres(database = 'tenure'): Promise<Postgres> {
  const [bin, as, port] = await Promise.all([binDir(), runAs(), freePort()]);
  const dir = await mkdtemp(join(tmpdir(), 'tenure-postgres-'));
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  const run = async (command: string, args: string[]) => {
    const [c, a] = as.wrap(join(bin, command), args);
    return runCommand(c, a);
  };
  let started = false;
  const stopCluster = async () => {
    if (!started) return;
    started = false;
    await run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '30']);
  };
  try {
    await writeFile(join(dir, 'pwfile'), `${password}\n`, { mode: 0o600 });
    await as.own(dir);
    await as.own(join(dir, 'pwfile'));
    await run('initdb', ['-D', data, '-U', user, `--pwfile=${join(dir, 'pwfile')}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync']);
    // A throwaway cluster: durability settings off for speed, sockets and logs in the temp dir.
    const options = ['-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'].join(' ');
    // pg_ctl returns once the server accepts connections (-w); the server itself keeps running.
    await new Promise<void>((resolve, reject) => {
      const [c, a] = as.wrap(join(bin, 'pg_ctl'), ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', options]);
      const child = spawn(c, a, { stdio: 'ignore' });
      child.once('error', reject);
      child.once('exit', (code) => {
        if (code === 0) resolve();
        else reject(new Error(`pg_ctl start exited with ${code}`));
      });
    });
    started = true;
    const url = (db: string) => `postgres://${user}:${password}@127.0.0.1:${port}/${db}`;
    const admin = new pg.Client({ connectionString: url('postgres') });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)} OWNER ${pg.escapeIdentifier(user)}`);
    } finally {
      await admin.end();
    }
    return {
      url: url(database),
      port,
      database,
      urlFor: url,
      async stop() {
        try {
          await stopCluster();
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    const logged = await readFile(log, 'utf8').catch((e: unknown) => `(no server log: ${e instanceof Error ? e.message : String(e)})`);
    await stopCluster().catch((e: unknown) => console.error(`postgres peer: while stopping after a failed start: ${e instanceof Error ? e.message : String(e)}`));
    await rm(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${error instanceof Error ? error.message : String(error)}\n${logged.slice(-2000)}`, { cause: error });
  }
}
