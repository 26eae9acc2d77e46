/**
 * The approval step's activities: directory lookups for approver resolution, the inbox projection
 * and the emails. All are idempotent: lookups only read, the projection keeps the newest state by
 * sequence number, and each notice is recorded per approver so a retry sends nobody a second copy.
 */
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { durationMs } from '../../workflows/dsl/index.ts';
import type { ActivityDeps } from '../deps.ts';
import { requireConnection } from '../email/input.ts';
import { senderDomain, sendMail } from '../email/mailer.ts';
import type { ApprovalBackend } from './backend.ts';
import { renderNotice } from './emails.ts';
import { linkNonce, signLink } from './links.ts';
import type { InboxItem, NotifyInput, NotifyResult } from './types.ts';

export type { ApprovalBackend, ApproverContact } from './backend.ts';
export type { InboxItem, NoticeKind, NotifyInput, NotifyResult } from './types.ts';

/** The path of the signed approve/reject links, outside /api: the token is the credential. */
export const approvalLinkPath = '/hooks/approvals/';

function requireKey(deps: ActivityDeps): Uint8Array {
  if (deps.approvalLinkKey.length < 32) throw ApplicationFailure.nonRetryable('the worker has no approval link key; start it with the server keyring', 'ApprovalSetup');
  return deps.approvalLinkKey;
}

async function notify(deps: ActivityDeps, backend: ApprovalBackend, input: NotifyInput): Promise<NotifyResult> {
  const key = requireKey(deps);
  const connection = await requireConnection(deps, input.connectionId, 'approval email');
  const domain = senderDomain(connection);
  const contacts = await backend.contacts(input.recipients);
  const result: NotifyResult = { sent: [], skipped: [] };
  for (const userId of input.recipients) {
    const noticeKey = `${input.key}:${userId}`;
    if (await backend.notified(noticeKey)) {
      result.sent.push(userId);
      continue;
    }
    const contact = contacts[userId];
    if (!contact || contact.email === null) {
      result.skipped.push({ userId, reason: contact ? `${userId} has no email address` : `${userId} is not a Tenure user` });
      continue;
    }
    const expiresAt = Date.now() + durationMs(input.linkValidity);
    const nonce = linkNonce(key, input.key, userId);
    const link = (decision: 'approve' | 'reject') =>
      `${deps.publicUrl}${approvalLinkPath}${signLink(key, { approvalId: input.item.id, userId, stage: input.item.stage, decision, expiresAt, nonce })}`;
    const notice = renderNotice(input.kind, input.item, { userId, ...contact }, {
      approve: link('approve'),
      reject: link('reject'),
      inbox: `${deps.publicUrl}/inbox`,
      expiresAt: new Date(expiresAt),
    });
    const messageId = `<${createHash('sha256').update(`tenure-approval:${noticeKey}`).digest('hex').slice(0, 40)}@${domain}>`;
    const sent = await sendMail(connection, {
      to: [contact.email],
      subject: notice.subject,
      text: notice.text,
      html: notice.html,
      headers: { 'X-Tenure-Approval': input.item.id, 'X-Tenure-Notice': input.kind },
      messageId,
    });
    await backend.recordNotified(noticeKey, sent.messageId);
    result.sent.push(userId);
  }
  return result;
}

export function createApprovalActivities(deps: ActivityDeps) {
  const backend = deps.approvals;
  return {
    'approvals.usersForEmployees': async (args: { employeeIds: string[] }) => backend.usersForEmployees(args.employeeIds),
    'approvals.employeesForUsers': async (args: { userIds: string[] }) => backend.employeesForUsers(args.userIds),
    'approvals.managersOf': async (args: { employeeIds: string[]; attribute: string }) => backend.managersOf(args.employeeIds, args.attribute),
    /** null when there is no such group (Temporal payloads carry no undefined). */
    'approvals.groupMembers': async (args: { groupId: string }) => (await backend.groupMembers(args.groupId)) ?? null,
    'approvals.delegations': async (args: { userIds: string[] }) => backend.delegations(args.userIds, new Date()),
    /**
     * Writes the inbox row, and answers which of the pending approvers have a delegation in force:
     * a delegation made while the step was being opened is caught here, so it never misses the item.
     */
    'approvals.project': async (item: InboxItem): Promise<{ delegations: Record<string, string> }> => {
      await backend.project(item);
      const open = item.status === 'open' && item.pending.length > 0;
      return { delegations: open ? await backend.delegations(item.pending, new Date()) : {} };
    },
    'approvals.notify': async (input: NotifyInput) => notify(deps, backend, input),
  };
}

export type ApprovalActivities = ReturnType<typeof createApprovalActivities>;
