/**
 * Durable HR intake on real Temporal and PGlite: every channel stores what it accepts in the HR
 * outbox and answers 202 at once; the dispatcher delivers it to the person workflows. A burst of
 * SCIM bulk requests ends with every hire delivered exactly once; a person's events keep their order
 * when a backlog drains; records accepted while Temporal is unreachable are delivered once it is
 * back; records a stopped API process left undelivered are delivered by the next one, with the time
 * they were accepted; two bulk requests in a row for a new person derive a hire, then an update; a
 * stored event that can never be delivered is refused visibly and does not hold up the others.
 *
 * Temporal is made unreachable with a TCP proxy in front of the real server, cut and restored. The
 * API processes of those tests run on databases of their own (so no other dispatcher drains them)
 * and deliver to the system's worker, whose people projection lives in the system's database.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../server/app.ts';
import { createConnectionStore } from '../../server/db/connections.ts';
import { openPglite, type Database } from '../../server/db/database.ts';
import { createDefinitionStore } from '../../server/db/definitions.ts';
import { createHrSourceStore } from '../../server/db/hrSources.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createPeopleStore } from '../../server/db/people.ts';
import { createRunStore } from '../../server/db/runs.ts';
import { createUserStore } from '../../server/db/users.ts';
import { defaultSafetyLimits } from '../../server/hr/safety.ts';
import { hrEventsAccepted } from '../../server/observability/metrics.ts';
import { payloadCodec } from '../../server/temporal/codec.ts';
import { personWorkflowId } from '../../workflows/personMessages.ts';
import { eventually } from '../support/eventually.ts';
import { adminToken, startTestSystem, type TestSystem } from '../support/system.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy.ts';

let sys: TestSystem;
let proxy: TcpProxy;
/** A client that reaches Temporal through the proxy. */
let proxied: Client;
const databases: Database[] = [];

beforeAll(async () => {
  sys = await startTestSystem();
  proxy = await startTcpProxy(inject('temporalAddress'));
  proxied = new Client({ connection: await Connection.connect({ address: proxy.address }), namespace: 'default', dataConverter: { payloadCodecs: [payloadCodec(sys.keyring)] } });
});
afterAll(async () => {
  await proxied.connection.close();
  await proxy.stop();
  await sys.stop();
  for (const db of databases) await db.close();
});

async function freshDatabase(): Promise<Database> {
  const db = await openPglite(undefined);
  await migrate(db);
  databases.push(db);
  return db;
}

/** An API process of its own on `db`, delivering through `temporal` to the system's worker (or to a task queue of its own). */
async function apiOn(db: Database, temporal: Client, taskQueue = sys.taskQueue): Promise<FastifyInstance> {
  const runs = createRunStore(db);
  const app = await buildApp({
    db,
    definitions: createDefinitionStore(db),
    runs,
    people: createPeopleStore(db, runs),
    connections: createConnectionStore(db, sys.keyring),
    users: createUserStore(db),
    hrSources: createHrSourceStore(db, sys.keyring),
    temporal,
    taskQueue,
    adminToken,
    callbackKey: sys.keyring.callbackKey,
    approvalLinkKey: sys.keyring.approvalLinkKey,
    logLevel: process.env.TENURE_TEST_LOG_LEVEL ?? 'silent',
    intake: { pollMs: 200 },
  });
  await app.ready();
  return app;
}

const bulkRequestUrn = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const scimUser = (employeeId: string, extra: Record<string, unknown> = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  externalId: employeeId,
  userName: `${employeeId.toLowerCase()}@contoso.example`,
  name: { givenName: 'Given', familyName: employeeId },
  active: true,
  ...extra,
});
const bulkAnswer = z.object({
  importId: z.string(),
  status: z.string(),
  Operations: z.array(z.object({ employeeId: z.string().optional(), outcome: z.string(), eventId: z.string().optional(), queued: z.boolean().optional() }).loose()),
});
const importView = z.object({ status: z.string(), progress: z.object({ events: z.number(), delivered: z.number(), pending: z.number() }) }).loose();
const personView = z.object({ state: z.string().optional(), attributes: z.record(z.string(), z.unknown()), timeline: z.array(z.object({ kind: z.string(), eventId: z.string().optional() }).loose()) });

async function post(app: FastifyInstance, url: string, payload: string, contentType: string) {
  const res = await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${adminToken}`, 'content-type': contentType }, payload });
  return { status: res.statusCode, body: res.json<unknown>() };
}
async function bulk(app: FastifyInstance, source: string, users: unknown[]) {
  const res = await post(app, `/api/inbound/scim/bulkUpload?source=${source}`, JSON.stringify({ schemas: [bulkRequestUrn], Operations: users.map((data, i) => ({ method: 'POST', bulkId: `op${i}`, path: '/Users', data })) }), 'application/scim+json');
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return bulkAnswer.parse(res.body);
}
async function hrEvent(app: FastifyInstance, source: string, event: Record<string, unknown>) {
  const res = await post(app, `/api/hr/events?source=${source}`, JSON.stringify(event), 'application/json');
  expect(res.status, JSON.stringify(res.body)).toBe(202);
}

const completed = (app: FastifyInstance, importId: string, timeoutMs = 120_000) =>
  eventually(
    async () => {
      const res = await app.inject({ method: 'GET', url: `/api/hr/imports/${importId}`, headers: { authorization: `Bearer ${adminToken}` } });
      const v = importView.parse(res.json());
      return v.status === 'completed' ? v : undefined;
    },
    `import ${importId} to complete`,
    timeoutMs,
  );
const person = (source: string, employeeId: string, ok: (p: z.infer<typeof personView>) => boolean, what: string, timeoutMs = 120_000) =>
  eventually(
    async () => {
      const res = await sys.api('GET', `/api/people/${employeeId}?source=${source}`);
      if (res.status !== 200) return undefined;
      const p = personView.parse(res.body);
      return ok(p) ? p : undefined;
    },
    what,
    timeoutMs,
  );
/** The events the person applied, in order (a repeat is noted as a duplicate and ignored). */
const appliedEventIds = (p: z.infer<typeof personView>) => p.timeline.filter((t) => t.kind === 'event').map((t) => t.eventId);
const undelivered = async (db: Database) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM hr_outbox WHERE delivered_at IS NULL'))[0]?.n ?? -1;

/** The HR events the person workflow was signalled, in order, as its history holds them (decrypted). */
async function signalled(source: string, employeeId: string) {
  const history = await sys.client.workflow.getHandle(personWorkflowId(source, employeeId)).fetchHistory();
  const codec = payloadCodec(sys.keyring);
  const events: { eventId: string; receivedAt: string }[] = [];
  for (const e of history.events ?? []) {
    const signal = e.workflowExecutionSignaledEventAttributes;
    if (signal?.signalName !== 'hrEvent') continue;
    const decoded = await codec.decode(signal.input?.payloads ?? []);
    events.push(...decoded.map((p) => z.object({ eventId: z.string(), receivedAt: z.string() }).loose().parse(defaultPayloadConverter.fromPayload(p))));
  }
  return events;
}
async function notInTemporal(source: string, employeeId: string): Promise<void> {
  await expect(sys.client.workflow.getHandle(personWorkflowId(source, employeeId)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
}

describe('durable HR intake', () => {
  it('accepts 40 concurrent SCIM bulk requests of 50 hires and hands every hire to its person workflow exactly once', { timeout: 480_000 }, async () => {
    // A task queue no worker polls: the person workflows collect their signals and nothing else runs,
    // so this exercises intake and delivery, not the worker (applying events is tested below).
    const source = 'burst';
    const db = await freshDatabase();
    const app = await apiOn(db, sys.client, `intake-burst-${randomUUID()}`);
    try {
      const requests = Array.from({ length: 40 }, (_, r) => Array.from({ length: 50 }, (_, i) => scimUser(`B${r}-${i}`)));
      const answers = await Promise.all(requests.map((users) => bulk(app, source, users)));
      for (const answer of answers) expect(answer.Operations.map((o) => [o.outcome, o.queued])).toEqual(Array.from({ length: 50 }, () => ['hire', true]));

      for (const answer of answers) expect((await completed(app, answer.importId, 360_000)).progress).toEqual({ events: 50, delivered: 50, pending: 0 });
      const [outbox] = await db.query<{ delivered: number; events: number }>(
        "SELECT count(*) FILTER (WHERE delivered_at IS NOT NULL)::int AS delivered, count(DISTINCT event->>'eventId')::int AS events FROM hr_outbox WHERE source = $1",
        [source],
      );
      expect(outbox).toEqual({ delivered: 2000, events: 2000 });
      const counted = (await hrEventsAccepted.get()).values.find((v) => v.labels.source === source && v.labels.channel === 'scim');
      expect(counted?.value).toBe(2000);

      // Each person workflow holds its hire once, as Temporal recorded it.
      const expected = answers.flatMap((a) => a.Operations.map((o) => [o.employeeId ?? '', o.eventId ?? ''] as const));
      const found = new Map<string, string[]>();
      for (let i = 0; i < expected.length; i += 20) {
        await Promise.all(expected.slice(i, i + 20).map(async ([employeeId]) => found.set(employeeId, (await signalled(source, employeeId)).map((e) => e.eventId))));
      }
      expect(expected.filter(([employeeId, eventId]) => JSON.stringify(found.get(employeeId)) !== JSON.stringify([eventId]))).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('derives a hire, then an update, from two bulk requests in a row for a new person', async () => {
    const first = await bulk(sys.app, 'twice', [scimUser('N1', { title: 'Analyst' })]);
    const second = await bulk(sys.app, 'twice', [scimUser('N1', { title: 'Lead Analyst' })]);
    expect(first.Operations).toMatchObject([{ outcome: 'hire' }]);
    expect(second.Operations).toMatchObject([{ outcome: 'update', note: 'update: title' }]);
    const p = await person('twice', 'N1', (x) => x.attributes.title === 'Lead Analyst', 'the update to apply');
    expect(appliedEventIds(p)).toEqual([first.Operations[0]?.eventId, second.Operations[0]?.eventId]);
  });

  it('accepts while Temporal is unreachable and, once it is back, delivers everything with each person in order', { timeout: 300_000 }, async () => {
    const source = 'outage';
    const db = await freshDatabase();
    const app = await apiOn(db, proxied);
    try {
      await proxy.cut();
      const people = ['O1', 'O2', 'O3', 'O4', 'O5'];
      // Ten events per person, the people interleaved: a backlog the dispatcher drains side by side.
      for (let i = 0; i < 10; i++) {
        await Promise.all(people.map((id) => hrEvent(app, source, { eventId: `${id}-${i}`, type: i === 0 ? 'hire' : 'update', employeeId: id, attributes: { givenName: id, title: `T${i}` } })));
      }
      const hired = await bulk(app, source, [scimUser('S1', { title: 'Analyst' })]);
      const moved = await bulk(app, source, [scimUser('S1', { title: 'Lead Analyst' })]);
      expect([hired.Operations[0]?.outcome, moved.Operations[0]?.outcome]).toEqual(['hire', 'update']);
      expect((await bulk(app, source, [scimUser('S1', { title: 'Lead Analyst' })])).Operations).toMatchObject([{ outcome: 'unchanged' }]);

      expect(await undelivered(db)).toBe(52);
      for (const id of [...people, 'S1']) await notInTemporal(source, id);

      // The dispatcher finds Temporal unreachable, says so on the waiting batches, and backs off.
      await eventually(
        async () => {
          const res = await app.inject({ method: 'GET', url: `/api/hr/imports/${moved.importId}`, headers: { authorization: `Bearer ${adminToken}` } });
          const v = z.object({ lastError: z.string().nullable() }).loose().parse(res.json());
          return v.lastError?.startsWith('delivery to the person workflows is waiting') === true ? true : undefined;
        },
        'the waiting batch to show why',
        120_000,
      );
      expect(await undelivered(db)).toBe(52);
      await proxy.restore();
      await eventually(async () => ((await undelivered(db)) === 0 ? true : undefined), 'the outbox to drain once Temporal is back', 240_000);
      for (const id of people) {
        const expected = Array.from({ length: 10 }, (_, i) => `${id}-${i}`);
        // Signals that arrive while the workflow works show in its history once that task completes.
        const signals = await eventually(async () => {
          const events = await signalled(source, id);
          return events.length >= 10 ? events : undefined;
        }, `the ten signals to ${id}`);
        expect(signals.map((e) => e.eventId)).toEqual(expected);
        const p = await person(source, id, (x) => appliedEventIds(x).length === 10, `${id} to apply its ten events`);
        expect(appliedEventIds(p)).toEqual(expected);
        expect(p.attributes.title).toBe('T9');
      }
      expect((await completed(app, moved.importId)).progress).toEqual({ events: 1, delivered: 1, pending: 0 });
      const s1 = await person(source, 'S1', (x) => x.attributes.title === 'Lead Analyst', 'S1 to be hired, then moved');
      expect(appliedEventIds(s1)).toEqual([hired.Operations[0]?.eventId, moved.Operations[0]?.eventId]);
    } finally {
      await proxy.restore();
      await app.close();
    }
  });

  it('delivers what a stopped API process left in the outbox from the next process, received when it was accepted', { timeout: 300_000 }, async () => {
    const source = 'restart';
    const db = await freshDatabase();
    // The stopping process's own connection to Temporal, closed with it.
    const connection = await Connection.connect({ address: proxy.address });
    const before = await apiOn(db, new Client({ connection, namespace: 'default', dataConverter: { payloadCodecs: [payloadCodec(sys.keyring)] } }));
    let acceptedBy: number;
    let csvImport: string;
    try {
      // An admin files a CSV import under a configured HR source only.
      expect((await post(before, '/api/users', JSON.stringify({ id: source, displayName: source, roles: ['hr-source'] }), 'application/json')).status).toBe(201);
      await proxy.cut();
      await hrEvent(before, source, { eventId: 'K1-hire', type: 'hire', employeeId: 'K1', attributes: { givenName: 'Given', surname: 'K1' } });
      await bulk(before, source, ['K2', 'K3', 'K4'].map((id) => scimUser(id)));
      const csv = await post(before, `/api/hr/imports?source=${source}`, ['employeeId,givenName,surname', ...['K1', 'K2', 'K3', 'K4', 'K5', 'K6'].map((id) => `${id},Given,${id}`), ''].join('\n'), 'text/csv');
      expect(csv.status, JSON.stringify(csv.body)).toBe(202);
      const summary = z.object({ id: z.string(), counts: z.record(z.string(), z.number()) }).loose().parse(csv.body);
      // K1 to K4 are only in the outbox, yet known: the snapshot hires just K5 and K6.
      expect(summary.counts).toMatchObject({ records: 6, hire: 2, unchanged: 4, terminate: 0 });
      csvImport = summary.id;
      acceptedBy = Date.now();
      expect(await undelivered(db)).toBe(6);
    } finally {
      // The process stops before anything reached Temporal.
      await before.close();
      await connection.close();
      await proxy.restore();
    }
    for (const id of ['K1', 'K2', 'K5']) await notInTemporal(source, id);

    const after = await apiOn(db, sys.client);
    try {
      await eventually(async () => ((await undelivered(db)) === 0 ? true : undefined), 'the next process to drain the outbox', 120_000);
      expect((await completed(after, csvImport)).progress).toEqual({ events: 2, delivered: 2, pending: 0 });
      for (const id of ['K1', 'K2', 'K3', 'K4', 'K5', 'K6']) {
        await person(source, id, (p) => p.state === 'active', `${id} to be hired`);
        const events = await signalled(source, id);
        expect(events).toHaveLength(1);
        expect(Date.parse(events[0]?.receivedAt ?? '')).toBeLessThanOrEqual(acceptedBy);
      }
    } finally {
      await after.close();
    }
  });

  it('refuses, visibly, a stored event that can no longer be delivered, and delivers the person\'s next event', async () => {
    const source = 'unreadable';
    const id = randomUUID();
    // A batch an earlier version stored: its first event is of a type today's rules do not know.
    const stale = { eventId: 'U1-promote', type: 'promote', employeeId: 'U1', attributes: {} };
    const hire = { eventId: 'U1-hire', type: 'hire', employeeId: 'U1', attributes: { givenName: 'Una' } };
    const safety = { disables: 0, recentDisables: 0, knownActive: 0, limits: defaultSafetyLimits, share: 0, hold: false };
    await sys.db.transaction(async (tx) => {
      await tx.query("INSERT INTO hr_imports (id, source, kind, status, created_by, counts, safety) VALUES ($1, $2, 'csv', 'running', 'admin', $3, $4)", [id, source, JSON.stringify({ records: 2 }), JSON.stringify(safety)]);
      for (const [seq, event] of [stale, hire].entries()) {
        await tx.query("INSERT INTO hr_import_records (import_id, seq, employee_id, status, event_type, event) VALUES ($1, $2, 'U1', 'pending', $3, $4)", [id, seq, event.type, JSON.stringify(event)]);
        await tx.query("INSERT INTO hr_outbox (source, employee_id, channel, event, received_at, import_id, import_seq) VALUES ($1, 'U1', 'csv', $2, now(), $3, $4)", [source, JSON.stringify(event), id, seq]);
      }
    });

    const done = await completed(sys.app, id);
    expect(done.progress).toEqual({ events: 2, delivered: 1, pending: 0 });
    expect(z.object({ lastError: z.string() }).loose().parse(done).lastError).toBe('1 of its events could not be delivered and were refused; see its records marked refused');
    const records = z.object({ events: z.array(z.object({ status: z.string() }).loose()), errors: z.array(z.object({ path: z.string(), message: z.string() }).loose()) }).parse((await sys.api('GET', `/api/hr/imports/${id}`)).body);
    expect(records.events.map((r) => r.status)).toEqual(['refused', 'delivered']);
    expect(records.errors.filter((e) => e.path === 'event').map((e) => e.message)).toEqual([expect.stringMatching(/^the stored event is not a valid HR event: type: /)]);
    const [row] = await sys.db.query<{ refused: boolean; last_error: string }>("SELECT refused_at IS NOT NULL AS refused, last_error FROM hr_outbox WHERE event->>'eventId' = 'U1-promote'");
    expect(row?.refused).toBe(true);

    const p = await person(source, 'U1', (x) => x.state === 'active', 'U1 to be hired by the event after the refused one');
    expect(appliedEventIds(p)).toEqual(['U1-hire']);
    expect((await signalled(source, 'U1')).map((e) => e.eventId)).toEqual(['U1-hire']);
  });
});
