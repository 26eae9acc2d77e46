/**
 * A failed step that waits for an operator (waitForOperator) tells the helpdesk at once: a mail to
 * the run's helpdesk mailbox through the lifecycle's own mail connection, read back from a real SMTP
 * server, naming the run, the employee, the step, the error, the wait and the run's page. Nobody
 * answers, so the wait ends at the step's own operatorWaitHours (36 seconds here) and the step's
 * error edge is taken. Also: the wait's bounds and its pairing with waitForOperator are checked
 * where a definition is validated, and the wait is counted in /metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closeMailTransports } from '../../activities/email/mailer.ts';
import { startSmtpPeer, type SmtpPeer } from '../peers/smtp.ts';
import { errorBody, runView, startedRuns } from '../support/api.ts';
import { definition, edge, log, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

const credentials = { username: 'tenure', password: 'correct horse battery staple' };
const helpdesk = 'it-helpdesk@contoso.example';
let sys: TestSystem;
let peer: SmtpPeer;

beforeAll(async () => {
  [sys, peer] = await Promise.all([startTestSystem(), startSmtpPeer({ auth: credentials, tls: 'starttls' })]);
  const created = await sys.api('POST', '/api/connections', {
    id: 'mail',
    kind: 'email',
    name: 'Company mail',
    config: { host: peer.host, port: peer.port, from: 'tenure@contoso.example', fromName: 'Tenure', tls: { ca: peer.ca } },
    secrets: credentials,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
});
afterAll(async () => {
  await closeMailTransports();
  await Promise.all([sys.stop(), peer.stop()]);
});

/** As the templates have it: a helpdesk mailbox setting, a step that waits, a failure mail on its error edge. */
function waitingDefinition(id: string, step: Record<string, unknown>) {
  return definition(
    id,
    [
      node({ id: 'start', type: 'start', data: {} }),
      node({ id: 'mailbox', type: 'action', data: { label: 'Setting: helpdesk mailbox', action: 'core.setVariable', params: { name: 'helpdeskMailbox', value: helpdesk } } }),
      node({ id: 'name', type: 'action', data: { label: 'Set the account name', action: 'core.setVariable', params: { name: { expression: '[varName]' }, value: 1 }, ...step } }),
      node({ id: 'after', type: 'action', data: log('after the step') }),
      node({ id: 'tellHelpdesk', type: 'action', data: { label: 'Tell the helpdesk', action: 'email.send', connectionId: 'mail', params: { to: { expression: '[vars.helpdeskMailbox]' }, subject: 'The lifecycle failed', text: 'It failed.' } } }),
      node({ id: 'end', type: 'end', data: {} }),
      node({ id: 'failed', type: 'end', data: { outcome: 'failed' } }),
    ],
    [edge('start', 'mailbox'), edge('mailbox', 'name'), edge('name', 'after'), edge('after', 'end'), edge('name', 'tellHelpdesk', 'error'), edge('tellHelpdesk', 'failed')],
  );
}

const problems = z.object({ valid: z.boolean(), problems: z.array(z.object({ path: z.string(), message: z.string() }).loose()) });

describe('a step waiting for an operator', () => {
  it('mails the helpdesk when it starts waiting, and gives up at the wait the step sets', async () => {
    const def = waitingDefinition('operator-notice', { waitForOperator: true, operatorWaitHours: 0.01 });
    const created = await sys.api('POST', '/api/definitions', def);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await sys.api('POST', '/api/definitions/operator-notice/publish')).status).toBe(201);
    const started = await sys.api('POST', '/api/runs', { definitionId: 'operator-notice', people: [{ employeeId: 'E7007', attributes: { varName: 'not a name' } }] });
    expect(started.status).toBe(202);
    const runId = startedRuns.parse(started.body).runs[0]?.id ?? '';

    const waiting = await eventually(async () => {
      const v = runView.parse((await sys.api('GET', `/api/runs/${runId}`)).body);
      return v.nodes.name?.awaitingOperator === true ? v : undefined;
    }, 'the step to wait for an operator');
    expect(waiting.workflowStatus).toBe('RUNNING');

    const [notice] = await peer.received(1);
    const receivedAt = Date.now();
    expect(notice?.rcptTo).toEqual([helpdesk]);
    expect(notice?.parsed.subject).toBe('Waiting for an operator: "Set the account name" failed in the operator-notice run for employee E7007');
    expect(notice?.parsed.headers.get('x-tenure-run')).toBe(runId);
    expect(notice?.parsed.headers.get('x-tenure-notice')).toBe('awaiting-operator');
    const text = notice?.parsed.text ?? '';
    const until = /^Waits until: (\S+) \(36 seconds\); if nobody retries or skips the step by then, it fails\.$/m.exec(text)?.[1] ?? '';
    expect(text.replace(until, '<until>')).toBe(
      [
        'Hello,',
        '',
        'The operator-notice run for employee E7007 is waiting for an operator: its step "Set the account name" failed.',
        '',
        `Run: ${runId} (operator-notice, revision 1)`,
        'Employee: E7007',
        'Step: Set the account name (name)',
        `Error: ${waiting.nodes.name?.error ?? '(the step has no error)'}`,
        'Waits until: <until> (36 seconds); if nobody retries or skips the step by then, it fails.',
        '',
        `Retry, skip or fail the step on the run's page: http://127.0.0.1:0/runs/${runId}`,
        '',
        'Tenure',
        '',
      ].join('\n'),
    );
    expect(waiting.nodes.name?.error).toContain('use letters, digits and "_"');
    // The mail went out when the wait began: its deadline is the wait (36 s) ahead of its arrival.
    const deadline = Date.parse(until);
    expect(deadline - receivedAt).toBeGreaterThan(25_000);
    expect(deadline - receivedAt).toBeLessThanOrEqual(36_000);

    // Nobody answers: at the deadline the step gives up and its error edge mails the failure.
    const ended = await eventually(
      async () => {
        const v = runView.parse((await sys.api('GET', `/api/runs/${runId}`)).body);
        return v.workflowStatus !== 'RUNNING' ? v : undefined;
      },
      'the wait to end at its deadline',
      60_000,
      500,
    );
    const endedAt = Date.now();
    expect(endedAt).toBeGreaterThanOrEqual(deadline);
    expect(endedAt - deadline).toBeLessThan(15_000);
    expect(ended.outcome).toBe('failed');
    expect(ended.nodes.name?.awaitingOperator).toBeUndefined();
    expect(ended.nodes.after?.status).toBe('skipped');
    expect(ended.trace.filter((t) => t.nodeId === 'name').map((t) => t.handle)).toEqual(['error']);
    const mails = await peer.received(2);
    expect(mails.map((m) => m.parsed.subject)).toEqual([notice?.parsed.subject, 'The lifecycle failed']);

    const issued = await sys.api('POST', '/api/users', { id: 'scraper', displayName: 'scraper', roles: ['auditor'] });
    expect(issued.status).toBe(201);
    const token = z.object({ token: z.string() }).parse((await sys.api('POST', '/api/users/scraper/tokens', { name: 'scrape' })).body).token;
    const metrics = await sys.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(metrics.body).toContain('tenure_steps_awaiting_operator_total{definition="operator-notice",action="core.setVariable"} 1');
  }, 120_000);

  it('refuses a wait outside its bounds, and a wait on a step that does not wait for an operator', async () => {
    const tooShort = await sys.api('POST', '/api/definitions', waitingDefinition('operator-too-short', { waitForOperator: true, operatorWaitHours: 0.001 }));
    expect(tooShort.status).toBe(400);
    expect(errorBody.parse(tooShort.body).error.details).toEqual([{ path: 'body.nodes[2].data.operatorWaitHours', message: 'wait at least 0.01 hours (36 seconds)' }]);
    const tooLong = await sys.api('POST', '/api/definitions/validate', waitingDefinition('operator-too-long', { waitForOperator: true, operatorWaitHours: 721 }));
    const longWait = problems.parse(tooLong.body).problems.find((p) => p.path === 'nodes[2].data.operatorWaitHours');
    expect(longWait?.message).toContain('wait at most 720 hours (30 days)');

    const unpaired = problems.parse((await sys.api('POST', '/api/definitions/validate', waitingDefinition('operator-unpaired', { operatorWaitHours: 2 }))).body);
    expect(unpaired.valid).toBe(false);
    expect(unpaired.problems).toEqual([
      expect.objectContaining({
        nodeId: 'name',
        path: 'nodes[2].data.operatorWaitHours',
        message: '"Set the account name" has an operator wait but does not wait for an operator; turn on waitForOperator, or remove operatorWaitHours.',
      }),
    ]);
  });
});
