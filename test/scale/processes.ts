/**
 * Tenure roles as separate operating-system processes (`node server/main.ts <role>`), the way the
 * scale path deploys them: each with its own data directory, sharing only PostgreSQL, Temporal
 * and the secret key. Output is kept for assertions and failure messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventually } from '../support/eventually.ts';

const root = resolve(import.meta.dirname, '../..');

export interface RoleProcess {
  role: 'server' | 'worker';
  child: ChildProcess;
  pid: number;
  output(): string;
  exited(): Promise<void>;
  /** Resolves once the output contains `text`; fails early, with the output, if the process exits. */
  printed(text: string, timeoutMs?: number): Promise<void>;
  kill(signal: NodeJS.Signals): void;
}

export interface Processes {
  start(role: 'server' | 'worker', env: Record<string, string>): Promise<RoleProcess>;
  /** SIGKILLs whatever still runs and deletes the data directories. */
  stopAll(): Promise<void>;
}

export function processes(): Processes {
  const started: RoleProcess[] = [];
  const dirs: string[] = [];
  return {
    async start(role, env) {
      const dataDir = await mkdtemp(join(tmpdir(), `tenure-${role}-`));
      dirs.push(dataDir);
      const child = spawn(process.execPath, ['server/main.ts', role], { cwd: root, env: { ...process.env, TENURE_DATA_DIR: dataDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      if (child.pid === undefined) throw new Error(`could not start the ${role} process`);
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      const done = new Promise<void>((r) => child.once('exit', () => r()));
      const p: RoleProcess = {
        role,
        child,
        pid: child.pid,
        output: () => out,
        exited: () => done,
        printed: async (text, timeoutMs = 90_000) => {
          await eventually(
            async () => {
              if (out.includes(text)) return Promise.resolve(true);
              if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the ${role} process (pid ${child.pid ?? '?'}) exited with ${child.exitCode ?? child.signalCode}:\n${out}`);
              return undefined;
            },
            `the ${role} process to print "${text}"`,
            timeoutMs,
            100,
          );
        },
        kill: (signal) => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        },
      };
      started.push(p);
      return p;
    },
    async stopAll() {
      for (const p of started) p.kill('SIGKILL');
      await Promise.all(started.map((p) => p.exited()));
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}
