/**
 * Where a failed run is reset to retry its failed step: read from history events built here, no
 * server. The point is the workflow task that scheduled the step's last failed activity.
 */
import proto from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { resetPointFor } from '../../../server/temporal/resetPoint.ts';

// @temporalio/proto is CommonJS: under Node's ESM loader only its default export is reliable.
// fromObject turns the numbers into the 64-bit event ids a history carries.
const event = (fields: Record<string, unknown>) => proto.temporal.api.history.v1.HistoryEvent.fromObject(fields);
const scheduled = (eventId: number, type: string, taskCompleted: number) =>
  event({ eventId, activityTaskScheduledEventAttributes: { activityType: { name: type }, workflowTaskCompletedEventId: taskCompleted } });
const failed = (eventId: number, scheduledEventId: number) => event({ eventId, activityTaskFailedEventAttributes: { scheduledEventId } });
const timedOut = (eventId: number, scheduledEventId: number) => event({ eventId, activityTaskTimedOutEventAttributes: { scheduledEventId } });
const completed = (eventId: number, scheduledEventId: number) => event({ eventId, activityTaskCompletedEventAttributes: { scheduledEventId } });
const pointOf = (events: ReturnType<typeof event>[], type: string) => {
  const point = resetPointFor(events, type);
  return point === undefined ? undefined : { ...point, workflowTaskFinishEventId: Number(point.workflowTaskFinishEventId.toString()) };
};

describe('resetPointFor', () => {
  it('is the workflow task that scheduled the last failed activity of the step’s action', () => {
    const events = [scheduled(5, 'store.loadRevision', 4), completed(7, 5), scheduled(11, 'ad.createUser', 10), failed(13, 11), scheduled(17, 'email.send', 16), completed(19, 17)];
    expect(pointOf(events, 'ad.createUser')).toEqual({ workflowTaskFinishEventId: 10, activityType: 'ad.createUser' });
  });

  it('takes the last failure when the step was retried by an operator, a timeout counting as a failure', () => {
    const events = [scheduled(11, 'ad.createUser', 10), failed(13, 11), scheduled(21, 'ad.createUser', 20), timedOut(23, 21)];
    expect(pointOf(events, 'ad.createUser')?.workflowTaskFinishEventId).toBe(20);
  });

  it('finds nothing when the action never failed as an activity (the step failed before calling its target)', () => {
    expect(pointOf([scheduled(11, 'ad.createUser', 10), completed(13, 11)], 'ad.createUser')).toBeUndefined();
    expect(pointOf([scheduled(11, 'email.send', 10), failed(13, 11)], 'ad.createUser')).toBeUndefined();
  });
});
