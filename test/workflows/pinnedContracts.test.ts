/**
 * An upgrade of Tenure that changes an action's input incompatibly, on a real Temporal server: a run
 * waiting on a revision published before the upgrade finishes on the upgraded worker, checked
 * against the contract its revision pinned; revisions published after it are checked against the
 * new one. The upgrade is a second workflow bundle whose catalog declares `core.log` differently
 * (test/fixtures/catalogUpgrade/core.ts): `level` renamed `severity`, a new required `audience`.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, type Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDefinitionStore, type DefinitionStore } from '../../server/db/definitions.ts';
import { openPglite, type Database } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createWorker, workflowsPath } from '../../server/temporal/worker.ts';
import { actionContract, compileDefinition, definitionSchema, findAction, type CompiledRevision, type DefinitionInput, type ParamValue } from '../../workflows/dsl/index.ts';
import type { lifecycleRun } from '../../workflows/lifecycle.ts';
import { attributesChangedSignal, runStatusQuery } from '../../workflows/messages.ts';
import { definition, edge, node } from '../support/definitions.ts';
import { testActivityDeps } from '../support/deps.ts';
import { eventually } from '../support/eventually.ts';
import { coreLog as upgradedLog } from '../fixtures/catalogUpgrade/core.ts';

const catalogCore = resolve(import.meta.dirname, '../../workflows/dsl/catalog/core.ts');
const upgradedCore = resolve(import.meta.dirname, '../fixtures/catalogUpgrade/core.ts');
const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };

/** The workflow code of the upgraded Tenure: today's, with the upgraded core actions. */
async function upgradedBundle(): Promise<WorkflowBundleOption> {
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    logger: quiet,
    webpackConfigHook: (config) => {
      const alias = config.resolve?.alias ?? {};
      return { ...config, resolve: { ...config.resolve, alias: Array.isArray(alias) ? [...alias, { name: catalogCore, alias: upgradedCore }] : { ...alias, [catalogCore]: upgradedCore } } };
    },
  });
  return { code };
}

/** What the upgraded Tenure publishes with: its own declaration of core.log. */
const upgradedCatalog = (id: string) => (id === 'core.log' ? upgradedLog : findAction(id));

/** Greets, waits for the hire date, greets again: the run can wait across the upgrade. */
const welcome = (id: string, greeting: Record<string, ParamValue>): DefinitionInput =>
  definition(
    id,
    [
      node({ id: 'start', type: 'start', data: {} }),
      node({ id: 'hello', type: 'action', data: { action: 'core.log', params: { ...greeting, message: { expression: 'Join(" ", "Welcome", [givenName])' } } } }),
      node({ id: 'untilHire', type: 'wait', data: { wait: { kind: 'until', attribute: 'hireDate' } } }),
      node({ id: 'firstDay', type: 'action', data: { action: 'core.log', params: { ...greeting, message: 'First day' } } }),
      node({ id: 'end', type: 'end', data: {} }),
    ],
    [edge('start', 'hello'), edge('hello', 'untilHire'), edge('untilHire', 'firstDay'), edge('firstDay', 'end')],
  );
/** Written for the catalog before the upgrade. */
const beforeUpgrade = welcome('welcome', { level: 'warn' });
/** Written for the catalog after it. */
const afterUpgrade = welcome('welcome', { severity: 'warn', audience: 'auditors' });

let db: Database;
let definitions: DefinitionStore;
let upgraded: WorkflowBundleOption;
let workerConnection: NativeConnection;
let client: Client;
const taskQueue = `pinned-${randomUUID()}`;
/** Revisions published other than through the store, by number: 2 before contracts were pinned, 3 and 4 by the upgraded Tenure. */
const otherRevisions = new Map<number, CompiledRevision>();
const { contracts: _none, ...unpinned } = compileDefinition(definitionSchema.parse(beforeUpgrade));
otherRevisions.set(2, unpinned);
otherRevisions.set(3, compileDefinition(definitionSchema.parse(afterUpgrade), upgradedCatalog));
otherRevisions.set(4, compileDefinition(definitionSchema.parse(beforeUpgrade), upgradedCatalog));

beforeAll(async () => {
  db = await openPglite(undefined);
  await migrate(db);
  definitions = createDefinitionStore(db);
  await definitions.create(definitionSchema.parse(beforeUpgrade), 'admin');
  upgraded = await upgradedBundle();
  workerConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }) });
  // Bundling the upgraded workflow code takes a while on a busy two-core machine.
}, 300_000);

afterAll(async () => {
  await client.connection.close();
  await workerConnection.close();
  await db.close();
});

async function worker(bundle: WorkflowBundleOption): Promise<{ worker: Worker; running: Promise<void> }> {
  const revisions = { compiledRevision: async (id: string, n: number) => otherRevisions.get(n) ?? definitions.compiledRevision(id, n) };
  const w = await createWorker({ connection: workerConnection, namespace: 'default', taskQueue, deps: testActivityDeps({ revisions }), bundle });
  return { worker: w, running: w.run() };
}

async function start(revision: number, attributes: Record<string, unknown>): Promise<WorkflowHandle<typeof lifecycleRun>> {
  const runId = randomUUID();
  return client.workflow.start<typeof lifecycleRun>('lifecycleRun', {
    workflowId: `run:${runId}`,
    taskQueue,
    args: [{ runId, definitionId: 'welcome', revision, employeeId: 'E1', attributes, requestedBy: 'test' }],
  });
}

const inputOf = (status: { trace: { nodeId: string; input?: Record<string, unknown> }[] }, nodeId: string) => status.trace.find((t) => t.nodeId === nodeId)?.input;

describe('revisions pin their action contracts across an upgrade', () => {
  it('finishes a run waiting on an old revision on the upgraded worker, checked against the contract it pinned', async () => {
    const published = await definitions.publish('welcome', 'admin');
    expect(published.revision.number).toBe(1);
    const before = await worker({ codePath: inject('workflowBundlePath') });
    const future = { givenName: 'Ada', hireDate: '2099-01-05' };
    // The same run on a revision published before contracts were pinned shows what pinning prevents.
    const [run, legacy] = await Promise.all([start(1, future), start(2, future)]);
    for (const r of [run, legacy]) {
      await eventually(async () => ((await r.query(runStatusQuery)).nodes.untilHire?.status === 'waiting' ? true : undefined), 'the run to wait for the hire date');
    }
    before.worker.shutdown();
    await before.running;

    // The upgraded worker replays each run from its start (greeting included), then carries on.
    const after = await worker(upgraded);
    try {
      const hired = { givenName: 'Ada', hireDate: '2000-01-03' };
      await Promise.all([run.signal(attributesChangedSignal, hired), legacy.signal(attributesChangedSignal, hired)]);
      const status = await run.result();
      expect(status.outcome).toBe('succeeded');
      expect(inputOf(status, 'hello')).toEqual({ message: 'Welcome Ada', level: 'warn' });
      expect(inputOf(status, 'firstDay')).toEqual({ message: 'First day', level: 'warn' });
      const failedTasks = async (h: WorkflowHandle) => ((await h.fetchHistory()).events ?? []).flatMap((e) => (e.workflowTaskFailedEventAttributes ? [e.workflowTaskFailedEventAttributes] : []));
      expect(await failedTasks(run)).toEqual([]);

      // Unpinned, the greeting it already sent is refused on replay by today's catalog: the run
      // cannot go on (a non-determinism error), and waits for a fix that will never come.
      const [stuck] = await eventually(async () => {
        const failed = await failedTasks(legacy);
        return failed.length > 0 ? failed : undefined;
      }, 'the unpinned run to fail its replay');
      expect(stuck?.failure?.message).toMatch(/nondetermin/i);
      await legacy.terminate('the test is over');
    } finally {
      after.worker.shutdown();
      await after.running;
    }
  });

  it('checks revisions published after the upgrade against the new contract, and older unpinned ones against today’s catalog', async () => {
    const after = await worker(upgraded);
    try {
      const past = { givenName: 'Ada', hireDate: '2000-01-03' };
      const [legacy, current, stale] = await Promise.all([start(2, past), start(3, past), start(4, past)]);

      // Published before contracts were pinned: checked against the upgraded catalog, which refuses it.
      await expect(legacy.result()).rejects.toThrow();
      const legacyStatus = await legacy.query(runStatusQuery);
      expect(legacyStatus.nodes.hello?.error).toMatch(/^the step's parameters are invalid: /);

      const done = await current.result();
      expect(done.outcome).toBe('succeeded');
      expect(inputOf(done, 'hello')).toEqual({ message: 'Welcome Ada', severity: 'warn', audience: 'auditors' });

      // Written for the old catalog but published after the upgrade: its contract is the new one.
      expect(otherRevisions.get(4)?.contracts?.['core.log']?.hash).toBe(actionContract(upgradedLog).hash);
      await expect(stale.result()).rejects.toThrow();
      const staleStatus = await stale.query(runStatusQuery);
      expect(staleStatus.nodes.hello?.error).toMatch(/^the step's parameters are invalid: audience: .*"level"/);
    } finally {
      after.worker.shutdown();
      await after.running;
    }
  });

  it('runs a revision published after the upgrade on its own contract on a worker rolled back to the old catalog', async () => {
    const rolledBack = await worker({ codePath: inject('workflowBundlePath') });
    try {
      const status = await (await start(3, { givenName: 'Ada', hireDate: '2000-01-03' })).result();
      expect(status.outcome).toBe('succeeded');
      expect(inputOf(status, 'firstDay')).toEqual({ message: 'First day', severity: 'warn', audience: 'auditors' });
    } finally {
      rolledBack.worker.shutdown();
      await rolledBack.running;
    }
  });
});
