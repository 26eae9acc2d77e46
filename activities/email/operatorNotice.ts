/**
 * The mail that tells the helpdesk a failed step waits for an operator (waitForOperator): which run,
 * which person (employee id only), which step and error, until when it waits, and the link to the
 * run's page where it is retried, skipped or failed. It goes to the mailbox and through the email
 * connection the lifecycle's own failure mail uses (the run picks both; workflows/interpreter.ts).
 *
 * The Message-ID is derived from the run, the step and the activity (one per wait, the same for
 * its retries), so a retried send does not reach the helpdesk twice as two different messages.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ActivityDeps } from '../deps.ts';
import { parseInput, requireConnection, stepVisit } from './input.ts';
import { senderDomain, sendMail, type SentMail } from './mailer.ts';

export const operatorNoticeInput = z.strictObject({
  runId: z.string().min(1).max(200),
  definitionId: z.string().min(1).max(200),
  revision: z.number().int().positive(),
  employeeId: z.string().min(1).max(200),
  nodeId: z.string().min(1).max(200),
  step: z.string().min(1).max(500),
  error: z.string().max(4000),
  /** When the step fails after all if nobody resolves it (ISO 8601). */
  waitUntil: z.iso.datetime(),
  waitHours: z.number().positive(),
  connectionId: z.string().min(1).max(200),
  to: z.email(),
});
export type OperatorNoticeInput = z.infer<typeof operatorNoticeInput>;

const oneLine = (s: string, max = 160) => {
  const flat = s.replace(/[\r\n\t]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** "36 seconds", "2 hours", "7 days": the wait as an operator reads it. */
export function waitLength(hours: number): string {
  const seconds = Math.round(hours * 3600);
  const [size, unit] = seconds % 86_400 === 0 ? [seconds / 86_400, 'day'] : seconds % 3600 === 0 ? [seconds / 3600, 'hour'] : seconds % 60 === 0 ? [seconds / 60, 'minute'] : [seconds, 'second'];
  return `${size} ${unit}${size === 1 ? '' : 's'}`;
}

export function renderOperatorNotice(n: OperatorNoticeInput, runLink: string): { subject: string; text: string } {
  const subject = oneLine(`Waiting for an operator: "${n.step}" failed in the ${n.definitionId} run for employee ${n.employeeId}`);
  const text = [
    'Hello,',
    '',
    `The ${n.definitionId} run for employee ${n.employeeId} is waiting for an operator: its step "${n.step}" failed.`,
    '',
    `Run: ${n.runId} (${n.definitionId}, revision ${n.revision})`,
    `Employee: ${n.employeeId}`,
    `Step: ${n.step} (${n.nodeId})`,
    `Error: ${n.error}`,
    `Waits until: ${n.waitUntil} (${waitLength(n.waitHours)}); if nobody retries or skips the step by then, it fails.`,
    '',
    `Retry, skip or fail the step on the run's page: ${runLink}`,
    '',
    'Tenure',
    '',
  ].join('\n');
  return { subject, text };
}

export function createOperatorNoticeActivities(deps: ActivityDeps) {
  return {
    'notices.awaitingOperator': async (input: OperatorNoticeInput): Promise<SentMail> => {
      const notice = parseInput(operatorNoticeInput, input, 'the operator notice');
      const connection = await requireConnection(deps, notice.connectionId, 'the operator notice');
      const rendered = renderOperatorNotice(notice, `${deps.publicUrl.replace(/\/+$/, '')}/runs/${encodeURIComponent(notice.runId)}`);
      const digest = createHash('sha256').update(JSON.stringify(['tenure-operator-notice', notice.runId, notice.nodeId, stepVisit()])).digest('hex').slice(0, 40);
      return sendMail(connection, {
        to: [notice.to],
        ...rendered,
        headers: { 'X-Tenure-Run': notice.runId, 'X-Tenure-Step': notice.nodeId, 'X-Tenure-Notice': 'awaiting-operator' },
        messageId: `<${digest}@${senderDomain(connection)}>`,
      });
    },
  };
}

export type OperatorNoticeActivities = ReturnType<typeof createOperatorNoticeActivities>;
