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

const eventFields = z.record(z.string(), z.unknown());
const marker = z.looseObject({ markerName: z.string() });

/**
 * An event's kind: the name of the attributes it carries. The event is a protobuf message; its JSON
 * form holds only the fields that are set, and an event sets only the attributes of its kind.
 */
function kindOf(event: unknown): { kind: string; marker: string | undefined } {
  for (const [key, value] of Object.entries(eventFields.parse(JSON.parse(JSON.stringify(event))))) {
    if (!key.endsWith('EventAttributes') || value === null || value === undefined) continue;
    const m = key === 'markerRecordedEventAttributes' ? marker.safeParse(value) : undefined;
    return { kind: key, marker: m?.success === true ? m.data.markerName : undefined };
  }
  return { kind: 'unknown', marker: undefined };
}

export async function historyCost(stack: BenchStack, source: string, employeeIds: readonly string[]): Promise<HistoryCost> {
  const totals = new Map<string, number>();
  let events = 0;
  let actions = 0;
  let localActivities = 0;
  let workflows = 0;
  let sampled = 0;
  for (const employeeId of employeeIds) {
    const person = await stack.tenure.api('GET', `/api/people/${employeeId}?source=${source}`);
    if (person.status !== 200) continue;
    const ids = [personWorkflowId(source, employeeId), ...personRuns.parse(person.body).runs.map((r) => r.workflowId)];
    sampled++;
    for (const id of ids) {
      const history = await stack.temporal.workflow.getHandle(id).fetchHistory();
      workflows++;
      for (const event of history.events ?? []) {
        const { kind, marker } = kindOf(event);
        events++;
        totals.set(kind, (totals.get(kind) ?? 0) + 1);
        if (actionKinds.has(kind)) actions++;
        if (marker === 'core_local_activity') {
          actions++;
          localActivities++;
        }
      }
    }
  }
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
