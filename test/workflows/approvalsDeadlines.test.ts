/**
 * Deadlines on the real Temporal dev server, in seconds so the test waits for real: a reminder, an
 * escalation to the approver's manager when the deadline passes, and an automatic rejection at the
 * last deadline, each announced by email through a real SMTP server. (Days-long deadlines, business
 * days included, run on the time-skipping server: approvalsBusinessDays.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeMailTransports } from '../../activities/email/mailer.ts';
import { startSmtpPeer, type SmtpPeer } from '../peers/smtp.ts';
import { addPerson, approvalDefinition, publishAndRun, runUntil, userWithToken, type Headers } from '../support/approvals.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
let peer: SmtpPeer;
let ops: Headers;

beforeAll(async () => {
  [sys, peer] = await Promise.all([startTestSystem(), startSmtpPeer({ tls: 'starttls' })]);
  ops = await userWithToken(sys, 'ops', { roles: ['operator'] });
  await userWithToken(sys, 'anna', { employeeId: 'E20', email: 'anna@example.test' });
  await userWithToken(sys, 'mark', { employeeId: 'E21', email: 'mark@example.test' });
  // Anna's manager is Mark, as HR last reported.
  await addPerson(sys.db, 'E20', { managerId: 'E21' });
  const created = await sys.api('POST', '/api/connections', { id: 'mail', kind: 'email', name: 'Mail', config: { host: peer.host, port: peer.port, from: 'tenure@example.test', tls: { ca: peer.ca } }, secrets: {} });
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await closeMailTransports();
  await Promise.all([sys.stop(), peer.stop()]);
});

const person = { employeeId: 'E1', attributes: { displayName: 'Ada Lovelace' } };

describe('approval deadlines', () => {
  it('reminds, escalates to the manager at the deadline, reminds again, and rejects automatically at the last deadline', async () => {
    const def = approvalDefinition('escalating', {
      stages: [
        {
          approvers: [{ kind: 'user', userId: 'anna' }],
          deadline: { after: { seconds: 4 } },
          reminders: [{ seconds: 2 }],
          onDeadline: 'escalate',
          escalation: { levels: 1, then: 'reject' },
        },
      ],
      notify: { connectionId: 'mail' },
    });
    const runId = await publishAndRun(sys, def, person, ops);
    const done = await runUntil(sys, runId, 'the automatic rejection', (v) => v.workflowStatus !== 'RUNNING', 40_000);
    expect(done.nodes.ask).toMatchObject({ status: 'done', handle: 'rejected' });
    const step = done.trace.find((t) => t.nodeId === 'ask');
    expect(step?.approvers).toEqual(['anna', 'mark']);
    expect(step?.decisions).toEqual([expect.objectContaining({ approver: 'tenure', decision: 'reject', via: 'deadline', comment: 'rejected automatically: no decision by the deadline' })]);
    const elapsed = Date.parse(done.nodes.ask?.endedAt ?? '') - Date.parse(done.nodes.ask?.startedAt ?? '');
    expect(elapsed).toBeGreaterThanOrEqual(8000);

    const mails = (await peer.received(4)).filter((m) => m.parsed.headers.get('x-tenure-approval') === `${runId}:ask`);
    expect(mails.map((m) => `${m.rcptTo.join()} ${m.parsed.subject ?? ''}`)).toEqual([
      'anna@example.test Approval needed: Grant production access? (Ada Lovelace (E1))',
      'anna@example.test Reminder: approval needed: Grant production access? (Ada Lovelace (E1))',
      'mark@example.test Escalated to you: approval needed: Grant production access? (Ada Lovelace (E1))',
      'mark@example.test Reminder: approval needed: Grant production access? (Ada Lovelace (E1))',
    ]);
    expect(mails[2]?.parsed.text).toContain('This approval has been escalated to you');
  });

  it('approves automatically at the deadline when told to, and says so in the decisions', async () => {
    const def = approvalDefinition('auto-approve', { stages: [{ approvers: [{ kind: 'user', userId: 'anna' }], deadline: { after: { seconds: 2 } }, onDeadline: 'approve' }] });
    const runId = await publishAndRun(sys, def, person, ops);
    const done = await runUntil(sys, runId, 'the automatic approval', (v) => v.workflowStatus !== 'RUNNING');
    expect(done.nodes.ask?.handle).toBe('approved');
    expect(done.trace.find((t) => t.nodeId === 'granted')?.input).toEqual({ message: 'approved by', level: 'info' });
    expect(done.trace.find((t) => t.nodeId === 'ask')?.decisions).toEqual([expect.objectContaining({ approver: 'tenure', decision: 'approve', via: 'deadline' })]);
  });
});
