/**
 * A burst of HR events from many concurrent clients while the people's runs end: no person workflow
 * fails, every accepted event is on its person's timeline, every person holds their latest values
 * (each event carries its effective time, so delivery order does not matter). In a file of its own:
 * the backlog it leaves must not hold up other tests. `npm test` sends 25 people;
 * `npm run test:burst` the acceptance's 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DefinitionInput } from '../../workflows/dsl/index.ts';
import { definition, edge, log, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;

const quick = (id: string, lifecycle: DefinitionInput['lifecycle'], trigger: DefinitionInput['trigger']) =>
  definition(id, [node({ id: 'start', type: 'start', data: {} }), node({ id: 'note', type: 'action', data: log(`${id} ran`) }), node({ id: 'end', type: 'end', data: {} })], [edge('start', 'note'), edge('note', 'end')], { lifecycle, ...(trigger ? { trigger } : {}) });

beforeAll(async () => {
  sys = await startTestSystem();
  const definitions: DefinitionInput[] = [
    quick('joiner', 'joiner', { events: ['hire', 'rehire'], scope: { all: [{ fact: 'employeeType', operator: 'notEqual', value: 'broken' }] } }),
    quick('mover', 'mover', { events: ['update'], changedAttributes: ['department', 'title'] }),
    definition(
      'broken-joiner',
      [node({ id: 'start', type: 'start', data: {} }), node({ id: 'give-up', type: 'end', data: { outcome: 'failed' } })],
      [edge('start', 'give-up')],
      { lifecycle: 'joiner', trigger: { events: ['hire'], scope: { all: [{ fact: 'employeeType', operator: 'equal', value: 'broken' }] } } },
    ),
  ];
  for (const d of definitions) {
    expect((await sys.api('POST', '/api/definitions', d)).status).toBe(201);
    expect((await sys.api('POST', `/api/definitions/${d.id}/publish`)).status).toBe(201);
  }
}, 180_000);
afterAll(async () => {
  await sys.stop();
});

const personView = z.looseObject({
  state: z.string().nullish(),
  status: z.enum(['ok', 'needs-attention']),
  attention: z.looseObject({ definitionId: z.string(), reason: z.string() }).nullable(),
  attributes: z.record(z.string(), z.unknown()),
  timeline: z.array(z.looseObject({ kind: z.string(), message: z.string(), eventId: z.string().optional() })),
  runs: z.array(z.looseObject({ runId: z.string(), definitionId: z.string(), status: z.string() })),
});
type PersonView = z.infer<typeof personView>;

const read = async (employeeId: string): Promise<PersonView | undefined> => {
  const res = await sys.api('GET', `/api/people/${encodeURIComponent(employeeId)}`);
  return res.status === 200 ? personView.parse(res.body) : undefined;
};
/** Waits until the person satisfies `ok`; on time-out the error shows the person as last read. */
const person = async (employeeId: string, ok: (p: PersonView) => boolean, what: string, timeoutMs?: number) => {
  let last: PersonView | undefined;
  try {
    return await eventually(async () => {
      last = await read(employeeId);
      return last && ok(last) ? last : undefined;
    }, what, timeoutMs);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; ${await runsInTemporal(last)}; last read: ${JSON.stringify(last)}`, { cause: error });
  }
};

/** What Temporal says of the runs a person still lists as running: still at work, or closed without a report. */
async function runsInTemporal(view: PersonView | undefined): Promise<string> {
  const running = (view?.runs ?? []).filter((r) => r.status === 'running');
  const states = await Promise.all(
    running.map(async (r) => {
      try {
        const d = await sys.client.workflow.getHandle(`run:${r.runId}`).describe();
        return `${r.definitionId} ${r.runId}: ${d.status.name}, ${d.historyLength} events`;
      } catch (error) {
        return `${r.definitionId} ${r.runId}: ${error instanceof Error ? error.message : String(error)}`;
      }
    }),
  );
  return `runs listed as running, in Temporal: ${states.join('; ') || 'none'}`;
}

const send = async (event: Record<string, unknown>) => {
  const res = await sys.api('POST', '/api/hr/events', event);
  if (res.status !== 202) throw new Error(`event ${String(event.eventId)} answered ${res.status}: ${JSON.stringify(res.body)}`);
};

async function countExecutions(status: 'Failed' | 'Terminated' | 'Running', type: string): Promise<number> {
  const { count } = await sys.client.workflow.count(`WorkflowType = '${type}' AND TaskQueue = '${sys.taskQueue}' AND ExecutionStatus = '${status}'`);
  return count;
}


/** Runs `work` over `items` with `clients` callers at a time. */
async function concurrently<T>(items: readonly T[], clients: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < items.length) {
        const item = items[next++];
        if (item !== undefined) await work(item);
      }
    }),
  );
}

const people = Number(process.env.TENURE_BURST_PEOPLE ?? 25);
/** How long the first person may wait for the backlog the burst leaves (2,000 runs for 500 people); later ones wait less, the backlog draining meanwhile. */
const settleMs = 600_000;

describe('person workflow under a burst', () => {
  it(`takes ${people} people × 4 events from 50 concurrent clients while their runs end: none fails, none loses an event, all hold their latest values`, async () => {
    const base = Date.now() - 3_600_000;
    const ids = Array.from({ length: people }, (_, i) => `B${i}`);
    // Each event carries its effective time, so the latest one wins whatever order the clients deliver them in.
    const events = ids.flatMap((id, p) =>
      [0, 1, 2, 3].map((n) => ({
        eventId: `${id}-${n}`,
        type: n === 0 ? 'hire' : 'update',
        employeeId: id,
        effectiveAt: new Date(base + p * 10 + n * 1000).toISOString(),
        attributes: { department: `D${n}`, title: `T${(p + n) % 3}`, givenName: 'Ana' },
      })),
    );
    // Interleave people so one person's events go out through different clients at the same moment.
    const shuffled = [...events].sort((a, b) => (a.eventId.endsWith('-0') === b.eventId.endsWith('-0') ? 0 : a.eventId.endsWith('-0') ? -1 : 1));
    await concurrently(shuffled, 50, send);

    for (const id of ids) {
      const final = await person(id, (p) => p.attributes.department === 'D3' && p.runs.length > 0 && p.runs.every((r) => r.status !== 'running') && [0, 1, 2, 3].every((n) => p.timeline.some((t) => t.kind === 'event' && t.eventId === `${id}-${n}`)), `${id} to hold all 4 events with its runs reported`, settleMs);
      expect(final.state).toBe('active');
      expect(final.runs.filter((r) => r.definitionId === 'joiner').map((r) => r.status)).toEqual(['succeeded']);
      expect(final.timeline.filter((t) => t.kind === 'error')).toEqual([]);
    }
    expect(await countExecutions('Failed', 'personWorkflow')).toBe(0);
    expect(await countExecutions('Terminated', 'personWorkflow')).toBe(0);
  }, settleMs + 600_000);

});
