/**
 * Acceptance, a failed lifecycle is loud: a hire whose display name is longer than Entra ID takes
 * makes the Joiner's first step fail before any account exists. The step waits for an operator
 * first (the templates' target steps are waitForOperator), showing the error on the run; once the
 * operator gives up, the helpdesk mailbox is mailed the step and the reason (read from the SMTP
 * peer), the person shows "provisioning failed" with the same step and reason, the run counts in
 * tenure_runs_failed_total, and no account exists in Samba AD or the Graph peer. An admin's
 * deliberately invalid mapping (mail mapped to the given name alone) shows in Simulate on the draft,
 * before it is published, with the message the published Joiner's real run then fails with, loudly.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definitionSchema } from '../../workflows/dsl/index.ts';
import { helpdeskMailbox, worker, useE2eStack } from '../support/e2eStack.ts';
import { eventually } from '../support/eventually.ts';
import { adminToken } from '../support/system.ts';

const stack = useE2eStack();

const waitingRun = z.looseObject({ workflowStatus: z.string(), nodes: z.record(z.string(), z.looseObject({ awaitingOperator: z.boolean().optional(), error: z.string().optional() })) });

const simulation = z.looseObject({ outcome: z.string(), path: z.array(z.string()), trace: z.array(z.looseObject({ nodeId: z.string(), handle: z.string().optional(), error: z.string().optional() })) });
/** The metric's count of failed Joiner runs that ended failed. */
async function failedJoiners(): Promise<number> {
  const metrics = await stack.sys.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${adminToken}` } });
  return Number(/^tenure_runs_failed_total\{definition="template-joiner",reason="failed-end"\} (\d+)$/m.exec(metrics.body)?.[1] ?? 0);
}

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

  it('shows a deliberately invalid mapping in Simulate before it is published, and a real run of it fails loudly with the same message', { timeout: 300_000 }, async () => {
    // An admin maps the Entra ID mail to the given name alone: no address at all.
    const got = await stack.sys.api('GET', '/api/definitions/template-joiner');
    const draft = definitionSchema.parse(z.looseObject({ definition: z.unknown() }).parse(got.body).definition);
    const createEntra = draft.nodes.find((n) => n.id === 'createEntra');
    if (createEntra?.type !== 'action') throw new Error('the Joiner has no createEntra step');
    createEntra.data.params.mail = { expression: '[givenName]' };
    const person = { givenName: 'Bea', surname: 'Mapped', department: 'Engineering', employeeType: 'Employee', hireDate: new Date().toISOString() };

    const simulated = await stack.sys.api('POST', '/api/simulate', { definition: draft, person: { employeeId: 'FAIL-2', attributes: person } });
    expect(simulated.status, JSON.stringify(simulated.body)).toBe(200);
    const dryRun = simulation.parse(simulated.body);
    expect(dryRun.outcome).toBe('failed');
    const caught = dryRun.trace.find((t) => t.nodeId === 'createEntra');
    expect(caught?.handle).toBe('error');
    expect(caught?.error).toBe("the step's parameters are invalid: mail: Invalid email address");
    expect(dryRun.path.slice(-2)).toEqual(['tellHelpdesk', 'failed']);
    const message = caught?.error ?? '';

    // Published anyway: the real run fails at the same step with the same message, and says so everywhere.
    expect((await stack.sys.api('PUT', '/api/definitions/template-joiner', draft)).status).toBe(200);
    expect((await stack.sys.api('POST', '/api/definitions/template-joiner/publish')).status).toBe(201);
    const failedBefore = await failedJoiners();
    expect((await stack.bulk([worker('FAIL-2', person)])).status).toBe(202);
    const started = await stack.person('FAIL-2', (p) => p.runs.some((r) => r.definitionId === 'template-joiner'), 'the joiner to start', 120_000);
    const runId = started.runs.find((r) => r.definitionId === 'template-joiner')?.runId ?? '';
    const waiting = await eventually(
      async () => {
        const run = waitingRun.safeParse((await stack.sys.api('GET', `/api/runs/${runId}`)).body);
        return run.success && run.data.nodes.createEntra?.awaitingOperator === true ? run.data : undefined;
      },
      'the failed step to wait for an operator',
      240_000,
    );
    expect(waiting.nodes.createEntra?.error).toContain(message);
    expect(await stack.sys.api('POST', `/api/runs/${runId}/steps/createEntra/resolve`, { action: 'fail' })).toMatchObject({ status: 200 });
    await stack.person('FAIL-2', (p) => p.runs.some((r) => r.definitionId === 'template-joiner' && r.status === 'failed'), 'the joiner to fail', 120_000);

    const mail = await eventually(() => Promise.resolve(stack.smtp.messages.find((m) => m.parsed.subject === 'Joiner failed for Bea Mapped (employee FAIL-2)')), 'the helpdesk mail');
    expect(mail.rcptTo).toEqual([helpdeskMailbox]);
    expect(mail.parsed.text).toContain(message);
    const view = provisioningView.parse((await stack.sys.api('GET', '/api/people/FAIL-2')).body);
    expect(view.status).toBe('needs-attention');
    expect(view.provisioning).toMatchObject({ status: 'failed', step: 'createEntra', definitionId: 'template-joiner' });
    expect(view.provisioning?.message).toContain(message);
    expect(stack.entraUsers('FAIL-2')).toEqual([]);
    expect(await eventually(async () => ((await failedJoiners()) === failedBefore + 1 ? true : undefined), 'the failed run to be counted')).toBe(true);
  });
});
