/**
 * The first version of the person workflow, frozen: it is what person workflows opened before the
 * durable version (person.ts) replay. Never change what it does: only the upgrade gate below, which
 * moves such a person onto the current version (continue-as-new) at its next event or date.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { PeopleActivities } from '../activities/store/people.ts';
import type { personWorkflow } from './person.ts';
import { changedAttributes, linkAccounts, nextState, runTimeline, triggerMatches, waitTarget, type ReceivedHrEvent, type TraceEntry } from './dsl/index.ts';
import type { lifecycleRun } from './lifecycle.ts';
import { attributesChangedSignal, runWorkflowId, type LifecycleRunInput } from './messages.ts';
import { hrEventSignal, personQuery, type PersonInput, type PersonRun, type PersonState, type ScheduledRun, type TimelineEntry } from './personMessages.ts';

const people = proxyActivities<PeopleActivities>({ startToCloseTimeout: '30s', retry: { maximumAttempts: 20 } });

/** What this version kept of a person. */
type LegacyPersonState = Omit<PersonState, 'effective' | 'pending' | 'stateSince'>;

const keep = { timeline: 500, runs: 200, eventIds: 2000 } as const;
/** Runs of these lifecycles are what a terminate or cancel stops while they are still pending. */
const hireLifecycles = new Set(['joiner', 'rehire']);
/** And these are what a rehire stops: the person is staying after all. */
const leaverLifecycles = new Set(['leaver']);

export async function personWorkflowV1(input: PersonInput): Promise<void> {
  const carried = input.carried;
  const person: LegacyPersonState = carried ? { ...carried, accounts: carried.accounts ?? {} } : { source: input.source, employeeId: input.employeeId, state: undefined, attributes: {}, timeline: [], runs: [], scheduled: [], accounts: {} };
  const seen = new Set(carried?.seenEventIds ?? []);
  const inbox: ReceivedHrEvent[] = [...(carried?.inbox ?? [])];

  setHandler(hrEventSignal, (event) => {
    inbox.push(event);
  });
  setHandler(personQuery, () => ({ ...person, effective: {}, pending: [] }));

  const note = (entry: Omit<TimelineEntry, 'at'>) => {
    person.timeline.push({ at: new Date().toISOString(), ...entry });
    if (person.timeline.length > keep.timeline) person.timeline.splice(0, person.timeline.length - keep.timeline);
  };

  async function startRun(s: ScheduledRun, trigger: string): Promise<void> {
    const runId = uuid4();
    const workflowId = runWorkflowId(runId);
    await people['people.recordRun']({ id: runId, workflowId, definitionId: s.definitionId, revision: s.revision, employeeId: person.employeeId, requestedBy: `hr:${person.source}` });
    const runInput: LifecycleRunInput = { runId, definitionId: s.definitionId, revision: s.revision, employeeId: person.employeeId, attributes: person.attributes, requestedBy: `hr:${person.source}` };
    const child = await startChild<typeof lifecycleRun>('lifecycleRun', { workflowId, args: [runInput], parentClosePolicy: ParentClosePolicy.ABANDON });
    const run: PersonRun = { runId, workflowId, definitionId: s.definitionId, revision: s.revision, lifecycle: s.lifecycle, eventType: s.eventType, startedAt: new Date().toISOString(), status: 'running' };
    person.runs.push(run);
    if (person.runs.length > keep.runs) person.runs.splice(0, person.runs.length - keep.runs);
    note({ kind: 'run-started', message: `started ${s.definitionId} (revision ${s.revision}) ${trigger}`, runId, definitionId: s.definitionId, eventId: s.eventId });
    child.result().then(
      (status) => {
        run.status = 'succeeded';
        report(runId, status.trace);
        note({ kind: 'run-finished', message: `${s.definitionId} succeeded`, runId, definitionId: s.definitionId });
      },
      (error: unknown) => {
        report(runId, failedRunTrace(error));
        if (run.status === 'cancelled') return;
        run.status = 'failed';
        note({ kind: 'run-finished', message: `${s.definitionId} failed: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`, runId, definitionId: s.definitionId });
      },
    );
  }

  /** A finished run's decisions and operations go on the timeline; its account actions update the linked accounts. */
  function report(runId: string, trace: readonly TraceEntry[]): void {
    for (const entry of runTimeline(trace)) note({ kind: entry.kind, message: entry.message, runId, nodeId: entry.nodeId });
    person.accounts = linkAccounts(person.accounts, trace, runId, person.employeeId);
  }

  /**
   * Stops what an event makes pointless: a terminate or cancel stops hires not yet started and hire
   * runs still going; a rehire stops a leaver still waiting for the last day.
   */
  async function stopPending(lifecycles: ReadonlySet<string>, reason: string): Promise<void> {
    const dropped = person.scheduled.filter((s) => lifecycles.has(s.lifecycle));
    person.scheduled = person.scheduled.filter((s) => !lifecycles.has(s.lifecycle));
    for (const s of dropped) note({ kind: 'run-cancelled', message: `${s.definitionId} will not start: ${reason}`, definitionId: s.definitionId });
    for (const run of person.runs) {
      if (run.status !== 'running' || !lifecycles.has(run.lifecycle)) continue;
      // Noted before the cancel is awaited, so a query in between sees the status and its reason together.
      run.status = 'cancelled';
      note({ kind: 'run-cancelled', message: `cancelled ${run.definitionId}: ${reason}`, runId: run.runId, definitionId: run.definitionId });
      await getExternalWorkflowHandle(run.workflowId).cancel();
    }
  }

  async function apply(event: ReceivedHrEvent): Promise<void> {
    if (seen.has(event.eventId)) {
      note({ kind: 'duplicate', message: `event ${event.eventId} was already applied; ignored`, eventId: event.eventId });
      return;
    }
    seen.add(event.eventId);
    const before = person.attributes;
    const after = { ...before, ...event.attributes };
    const changed = changedAttributes(before, after);
    person.attributes = after;
    note({ kind: 'event', message: `${event.type}${changed.length > 0 ? `: ${changed.join(', ')} changed` : ''}`, eventId: event.eventId });

    const state = nextState(person.state, event, after, new Date());
    if (state !== person.state) {
      note({ kind: 'state', message: `${person.state ?? 'unknown'} → ${state ?? 'unknown'}`, eventId: event.eventId });
      person.state = state;
    }
    if (event.type === 'terminate' || event.type === 'cancel') await stopPending(hireLifecycles, `${event.type} event ${event.eventId}`);
    // Behind a patch: histories of rehires that arrived while a leaver ran did not cancel it.
    if (event.type === 'rehire' && patched('rehire-stops-leaver')) await stopPending(leaverLifecycles, `rehire event ${event.eventId}`);

    // Running lifecycle runs see the new attributes (a moved date re-arms their waits).
    if (changed.length > 0) {
      for (const run of person.runs) {
        if (run.status === 'running') await getExternalWorkflowHandle(run.workflowId).signal(attributesChangedSignal, after);
      }
    }

    for (const candidate of await people['people.triggeredRevisions']({ eventType: event.type })) {
      if (!(await triggerMatches(candidate.trigger, event.type, changed, after))) {
        note({ kind: 'trigger', message: `${candidate.definitionId} does not apply (scope or changed attributes)`, definitionId: candidate.definitionId, eventId: event.eventId });
        continue;
      }
      const s: ScheduledRun = { definitionId: candidate.definitionId, revision: candidate.revision, lifecycle: candidate.lifecycle, eventType: event.type, eventId: event.eventId, dateAttribute: candidate.trigger.date?.attribute ?? '', offsetDays: candidate.trigger.date?.offsetDays ?? 0 };
      if (candidate.trigger.date) {
        person.scheduled.push(s);
        note({ kind: 'scheduled', message: `${candidate.definitionId} waits for ${s.dateAttribute}${s.offsetDays !== 0 ? ` ${s.offsetDays > 0 ? '+' : ''}${s.offsetDays} days` : ''}`, definitionId: candidate.definitionId, eventId: event.eventId });
      } else {
        await startRun(s, `on ${event.type} ${event.eventId}`);
      }
    }
    await people['people.recordPerson']({ source: person.source, employeeId: person.employeeId, state: person.state, attributes: person.attributes });
    if (seen.size > keep.eventIds) {
      const oldest = [...seen].slice(0, seen.size - keep.eventIds);
      for (const id of oldest) seen.delete(id);
    }
  }

  const dueAt = (s: ScheduledRun): number | undefined => {
    const t = waitTarget({ kind: 'until', attribute: s.dateAttribute, offsetDays: s.offsetDays }, person.attributes, new Date());
    return t.ok ? t.until.getTime() : undefined;
  };

  for (;;) {
    const dues = person.scheduled.map(dueAt).filter((d): d is number => d !== undefined);
    const next = dues.length > 0 ? Math.min(...dues) : undefined;
    const wake = () => inbox.length > 0;
    if (next === undefined) await condition(wake);
    else if (next > Date.now()) await condition(wake, next - Date.now());
    // The upgrade gate: false while replaying what this version did, true when something new happens.
    if (patched('durable-person-upgrade')) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof personWorkflow>({ source: person.source, employeeId: person.employeeId, carried: { ...person, seenEventIds: [...seen], inbox } });
    }

    while (inbox.length > 0) {
      const event = inbox.shift();
      if (event) await apply(event);
    }
    for (const s of [...person.scheduled]) {
      const due = dueAt(s);
      if (due === undefined) {
        person.scheduled = person.scheduled.filter((x) => x !== s);
        note({ kind: 'run-cancelled', message: `${s.definitionId} will not start: the person has no valid ${s.dateAttribute}`, definitionId: s.definitionId });
      } else if (due <= Date.now()) {
        person.scheduled = person.scheduled.filter((x) => x !== s);
        await startRun(s, `on ${s.dateAttribute}${s.offsetDays !== 0 ? ` ${s.offsetDays > 0 ? '+' : ''}${s.offsetDays} days` : ''}`);
      }
    }

    if (workflowInfo().continueAsNewSuggested && inbox.length === 0) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof personWorkflow>({ source: person.source, employeeId: person.employeeId, carried: { ...person, seenEventIds: [...seen], inbox } });
    }
    // A terminated person's workflow stays open, idle, for a rehire.
  }
}

/** The trace a failed run carries in its failure's details (see lifecycle.ts), or none. */
function failedRunTrace(error: unknown): TraceEntry[] {
  const cause = error instanceof Error ? error.cause : undefined;
  const details: unknown = cause instanceof ApplicationFailure ? cause.details?.[0] : undefined;
  const trace: unknown = typeof details === 'object' && details !== null ? Reflect.get(details, 'trace') : undefined;
  return Array.isArray(trace) ? trace.filter((e): e is TraceEntry => typeof e === 'object' && e !== null && typeof Reflect.get(e, 'nodeId') === 'string') : [];
}
