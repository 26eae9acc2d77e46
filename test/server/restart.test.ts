/**
 * The all-in-one process as `npm start` runs it: the embedded Temporal dev server on a SQLite file
 * in the data directory, the worker, the API. Killing the whole process tree while a run waits on
 * its timer loses nothing: after a second start on the same data directory the wait ends no earlier
 * than it was due and the run completes, step after step. How late it ends depends on the machine's
 * load, so it is the benchmark's to measure, not this test's. Ctrl-C (SIGINT to the process group)
 * stops every child.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runView, startedRuns } from '../support/api.ts';
import { definition, edge, log, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/ports.ts';

const root = resolve(import.meta.dirname, '../..');
const token = 'restart-test-token-0123456789';
let dataDir = '';
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null && c.pid !== undefined) process.kill(-c.pid, 'SIGKILL');
  if (dataDir !== '') await rm(dataDir, { recursive: true, force: true });
});

function start(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  // detached: the process leads its own group, so the test can kill or interrupt the whole tree.
  const child = spawn(process.execPath, ['server/main.ts', 'all'], { cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return { child, output: () => out };
}

const exited = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start process', () => {
  it('survives a kill of the whole tree while a run waits, and completes the run in order after restart', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tenure-restart-'));
    const [port, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
    const env = { TENURE_DATA_DIR: dataDir, TENURE_PORT: String(port), TENURE_TEMPORAL_PORT: String(temporalPort), TENURE_TEMPORAL_UI_PORT: String(uiPort), TENURE_ADMIN_TOKEN: token, TENURE_LOG_LEVEL: 'warn' };
    const base = `http://127.0.0.1:${port}`;
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    const healthy = (what: string, started: { child: ChildProcess; output: () => string }) =>
      eventually(
        async () => {
          if (started.child.exitCode !== null) throw new Error(`${what}: the process exited with ${started.child.exitCode}: ${started.output()}`);
          return (await fetch(`${base}/healthz`)).status === 200 ? true : undefined;
        },
        what,
        90_000,
        300,
      );

    const first = start(env);
    await healthy('the first start', first);
    const health = await call('GET', '/healthz');
    expect(health.body).toEqual({ status: 'ok', checks: { server: { ok: true }, database: { ok: true }, temporal: { ok: true } } });
    expect((await fetch(`http://127.0.0.1:${uiPort}/`)).status).toBe(200);

    const def = definition(
      'timer',
      [node({ id: 'start', type: 'start', data: {} }), node({ id: 'pause', type: 'wait', data: { wait: { kind: 'duration', duration: { seconds: 12 } } } }), node({ id: 'after', type: 'action', data: log('after the wait') }), node({ id: 'end', type: 'end', data: {} })],
      [edge('start', 'pause'), edge('pause', 'after'), edge('after', 'end')],
    );
    expect((await call('POST', '/api/definitions', def)).status).toBe(201);
    expect((await call('POST', '/api/definitions/timer/publish')).status).toBe(201);
    const runs = startedRuns.parse((await call('POST', '/api/runs', { definitionId: 'timer', people: [{ employeeId: 'E42', attributes: {} }] })).body);
    const runId = runs.runs[0]?.id ?? '';
    const waiting = await eventually(async () => {
      const v = runView.parse((await call('GET', `/api/runs/${runId}`)).body);
      return v.nodes.pause?.status === 'waiting' ? v : undefined;
    }, 'the run to wait');
    const dueAt = Date.parse(waiting.nodes.pause?.waitingUntil ?? '');

    if (first.child.pid === undefined) throw new Error('no pid');
    process.kill(-first.child.pid, 'SIGKILL');
    await exited(first.child);

    const second = start(env);
    await healthy('the second start', second);
    const done = await eventually(async () => {
      const v = runView.parse((await call('GET', `/api/runs/${runId}`)).body);
      return v.workflowStatus === 'COMPLETED' ? v : undefined;
    }, 'the run to complete after restart', 60_000);
    // Order and completeness: the wait ended once it was due, and every step after it ran, after it.
    const resumedAt = Date.parse(done.nodes.pause?.endedAt ?? '');
    expect(resumedAt).toBeGreaterThanOrEqual(dueAt);
    expect(done.nodes.after?.status).toBe('done');
    expect(Date.parse(done.nodes.after?.startedAt ?? '')).toBeGreaterThanOrEqual(resumedAt);
    expect(done.trace.map((t) => t.nodeId)).toEqual(['start', 'pause', 'after', 'end']);

    const temporalPid = Number(await readFile(join(dataDir, 'temporal.pid'), 'utf8'));
    expect(alive(temporalPid)).toBe(true);
    if (second.child.pid === undefined) throw new Error('no pid');
    process.kill(-second.child.pid, 'SIGINT');
    await exited(second.child);
    await eventually(async () => Promise.resolve(alive(temporalPid) ? undefined : true), 'the Temporal dev server to stop', 15_000);
    expect(z.string().parse(second.output())).toContain('tenure: stopping');
  }, 240_000);
});
