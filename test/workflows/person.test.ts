/**
 * The person workflow on real Temporal, driven by HR events through the API: ordering and
 * deduplication, lifecycle state, triggers with scope and dates (re-armed when HR moves the date),
 * a terminate cancelling a pending hire, and the person's timeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DefinitionInput } from '../../workflows/dsl/index.ts';
import { personWorkflowId } from '../../workflows/personMessages.ts';
import { errorBody, runView } from '../support/api.ts';
import { definition, edge, log, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
  await publish(
    definition(
      'joiner',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'welcome', type: 'action', data: log('account prepared') }),
        node({ id: 'dayOne', type: 'wait', data: { wait: { kind: 'until', attribute: 'hireDate', offsetDays: 0 } } }),
        node({ id: 'enable', type: 'action', data: log('enabled on day one') }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'welcome'), edge('welcome', 'dayOne'), edge('dayOne', 'enable'), edge('enable', 'end')],
      { lifecycle: 'joiner', trigger: { events: ['hire'], date: { attribute: 'hireDate', offsetDays: -7 }, scope: { all: [{ fact: 'employeeType', operator: 'notEqual', value: 'contractor' }] } } },
    ),
  );
  await publish(
    definition('mover', [node({ id: 'start', type: 'start', data: {} }), node({ id: 'note', type: 'action', data: log('department changed') }), node({ id: 'end', type: 'end', data: {} })], [edge('start', 'note'), edge('note', 'end')], {
      lifecycle: 'mover',
      trigger: { events: ['update'], changedAttributes: ['department'] },
    }),
  );
  await publish(
    definition(
      'retitle',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'route', type: 'decision', data: { rules: [{ outcome: 'sales', conditions: { all: [{ fact: 'department', operator: 'equal', value: 'Sales' }] } }] } }),
        node({ id: 'tell', type: 'action', data: log('title changed in sales') }),
        node({ id: 'end', type: 'end', data: {} }),
        node({ id: 'refuse', type: 'end', data: { outcome: 'failed' } }),
      ],
      [edge('start', 'route'), edge('route', 'tell', 'sales'), edge('route', 'refuse', 'default'), edge('tell', 'end')],
      { lifecycle: 'mover', trigger: { events: ['update'], changedAttributes: ['title'] } },
    ),
  );
  await publish(
    definition(
      'ops-leaver',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'lastDay', type: 'wait', data: { wait: { kind: 'until', attribute: 'lastDay', offsetDays: 0 } } }),
        node({ id: 'disable', type: 'action', data: log('disabled after the last day') }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'lastDay'), edge('lastDay', 'disable'), edge('disable', 'end')],
      { lifecycle: 'leaver', trigger: { events: ['terminate'], scope: { all: [{ fact: 'department', operator: 'equal', value: 'Ops' }] } } },
    ),
  );
});
afterAll(async () => {
  await sys.stop();
});

async function publish(def: DefinitionInput) {
  expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
  expect((await sys.api('POST', `/api/definitions/${def.id}/publish`)).status).toBe(201);
}

const personView = z.object({
  state: z.string().optional(),
  attributes: z.record(z.string(), z.unknown()),
  timeline: z.array(z.object({ kind: z.string(), message: z.string() }).loose()),
  runs: z.array(z.object({ runId: z.string(), definitionId: z.string(), status: z.string() }).loose()),
  scheduled: z.array(z.object({ definitionId: z.string() }).loose()),
});
type PersonView = z.infer<typeof personView>;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const send = (event: Record<string, unknown>) => sys.api('POST', '/api/hr/events', event);
const person = (employeeId: string, ok: (p: PersonView) => boolean, what: string) =>
  eventually(async () => {
    const res = await sys.api('GET', `/api/people/${employeeId}`);
    if (res.status !== 200) return undefined;
    const p = personView.parse(res.body);
    return ok(p) ? p : undefined;
  }, what);

describe('person workflow', () => {
  it('schedules a future hire, starts it when HR moves the date into range, and ignores a repeated event', async () => {
    const hire = { eventId: 'evt-1', type: 'hire', employeeId: 'P1', attributes: { givenName: 'José', surname: 'García', hireDate: day(60), department: 'Sales' } };
    const accepted = await send(hire);
    expect(accepted).toMatchObject({ status: 202, body: { accepted: true, eventId: 'evt-1', personWorkflowId: 'person:hr:P1' } });
    expect((await send(hire)).status).toBe(202);

    const waiting = await person('P1', (p) => p.timeline.some((t) => t.kind === 'duplicate'), 'the duplicate to be noticed');
    expect(waiting.state).toBe('prehire');
    expect(waiting.scheduled.map((s) => s.definitionId)).toEqual(['joiner']);
    expect(waiting.runs).toEqual([]);

    expect((await send({ eventId: 'evt-2', type: 'update', employeeId: 'P1', attributes: { hireDate: day(3) } })).status).toBe(202);
    const started = await person('P1', (p) => p.runs.length === 1, 'the joiner run to start');
    expect(started.scheduled).toEqual([]);
    const runId = started.runs[0]?.runId ?? '';
    const run = await eventually(async () => {
      const v = runView.parse((await sys.api('GET', `/api/runs/${runId}`)).body);
      return v.nodes.dayOne?.status === 'waiting' ? v : undefined;
    }, 'the run to wait for day one');
    expect(run.nodes.welcome?.status).toBe('done');
    expect(run.nodes.dayOne?.waitingUntil).toBe(`${day(3)}T00:00:00.000Z`);
    // The update changes neither department nor title, so neither mover applies.
    expect(started.timeline.map((t) => t.kind)).toEqual(['event', 'state', 'scheduled', 'duplicate', 'event', 'trigger', 'trigger', 'run-started']);
  });

  it('reads its last recorded state and what its first event triggers in one call when it starts', async () => {
    expect((await send({ eventId: 'evt-first-read', type: 'hire', employeeId: 'P-FIRST', attributes: { givenName: 'Ama', surname: 'Owusu', hireDate: day(90), department: 'Sales' } })).status).toBe(202);
    await person('P-FIRST', (p) => p.scheduled.length === 1, 'the hire to be scheduled');
    const { events } = await sys.client.workflow.getHandle(personWorkflowId('hr', 'P-FIRST')).fetchHistory();
    // Local activities are markers in the history; the marker's data names the activity type.
    const localActivities = (events ?? []).flatMap((e) => {
      const payload = e.markerRecordedEventAttributes?.markerName === 'core_local_activity' ? e.markerRecordedEventAttributes.details?.data?.payloads?.[0]?.data : undefined;
      return payload ? [z.looseObject({ activity_type: z.string() }).parse(JSON.parse(Buffer.from(payload).toString('utf8'))).activity_type] : [];
    });
    expect(localActivities).toEqual(['people.begin', 'people.recordPerson']);
  });

  it('cancels a pending hire when a terminate arrives', async () => {
    await send({ eventId: 'h-2', type: 'hire', employeeId: 'P2', attributes: { hireDate: day(2) } });
    const started = await person('P2', (p) => p.runs.length === 1, 'the joiner run to start');
    const runId = started.runs[0]?.runId ?? '';
    await eventually(async () => (runView.parse((await sys.api('GET', `/api/runs/${runId}`)).body).nodes.dayOne?.status === 'waiting' ? true : undefined), 'the run to wait');

    await send({ eventId: 't-2', type: 'terminate', employeeId: 'P2', effectiveAt: day(0), attributes: {} });
    const stopped = await person('P2', (p) => p.runs[0]?.status === 'cancelled', 'the hire to be cancelled');
    expect(stopped.state).toBe('terminated');
    const run = await eventually(async () => {
      const v = runView.parse((await sys.api('GET', `/api/runs/${runId}`)).body);
      return v.workflowStatus === 'CANCELLED' ? v : undefined;
    }, 'the run to be cancelled in Temporal');
    expect(run.outcome).toBe('cancelled');
    expect(run.nodes.dayOne).toMatchObject({ status: 'skipped', error: 'cancelled: the run was cancelled' });
    expect(run.nodes.enable?.status).toBe('skipped');
  });

  it('starts a mover run only when a watched attribute changed, and respects the scope rule', async () => {
    await send({ eventId: 'h-3', type: 'hire', employeeId: 'P3', attributes: { hireDate: day(-30), department: 'Sales', employeeType: 'contractor' } });
    const hired = await person('P3', (p) => p.timeline.some((t) => t.kind === 'trigger'), 'the hire to apply');
    expect(hired.state).toBe('active');
    expect(hired.runs).toEqual([]);
    expect(hired.timeline.find((t) => t.kind === 'trigger')?.message).toBe('joiner does not apply (scope or changed attributes)');

    await send({ eventId: 'u-3a', type: 'update', employeeId: 'P3', attributes: { location: 'Berlin' } });
    await send({ eventId: 'u-3b', type: 'update', employeeId: 'P3', attributes: { department: 'Engineering' } });
    const moved = await person('P3', (p) => p.runs.length === 1, 'the mover run');
    expect(moved.runs[0]?.definitionId).toBe('mover');
    expect(moved.timeline.filter((t) => t.kind === 'event').map((t) => t.message)).toEqual([
      'hire: department, employeeType, hireDate changed',
      'update: location changed',
      'update: department changed',
    ]);
    await person('P3', (p) => p.runs[0]?.status === 'succeeded', 'the mover run to finish');
  });

  it('puts a finished run’s rule outcomes and operations on the timeline, and a failed run’s too', async () => {
    await send({ eventId: 'h-4', type: 'hire', employeeId: 'P4', attributes: { hireDate: day(-10), department: 'Sales', employeeType: 'contractor' } });
    await send({ eventId: 'u-4a', type: 'update', employeeId: 'P4', attributes: { title: 'Lead' } });
    const done = await person('P4', (p) => p.runs[0]?.status === 'succeeded', 'the retitle run to succeed');
    const runId = done.runs[0]?.runId;
    const fromRun = done.timeline.filter((t) => t.kind === 'rule' || t.kind === 'operation');
    expect(fromRun).toEqual([
      expect.objectContaining({ kind: 'rule', runId, nodeId: 'route', message: 'decision route: sales (department equal "Sales")' }),
      expect.objectContaining({ kind: 'operation', runId, nodeId: 'tell', message: 'core.log: done' }),
    ]);
    expect(done.timeline.findIndex((t) => t.kind === 'operation')).toBeLessThan(done.timeline.findIndex((t) => t.kind === 'run-finished'));

    await send({ eventId: 'u-4b', type: 'update', employeeId: 'P4', attributes: { department: 'Legal', title: 'Counsel' } });
    const failed = await person('P4', (p) => p.runs.some((r) => r.definitionId === 'retitle' && r.status === 'failed'), 'the second retitle run to fail');
    const failedRun = failed.runs.find((r) => r.definitionId === 'retitle' && r.status === 'failed')?.runId;
    expect(failed.timeline.filter((t) => t.runId === failedRun && t.kind === 'rule').map((t) => t.message)).toEqual(['decision route: default (no rule matched)']);
  });

  it('stops a leaver still waiting for the last day when the person is rehired', async () => {
    await send({ eventId: 'h-5', type: 'hire', employeeId: 'P5', attributes: { hireDate: day(-100), department: 'Ops', employeeType: 'contractor' } });
    await send({ eventId: 't-5', type: 'terminate', employeeId: 'P5', attributes: { lastDay: day(5) } });
    const leaving = await person('P5', (p) => p.runs.some((r) => r.definitionId === 'ops-leaver'), 'the leaver run to start');
    const runId = leaving.runs.find((r) => r.definitionId === 'ops-leaver')?.runId ?? '';
    await eventually(async () => (runView.parse((await sys.api('GET', `/api/runs/${runId}`)).body).nodes.lastDay?.status === 'waiting' ? true : undefined), 'the leaver to wait');

    await send({ eventId: 'r-5', type: 'rehire', employeeId: 'P5', attributes: { hireDate: day(1) } });
    const stayed = await person('P5', (p) => p.runs.find((r) => r.runId === runId)?.status === 'cancelled', 'the leaver to be cancelled');
    expect(stayed.timeline.find((t) => t.kind === 'run-cancelled')?.message).toBe('cancelled ops-leaver: rehire event r-5');
    const run = await eventually(async () => {
      const v = runView.parse((await sys.api('GET', `/api/runs/${runId}`)).body);
      return v.workflowStatus === 'CANCELLED' ? v : undefined;
    }, 'the leaver run to be cancelled in Temporal');
    expect(run.nodes.disable?.status).toBe('skipped');
  });

  it('answers bad HR events with 400 and where the problem is', async () => {
    const unknownType = await send({ eventId: 'x', type: 'promote', employeeId: 'P9', attributes: {} });
    expect(unknownType.status).toBe(400);
    expect(errorBody.parse(unknownType.body).error.details?.[0]?.path).toBe('body.type');
    const noEmployee = await send({ eventId: 'x', type: 'hire', attributes: {} });
    expect(errorBody.parse(noEmployee.body).error.details?.[0]?.path).toBe('body.employeeId');
    const badDate = await send({ eventId: 'x', type: 'hire', employeeId: 'P9', attributes: { hireDate: '2026-02-30' } });
    expect(badDate.status).toBe(400);
    expect(errorBody.parse(badDate.body).error.details).toEqual([{ path: 'body.attributes.hireDate', message: 'hireDate must be a date (YYYY-MM-DD or an ISO timestamp), not "2026-02-30"' }]);
    const badType = await send({ eventId: 'x', type: 'hire', employeeId: 'P9', attributes: { department: { nested: true } } });
    expect(badType.status).toBe(400);
    expect((await sys.api('GET', '/api/people/P9')).status).toBe(404);
  });
});
