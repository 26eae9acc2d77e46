/**
 * The approval emails: a request, a reminder, an escalation. Each goes to one approver, because its
 * approve and reject links are theirs alone. Values from HR and definitions are escaped in the HTML
 * body and kept to one line in the subject (no header injection).
 */
import type { ApproverContact } from './backend.ts';
import type { InboxItem, NoticeKind } from './types.ts';

export interface NoticeLinks {
  approve: string;
  reject: string;
  inbox: string;
  expiresAt: Date;
}

export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
}

const oneLine = (s: string, max = 160) => {
  const flat = s.replace(/[\r\n\t]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const intro: Record<NoticeKind, string> = {
  request: 'Your approval is needed.',
  reminder: 'Reminder: your approval is still needed.',
  escalation: 'This approval has been escalated to you: the approvers before you did not answer in time.',
};

const subjectPrefix: Record<NoticeKind, string> = {
  request: 'Approval needed',
  reminder: 'Reminder: approval needed',
  escalation: 'Escalated to you: approval needed',
};

export function personName(item: InboxItem): string {
  const name = item.person.displayName;
  return name !== undefined && name !== '' ? `${name} (${item.person.employeeId})` : item.person.employeeId;
}

export function renderNotice(kind: NoticeKind, item: InboxItem, recipient: { userId: string } & ApproverContact, links: NoticeLinks): RenderedNotice {
  const what = item.question ?? item.step;
  const subject = oneLine(`${subjectPrefix[kind]}: ${what} (${personName(item)})`);
  const onBehalf = item.onBehalfOf[recipient.userId];
  const facts: [string, string][] = [
    ['Person', personName(item)],
    ['Step', item.stages > 1 ? `${item.step}, stage ${item.stage} of ${item.stages}${item.stageLabel !== undefined ? ` (${item.stageLabel})` : ''}` : item.step],
    ...(item.question !== undefined ? [['Question', item.question] satisfies [string, string]] : []),
    ['Approving will', item.onApprove],
    ...(item.deadline !== undefined ? [['Decide by', item.deadline] satisfies [string, string]] : []),
    ...(onBehalf !== undefined ? [['On behalf of', `${onBehalf}, who delegated their approvals to you`] satisfies [string, string]] : []),
    ['Requested by', item.requestedBy],
  ];
  const validity = `These links work once, only for you, until ${links.expiresAt.toISOString()}. You can also decide in the Tenure inbox: ${links.inbox}`;
  const text = [
    `Hello ${recipient.displayName},`,
    '',
    intro[kind],
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    `Approve: ${links.approve}`,
    `Reject:  ${links.reject}`,
    '',
    validity,
    '',
  ].join('\n');
  const html = [
    '<!doctype html><html><body>',
    `<p>Hello ${escapeHtml(recipient.displayName)},</p>`,
    `<p>${escapeHtml(intro[kind])}</p>`,
    '<table>',
    ...facts.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`),
    '</table>',
    `<p><a href="${escapeHtml(links.approve)}">Approve</a> &nbsp; <a href="${escapeHtml(links.reject)}">Reject</a></p>`,
    `<p>${escapeHtml(validity)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
