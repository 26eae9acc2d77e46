/**
 * The workers: the lifecycle worker runs the workflows and the activities on the main task queue;
 * a connector worker runs only one connector's activities, on that connector's own queue
 * (TENURE_CONNECTOR_QUEUES), so a slow directory never holds up steps against other systems.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities/index.ts';
import { createLogger, type Logger } from '../observability/logger.ts';
import { workflowTracingModule } from '../observability/tracing.ts';
import { workerObservability } from '../observability/worker.ts';
import type { BundleRequest } from './bundler.ts';
import { createSyncActivities, type SyncActivityDeps } from '../sync/cycle.ts';
import type { ConnectorKind } from '../../workflows/dsl/index.ts';
import type { ConnectorTaskQueues } from '../../workflows/messages.ts';

export const workflowsPath = resolve(import.meta.dirname, '../../workflows/index.ts');

/**
 * Modules evaluated once per worker thread instead of once per workflow. The worker's reusable V8
 * context gives every workflow its own module cache, so without this each lifecycle run — and each
 * replay after its workflow left the cache — evaluated ajv (5 MB of bundle), zod, date-fns and
 * json-rules-engine again before its first step, and compiled its steps' pinned contracts anew.
 * The SDK deep-freezes what is shared, so only modules whose exports are stateless functions and
 * classes are listed: the libraries, and the contract checker, whose cache of compiled validators
 * is keyed by contract hash and so answers every workflow alike. Not the rest of the project's own
 * modules: their zod schemas fill lazy properties on first use.
 */
const sharedModules = [
  // First: its settings apply to every workflow of the thread (workflows/threadSettings.ts).
  resolve(import.meta.dirname, '../../workflows/threadSettings.ts'),
  'ajv/dist/2020.js',
  'zod',
  'date-fns',
  '@date-fns/tz',
  'any-ascii',
  'json-rules-engine',
  resolve(import.meta.dirname, '../../workflows/dsl/contractCheck.ts'),
];

/**
 * Bundles the workflow code once; tests reuse the bundle across workers. `tracing` bundles the
 * OpenTelemetry workflow interceptors too (only with tracing on: their spans need the worker's sink).
 * A child process bundles (bundler.ts), so the bundler's memory leaves with it.
 */
export async function bundleWorkflows(options: { tracing?: boolean } = {}): Promise<WorkflowBundleOption> {
  const request: BundleRequest = { workflowsPath, preloadModules: sharedModules, workflowInterceptorModules: options.tracing === true ? [workflowTracingModule] : [] };
  try {
    const { stdout } = await execFileAsync(process.execPath, [bundlerPath, JSON.stringify(request)], { maxBuffer: 256 * 1024 * 1024 });
    return { code: stdout };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`bundling the workflow code failed${stderr ? `: ${stderr.split('\n').slice(-5).join(' ')}` : ''}`, { cause: error });
  }
}

const bundlerPath = resolve(import.meta.dirname, 'bundler.ts');
const execFileAsync = promisify(execFile);

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  bundle: WorkflowBundleOption;
  /** Encrypts payloads (see codec.ts); every client and worker of a cluster must share it. */
  dataConverter?: DataConverter;
  /** Connectors whose activities run on a queue of their own (TENURE_CONNECTOR_QUEUES); every lifecycle worker of a cluster must name the same ones. */
  connectorQueues?: readonly ConnectorKind[];
  /** Who ran each task, as the run's history shows it; Temporal's default is pid@host. */
  identity?: string;
  /** Activity failure lines with the run's correlation fields; silent when absent. */
  logger?: Logger;
  /** Workflows kept in memory between tasks (TENURE_WORKFLOW_CACHE_SIZE); defaultWorkflowCacheSize() when absent. */
  maxCachedWorkflows?: number;
  /** The app database and keyring the sync cycle's activities need (server/sync/cycle.ts); sync cycles cannot run on this worker without them. */
  sync?: SyncActivityDeps;
}

/** What one cached workflow costs in the workflow thread's heap, measured on person workflows. */
const cachedWorkflowMiB = 2.5;

/**
 * The workflow cache bound. Person workflows never close, so without a bound every person the worker
 * ever touched stays cached and a few thousand people exhaust the heap (the SDK's own default sizes
 * the cache to the whole heap). A tenth of the heap goes to the cache, between 100 and 1,000
 * workflows: a person that is not cached costs a replay of its (short, continued-as-new) history
 * when it next wakes, not memory while it waits.
 */
export function defaultWorkflowCacheSize(heapLimitBytes = getHeapStatistics().heap_size_limit): number {
  const heapMiB = heapLimitBytes / 1024 / 1024;
  return Math.max(100, Math.min(1000, Math.floor((heapMiB * 0.1) / cachedWorkflowMiB)));
}

const observability = (logger: Logger | undefined) => workerObservability(logger ?? createLogger({ level: 'silent', service: 'tenure-worker' }));

/** The task queue a split connector's activities run on. */
export const connectorTaskQueue = (taskQueue: string, kind: ConnectorKind) => `${taskQueue}-${kind}`;

export async function createWorker(opts: WorkerOptions): Promise<Worker> {
  const activities = { ...createActivities(opts.deps), ...(opts.sync ? createSyncActivities(opts.sync) : {}) };
  const split = opts.connectorQueues ?? [];
  // The run learns where each connector's activities go from the revision it loads: the result is
  // recorded in its history, so replay routes every step the same way even after the setting changes.
  // Nothing is added when nothing is split, so results (and histories) stay as they were.
  const taskQueues: ConnectorTaskQueues = Object.fromEntries(split.map((kind) => [kind, connectorTaskQueue(opts.taskQueue, kind)]));
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowBundle: opts.bundle,
    maxCachedWorkflows: opts.maxCachedWorkflows ?? defaultWorkflowCacheSize(),
    activities: split.length === 0 ? activities : { ...activities, 'store.loadRevision': async (args: Parameters<(typeof activities)['store.loadRevision']>[0]) => ({ ...(await activities['store.loadRevision'](args)), taskQueues }) },
    ...(opts.dataConverter ? { dataConverter: opts.dataConverter } : {}),
    ...(opts.identity !== undefined ? { identity: opts.identity } : {}),
    ...observability(opts.logger),
  });
}

export interface ConnectorWorkerOptions extends Omit<WorkerOptions, 'bundle' | 'connectorQueues'> {
  kind: ConnectorKind;
}

/** An activity-only worker for one split connector: it polls `<taskQueue>-<kind>` and registers only that connector's actions. */
export async function createConnectorWorker(opts: ConnectorWorkerOptions): Promise<Worker> {
  const own = Object.entries(createActivities(opts.deps)).filter(([id]) => id.startsWith(`${opts.kind}.`));
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: connectorTaskQueue(opts.taskQueue, opts.kind),
    activities: Object.fromEntries(own),
    ...(opts.dataConverter ? { dataConverter: opts.dataConverter } : {}),
    ...(opts.identity !== undefined ? { identity: opts.identity } : {}),
    ...observability(opts.logger),
  });
}
