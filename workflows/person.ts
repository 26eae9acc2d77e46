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
 *
 * Managers hired after their reports: when a Joiner or Rehire succeeds, the person records that their
 * accounts are ready and then tells everyone whose managerId names them (ManagerReady); each of those
 * starts its `managerReady` lifecycles (the built-in Manager link sets the manager). A person whose own
 * run found its manager missing looks, once recorded, whether the manager became ready meanwhile.
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
import type { PeopleActivities, TriggeredRevision } from '../activities/store/people.ts';
import { applyAccountChanges, runTimeline, type AccountChange } from './dsl/runReport.ts';
import { deferredUntil, instant, mergeEffective, orderKey, transitionSuperseded } from './dsl/effective.ts';
import type { ReceivedHrEvent } from './dsl/hr.ts';
import type { TriggerEventType } from './dsl/schema.ts';
import type { TraceEntry } from './dsl/status.ts';
import { changedAttributes, nextState, triggerMatches } from './dsl/personState.ts';
import { waitTarget } from './dsl/dates.ts';
import type { lifecycleRun } from './lifecycle.ts';
import { attributesChangedSignal, runWorkflowId, type LifecycleRunInput } from './messages.ts';
import {
  hrEventSignal,
  managerReadySignal,
  needsAttention,
  personQuery,
  personWorkflowId,
  runEndedSignal,
  type FollowUp,
  type ManagerReady,
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

/** Reports told per page of the people table, and at most in all for one ready manager (two history events each). */
const reportsPage = 100;
const maxReportsTold = 2000;
/** Whether a run set a manager in some directory (then its person has nothing to look for afterwards). */
const setsManager = (trace: readonly TraceEntry[]): boolean => trace.some((t) => t.action !== undefined && t.action.endsWith('.setManager') && t.error === undefined);
const managerIdOf = (attributes: Readonly<Record<string, unknown>>): string | undefined => (typeof attributes.managerId === 'string' && attributes.managerId !== '' ? attributes.managerId : undefined);

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
  /**
   * What the first events may trigger, read with the last recorded state when the person starts, and
   * used once: a new person's first task makes one read of the app database instead of two.
   */
  const prefetched = new Map<TriggerEventType, TriggeredRevision[]>();

  const inbox: ReceivedHrEvent[] = [...(carried?.inbox ?? [])];
  /** Managers who became ready, not applied yet. */
  const managerNotices: ManagerReady[] = [...(carried?.managerNotices ?? [])];
  /** Whether there are changes not yet recorded in the people projection (an object: handlers set it). */
  const unrecorded = { changes: false };
  /** Nothing waits to be applied or recorded: the moment continue-as-new may happen. */
  const idle = () => inbox.length === 0 && managerNotices.length === 0 && (person.followUps?.length ?? 0) === 0 && !unrecorded.changes;

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
    const accounts = ended.accounts ?? (await import(/* webpackMode: "eager" */ './dsl/accounts.ts')).accountChanges(ended.trace, person.employeeId);
    runEnded(ended, accounts);
  });
  setHandler(personQuery, () => person);
  setHandler(managerReadySignal, (notice) => {
    managerNotices.push(notice);
  });

  if (!carried) await restore();
  else for (const run of person.runs) if (run.status === 'running' && run.reports !== true) note({ kind: 'error', message: `${run.definitionId} was started by an earlier version and does not report its end here; see the run itself`, runId: run.runId, definitionId: run.definitionId });

  /** A person started without carried state begins from its last recorded state, if it has one. */
  async function restore(): Promise<void> {
    let last: PersonSnapshot | undefined;
    try {
      // People opened before the two reads were one replay the read they made.
      if (patched('first-read-once')) {
        const eventTypes = [...new Set(inbox.map((event) => event.type))];
        const beginning = await people['people.begin']({ source: person.source, employeeId: person.employeeId, eventTypes });
        last = beginning.last;
        for (const eventType of eventTypes) prefetched.set(eventType, beginning.triggered[eventType] ?? []);
      } else {
        last = await people['people.loadPerson']({ source: person.source, employeeId: person.employeeId });
      }
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
    // A failed run an operator retried (reset) reports again from its new execution; only reports
    // that name their execution can be told apart from a repeat, so older histories replay as before.
    const retried = finished && run.status === 'failed' && ended.execution !== undefined && ended.execution !== run.reportedBy;
    if (finished && !retried) return; // a report repeated
    if (run && ended.execution !== undefined) run.reportedBy = ended.execution;
    if (run && retried) {
      delete run.error;
      delete run.failedNodeId;
    }
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
    // People opened before managers were linked later replay without this (patched() is false there).
    if (run && ended.outcome === 'succeeded' && hireLifecycles.has(run.lifecycle) && patched('manager-ready')) {
      person.accountsReady = true;
      followUp('tellReports');
      // Its own manager step found nobody to set, and no managerReady run started since: the manager may have become ready meanwhile.
      const linkedSince = person.runs.some((r) => r.eventType === 'managerReady' && r.startedAt >= run.startedAt && (r.status === 'running' || r.status === 'succeeded'));
      if (managerIdOf(person.attributes) !== undefined && !setsManager(ended.trace) && !linkedSince) followUp('checkManager');
    }
  }

  function followUp(what: FollowUp): void {
    person.followUps = [...new Set([...(person.followUps ?? []), what])];
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
    // A manager who is leaving is no one's manager to set; a rehire makes them ready again when it succeeds.
    if (person.accountsReady === true && (event.type === 'terminate' || event.type === 'rehire')) delete person.accountsReady;
    if (event.type === 'terminate' || event.type === 'cancel') await stopPending(hireLifecycles, `${event.type} event ${event.eventId}`);
    if (event.type === 'rehire') await stopPending(leaverLifecycles, `rehire event ${event.eventId}`);
    if (changed.length > 0) await tellRuns(person.attributes);
    // An update that changes nothing starts nothing: a daily full feed costs one signal per person, not a run.
    if (event.type === 'update' && changed.length === 0) return;
    await startTriggered(event.type, event.eventId, changed, `on ${event.type} ${event.eventId}`);
  }

  /** Starts (or schedules, for a trigger with a date) the published definitions this event triggers; returns how many. */
  async function startTriggered(eventType: TriggerEventType, eventId: string, changed: readonly string[], trigger: string): Promise<number> {
    let started = 0;
    const known = prefetched.get(eventType);
    prefetched.delete(eventType);
    for (const candidate of known ?? (await people['people.triggeredRevisions']({ eventType }))) {
      if (!(await triggerMatches(candidate.trigger, eventType, changed, person.attributes))) {
        note({ kind: 'trigger', message: `${candidate.definitionId} does not apply (scope or changed attributes)`, definitionId: candidate.definitionId, eventId });
        continue;
      }
      started++;
      const s: ScheduledRun = { definitionId: candidate.definitionId, revision: candidate.revision, lifecycle: candidate.lifecycle, eventType, eventId, dateAttribute: candidate.trigger.date?.attribute ?? '', offsetDays: candidate.trigger.date?.offsetDays ?? 0 };
      if (candidate.trigger.date) {
        person.scheduled.push(s);
        note({ kind: 'scheduled', message: `${candidate.definitionId} waits for ${s.dateAttribute}${offsetText(s)}`, definitionId: candidate.definitionId, eventId });
      } else {
        await startRun(s, trigger);
      }
    }
    return started;
  }

  /**
   * A manager became ready: when this person still names them and has not left, the definitions
   * triggered by `managerReady` start. They decide in the directories themselves whether there is
   * anything to set (the person's accounts may not exist yet; the manager may have left since).
   */
  async function applyManagerReady(notice: ManagerReady): Promise<void> {
    const named = managerIdOf(person.attributes);
    const from = notice.runId !== undefined ? `their run ${notice.runId} succeeded` : 'found when this person’s own run ended';
    if (named !== notice.managerId) {
      note({ kind: 'manager', message: `the accounts of ${notice.managerId} are ready (${from}), but HR names ${named ?? 'no manager'} now: nothing to do` });
      return;
    }
    if (person.state === 'terminated') {
      note({ kind: 'manager', message: `the accounts of the manager ${notice.managerId} are ready (${from}), but this person has left: nothing to do` });
      return;
    }
    note({ kind: 'manager', message: `the accounts of the manager ${notice.managerId} are ready (${from})` });
    const eventId = `managerReady:${notice.managerId}:${notice.runId ?? 'found'}`;
    const started = await startTriggered('managerReady', eventId, [], `because the manager ${notice.managerId} is ready`);
    if (started === 0) note({ kind: 'trigger', message: 'no published lifecycle starts on managerReady: the manager is not set (publish the Manager link template)', eventId });
  }

  async function applyManagerReadySafely(notice: ManagerReady): Promise<void> {
    try {
      await applyManagerReady(notice);
    } catch (error) {
      if (isCancellation(error)) throw error;
      note({ kind: 'error', message: `the manager ${notice.managerId} is ready, but what that starts could not be started: ${messageOf(error)}` });
    }
  }

  /**
   * This person's accounts are ready: everyone who names them as manager hears it. Runs after the
   * person is recorded as ready, so a report recorded after this look-up finds them ready itself.
   */
  async function tellReports(): Promise<void> {
    const notice: ManagerReady = { managerId: person.employeeId, ...(lastReadyRun() !== undefined ? { runId: lastReadyRun() } : {}) };
    const told: string[] = [];
    let after: { source: string; employeeId: string } | undefined;
    for (;;) {
      const page = await people['people.reportsOf']({ managerId: person.employeeId, limit: reportsPage, ...(after !== undefined ? { after } : {}) });
      const reports = page.filter((r) => !(r.source === person.source && r.employeeId === person.employeeId));
      const heard = await Promise.all(
        reports.map(async (r) =>
          getExternalWorkflowHandle(personWorkflowId(r.source, r.employeeId))
            .signal(managerReadySignal, notice)
            .then(
              () => r.employeeId,
              (error: unknown) => {
                // A person workflow an operator closed is not running to hear it: its next event restarts it, and an on-demand Manager link run fixes it now.
                note({ kind: 'error', message: `could not tell ${r.employeeId} that their manager is ready: ${messageOf(error)}` });
                return undefined;
              },
            ),
        ),
      );
      told.push(...heard.filter((id): id is string => id !== undefined));
      after = page.at(-1);
      if (page.length < reportsPage || after === undefined) break;
      if (told.length >= maxReportsTold) {
        note({ kind: 'error', message: `more than ${maxReportsTold} people name ${person.employeeId} as their manager: the others were not told; run the Manager link for them on demand` });
        break;
      }
    }
    if (told.length > 0) note({ kind: 'manager', message: `accounts ready: told ${told.length === 1 ? '1 person who names' : `${told.length} people who name`} ${person.employeeId} as their manager (${told.slice(0, 10).join(', ')}${told.length > 10 ? ', …' : ''})` });
  }

  const lastReadyRun = (): string | undefined => person.runs.filter((r) => r.status === 'succeeded' && hireLifecycles.has(r.lifecycle)).at(-1)?.runId;

  /** This person's run found no manager to set: if the manager is ready by now, act as if told. */
  async function checkManager(): Promise<void> {
    const managerId = managerIdOf(person.attributes);
    if (managerId === undefined) return;
    if (await people['people.isManagerReady']({ employeeId: managerId })) managerNotices.push({ managerId });
  }

  /** The follow-ups runs asked for, once the person is recorded; what fails is on the timeline. */
  async function followUps(): Promise<void> {
    const due = person.followUps ?? [];
    if (due.length === 0) return;
    person.followUps = [];
    unrecorded.changes = true;
    for (const what of due) {
      try {
        await (what === 'tellReports' ? tellReports() : checkManager());
      } catch (error) {
        if (isCancellation(error)) throw error;
        note({ kind: 'error', message: what === 'tellReports' ? `could not tell the people who name ${person.employeeId} as their manager that their accounts are ready: ${messageOf(error)}` : `could not look whether the manager is ready: ${messageOf(error)}` });
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
    // Read for the first events only: later ones read what is published then.
    prefetched.clear();
    for (const notice of managerNotices.splice(0)) await applyManagerReadySafely(notice);
    await startDue();
    if (unrecorded.changes) await record();
    await followUps();

    const info = workflowInfo();
    if ((info.continueAsNewSuggested || info.historyLength > maxHistoryEvents) && idle()) {
      await condition(allHandlersFinished);
      if (idle()) await continueAsNew<typeof personWorkflow>({ source: person.source, employeeId: person.employeeId, carried: { ...person, seenEventIds: [...seen], inbox: [], managerNotices: [] } });
    }
    // A terminated person's workflow stays open, idle, for a rehire.
  }
}

const offsetText = (s: ScheduledRun) => (s.offsetDays !== 0 ? ` ${s.offsetDays > 0 ? '+' : ''}${s.offsetDays} days` : '');
