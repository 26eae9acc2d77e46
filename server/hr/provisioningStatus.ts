/**
 * "Provisioning failed", with the step and the reason, for a person whose latest hire lifecycle
 * (joiner or rehire) failed. Read from what the person workflow already records: the failed run
 * (its attention), and that run's operations on the timeline. A template that reports its failure
 * to the helpdesk ends on a failed end (server/templates/failure.ts), so the step that really
 * failed is the last operation of that run that says so, not the end; a run that failed at a step
 * names that step itself.
 */
import type { Attention, PersonSnapshot } from '../../workflows/personMessages.ts';

export interface ProvisioningStatus {
  status: 'failed';
  /** One line for the person page: `provisioning failed at <step>: <reason>`. */
  message: string;
  /** The node id of the step that failed. */
  step: string;
  reason: string;
  runId: string;
  definitionId: string;
}

const hireLifecycles = new Set(['joiner', 'rehire']);
/** How the run report writes a failed operation: `<action> on <connection>: failed: <error>`. */
const failedOperation = /^(.*?): failed: (.*)$/s;

export function provisioningStatus(person: Pick<PersonSnapshot, 'runs' | 'timeline'>, attention: Attention | null | undefined): ProvisioningStatus | undefined {
  if (!attention) return undefined;
  const run = person.runs.find((r) => r.runId === attention.runId);
  if (!run || !hireLifecycles.has(run.lifecycle)) return undefined;
  const failedStep = person.timeline
    .filter((t) => t.kind === 'operation' && t.runId === attention.runId && t.nodeId !== undefined)
    .map((t) => ({ nodeId: t.nodeId ?? '', match: failedOperation.exec(t.message) }))
    .filter((t) => t.match !== null)
    .at(-1);
  const step = failedStep?.nodeId ?? attention.nodeId ?? 'unknown step';
  const reason = failedStep?.match?.[2] ?? attention.reason;
  return { status: 'failed', message: `provisioning failed at ${step}: ${reason}`, step, reason, runId: attention.runId, definitionId: attention.definitionId };
}
