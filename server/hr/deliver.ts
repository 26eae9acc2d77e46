/**
 * Hands one accepted HR event to the person's workflow by signal-with-start. The dispatcher calls it
 * for each outbox row, in order per person; when it returns, the event is durably in Temporal. A
 * repeated event id is dropped by the person workflow, so delivering a row twice (a crash before
 * its mark) is harmless. Every delivery is counted here, once for all channels
 * (tenure_hr_events_accepted_total{source,channel}).
 */
import type { Client } from '@temporalio/client';
import type { ReceivedHrEvent } from '../../workflows/dsl/index.ts';
import { hrEventSignal, personWorkflowId } from '../../workflows/personMessages.ts';
import { countHrEvent, type HrChannel } from '../observability/metrics.ts';

/** `channel`: how the event came in — one at a time (webhook), or from a stored CSV or SCIM bulk batch. */
export async function deliverHrEvent(temporal: Client, taskQueue: string, event: ReceivedHrEvent, channel: HrChannel): Promise<{ personWorkflowId: string }> {
  const workflowId = personWorkflowId(event.source, event.employeeId);
  await temporal.workflow.signalWithStart('personWorkflow', {
    workflowId,
    taskQueue,
    args: [{ source: event.source, employeeId: event.employeeId }],
    signal: hrEventSignal,
    signalArgs: [event],
  });
  countHrEvent(event.source, channel);
  return { personWorkflowId: workflowId };
}
