/**
 * Approval deadlines of days, counted in business days, on the time-skipping test server: Temporal's
 * clock jumps over the timers, so two working weeks pass in seconds. The workflow, the activities,
 * the app database (PGlite) and the SMTP server are the real ones.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { closeMailTransports } from '../../activities/email/mailer.ts';
import { createActivities } from '../../activities/index.ts';
import { findTestServer } from '../../server/temporal/cli.ts';
import { addBusinessTime, compileDefinition, definitionSchema, type CompiledRevision } from '../../workflows/dsl/index.ts';
import { lifecycleRun } from '../../workflows/lifecycle.ts';
import { emailConnection } from '../activities/email/connection.ts';
import { startSmtpPeer, type SmtpPeer } from '../peers/smtp.ts';
import { addPerson, addUser, approvalDefinition, openApprovalDb, type ApprovalDb } from '../support/approvals.ts';
import { testActivityDeps } from '../support/deps.ts';
import { runMetricsSinks } from '../../server/observability/runSinks.ts';

let env: TestWorkflowEnvironment;
let approvalDb: ApprovalDb;
let peer: SmtpPeer;

beforeAll(async () => {
  [env, approvalDb, peer] = await Promise.all([
    (async () => TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: await findTestServer() } } }))(),
    openApprovalDb(),
    startSmtpPeer({ tls: 'starttls' }),
  ]);
  await addUser(approvalDb.db, 'anna', { employeeId: 'E20' });
  await addUser(approvalDb.db, 'mark', { employeeId: 'E21' });
  await addPerson(approvalDb.db, 'E20', { managerId: 'E21' });
});
afterAll(async () => {
  await closeMailTransports();
  await env.teardown();
  await Promise.all([approvalDb.close(), peer.stop()]);
});

describe('business-day deadlines (time-skipping)', () => {
  it('gives each level five business days, reminds after one, escalates to the manager, then rejects automatically', async () => {
    const def = approvalDefinition('working-weeks', {
      stages: [
        {
          approvers: [{ kind: 'user', userId: 'anna' }],
          deadline: { after: { days: 5 }, businessDays: true },
          reminders: [{ days: 1 }],
          onDeadline: 'escalate',
          escalation: { then: 'reject' },
        },
      ],
      notify: { connectionId: 'mail' },
    });
    const compiled = compileDefinition(definitionSchema.parse(def));
    const mail = emailConnection(peer);
    const taskQueue = `approvals-${randomUUID()}`;
    const worker = await Worker.create({
      sinks: runMetricsSinks(),
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: createActivities(
        testActivityDeps({
          revisions: { compiledRevision: async (): Promise<CompiledRevision> => Promise.resolve(compiled) },
          connections: { load: async () => Promise.resolve(mail) },
          approvals: approvalDb.store,
          approvalLinkKey: randomBytes(32),
        }),
      ),
    });
    const runId = randomUUID();
    const status = await worker.runUntil(
      env.client.workflow.execute(lifecycleRun, {
        workflowId: `run:${runId}`,
        taskQueue,
        args: [{ runId, definitionId: def.id, revision: 1, employeeId: 'E1', attributes: { displayName: 'Ada Lovelace' }, requestedBy: 'hr:test' }],
      }),
    );

    expect(status.nodes.ask).toMatchObject({ status: 'done', handle: 'rejected' });
    const step = status.trace.find((t) => t.nodeId === 'ask');
    expect(step?.approvers).toEqual(['anna', 'mark']);
    expect(step?.decisions).toEqual([expect.objectContaining({ approver: 'tenure', decision: 'reject', via: 'deadline' })]);

    // Two levels of five business days: whatever weekday the clock started on, each crosses a weekend.
    const started = new Date(status.nodes.ask?.startedAt ?? '');
    const ended = Date.parse(status.nodes.ask?.endedAt ?? '');
    const expected = addBusinessTime(addBusinessTime(started, { days: 5 }), { days: 5 }).getTime();
    expect(Math.abs(ended - expected)).toBeLessThan(60_000);
    expect(ended - started.getTime()).toBeGreaterThanOrEqual(14 * 86_400_000 - 60_000);

    const mails = await peer.received(4);
    const sent = mails.filter((m) => m.parsed.headers.get('x-tenure-approval') === `${runId}:ask`);
    expect(sent.map((m) => `${m.rcptTo.join()} ${z.string().parse(m.parsed.headers.get('x-tenure-notice'))}`)).toEqual([
      'anna@example.test request',
      'anna@example.test reminder',
      'mark@example.test escalation',
      'mark@example.test reminder',
    ]);
    const [closed] = await approvalDb.db.query<{ status: string; item: { notes: string[] } }>('SELECT status, item FROM approval_inbox WHERE id = $1', [`${runId}:ask`]);
    expect(closed?.status).toBe('closed');
    expect(closed?.item.notes).toContain('stage 1 escalated to mark: anna did not answer by the deadline');
  });
});
