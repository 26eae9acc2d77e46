/**
 * Delivers a stored batch's pending events to the person workflows, in record order, marking each
 * delivered as it goes. A crash between a delivery and its mark only means that event is delivered
 * again, and its deterministic id makes the person workflow drop it. Batches still running when the
 * server stops are resumed when it starts (`resume`). When Temporal cannot be reached the runner
 * waits and retries (the batch shows `lastError`); after about half an hour it marks the batch
 * failed, and an admin's approve sends it on again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import type { ImportStore } from '../db/imports.ts';
import { deliverHrEvent } from './deliver.ts';

export interface RunnerDeps {
  imports: ImportStore;
  temporal: Client;
  taskQueue: string;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface ImportRunner {
  /** Delivers everything pending now, in the caller's time; throws when delivery fails. */
  deliver(id: string): Promise<void>;
  /** Delivers in the background, retrying on failure. Starting a batch already running does nothing. */
  start(id: string): void;
  /** Starts every batch left running (after a restart). */
  resume(): Promise<void>;
  /** Stops between deliveries and waits for the background work to end. */
  close(): Promise<void>;
}

const page = 50;
const maxAttempts = 60;
const backoffMs = (attempt: number) => Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));

class Stopped extends Error {}

export function createImportRunner(deps: RunnerDeps): ImportRunner {
  const running = new Map<string, Promise<void>>();
  const stop = new AbortController();

  async function deliver(id: string): Promise<void> {
    const batch = await deps.imports.get(id);
    if (!batch) throw new Error(`no HR import ${id}`);
    if (batch.status !== 'running') return;
    for (;;) {
      const next = await deps.imports.pending(id, page);
      if (next.length === 0) break;
      const done: number[] = [];
      try {
        for (const record of next) {
          if (stop.signal.aborted) throw new Stopped('the server is stopping');
          await deliverHrEvent(deps.temporal, deps.taskQueue, batch.source, record.event, batch.kind);
          done.push(record.seq);
        }
      } finally {
        await deps.imports.markDelivered(id, done);
      }
    }
    await deps.imports.complete(id);
  }

  async function deliverWithRetries(id: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await deliver(id);
        return;
      } catch (error) {
        if (error instanceof Stopped || stop.signal.aborted) return;
        const message = `delivering to Temporal failed (attempt ${attempt}): ${error instanceof Error ? error.message : String(error)}`;
        deps.log.warn({ importId: id, attempt }, message);
        if (attempt >= maxAttempts) {
          await deps.imports.fail(id, `${message}; gave up — approve the import to try again`);
          return;
        }
        await deps.imports.noteError(id, message);
        const slept = await sleep(backoffMs(attempt), true, { signal: stop.signal }).catch((error: unknown) => {
          if (error instanceof Error && error.name === 'AbortError') return false;
          throw error;
        });
        if (!slept) return;
      }
    }
  }

  function start(id: string): void {
    if (running.has(id) || stop.signal.aborted) return;
    const work = deliverWithRetries(id)
      .catch((error: unknown) => deps.log.error({ importId: id, err: error }, 'the HR import runner stopped on an error; restart the server or approve the import to resume'))
      .finally(() => running.delete(id));
    running.set(id, work);
  }

  return {
    deliver,
    start,
    async resume() {
      for (const id of await deps.imports.runningIds()) start(id);
    },
    async close() {
      stop.abort();
      await Promise.allSettled([...running.values()]);
    },
  };
}

const perApp = new WeakMap<object, ImportRunner>();

/** One runner per app (keyed by its deps object), shared by the SCIM and CSV routes. */
export function importRunnerFor(key: object, make: () => ImportRunner): ImportRunner {
  const existing = perApp.get(key);
  if (existing) return existing;
  const runner = make();
  perApp.set(key, runner);
  return runner;
}
