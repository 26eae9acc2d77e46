/**
 * A failed lifecycle is loud. The steps of a template that run one after another get an `error`
 * edge to one step that mails the helpdesk mailbox setting which step failed and why, then to an end
 * that ends the run as failed — so the run still counts as failed (tenure_runs_failed_total with
 * reason `failed-end`), the person needs attention, and the helpdesk knows without watching a
 * dashboard. Steps inside parallel branches are left to fail the run on their own: an edge out of a
 * branch would leave its siblings running.
 */
import { DISPLAY_NAME } from '../../workflows/dsl/mappings.ts';
import { expr, jsonData, templateConnections as c, type Canvas } from './canvas.ts';

/** The failed step's label and error, as expressions over the steps that may have failed, in order. */
function failedStep(steps: readonly (readonly [string, string])[]): { step: string; reason: string } {
  let step = '"a step"';
  let reason = '"(no reason given)"';
  for (const [id, label] of [...steps].reverse()) {
    step = `IIF(IsPresent([steps.${id}.error]), ${JSON.stringify(label)}, ${step})`;
    reason = `IIF(IsPresent([steps.${id}.error]), [steps.${id}.error], ${reason})`;
  }
  return { step, reason };
}

/**
 * Adds the helpdesk mail and the failed end at `column`, `row`, and links the `error` handle of each
 * of `steps` (node id and label) to the mail. `lifecycle` names the run in the mail ("Joiner").
 */
export function addFailureReport(g: Canvas, lifecycle: string, steps: readonly (readonly [string, string])[], column: number, row: number): void {
  const { step, reason } = failedStep(steps);
  g.step(
    'tellHelpdesk',
    'Tell the helpdesk the lifecycle failed',
    'email.send',
    c.mail,
    {
      to: expr('[vars.helpdeskMailbox]'),
      subject: `${lifecycle} failed for {{person.displayName}} (employee {{person.employeeId}})`,
      text: `Hello,\n\nThe ${lifecycle} of {{person.displayName}} (employee {{person.employeeId}}) failed at the step "{{person.step}}": {{person.reason}}\n\nThe person's page in Tenure shows the run; fix the cause and retry the run.\n\nTenure`,
      data: expr(jsonData({ displayName: DISPLAY_NAME, employeeId: '[employeeId]', step, reason })),
    },
    column,
    row,
  );
  g.put({ id: 'failed', type: 'end', data: { label: 'Provisioning failed', outcome: 'failed' } }, column, row + 1);
  g.chain('tellHelpdesk', 'failed');
  for (const [id] of steps) g.link(id, 'tellHelpdesk', 'error');
}
