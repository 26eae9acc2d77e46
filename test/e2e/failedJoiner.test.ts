/**
 * Acceptance, a failed lifecycle is loud: a hire whose display name is longer than Entra ID takes
 * makes the Joiner's first step fail before any account exists. The step waits for an operator
 * first (the templates' target steps are waitForOperator), showing the error on the run; once the
 * operator gives up, the helpdesk mailbox is mailed the step and the reason (read from the SMTP
 * peer), the person shows "provisioning failed" with the same step and reason, the run counts in
 * tenure_runs_failed_total, and no account exists in Samba AD or the Graph peer.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { helpdeskMailbox, worker, useE2eStack } from '../support/e2eStack.ts';
import { eventually } from '../support/eventually.ts';
import { adminToken } from '../support/system.ts';

const stack = useE2eStack();

const waitingRun = z.looseObject({ workflowStatus: z.string(), nodes: z.record(z.string(), z.looseObject({ awaitingOperator: z.boolean().optional(), error: z.string().optional() })) });

const provisioningView = z.object({
  status: z.string(),
  provisioning: z.object({ status: z.literal('failed'), message: z.string(), step: z.string(), reason: z.string(), definitionId: z.string() }).optional(),
});

describe('a joiner that fails', () => {
  it('mails the helpdesk the step and the reason, and the person shows provisioning failed', { timeout: 300_000 }, async () => {
    const surname = 'Long'.repeat(70);
    const res = await stack.bulk([worker('FAIL-1', { givenName: 'Ann', surname, department: 'Engineering', employeeType: 'Employee', hireDate: new Date().toISOString() })]);
    expect(res.status).toBe(202);
    const started = await stack.person('FAIL-1', (p) => p.runs.some((r) => r.definitionId === 'template-joiner'), 'the joiner to start', 120_000);
    const runId = started.runs.find((r) => r.definitionId === 'template-joiner')?.runId ?? '';
    const waiting = await eventually(
      async () => {
        const got = await stack.sys.api('GET', `/api/runs/${runId}`);
        const run = waitingRun.safeParse(got.body);
        return run.success && run.data.nodes.createEntra?.awaitingOperator === true ? run.data : undefined;
      },
      'the failed step to wait for an operator',
      240_000,
    );
    expect(waiting.workflowStatus).toBe('RUNNING');
    expect(waiting.nodes.createEntra?.error).toContain('displayName holds at most 256 characters in Entra ID');
    expect(stack.smtp.messages.some((m) => m.parsed.subject?.startsWith('Joiner failed') === true)).toBe(false);
    // The operator gives up: the step takes its error edge, as it did before steps waited.
    expect(await stack.sys.api('POST', `/api/runs/${runId}/steps/createEntra/resolve`, { action: 'fail' })).toMatchObject({ status: 200, body: { nodeId: 'createEntra', action: 'fail' } });
    await stack.person('FAIL-1', (p) => p.runs.some((r) => r.definitionId === 'template-joiner' && r.status === 'failed'), 'the joiner to fail', 120_000);

    const mail = await eventually(() => {
      const found = stack.smtp.messages.find((m) => m.parsed.subject === `Joiner failed for Ann ${surname} (employee FAIL-1)`);
      return Promise.resolve(found);
    }, 'the helpdesk mail');
    expect(mail.rcptTo).toEqual([helpdeskMailbox]);
    expect(mail.parsed.text).toContain('failed at the step "Create the Entra ID user (disabled)": ');
    expect(mail.parsed.text).toContain('displayName holds at most 256 characters in Entra ID');

    const got = await stack.sys.api('GET', '/api/people/FAIL-1');
    const view = provisioningView.parse(got.body);
    expect(view.status).toBe('needs-attention');
    expect(view.provisioning).toMatchObject({ status: 'failed', step: 'createEntra', definitionId: 'template-joiner' });
    expect(view.provisioning?.message).toMatch(/^provisioning failed at createEntra: .*displayName holds at most 256 characters in Entra ID/);

    // Nothing was created anywhere.
    expect(stack.entraUsers('FAIL-1')).toEqual([]);
    expect(await stack.adAccount('FAIL-1')).toBeUndefined();
    const metrics = await stack.sys.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${adminToken}` } });
    expect(metrics.body).toMatch(/tenure_runs_failed_total\{definition="template-joiner",reason="failed-end"\} 1/);
  });
});
