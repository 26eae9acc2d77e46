/**
 * What a hire costs Temporal, read from the histories through the Temporal client: for a sample of
 * hires, the person workflow's history and the history of each lifecycle run it started. Events are
 * counted by kind, and "actions" as Temporal Cloud bills them (approximately): workflow starts,
 * signals received, activities scheduled, local activities, timers, updates, search-attribute
 * upserts and continue-as-new.
 */
import { z } from 'zod';
import { personWorkflowId } from '../workflows/personMessages.ts';
import type { BenchStack } from './stack.ts';
import { round } from './processes.ts';

/** A history event in its JSON form: only the fields that are set, one `…EventAttributes` among them. */
export type HistoryEvent = Record<string, unknown>;

export interface HireHistories {
  employeeId: string;
  person: HistoryEvent[];
  runs: HistoryEvent[][];
}

export interface HistoryCost {
  sampled: number;
  /** Per hire, averaged over the sample. */
  historyEvents: number;
  actions: number;
  activities: number;
  localActivities: number;
  workflowTasks: number;
  timers: number;
  signals: number;
  workflows: number;
  /** Events by kind, per hire. */
  byKind: Record<string, number>;
}

const personRuns = z.looseObject({ runs: z.array(z.looseObject({ workflowId: z.string() })).default([]) });
const eventFields = z.record(z.string(), z.unknown());
const marker = z.looseObject({ markerName: z.string() });

/** Reads the histories of these hires: their person workflow and every lifecycle run it started. */
export async function readHistories(stack: BenchStack, source: string, employeeIds: readonly string[]): Promise<HireHistories[]> {
  const read = async (workflowId: string) => {
    const history = await stack.temporal.workflow.getHandle(workflowId).fetchHistory();
    // The protobuf messages' JSON form holds only the fields that are set.
    return (history.events ?? []).map((e) => eventFields.parse(JSON.parse(JSON.stringify(e))));
  };
  const out: HireHistories[] = [];
  for (const employeeId of employeeIds) {
    const person = await stack.tenure.api('GET', `/api/people/${employeeId}?source=${source}`);
    if (person.status !== 200) continue;
    const runIds = personRuns.parse(person.body).runs.map((r) => r.workflowId);
    out.push({ employeeId, person: await read(personWorkflowId(source, employeeId)), runs: await Promise.all(runIds.map(read)) });
  }
  return out;
}

/** An event's kind: the name of the attributes it carries. */
export function kindOf(event: HistoryEvent): string {
  return Object.keys(event).find((k) => k.endsWith('EventAttributes')) ?? 'unknown';
}

const actionKinds = new Set([
  'workflowExecutionStartedEventAttributes',
  'workflowExecutionSignaledEventAttributes',
  'activityTaskScheduledEventAttributes',
  'timerStartedEventAttributes',
  'workflowExecutionUpdateAcceptedEventAttributes',
  'upsertWorkflowSearchAttributesEventAttributes',
  'workflowPropertiesModifiedEventAttributes',
  'workflowExecutionContinuedAsNewEventAttributes',
]);

export function historyCost(hires: readonly HireHistories[]): HistoryCost {
  const totals = new Map<string, number>();
  let events = 0;
  let actions = 0;
  let localActivities = 0;
  let workflows = 0;
  for (const hire of hires) {
    for (const history of [hire.person, ...hire.runs]) {
      workflows++;
      for (const event of history) {
        const kind = kindOf(event);
        events++;
        totals.set(kind, (totals.get(kind) ?? 0) + 1);
        if (actionKinds.has(kind)) actions++;
        if (kind === 'markerRecordedEventAttributes' && marker.safeParse(event[kind]).data?.markerName === 'core_local_activity') {
          actions++;
          localActivities++;
        }
      }
    }
  }
  const sampled = hires.length;
  const per = (n: number) => (sampled === 0 ? 0 : round(n / sampled, 1));
  const kind = (k: string) => per(totals.get(k) ?? 0);
  return {
    sampled,
    historyEvents: per(events),
    actions: per(actions),
    activities: kind('activityTaskScheduledEventAttributes'),
    localActivities: per(localActivities),
    workflowTasks: kind('workflowTaskCompletedEventAttributes'),
    timers: kind('timerStartedEventAttributes'),
    signals: kind('workflowExecutionSignaledEventAttributes'),
    workflows: per(workflows),
    byKind: Object.fromEntries([...totals].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k.replace(/EventAttributes$/, ''), per(v)])),
  };
}
