/**
 * Where a hire's time goes, from its histories: the person workflow's time from the HR event to the
 * lifecycle run's start, the run's length, and for each activity how long it waited for a worker
 * (scheduled → started) and how long it ran (started → closed); workflow tasks (with any local
 * activities in them) likewise. Averaged per hire over the sample.
 */
import { z } from 'zod';
import { kindOf, type HireHistories, type HistoryEvent } from './histories.ts';
import { round } from './processes.ts';

export interface StepTiming {
  /** Calls per hire. */
  calls: number;
  /** Mean ms per call. */
  waitMs: number;
  runMs: number;
  /** ms per hire, wait and run. */
  totalMs: number;
}

export interface HireProfile {
  sampled: number;
  /** HR event signalled → the lifecycle run started, ms. */
  personToRunMs: number;
  /** The lifecycle run, first event to last, ms. */
  runMs: number;
  workflowTasks: StepTiming;
  /** By activity type, in the order the run first calls them. */
  activities: Record<string, StepTiming>;
}

const timestamp = z.object({ seconds: z.string().optional(), nanos: z.number().optional() });
const scheduled = z.looseObject({ activityType: z.looseObject({ name: z.string() }) });
const closing = z.looseObject({ scheduledEventId: z.string() });

function timeOf(event: HistoryEvent | undefined): number | undefined {
  const t = timestamp.safeParse(event?.eventTime);
  return t.success ? Number(t.data.seconds ?? '0') * 1000 + (t.data.nanos ?? 0) / 1e6 : undefined;
}

const closingKinds = ['activityTaskCompletedEventAttributes', 'activityTaskFailedEventAttributes', 'activityTaskTimedOutEventAttributes', 'activityTaskCanceledEventAttributes'];

interface Accumulator {
  calls: number;
  wait: number;
  run: number;
}

function runTimings(history: readonly HistoryEvent[], activities: Map<string, Accumulator>, tasks: Accumulator): void {
  const byId = new Map(history.map((e) => [String(e.eventId), e]));
  const started = new Map<string, number>();
  let taskScheduled: number | undefined;
  let taskStarted: number | undefined;
  for (const event of history) {
    const kind = kindOf(event);
    const at = timeOf(event);
    if (at === undefined) continue;
    if (kind === 'workflowTaskScheduledEventAttributes') taskScheduled = at;
    if (kind === 'workflowTaskStartedEventAttributes') taskStarted = at;
    if (kind === 'workflowTaskCompletedEventAttributes' && taskScheduled !== undefined && taskStarted !== undefined) {
      tasks.calls++;
      tasks.wait += taskStarted - taskScheduled;
      tasks.run += at - taskStarted;
    }
    if (kind === 'activityTaskStartedEventAttributes') {
      const id = closing.safeParse(event[kind]).data?.scheduledEventId;
      if (id !== undefined) started.set(id, at);
    }
    if (closingKinds.includes(kind)) {
      const id = closing.safeParse(event[kind]).data?.scheduledEventId;
      const schedule = id === undefined ? undefined : byId.get(id);
      const name = scheduled.safeParse(schedule?.activityTaskScheduledEventAttributes).data?.activityType.name;
      const scheduledAt = timeOf(schedule);
      const startedAt = id === undefined ? undefined : started.get(id);
      if (name === undefined || scheduledAt === undefined || startedAt === undefined) continue;
      const a = activities.get(name) ?? { calls: 0, wait: 0, run: 0 };
      a.calls++;
      a.wait += startedAt - scheduledAt;
      a.run += at - startedAt;
      activities.set(name, a);
    }
  }
}

export function hireProfile(hires: readonly HireHistories[]): HireProfile {
  const activities = new Map<string, Accumulator>();
  const tasks: Accumulator = { calls: 0, wait: 0, run: 0 };
  let personToRun = 0;
  let runLength = 0;
  for (const hire of hires) {
    const signalled = timeOf(hire.person.find((e) => kindOf(e) === 'workflowExecutionSignaledEventAttributes'));
    const first = hire.runs[0];
    const runStart = timeOf(first?.[0]);
    if (signalled !== undefined && runStart !== undefined) personToRun += runStart - signalled;
    for (const run of hire.runs) {
      const a = timeOf(run[0]);
      const b = timeOf(run.at(-1));
      if (a !== undefined && b !== undefined) runLength += b - a;
      runTimings(run, activities, tasks);
    }
  }
  const n = Math.max(1, hires.length);
  const timing = (a: Accumulator): StepTiming => ({
    calls: round(a.calls / n, 1),
    waitMs: a.calls === 0 ? 0 : Math.round(a.wait / a.calls),
    runMs: a.calls === 0 ? 0 : Math.round(a.run / a.calls),
    totalMs: Math.round((a.wait + a.run) / n),
  });
  return {
    sampled: hires.length,
    personToRunMs: Math.round(personToRun / n),
    runMs: Math.round(runLength / n),
    workflowTasks: timing(tasks),
    activities: Object.fromEntries([...activities].map(([name, a]) => [name, timing(a)])),
  };
}
