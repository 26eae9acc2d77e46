/**
 * The HR intake dispatcher: drains the outbox (server/db/outbox.ts) into the person workflows, in
 * the background of the API process, so that accepting HR input costs one database write and never
 * waits for Temporal.
 *
 * - Order: it reads the oldest undelivered rows a page at a time and groups them by person (source +
 *   employee id). People are delivered side by side, at most `concurrency` at once; one person's rows
 *   strictly one after another, and a page ends before the next is read, so a person's later rows
 *   never overtake earlier ones.
 * - Exactly once: rows are marked delivered in batches after their signal-with-start returned. A
 *   crash in between only delivers a row again, and the person workflow drops a repeated event id.
 * - Temporal unreachable: the page stops at the first failure (that person's later rows wait), the
 *   delivered rows are marked, and the dispatcher backs off (up to 30 s) and tries again, for as long
 *   as it takes. The API keeps answering 202, since the rows are stored. Batches waiting show why in
 *   their `lastError`. Only an event Temporal refuses as invalid (e.g. beyond its payload size limit)
 *   is given up: marked refused, logged, and shown on its batch record — never silently dropped.
 * - Several API processes (PostgreSQL): one drains at a time, the holder of a lease in the database
 *   (server/db/outboxLease.ts); the others store and wait to take over. One dispatcher keeps per-person
 *   order without coordination between processes, and it is not the bottleneck: delivery is bounded
 *   by Temporal's write rate, whoever calls it.
 * - Wake-up: rows committed by this process wake it at once (a single event is delivered within
 *   milliseconds); rows written by other processes are found by a poll every `pollMs`.
 * - Pace: delivery keeps ahead of the workers by at most `maxBacklog` workflow tasks. The outbox is
 *   the buffer for a burst, not Temporal's task queue: a person whose task waits behind tens of
 *   thousands of others is no longer in Temporal's cache of workflow state when a worker finally
 *   takes the task, and each such task costs Temporal a read of the person from its database.
 *   Measured with 50,000 hires sent at once: workers took 6 tasks/s from a backlog of 35,000 (and
 *   the last waited over half an hour), where a short backlog is served at the workers' pace.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { isGrpcServiceError, type Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { Database } from '../db/database.ts';
import { createOutboxStore, onEnqueued, type OutboxEntry } from '../db/outbox.ts';
import { createOutboxLease } from '../db/outboxLease.ts';
import { deliverHrEvent } from './deliver.ts';

export interface DispatcherSettings {
  /** Deliveries in flight at once, across people (default 16). */
  concurrency?: number;
  /** How often to look for rows other processes stored, or for the lease another holds (default 1000 ms). */
  pollMs?: number;
  /** How long the lease lasts without renewal; another process takes over after that (default 30 s). */
  leaseMs?: number;
  /**
   * Workflow tasks waiting in Temporal's task queue above which delivery pauses until the workers
   * catch up (default 2000; 0 never pauses). It also bounds the delivery rate, to this many events
   * per 6 s, since what was handed over counts until Temporal's figure shows it.
   */
  maxBacklog?: number;
}

export interface DispatcherDeps extends DispatcherSettings {
  db: Database;
  temporal: Client;
  taskQueue: string;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface Dispatcher {
  /** Starts draining (delivering first what a previous process left undelivered). */
  start(): void;
  /** Looks for new rows now. */
  wake(): void;
  /** Stops between deliveries, cancels calls in flight, and hands the lease on. */
  close(): Promise<void>;
}

const pageSize = 500;
/** How long Temporal may keep answering an earlier backlog figure (its task queue stats are cached for 5 s). */
const backlogFigureLagMs = 6000;
// @temporalio/proto is CommonJS: under Node's ESM loader only its default export is reliable.
const workflowTaskQueue = proto.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW;
/** Delivered rows are marked every this many rows or milliseconds within a page, whichever comes first. */
const markEvery = 200;
const markEveryMs = 1000;
const pruneEveryMs = 10 * 60_000;
const backoffMs = (failures: number) => Math.min(30_000, 250 * 2 ** Math.min(failures, 7));
/** gRPC INVALID_ARGUMENT: Temporal will never take this request, however often it is sent. */
const invalidArgument = 3;
/**
 * The deadline of one delivery, retries included. Without one, a call to a Temporal that accepts
 * connections and never answers could retry for as long as it liked; a delivery that runs out of
 * time is tried again from the outbox, and a repeat is dropped by the person workflow.
 */
const deliveryDeadlineMs = 15_000;
/**
 * How long `close()` waits for abandoned calls to settle. The client retries a failed call on a timer
 * (at most 5 s apart, with 20% jitter), and a retry that fires after the process closed its
 * connection throws from that timer, so the connection may only be closed once they are done: at
 * most the deadline and one last retry interval after the call began.
 */
const abandonedGraceMs = deliveryDeadlineMs + 10_000;

const messageOf = (error: unknown) => (error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error));

/**
 * Settles with `work`, or rejects as soon as `signal` aborts. Cancelling a call does not stop the
 * Temporal client's gRPC retries, and the dispatcher loop must not wait them out; a call left behind
 * that still lands only delivers its event again later, which the person workflow drops. `close()`
 * still waits for such calls (see `abandonedGraceMs`).
 */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abandon = () => reject(new Error('delivery abandoned: the dispatcher is stopping'));
    if (signal.aborted) abandon();
    signal.addEventListener('abort', abandon, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', abandon);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abandon);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function refusedForGood(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (isGrpcServiceError(e)) {
      const code: number = e.code;
      return code === invalidArgument;
    }
  }
  return false;
}

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const concurrency = deps.concurrency ?? 16;
  const pollMs = deps.pollMs ?? 1000;
  const leaseMs = deps.leaseMs ?? 30_000;
  const maxBacklog = deps.maxBacklog ?? 2000;
  const outbox = createOutboxStore(deps.db);
  const lease = createOutboxLease(deps.db, `${hostname()}:${process.pid}:${randomUUID()}`);
  const stop = new AbortController();
  /** Calls to Temporal not yet settled, including those the loop abandoned. */
  const inFlight = new Set<Promise<unknown>>();
  let woken = false;
  let cutIdle: (() => void) | undefined;
  let loop: Promise<void> | undefined;
  let unsubscribe: (() => void) | undefined;
  let lastPrune = 0;
  /** When each recent event was handed over, oldest first: Temporal's backlog figure may not count them yet. */
  const recent: number[] = [];
  const handedOver = () => void recent.push(Date.now());
  // Read through a function: the flag changes while this code awaits.
  const stopping = () => stop.signal.aborted;

  /** Waits `ms`; a wake-up cuts the wait short only when `wakeable` (never during a backoff). */
  async function idle(ms: number, wakeable: boolean): Promise<void> {
    if (stopping() || (wakeable && woken)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stop.signal.removeEventListener('abort', done);
        cutIdle = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      stop.signal.addEventListener('abort', done, { once: true });
      if (wakeable) cutIdle = done;
    });
  }

  /** Delivers one page; returns why it stopped early, or undefined when every row was dealt with. */
  async function deliverPage(page: readonly OutboxEntry[]): Promise<string | undefined> {
    const byPerson = new Map<string, OutboxEntry[]>();
    for (const entry of page) {
      const key = JSON.stringify([entry.source, entry.employeeId]);
      const rows = byPerson.get(key) ?? [];
      if (rows.length === 0) byPerson.set(key, rows);
      rows.push(entry);
    }
    const people = [...byPerson.values()];
    // Calls in flight are cancelled only when this process must stop delivering (it stops, or lost the
    // lease); after a failed delivery the others may finish, they are probably failing too.
    // The page's own controller, aborted by the dispatcher's through a listener removed when the page
    // ends — not AbortSignal.any(): the Temporal client adds an abort listener for every call and never
    // removes it, and Node keeps a signal made by any() alive, listeners and all, for as long as its
    // sources live. With the dispatcher's signal as a source, every call ever made stayed in memory
    // (about 20 KiB an event: 28,479 gRPC calls held after as many deliveries).
    const pageStop = new AbortController();
    const signal = pageStop.signal;
    const stopPage = () => pageStop.abort();
    if (stop.signal.aborted) stopPage();
    else stop.signal.addEventListener('abort', stopPage, { once: true });
    let stalled: string | undefined;
    const halted = () => stalled !== undefined || signal.aborted;
    const halt = (why: string, cancel = false) => {
      stalled ??= why;
      if (cancel) pageStop.abort();
    };

    const delivered: string[] = [];
    let marking = Promise.resolve();
    let lastMark = Date.now();
    const flush = () => {
      lastMark = Date.now();
      const seqs = delivered.splice(0);
      if (seqs.length === 0) return;
      marking = marking.then(() => outbox.markDelivered(seqs));
      // The failure is awaited (and rethrown) when the page ends; this only keeps it from being reported unhandled before then.
      marking.catch(() => undefined);
    };

    // A page can outlast the lease while Temporal is slow: renew it, and stop if another process took over.
    const renew = setInterval(() => {
      lease.acquire(leaseMs).then(
        (held) => {
          if (!held) halt('another API process took over the HR outbox', true);
        },
        (error: unknown) => halt(`could not renew the HR outbox lease: ${messageOf(error)}`, true),
      );
    }, leaseMs / 3);

    async function deliverPeople(): Promise<void> {
      for (let rows = people.shift(); rows !== undefined && !halted(); rows = people.shift()) {
        for (const entry of rows) {
          if (halted()) return;
          try {
            if (entry.event === undefined) {
              await outbox.refuse(entry.seq, entry.problem ?? 'the stored event cannot be read');
              deps.log.error({ seq: entry.seq, source: entry.source, employeeId: entry.employeeId }, `HR event refused: ${entry.problem ?? ''}`);
              continue;
            }
            const event = entry.event;
            const call = deps.temporal.connection.withDeadline(Date.now() + deliveryDeadlineMs, () =>
              deps.temporal.withAbortSignal(signal, () => deliverHrEvent(deps.temporal, deps.taskQueue, event, entry.channel)),
            );
            const settled = call.then(
              () => undefined,
              () => undefined,
            );
            inFlight.add(settled);
            void settled.then(() => inFlight.delete(settled));
            await unlessAborted(call, signal);
            handedOver();
            delivered.push(entry.seq);
            if (delivered.length >= markEvery || Date.now() - lastMark >= markEveryMs) flush();
          } catch (error) {
            if (!signal.aborted && refusedForGood(error)) {
              const why = `Temporal refused the event: ${messageOf(error)}`;
              try {
                await outbox.refuse(entry.seq, why);
              } catch (storeError) {
                halt(`could not record a refused HR event: ${messageOf(storeError)}`);
                return;
              }
              deps.log.error({ seq: entry.seq, source: entry.source, employeeId: entry.employeeId, eventId: entry.event?.eventId }, why);
              continue;
            }
            // This person's later rows must not overtake this one: the page stops here.
            halt(messageOf(error));
            return;
          }
        }
      }
    }

    try {
      await Promise.all(Array.from({ length: Math.min(concurrency, people.length) }, deliverPeople));
    } finally {
      stop.signal.removeEventListener('abort', stopPage);
      clearInterval(renew);
      flush();
      await marking;
    }
    return stalled;
  }

  let held = false;
  /**
   * How many more events may go to Temporal now: `maxBacklog` less the workflow tasks waiting for a
   * worker, less what was handed over within the time Temporal's figure may lag (it caches it for up
   * to 5 s), so the bound holds however fast the events go. A Temporal that cannot report its backlog
   * (stats need server 1.25+) or fails to answer does not stop delivery: the delivery itself then
   * finds out whether Temporal is there.
   */
  async function room(): Promise<number> {
    if (maxBacklog === 0) return Number.POSITIVE_INFINITY;
    let backlog: number;
    try {
      const answer = await deps.temporal.workflowService.describeTaskQueue({
        namespace: deps.temporal.options.namespace,
        taskQueue: { name: deps.taskQueue },
        taskQueueType: workflowTaskQueue,
        reportStats: true,
      });
      backlog = Number(answer.stats?.approximateBacklogCount ?? 0);
    } catch {
      return Number.POSITIVE_INFINITY;
    }
    const since = Date.now() - backlogFigureLagMs;
    const counted = recent.findIndex((at) => at >= since);
    recent.splice(0, counted === -1 ? recent.length : counted);
    const free = Math.max(0, maxBacklog - backlog - recent.length);
    if ((free === 0) !== held) {
      held = free === 0;
      if (held) deps.log.info({ backlog, maxBacklog }, 'the workers are behind: HR delivery waits until Temporal holds fewer workflow tasks');
      else deps.log.info({ backlog, maxBacklog }, 'HR delivery goes on: the workers caught up');
    }
    return free;
  }

  async function drain(): Promise<void> {
    let failures = 0;
    while (!stopping()) {
      try {
        if (!(await lease.acquire(leaseMs))) {
          await idle(pollMs, false);
          continue;
        }
        woken = false;
        const page = await outbox.next(pageSize);
        if (page.length === 0) {
          if (Date.now() - lastPrune > pruneEveryMs) {
            lastPrune = Date.now();
            await outbox.prune();
          }
          await idle(pollMs, true);
          continue;
        }
        // The page is taken in order, so leaving its tail for later keeps each person's order.
        const free = await room();
        if (free === 0) {
          await idle(pollMs, false);
          continue;
        }
        const stalled = await deliverPage(page.length > free ? page.slice(0, free) : page);
        if (stalled === undefined) {
          failures = 0;
          continue;
        }
        if (stopping()) break;
        failures++;
        const wait = backoffMs(failures);
        deps.log.warn({ failures, retryInMs: wait }, `delivering HR events to Temporal failed; the events are stored and will be retried: ${stalled}`);
        await outbox.noteStalled(`delivery to the person workflows is waiting (attempt ${failures}): ${stalled}`);
        await idle(wait, false);
      } catch (error) {
        if (stopping()) break;
        failures++;
        deps.log.error({ err: error, failures }, 'the HR outbox dispatcher hit a database error; retrying');
        await idle(backoffMs(failures), false);
      }
    }
  }

  function wake(): void {
    woken = true;
    cutIdle?.();
  }

  return {
    start() {
      if (loop !== undefined || stopping()) return;
      unsubscribe = onEnqueued(deps.db, wake);
      loop = drain();
    },
    wake,
    async close() {
      unsubscribe?.();
      stop.abort();
      await loop;
      if (loop === undefined) return;
      if (inFlight.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        const gaveUp = await Promise.race([
          Promise.all(inFlight).then(() => false),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(true), abandonedGraceMs);
          }),
        ]);
        clearTimeout(timer);
        if (gaveUp) deps.log.warn({ calls: inFlight.size }, 'calls to Temporal were still retrying when the HR outbox dispatcher stopped');
      }
      try {
        await lease.release();
      } catch (error) {
        // The lease then expires on its own; another process waits at most leaseMs.
        deps.log.warn({ err: error }, 'could not hand the HR outbox lease on');
      }
    },
  };
}
