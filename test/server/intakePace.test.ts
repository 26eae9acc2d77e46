/**
 * The HR intake dispatcher keeps pace with the workers: it hands Temporal no more than `maxBacklog`
 * workflow tasks ahead of them, leaves the rest in the outbox, and goes on as the workers take
 * tasks. Real Temporal (which reports its backlog up to 5 s late), PGlite; the "worker" is this test taking workflow tasks off the queue by
 * hand, so the backlog is exactly what the test makes it.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPglite, type Database } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { announceEnqueued, enqueue } from '../../server/db/outbox.ts';
import { createDispatcher, type Dispatcher } from '../../server/hr/dispatcher.ts';
import { personWorkflowId } from '../../workflows/personMessages.ts';
import { eventually } from '../support/eventually.ts';

const namespace = 'default';
const taskQueue = `intake-pace-${randomUUID()}`;
const source = 'pace';
const people = 20;
const maxBacklog = 5;
const held: string[] = [];
const quiet = { info: (_obj: object, msg: string) => void held.push(msg), warn: () => undefined, error: () => undefined };

let client: Client;
let db: Database;
let dispatcher: Dispatcher;

beforeAll(async () => {
  client = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }), namespace });
  db = await openPglite(undefined);
  await migrate(db);
  dispatcher = createDispatcher({ db, temporal: client, taskQueue, log: quiet, pollMs: 100, maxBacklog });
});
afterAll(async () => {
  await dispatcher.close();
  for (let i = 0; i < people; i++) await client.workflow.getHandle(personWorkflowId(source, `P${i}`)).terminate('test over').catch(() => undefined);
  await db.close();
  await client.connection.close();
});

async function delivered(): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM hr_outbox WHERE delivered_at IS NOT NULL');
  return row?.n ?? 0;
}

/** Waits until the delivered count has not moved for a second, and returns it. */
async function settled(): Promise<number> {
  let last = -1;
  return eventually(async () => {
    const now = await delivered();
    const still = now === last;
    last = now;
    await new Promise((r) => setTimeout(r, 1000));
    return still ? now : undefined;
  }, 'delivery to settle');
}

/** Takes one workflow task off the queue and completes it with no commands, as a worker would that had nothing to do. */
async function takeTask(): Promise<boolean> {
  try {
    const task = await client.connection.withDeadline(Date.now() + 3000, () => client.workflowService.pollWorkflowTaskQueue({ namespace, taskQueue: { name: taskQueue }, identity: 'intake-pace-test' }));
    if (task.taskToken.length === 0) return false;
    await client.workflowService.respondWorkflowTaskCompleted({ namespace, taskToken: task.taskToken, identity: 'intake-pace-test', commands: [] });
    return true;
  } catch {
    return false; // nothing to take within the deadline
  }
}

describe('HR delivery paced by the workers', () => {
  it('stops handing Temporal work when the workers are maxBacklog tasks behind, and delivers the rest as they catch up', { timeout: 180_000 }, async () => {
    await enqueue(
      db,
      Array.from({ length: people }, (_, i) => ({ source, channel: 'webhook' as const, event: { eventId: `pace-${i}`, type: 'hire' as const, employeeId: `P${i}`, attributes: {} }, receivedAt: new Date() })),
    );
    announceEnqueued(db);
    dispatcher.start();

    // No worker takes tasks: delivery stops near the bound, far short of everyone.
    const first = await settled();
    expect(first).toBeGreaterThanOrEqual(maxBacklog);
    expect(first).toBeLessThanOrEqual(2 * maxBacklog);
    expect(held).toContain('the workers are behind: HR delivery waits until Temporal holds fewer workflow tasks');

    // Workers take tasks: the rest follows, every person's workflow started once.
    await eventually(async () => {
      await takeTask();
      return (await delivered()) === people ? true : undefined;
    }, 'every event delivered as the backlog drains', 100_000);
    const started = await Promise.all(Array.from({ length: people }, (_, i) => client.workflow.getHandle(personWorkflowId(source, `P${i}`)).describe()));
    expect(started.map((d) => d.status.name)).toEqual(Array.from({ length: people }, () => 'RUNNING'));
    expect(held).toContain('HR delivery goes on: the workers caught up');
  });
});
