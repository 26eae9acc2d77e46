/**
 * Hands an accepted HR event to the person's workflow by signal-with-start. When this returns, the
 * event is durably in Temporal: the HTTP answer may go back, nothing accepted is lost. A repeated
 * event id is dropped by the person workflow. Every delivery is counted here, once for all channels
 * (tenure_hr_events_accepted_total{source,channel}).
 */
import type { Client } from '@temporalio/client';
import type { HrEvent, ReceivedHrEvent } from '../../workflows/dsl/index.ts';
import { hrEventSignal, personWorkflowId } from '../../workflows/personMessages.ts';
import { countHrEvent, type HrChannel } from '../observability/metrics.ts';

/** `channel`: how the event came in — one at a time (webhook), or from a stored CSV or SCIM bulk batch. */
export async function deliverHrEvent(temporal: Client, taskQueue: string, source: string, event: HrEvent, channel: HrChannel = 'webhook'): Promise<{ personWorkflowId: string }> {
  const workflowId = personWorkflowId(source, event.employeeId);
  const received: ReceivedHrEvent = { ...event, source, receivedAt: new Date().toISOString() };
  await temporal.workflow.signalWithStart('personWorkflow', {
    workflowId,
    taskQueue,
    args: [{ source, employeeId: event.employeeId }],
    signal: hrEventSignal,
    signalArgs: [received],
  });
  countHrEvent(source, channel);
  return { personWorkflowId: workflowId };
}
