/**
 * Where to reset a failed run so that it retries its failed step: the workflow task that scheduled
 * the step's last failed activity. Resetting there (Temporal's ResetWorkflowExecution) keeps every
 * event before that task — the revision the run loaded, the steps it finished, the approvals it got,
 * its variables — and runs that task again, which schedules the step's activity anew; the run then
 * goes on as the pinned revision says.
 *
 * Why a reset and not a new run starting at the step: the run's own history is the record of its
 * variables and earlier steps' outputs, so nothing has to be copied out and trusted; the run keeps
 * its id, its person (the workflow's input) and its pinned revision; and a step inside parallel
 * branches needs no "start in the middle of a branch" semantics. What it costs: the siblings of a
 * failed parallel branch that ran after that task run again, which every activity allows (they are
 * idempotent by design: DESIGN.md, Idempotency).
 *
 * Pure over the history's events, so it is tested without a server.
 */
import type { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
/** An event id as the history carries it (protobuf's 64-bit Long). */
type EventId = NonNullable<temporal.api.history.v1.IActivityTaskScheduledEventAttributes['workflowTaskCompletedEventId']>;

export interface ResetPoint {
  /** The WorkflowTaskCompleted event to reset to (an event id, as the history carries it). */
  workflowTaskFinishEventId: EventId;
  /** The failed activity's type (the step's action id). */
  activityType: string;
}

const id = (value: { toString(): string } | number | null | undefined): number => (value === null || value === undefined ? 0 : Number(value.toString()));

/**
 * The reset point for the last activity of type `activityType` that failed or timed out, or
 * undefined when the history has none (the step failed without calling its target: an expression,
 * a setting, a refused input — retrying would fail the same way).
 */
export function resetPointFor(events: readonly HistoryEvent[], activityType: string): ResetPoint | undefined {
  const scheduled = new Map<number, { type: string; taskCompleted: EventId | null | undefined }>();
  let found: ResetPoint | undefined;
  for (const event of events) {
    const attributes = event.activityTaskScheduledEventAttributes;
    if (attributes) {
      scheduled.set(id(event.eventId), { type: attributes.activityType?.name ?? '', taskCompleted: attributes.workflowTaskCompletedEventId });
      continue;
    }
    const ended = event.activityTaskFailedEventAttributes ?? event.activityTaskTimedOutEventAttributes;
    if (!ended) continue;
    const origin = scheduled.get(id(ended.scheduledEventId));
    if (origin?.type === activityType && origin.taskCompleted && id(origin.taskCompleted) > 0) found = { workflowTaskFinishEventId: origin.taskCompleted, activityType };
  }
  return found;
}
