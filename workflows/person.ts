/**
 * The person workflow: one per employee, the Temporal entity-workflow pattern, open for years. It
 * receives that person's HR events (deduplicated by event id), applies them in effective order, keeps
 * their lifecycle state, attributes, linked accounts and timeline, and starts the lifecycle runs whose
 * trigger applies — at once, or on the date the trigger names, re-armed when HR moves that date.
 *
 * It must never fail: a person that fails is a person lost. So:
 * - runs report their end by signal (runEndedSignal), never through a child handle, which does not
 *   survive continue-as-new;
 * - telling or cancelling a run that has already ended is "already ended", not a failure;
 * - whatever else goes wrong while applying an event is written on the timeline, and the person goes on;
 * - a person started with no carried state first looks for its last recorded state (the people
 *   projection), so a workflow that was closed by an operator comes back as it was, not blank.
 * It records itself in the people projection after every change (reads come from there, not from
 * queries), and continues as new between events, carrying everything.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  isCancellation,
  ParentClosePolicy,
  patched,
  proxyLocalActivities,
  setHandler,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { PeopleActivities } from '../activities/store/people.ts';
import { applyAccountChanges, runTimeline, type AccountChange } from './dsl/runReport.ts';
import { deferredUntil, instant, mergeEffective, orderKey, transitionSuperseded } from './dsl/effective.ts';
import type { ReceivedHrEvent } from './dsl/hr.ts';
import { changedAttributes, nextState, triggerMatches } from './dsl/personState.ts';
import { waitTarget } from './dsl/dates.ts';
import type { lifecycleRun } from './lifecycle.ts';
import { attributesChangedSignal, runWorkflowId, type LifecycleRunInput } from './messages.ts';
import {
  hrEventSignal,
  needsAttention,
  personQuery,
  runEndedSignal,
  type PersonInput,
  type PersonRun,
  type PersonSnapshot,
  type PersonState,
  type RunEnded,
  type ScheduledRun,
  type TimelineEntry,
} from './personMessages.ts';

/**
 * Bookkeeping in the app database runs as local activities: a marker in the history instead of three
 * events and a workflow task each. They retry for about an hour; past that the person notes the
 * failure on its timeline and goes on.
 */
const people = proxyLocalActivities<PeopleActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 40 },
});

const keep = { timeline: 500, runs: 200, eventIds: 2000 } as const;
/** Continue as new by this history length even if the server has not suggested it yet. */
const maxHistoryEvents = 10_000;
/** Runs of these lifecycles are what a terminate or cancel stops while they are still pending. */
const hireLifecycles = new Set(['joiner', 'rehire']);
/** And these are what a rehire stops: the person is staying after all. */
const leaverLifecycles = new Set(['leaver']);

const messageOf = (error: unknown): string => (error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error));
/** Signalling or cancelling a run that has closed in the meantime: the run's own report tells how it ended. */
const alreadyEnded = (error: unknown): boolean => error instanceof Error && /not found/i.test(error.message);

export async function personWorkflow(input: PersonInput): Promise<void> {
  // Person workflows opened before this version replay the version they ran, and move over at their next event.
  // Loaded only for them: a module imported here is evaluated for every person workflow the worker holds.
  if (!patched('durable-person')) {
    const { personWorkflowV1 } = await import(/* webpackMode: "eager" */ './personV1.ts');
    return personWorkflowV1(input);
  }

  const carried = input.carried;
  const person: PersonState = {
    source: input.source,
    employeeId: input.employeeId,
    state: carried?.state,
    attributes: carried?.attributes ?? {},
    timeline: carried?.timeline ?? [],
    runs: carried?.runs ?? [],
    scheduled: carried?.scheduled ?? [],
    accounts: carried?.accounts ?? {},
    effective: carried?.effective ?? {},
    pending: carried?.pending ?? [],
    ...(carried?.stateSince !== undefined ? { stateSince: carried.stateSince } : {}),
  };
  const seen = new Set(carried?.seenEventIds ?? []);
  const inbox: ReceivedHrEvent[] = [...(carried?.inbox ?? [])];
  /** Whether there are changes not yet recorded in the people projection (an object: handlers set it). */
  const unrecorded = { changes: false };
  /** Nothing waits to be applied or recorded: the moment continue-as-new may happen. */
  const idle = () => inbox.length === 0 && !unrecorded.changes;

  const note = (entry: Omit<TimelineEntry, 'at'>) => {
    person.timeline.push({ at: new Date().toISOString(), ...entry });
    if (person.timeline.length > keep.timeline) person.timeline.splice(0, person.timeline.length - keep.timeline);
    unrecorded.changes = true;
  };

  setHandler(hrEventSignal, (event) => {
    inbox.push(event);
  });
  setHandler(runEndedSignal, async (ended) => {
    // Runs of earlier versions report no account changes: derive them from the trace, loading the
    // catalog for that person only.
    const accounts = ended.accounts ?? (await import(/* webpackMode: "eager" */ './dsl/accounts.ts')).accountChanges(ended.trace);
    runEnded(ended, accounts);
  });
  setHandler(personQuery, () => person);

  if (!carried) await restore();
  else for (const run of person.runs) if (run.status === 'running' && run.reports !== true) note({ kind: 'error', message: `${run.definitionId} was started by an earlier version and does not report its end here; see the run itself`, runId: run.runId, definitionId: run.definitionId });

  /** A person started without carried state begins from its last recorded state, if it has one. */
  async function restore(): Promise<void> {
    let last: PersonSnapshot | undefined;
    try {
      last = await people['people.loadPerson']({ source: person.source, employeeId: person.employeeId });
    } catch (error) {
      if (isCancellation(error)) throw error;
      note({ kind: 'error', message: `could not read the last recorded state: ${messageOf(error)}; starting without it` });
      return;
    }
    // A record this very execution wrote comes from a workflow task that timed out and is being
    // retried: its history (and what it started) was never kept, so starting from it would skip events.
    if (!last || last.recordedBy === workflowInfo().runId) return;
    const { seenEventIds, recordedBy: _recordedBy, ...state } = last;
    Object.assign(person, { ...state, source: person.source, employeeId: person.employeeId });
    for (const id of seenEventIds) seen.add(id);
    note({ kind: 'restored', message: `the person workflow started again from the state recorded ${last.timeline.at(-1)?.at ?? 'earlier'}; nothing recorded was lost` });
  }

  /** A run's report: its decisions and operations go on the timeline, its account actions update the linked accounts. */
  function runEnded(ended: RunEnded, accounts: readonly AccountChange[]): void {
    const run = person.runs.find((r) => r.runId === ended.runId);
    const finished = run !== undefined && run.status !== 'running' && run.status !== 'cancelled';
    if (finished) return; // a report repeated
    for (const entry of runTimeline(ended.trace)) note({ kind: entry.kind, message: entry.message, runId: ended.runId, nodeId: entry.nodeId });
    person.accounts = applyAccountChanges(person.accounts, accounts, ended.runId);
    const definitionId = run?.definitionId ?? 'a lifecycle run';
    // A run this person cancelled has its reason on the timeline already.
    if (run?.status === 'cancelled') return;
    if (run) {
      run.status = ended.outcome;
      if (ended.error !== undefined) run.error = ended.error;
      if (ended.nodeId !== undefined) run.failedNodeId = ended.nodeId;
    }
    note({ kind: 'run-finished', message: ended.outcome === 'failed' ? `${definitionId} failed${ended.nodeId !== undefined ? ` at ${ended.nodeId}` : ''}: ${ended.error ?? 'no reason given'}` : `${definitionId} ${ended.outcome}`, runId: ended.runId, definitionId });
  }

  async function startRun(s: ScheduledRun, trigger: string): Promise<void> {
    const runId = uuid4();
    const workflowId = runWorkflowId(runId);
    try {
      await people['people.recordRun']({ id: runId, workflowId, definitionId: s.definitionId, revision: s.revision, employeeId: person.employeeId, requestedBy: `hr:${person.source}` });
    } catch (error) {
      if (isCancellation(error)) throw error;
      note({ kind: 'error', message: `could not list run ${runId} of ${s.definitionId} in the runs table: ${messageOf(error)}; it runs all the same`, runId, definitionId: s.definitionId });
    }
    const runInput: LifecycleRunInput = { runId, definitionId: s.definitionId, revision: s.revision, employeeId: person.employeeId, attributes: person.attributes, requestedBy: `hr:${person.source}`, reportTo: workflowInfo().workflowId };
    // Listed before it starts: a short run can end, and report, before the start is even acknowledged.
    const run: PersonRun = { runId, workflowId, definitionId: s.definitionId, revision: s.revision, lifecycle: s.lifecycle, eventType: s.eventType, startedAt: new Date().toISOString(), status: 'running', reports: true };
    person.runs.push(run);
    if (person.runs.length > keep.runs) person.runs.splice(0, person.runs.length - keep.runs);
    note({ kind: 'run-started', message: `started ${s.definitionId} (revision ${s.revision}) ${trigger}`, runId, definitionId: s.definitionId, eventId: s.eventId });
    try {
      await startChild<typeof lifecycleRun>('lifecycleRun', { workflowId, args: [runInput], parentClosePolicy: ParentClosePolicy.ABANDON });
    } catch (error) {
      if (isCancellation(error)) throw error;
      run.status = 'failed';
      run.error = `could not start: ${messageOf(error)}`;
      note({ kind: 'run-finished', message: `${s.definitionId} failed: ${run.error}`, runId, definitionId: s.definitionId });
    }
  }

  /**
   * Stops what an event makes pointless: a terminate or cancel stops hires not yet started and hire
   * runs still going; a rehire stops a leaver still waiting for the last day.
   */
  async function stopPending(lifecycles: ReadonlySet<string>, reason: string): Promise<void> {
    const dropped = person.scheduled.filter((s) => lifecycles.has(s.lifecycle));
    person.scheduled = person.scheduled.filter((s) => !lifecycles.has(s.lifecycle));
    for (const s of dropped) note({ kind: 'run-cancelled', message: `${s.definitionId} will not start: ${reason}`, definitionId: s.definitionId });
    const stopping = person.runs.filter((run) => run.status === 'running' && lifecycles.has(run.lifecycle));
    for (const run of stopping) {
      // Noted before the cancel is sent, so a query in between sees the status and its reason together.
      run.status = 'cancelled';
      note({ kind: 'run-cancelled', message: `cancelled ${run.definitionId}: ${reason}`, runId: run.runId, definitionId: run.definitionId });
    }
    await Promise.all(
      stopping.map(async (run) =>
        getExternalWorkflowHandle(run.workflowId)
          .cancel()
          .catch((error: unknown) => {
            if (!alreadyEnded(error)) note({ kind: 'error', message: `could not cancel ${run.definitionId}: ${messageOf(error)}`, runId: run.runId, definitionId: run.definitionId });
          }),
      ),
    );
  }

  /** Running lifecycle runs see the new attributes (a moved date re-arms their waits). */
  async function tellRuns(attributes: Record<string, unknown>): Promise<void> {
    const running = person.runs.filter((run) => run.status === 'running');
    await Promise.all(
      running.map(async (run) =>
        getExternalWorkflowHandle(run.workflowId)
          .signal(attributesChangedSignal, attributes)
          .catch((error: unknown) => {
            if (!alreadyEnded(error)) note({ kind: 'error', message: `could not tell ${run.definitionId} about the change: ${messageOf(error)}`, runId: run.runId, definitionId: run.definitionId });
          }),
      ),
    );
  }

  async function apply(event: ReceivedHrEvent): Promise<void> {
    if (seen.has(event.eventId)) {
      note({ kind: 'duplicate', message: `event ${event.eventId} was already applied; ignored`, eventId: event.eventId });
      return;
    }
    const waitUntil = deferredUntil(event, new Date());
    if (waitUntil !== undefined) {
      if (!person.pending.some((p) => p.eventId === event.eventId)) person.pending.push(event);
      note({ kind: 'deferred', message: `${event.type} takes effect ${waitUntil}; applied then`, eventId: event.eventId });
      return;
    }
    seen.add(event.eventId);
    if (seen.size > keep.eventIds) for (const id of [...seen].slice(0, seen.size - keep.eventIds)) seen.delete(id);

    const key = orderKey(event);
    const merged = mergeEffective(person.attributes, person.effective, event, key);
    const before = person.attributes;
    const changed = changedAttributes(before, merged.attributes);
    person.attributes = merged.attributes;
    person.effective = merged.effective;
    const late = transitionSuperseded(event, key, person.stateSince);
    note({ kind: 'event', message: `${event.type}${changed.length > 0 ? `: ${changed.join(', ')} changed` : ''}`, eventId: event.eventId });
    if (merged.superseded.length > 0 || late) {
      const parts = [...(merged.superseded.length > 0 ? [`${merged.superseded.join(', ')} kept: newer values are in effect`] : []), ...(late ? [`the ${event.type} is dated before the ${person.state ?? 'current'} state took effect (${person.stateSince ?? ''}) and does not change it`] : [])];
      note({ kind: 'superseded', message: `event ${event.eventId} effective ${key} is older than what is applied: ${parts.join('; ')}`, eventId: event.eventId });
    }
    if (late) {
      if (changed.length > 0) await tellRuns(person.attributes);
      return;
    }

    const state = nextState(person.state, event, person.attributes, new Date());
    if (event.type !== 'update') person.stateSince = key;
    if (state !== person.state) {
      note({ kind: 'state', message: `${person.state ?? 'unknown'} → ${state ?? 'unknown'}`, eventId: event.eventId });
      person.state = state;
    }
    if (event.type === 'terminate' || event.type === 'cancel') await stopPending(hireLifecycles, `${event.type} event ${event.eventId}`);
    if (event.type === 'rehire') await stopPending(leaverLifecycles, `rehire event ${event.eventId}`);
    if (changed.length > 0) await tellRuns(person.attributes);
    // An update that changes nothing starts nothing: a daily full feed costs one signal per person, not a run.
    if (event.type === 'update' && changed.length === 0) return;

    for (const candidate of await people['people.triggeredRevisions']({ eventType: event.type })) {
      if (!(await triggerMatches(candidate.trigger, event.type, changed, person.attributes))) {
        note({ kind: 'trigger', message: `${candidate.definitionId} does not apply (scope or changed attributes)`, definitionId: candidate.definitionId, eventId: event.eventId });
        continue;
      }
      const s: ScheduledRun = { definitionId: candidate.definitionId, revision: candidate.revision, lifecycle: candidate.lifecycle, eventType: event.type, eventId: event.eventId, dateAttribute: candidate.trigger.date?.attribute ?? '', offsetDays: candidate.trigger.date?.offsetDays ?? 0 };
      if (candidate.trigger.date) {
        person.scheduled.push(s);
        note({ kind: 'scheduled', message: `${candidate.definitionId} waits for ${s.dateAttribute}${offsetText(s)}`, definitionId: candidate.definitionId, eventId: event.eventId });
      } else {
        await startRun(s, `on ${event.type} ${event.eventId}`);
      }
    }
  }

  /** Applies an event; whatever fails is written on the timeline and the person goes on. */
  async function applySafely(event: ReceivedHrEvent): Promise<void> {
    try {
      await apply(event);
    } catch (error) {
      if (isCancellation(error)) throw error;
      note({ kind: 'error', message: `event ${event.eventId} (${event.type}) was recorded but not fully applied: ${messageOf(error)}`, eventId: event.eventId });
    }
  }

  const dueAt = (s: ScheduledRun): number | undefined => {
    const t = waitTarget({ kind: 'until', attribute: s.dateAttribute, offsetDays: s.offsetDays }, person.attributes, new Date());
    return t.ok ? t.until.getTime() : undefined;
  };
  const pendingAt = (e: ReceivedHrEvent): number => Date.parse(e.effectiveAt !== undefined ? (instant(e.effectiveAt) ?? e.receivedAt) : e.receivedAt);

  async function startDue(): Promise<void> {
    for (const s of [...person.scheduled]) {
      const due = dueAt(s);
      if (due === undefined) {
        person.scheduled = person.scheduled.filter((x) => x !== s);
        note({ kind: 'run-cancelled', message: `${s.definitionId} will not start: the person has no valid ${s.dateAttribute}`, definitionId: s.definitionId });
      } else if (due <= Date.now()) {
        person.scheduled = person.scheduled.filter((x) => x !== s);
        try {
          await startRun(s, `on ${s.dateAttribute}${offsetText(s)}`);
        } catch (error) {
          if (isCancellation(error)) throw error;
          note({ kind: 'error', message: `${s.definitionId} could not start: ${messageOf(error)}`, definitionId: s.definitionId });
        }
      }
    }
  }

  async function record(): Promise<void> {
    unrecorded.changes = false;
    try {
      await people['people.recordPerson']({ source: person.source, employeeId: person.employeeId, state: person.state, attributes: person.attributes, snapshot: { ...person, seenEventIds: [...seen], recordedBy: workflowInfo().runId }, attention: needsAttention(person.runs) ?? null });
    } catch (error) {
      if (isCancellation(error)) throw error;
      note({ kind: 'error', message: `could not record the person in the people list: ${messageOf(error)}; retried at the next change` });
    }
  }

  for (;;) {
    const wakes = [...person.scheduled.map(dueAt), ...person.pending.map(pendingAt)].filter((d): d is number => d !== undefined);
    const next = wakes.length > 0 ? Math.min(...wakes) : undefined;
    const wake = () => !idle();
    if (next === undefined) await condition(wake);
    else if (next > Date.now()) await condition(wake, next - Date.now());

    const due = person.pending.filter((e) => pendingAt(e) <= Date.now());
    person.pending = person.pending.filter((e) => !due.includes(e));
    for (const event of [...due, ...inbox.splice(0)]) await applySafely(event);
    await startDue();
    if (unrecorded.changes) await record();

    const info = workflowInfo();
    if ((info.continueAsNewSuggested || info.historyLength > maxHistoryEvents) && idle()) {
      await condition(allHandlersFinished);
      if (idle()) await continueAsNew<typeof personWorkflow>({ source: person.source, employeeId: person.employeeId, carried: { ...person, seenEventIds: [...seen], inbox: [] } });
    }
    // A terminated person's workflow stays open, idle, for a rehire.
  }
}

const offsetText = (s: ScheduledRun) => (s.offsetDays !== 0 ? ` ${s.offsetDays > 0 ? '+' : ''}${s.offsetDays} days` : '');
