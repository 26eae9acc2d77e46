/**
 * Tenure as a user runs it (`node server/main.ts all`, what `npm start` runs): a process of its own,
 * so its CPU and memory are measured apart from the benchmark's drivers and the in-process peers.
 * It starts its embedded Temporal dev server as a child, in a throwaway data directory, on free
 * loopback ports. Its log goes to a file; the benchmark counts the warnings in it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpApi, type HttpApi } from '../test/support/httpApi.ts';
import { freePort } from '../test/support/ports.ts';

const root = resolve(import.meta.dirname, '..');
/** ANSI colour sequences (ESC [ … m) in the Temporal core's log lines. */
const colourCodes = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export interface TenureProcess {
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  adminToken: string;
  temporalAddress: string;
  pid: number;
  /** The embedded Temporal dev server's pid (from the data directory's pid file). */
  temporalPid(): Promise<number | undefined>;
  logFile: string;
  /** Log lines at warn or above, and those about slow workflow tasks. */
  warnings(): Promise<{ warn: number; error: number; slowTasks: number; samples: string[] }>;
  api: HttpApi;
  stop(): Promise<void>;
}

export async function startTenure(logDir: string): Promise<TenureProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tenure-bench-data-'));
  const [port, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
  const adminToken = randomBytes(24).toString('base64url');
  const logFile = join(logDir, `tenure-${Date.now()}.log`);
  const log = createWriteStream(logFile);
  // Whatever tuning the caller set (TENURE_*) passes through; where it runs and who it trusts do not.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TENURE_PORT: String(port),
    TENURE_HOST: '127.0.0.1',
    TENURE_DATA_DIR: dataDir,
    TENURE_ADMIN_TOKEN: adminToken,
    TENURE_TEMPORAL_PORT: String(temporalPort),
    TENURE_TEMPORAL_UI_PORT: String(uiPort),
    TENURE_LOG_LEVEL: process.env.TENURE_LOG_LEVEL ?? 'warn',
  };
  delete env.TEMPORAL_ADDRESS;
  const child: ChildProcess = spawn(process.execPath, ['server/main.ts', 'all'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = once(child, 'exit');
  const baseUrl = `http://127.0.0.1:${port}`;

  const api = httpApi(baseUrl, adminToken);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    }
    log.end();
    await rm(dataDir, { recursive: true, force: true });
  };

  // Ready once the worker runs and the API answers (first start bundles the workflows: tens of seconds).
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      log.end();
      const tail = (await readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-15).join('\n');
      await rm(dataDir, { recursive: true, force: true });
      throw new Error(`Tenure exited while starting (${child.exitCode ?? child.signalCode ?? '?'}):\n${tail}`);
    }
    const ready = await fetch(`${baseUrl}/healthz/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Tenure did not become ready on ${baseUrl} within 180 s (log: ${logFile})`);
    }
    await sleep(250);
  }
  if (child.pid === undefined) throw new Error('Tenure started without a pid');

  return {
    baseUrl,
    adminToken,
    temporalAddress: `127.0.0.1:${temporalPort}`,
    pid: child.pid,
    async temporalPid() {
      const text = await readFile(join(dataDir, 'temporal.pid'), 'utf8').catch(() => '');
      const pid = Number(text.trim());
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    },
    logFile,
    async warnings() {
      // Two formats: the process's pino JSON lines, and the Temporal core's own text lines (with colours).
      const lines = (await readFile(logFile, 'utf8')).split('\n').map((l) => l.replace(colourCodes, ''));
      const level = (line: string) => /"level":"(\w+)"/.exec(line)?.[1] ?? /^\S+\s+(WARN|ERROR)\s/.exec(line)?.[1]?.toLowerCase();
      const warn = lines.filter((l) => level(l) === 'warn');
      const error = lines.filter((l) => level(l) === 'error' || level(l) === 'fatal');
      const slow = lines.filter((l) => /TMPRL1104|Workflow task duration exceeded/i.test(l));
      return { warn: warn.length, error: error.length, slowTasks: slow.length, samples: [...new Set([...error, ...warn].map((l) => l.slice(0, 300)))].slice(0, 5) };
    },
    api,
    stop,
  };
}
