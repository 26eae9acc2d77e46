/**
 * Tenure as a user runs it, in processes of its own, so its CPU and memory are measured apart from
 * the benchmark's drivers and the in-process peers. Two shapes:
 * - `all` (what `npm start` runs): one process — API, worker and PGlite — that starts its embedded
 *   Temporal dev server as a child;
 * - split (the scale path): `server` and `worker` as two processes on a real PostgreSQL, beside a
 *   Temporal dev server the benchmark starts the way `all` does. The worker's memory is then its own,
 *   which is what the workforce budget is about.
 * Each runs in a throwaway data directory on free loopback ports. Logs go to files; the benchmark
 * counts the warnings in them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { findTemporalCli } from '../server/temporal/cli.ts';
import { startDevServer } from '../server/temporal/devServer.ts';
import { httpApi, type HttpApi } from '../test/support/httpApi.ts';
import { startPostgres } from '../test/peers/postgres.ts';
import { freePort } from '../test/support/ports.ts';
import { commandOf, type Tracked } from './processes.ts';

const root = resolve(import.meta.dirname, '..');
/** ANSI colour sequences (ESC [ … m) in the Temporal core's log lines. */
const colourCodes = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const namespace = 'default';

export interface TenureProcess {
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  adminToken: string;
  temporalAddress: string;
  /** Tenure's processes and the servers it stands on, named as the report names them. */
  processes(): Promise<Tracked[]>;
  /** Log lines at warn or above, and those about slow workflow tasks, over every Tenure process. */
  warnings(): Promise<{ warn: number; error: number; slowTasks: number; samples: string[] }>;
  api: HttpApi;
  stop(): Promise<void>;
}

interface Stoppable {
  stop(): Promise<void>;
}

/** One `node server/main.ts <role>` with its log in a file. */
interface RoleProcess extends Stoppable {
  child: ChildProcess;
  logFile: string;
  /** The log's last lines, to say why a start failed. */
  tail(): Promise<string>;
}

function startRole(role: 'all' | 'server' | 'worker', env: NodeJS.ProcessEnv, logDir: string): RoleProcess {
  const logFile = join(logDir, `tenure-${role}-${Date.now()}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, ['server/main.ts', role], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = once(child, 'exit');
  return {
    child,
    logFile,
    tail: async () => (await readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-15).join('\n'),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(killer);
      }
      log.end();
    },
  };
}

const gone = (p: RoleProcess) => p.child.exitCode !== null || p.child.signalCode !== null;

/** Waits until `ready()`; a process that exits first, or a deadline, fails the start with its log. */
async function waitFor(what: string, processes: readonly RoleProcess[], ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 180_000; // the first start bundles the workflows: tens of seconds
  for (;;) {
    const dead = processes.find(gone);
    if (dead) throw new Error(`Tenure exited while starting (${dead.child.exitCode ?? dead.child.signalCode ?? '?'}):\n${await dead.tail()}`);
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`${what} was not ready within 180 s (logs: ${processes.map((p) => p.logFile).join(', ')})`);
    await sleep(250);
  }
}

async function countWarnings(logFiles: readonly string[]) {
  // Two formats: the processes' pino JSON lines, and the Temporal core's own text lines (with colours).
  const lines = (await Promise.all(logFiles.map((f) => readFile(f, 'utf8').catch(() => '')))).flatMap((text) => text.split('\n')).map((l) => l.replace(colourCodes, ''));
  const level = (line: string) => /"level":"(\w+)"/.exec(line)?.[1] ?? /^\S+\s+(WARN|ERROR)\s/.exec(line)?.[1]?.toLowerCase();
  const warn = lines.filter((l) => level(l) === 'warn');
  const error = lines.filter((l) => level(l) === 'error' || level(l) === 'fatal');
  const slow = lines.filter((l) => /TMPRL1104|Workflow task duration exceeded/i.test(l));
  return { warn: warn.length, error: error.length, slowTasks: slow.length, samples: [...new Set([...error, ...warn].map((l) => l.slice(0, 300)))].slice(0, 5) };
}

async function pidIn(file: string): Promise<number | undefined> {
  const pid = Number((await readFile(file, 'utf8').catch(() => '')).split('\n')[0]?.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** The PostgreSQL server listening on `port` (its postmaster; its backends are its children). */
async function postmasterOn(port: number): Promise<number | undefined> {
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const command = await commandOf(pid);
    if (/\/postgres\s/.test(command) && command.includes(`-p ${port} `)) return pid;
  }
  return undefined;
}

export async function startTenure(logDir: string, options: { split: boolean }): Promise<TenureProcess> {
  const started: Stoppable[] = [];
  const stopAll = async () => {
    for (const s of [...started].reverse()) await s.stop().catch((error: unknown) => console.error(`bench: while stopping Tenure: ${error instanceof Error ? error.message : String(error)}`));
  };
  const dataDir = await mkdtemp(join(tmpdir(), 'tenure-bench-data-'));
  started.push({ stop: () => rm(dataDir, { recursive: true, force: true }) });
  try {
    const [port, temporalPort] = [await freePort(), await freePort()];
    const adminToken = randomBytes(24).toString('base64url');
    // Whatever tuning the caller set (TENURE_*) passes through; where it runs and who it trusts do not.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TENURE_PORT: String(port),
      TENURE_HOST: '127.0.0.1',
      TENURE_DATA_DIR: dataDir,
      TENURE_ADMIN_TOKEN: adminToken,
      TENURE_LOG_LEVEL: process.env.TENURE_LOG_LEVEL ?? 'warn',
    };
    delete env.TEMPORAL_ADDRESS;
    delete env.DATABASE_URL;
    const baseUrl = `http://127.0.0.1:${port}`;
    const apiReady = () => fetch(`${baseUrl}/healthz/ready`).then((r) => r.status === 200, () => false);
    const temporalAddress = `127.0.0.1:${temporalPort}`;
    const temporalPidFile = join(dataDir, 'temporal.pid');
    let roles: { name: string; process: RoleProcess }[];
    let postgresPort: number | undefined;

    if (!options.split) {
      const all = startRole('all', { ...env, TENURE_TEMPORAL_PORT: String(temporalPort), TENURE_TEMPORAL_UI_PORT: String(await freePort()) }, logDir);
      started.push(all);
      roles = [{ name: 'tenure', process: all }];
      await waitFor('Tenure', [all], apiReady);
    } else {
      const postgres = await startPostgres();
      started.push(postgres);
      postgresPort = postgres.port;
      const temporal = await startDevServer({ cli: await findTemporalCli(process.env.TEMPORAL_CLI), dbFile: join(dataDir, 'temporal.db'), pidFile: temporalPidFile, port: temporalPort, namespace });
      started.push(temporal);
      // Both roles share the database, the Temporal server and the key that seals secrets and payloads.
      const shared = { ...env, DATABASE_URL: postgres.url, TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_NAMESPACE: namespace, TENURE_SECRET_KEY: randomBytes(32).toString('base64') };
      const server = startRole('server', shared, logDir);
      started.push(server);
      await waitFor('The API', [server], apiReady);
      const worker = startRole('worker', shared, logDir);
      started.push(worker);
      await waitFor('The worker', [server, worker], async () => (await readFile(worker.logFile, 'utf8').catch(() => '')).includes('tenure: worker polling'));
      roles = [
        { name: 'tenure-server', process: server },
        { name: 'tenure-worker', process: worker },
      ];
    }

    return {
      baseUrl,
      adminToken,
      temporalAddress,
      async processes() {
        const tracked: Tracked[] = roles.flatMap(({ name, process: p }) => (p.child.pid !== undefined ? [{ name, pid: p.child.pid }] : []));
        const temporal = await pidIn(temporalPidFile);
        if (temporal !== undefined) tracked.push({ name: 'temporal', pid: temporal });
        const postgres = postgresPort !== undefined ? await postmasterOn(postgresPort) : undefined;
        if (postgres !== undefined) tracked.push({ name: 'postgres', pid: postgres });
        return tracked;
      },
      warnings: () => countWarnings(roles.map((r) => r.process.logFile)),
      api: httpApi(baseUrl, adminToken),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
