/**
 * The embedded Temporal: the Temporal CLI's dev server with a SQLite file, started as a child
 * process. Used by `npm start` when no TEMPORAL_ADDRESS is given, and by the test harness.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';

export interface DevServerOptions {
  cli: string;
  /** SQLite file; an in-memory database when undefined. */
  dbFile?: string;
  port: number;
  /** Web UI port; no UI when undefined. */
  uiPort?: number;
  namespace: string;
  /** Where the server's pid is kept, so a start after a crash can stop a leftover server. */
  pidFile?: string;
  startTimeoutMs?: number;
  /** Dynamic config values (`--dynamic-config-value KEY=VALUE`), e.g. a low continue-as-new suggestion in tests. */
  dynamicConfig?: Record<string, string | number | boolean>;
}

export interface DevServer {
  address: string;
  uiUrl: string | undefined;
  stop(): Promise<void>;
}

export class DevServerFailed extends Error {}

/**
 * Workflows whose state the embedded server keeps in memory. Temporal 1.32 has one history cache per
 * host, 256,000 entries by default and kept for an hour: every person workflow stays cached, about
 * 15 KiB of live Go heap each, so 50,000 waiting people would hold some 750 MiB of state nobody reads
 * until a date arrives. A miss costs one read of the workflow's row from the local SQLite file. The
 * bound covers every workflow in flight at once many times over (a bulk of hires touches each
 * workflow in a burst of tasks), so it costs reads only for the waiting, when they wake.
 */
export const embeddedHistoryCacheSize = 4096;

async function stopLeftover(pidFile: string, dbFile: string | undefined): Promise<void> {
  let pid: number;
  try {
    pid = Number((await readFile(pidFile, 'utf8')).trim());
  } catch {
    return; // no pid file: nothing was left running
  }
  try {
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    // Only a Temporal dev server on our own database file is ours to stop.
    if (!cmdline.some((a) => a.endsWith('temporal')) || (dbFile !== undefined && !cmdline.includes(dbFile))) return;
  } catch {
    return; // that process is gone
  }
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(100);
  }
  process.kill(pid, 'SIGKILL');
}

export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  if (opts.pidFile) await stopLeftover(opts.pidFile, opts.dbFile);
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--namespace', opts.namespace, '--log-level', 'error'];
  // WAL with synchronous=NORMAL: a commit is one sequential append instead of a journal rewrite and
  // two fsyncs. The trade: a power loss (not a process crash) may lose the last moments of commits.
  if (opts.dbFile) args.push('--db-filename', opts.dbFile, '--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL');
  const dynamicConfig = { 'history.hostLevelCacheMaxSize': embeddedHistoryCacheSize, ...opts.dynamicConfig };
  for (const [key, value] of Object.entries(dynamicConfig)) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  if (opts.uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort));

  const child: ChildProcess = spawn(opts.cli, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = `exited with ${signal ?? `code ${code ?? '?'}`}`;
  });
  child.on('error', (error) => {
    exited = `could not start: ${error.message}`;
  });
  if (opts.pidFile && child.pid !== undefined) await writeFile(opts.pidFile, String(child.pid));

  const address = `127.0.0.1:${opts.port}`;
  const stop = async () => {
    if (exited === undefined && child.exitCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, sleep(10_000).then(() => child.kill('SIGKILL'))]);
    }
    if (opts.pidFile) await rm(opts.pidFile, { force: true });
  };

  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited !== undefined) {
      throw new DevServerFailed(`the Temporal dev server ${exited} (port ${opts.port}${opts.uiPort ? `, UI ${opts.uiPort}` : ''}): ${stderr.trim().split('\n').slice(-3).join(' ') || 'no output'}`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        await connection.workflowService.describeNamespace({ namespace: opts.namespace });
        break;
      } finally {
        await connection.close();
      }
    } catch (error) {
      if (Date.now() > deadline) {
        await stop();
        throw new DevServerFailed(`the Temporal dev server did not answer on ${address} within ${(opts.startTimeoutMs ?? 60_000) / 1000}s: ${error instanceof Error ? error.message : String(error)}`);
      }
      await sleep(200);
    }
  }
  return { address, uiUrl: opts.uiPort === undefined ? undefined : `http://127.0.0.1:${opts.uiPort}`, stop };
}
