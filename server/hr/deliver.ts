/**
 * Hands an accepted HR event to the person's workflow by signal-with-start. When this returns, the
 * event is durably in Temporal: the HTTP answer may go back, nothing accepted is lost. A repeated
 * event id is dropped by the person workflow.
 */
import type { Client } from '@temporalio/client';
import type { HrEvent, ReceivedHrEvent } from '../../workflows/dsl/index.ts';
import { hrEventSignal, personWorkflowId } from '../../workflows/personMessages.ts';

export async function deliverHrEvent(temporal: Client, taskQueue: string, source: string, event: HrEvent): Promise<{ personWorkflowId: string }> {
  const workflowId = personWorkflowId(source, event.employeeId);
  const received: ReceivedHrEvent = { ...event, source, receivedAt: new Date().toISOString() };
  await temporal.workflow.signalWithStart('personWorkflow', {
    workflowId,
    taskQueue,
    args: [{ source, employeeId: event.employeeId }],
    signal: hrEventSignal,
    signalArgs: [received],
  });
  return { personWorkflowId: workflowId };
}
