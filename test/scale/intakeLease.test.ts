/**
 * The HR intake outbox with several API processes on one PostgreSQL database (the scale path): both
 * accept events, one dispatcher drains at a time (the lease holder), each person's events reach
 * Temporal once and in the order they were accepted, and when the holder stops the other takes over.
 *
 * No worker polls the task queue: the person workflows only collect their signals, which is what
 * delivery is (applying them is the worker's part, tested elsewhere).
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { openPostgres, type Database } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { announceEnqueued, enqueue } from '../../server/db/outbox.ts';
import { createDispatcher, type Dispatcher } from '../../server/hr/dispatcher.ts';
import { personWorkflowId } from '../../workflows/personMessages.ts';
import { startPostgres, type Postgres } from '../peers/postgres.ts';
import { eventually } from '../support/eventually.ts';

let postgres: Postgres;
let client: Client;
const processes: { db: Database; dispatcher: Dispatcher }[] = [];
const taskQueue = `intake-lease-${randomUUID()}`;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  postgres = await startPostgres();
  client = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }) });
  for (let i = 0; i < 2; i++) {
    const db = await openPostgres(postgres.url);
    if (i === 0) await migrate(db);
    processes.push({ db, dispatcher: createDispatcher({ db, temporal: client, taskQueue, log: quiet, pollMs: 100, leaseMs: 5000 }) });
  }
});
afterAll(async () => {
  for (const p of processes) {
    await p.dispatcher.close();
    await p.db.close();
  }
  await client.connection.close();
  await postgres.stop();
});

const source = 'pg-intake';
/** Accepts one event in process `i`, as its API would. */
async function accept(i: number, employeeId: string, n: number): Promise<void> {
  const p = processes[i];
  if (!p) throw new Error(`no process ${i}`);
  await enqueue(p.db, [{ source, channel: 'webhook', event: { eventId: `${employeeId}-${n}`, type: n === 0 ? 'hire' : 'update', employeeId, attributes: { step: n } }, receivedAt: new Date() }]);
  announceEnqueued(p.db);
}

async function signalled(employeeId: string): Promise<string[]> {
  const history = await client.workflow.getHandle(personWorkflowId(source, employeeId)).fetchHistory();
  return (history.events ?? []).flatMap((e) => {
    const signal = e.workflowExecutionSignaledEventAttributes;
    if (signal?.signalName !== 'hrEvent') return [];
    return (signal.input?.payloads ?? []).map((p) => z.object({ eventId: z.string() }).loose().parse(defaultPayloadConverter.fromPayload(p)).eventId);
  });
}

async function drained(db: Database, total: number): Promise<void> {
  await eventually(async () => {
    const [row] = await db.query<{ delivered: number; waiting: number }>(
      'SELECT count(*) FILTER (WHERE delivered_at IS NOT NULL)::int AS delivered, count(*) FILTER (WHERE delivered_at IS NULL)::int AS waiting FROM hr_outbox',
    );
    return row?.delivered === total && row.waiting === 0 ? true : undefined;
  }, `${total} events delivered`);
}

describe('the HR outbox on PostgreSQL with two API processes', () => {
  it('drains from one process at a time, in order per person, and the other takes over when it stops', { timeout: 120_000 }, async () => {
    const [first, second] = processes;
    if (!first || !second) throw new Error('two processes expected');
    first.dispatcher.start();
    await eventually(async () => ((await first.db.query('SELECT holder FROM hr_outbox_lease')).length === 1 ? true : undefined), 'the first process to take the lease');
    second.dispatcher.start();

    // Both processes accept, interleaved: three people, twenty events each.
    const people = ['Q1', 'Q2', 'Q3'];
    for (let n = 0; n < 20; n++) for (const [k, id] of people.entries()) await accept((n + k) % 2, id, n);
    await drained(first.db, 60);
    for (const id of people) expect(await signalled(id)).toEqual(Array.from({ length: 20 }, (_, n) => `${id}-${n}`));
    const [lease] = await first.db.query<{ holder: string }>('SELECT holder FROM hr_outbox_lease');
    expect(lease?.holder).toContain(`:${process.pid}:`);

    // The holder stops; the other process, which only stored until now, delivers from here on.
    await first.dispatcher.close();
    for (let n = 20; n < 25; n++) for (const id of people) await accept(0, id, n);
    await drained(second.db, 75);
    for (const id of people) expect(await signalled(id)).toEqual(Array.from({ length: 25 }, (_, n) => `${id}-${n}`));
    const [after] = await second.db.query<{ holder: string }>('SELECT holder FROM hr_outbox_lease');
    expect(after?.holder).not.toBe(lease?.holder);
  });
});
