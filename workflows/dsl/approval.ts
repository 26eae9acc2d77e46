/**
 * The approval step's shape: who decides (approvers resolved when the step runs), how many of them
 * must agree (any, all, a quorum), in which stages, by when (deadlines, reminders, escalation,
 * business days) and whom to email. The designer builds the step's form from these schemas, so
 * every field says what it means (`.describe()`).
 *
 * Two shapes are accepted: the single-stage shorthand `approvers` (+ optional `timeout`), which
 * every definition written before stages existed uses and which must keep meaning exactly what it
 * meant, and `stages`. `approvalStages()` turns either into the list of stages the run walks.
 */
import { z } from 'zod';
import { isTimeZone } from './dates.ts';
import { parseExpression } from './expressions/index.ts';
import { durationSchema, identifier } from './primitives.ts';

const label = z.string().max(200).optional();
const description = z.string().max(2000).optional();

const approverOptions = [
  z
    .strictObject({
      kind: z.literal('user'),
      userId: z.string().min(1).max(200).describe('The id of the Tenure user who decides'),
    })
    .describe('A named user'),
  z
    .strictObject({
      kind: z.literal('manager'),
      level: z.number().int().min(1).max(5).default(1).describe("1 is the person's manager, 2 the manager's manager, and so on up"),
      attribute: z
        .string()
        .min(1)
        .max(200)
        .default('managerId')
        .describe("The person attribute holding the manager's employee id; the manager decides through the user linked to that employee"),
    })
    .describe("The person's manager, or a manager further up"),
  z
    .strictObject({
      kind: z.literal('group'),
      groupId: identifier.describe('The approver group whose members decide'),
    })
    .describe('Every member of an approver group'),
  z
    .strictObject({
      kind: z.literal('expression'),
      expression: z.string().min(1).max(10_000).describe('An expression over the person, the variables and earlier steps, giving one id or a list of ids'),
      resolveAs: z.enum(['user', 'employee']).default('user').describe('Whether the expression gives user ids, or employee ids of people linked to users'),
    })
    .describe('Whoever an expression names'),
] as const;

export const approverSchema = z.discriminatedUnion('kind', [...approverOptions]).describe('Who decides');
export type Approver = z.infer<typeof approverSchema>;
export type ApproverInput = z.input<typeof approverSchema>;

export const escalationTargetSchema = z
  .discriminatedUnion('kind', [
    ...approverOptions,
    z.strictObject({ kind: z.literal('approversManager') }).describe('The manager of each approver who did not answer'),
  ])
  .describe('Who a stage is escalated to');
export type EscalationTarget = z.infer<typeof escalationTargetSchema>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'not a calendar date');

export const deadlineSchema = z
  .strictObject({
    after: durationSchema.describe('How long the approvers have, from when the stage opens'),
    businessDays: z
      .boolean()
      .default(false)
      .describe('Count only business days: weekends and the listed holidays do not count (2 days from Friday 15:00 is Tuesday 15:00)'),
    timeZone: z.string().min(1).max(100).optional().describe('IANA time zone in which days and weekends are read, e.g. Europe/Paris; UTC when absent'),
    holidays: z.array(isoDate).max(400).optional().describe('Dates (YYYY-MM-DD) that do not count as business days'),
  })
  .describe('When the stage is due');
export type Deadline = z.infer<typeof deadlineSchema>;

export const approvalModes = ['any', 'all', 'quorum'] as const;
export type ApprovalMode = (typeof approvalModes)[number];
export const deadlineActions = ['timeout', 'escalate', 'approve', 'reject'] as const;
export type DeadlineAction = (typeof deadlineActions)[number];
export const finalDeadlineActions = ['timeout', 'approve', 'reject'] as const;

export const escalationSchema = z
  .strictObject({
    to: z
      .array(escalationTargetSchema)
      .min(1)
      .max(50)
      .default([{ kind: 'approversManager' }])
      .describe('Who the undecided part of the stage goes to; by default the manager of each approver who did not answer'),
    levels: z.number().int().min(1).max(5).default(1).describe('How many times the stage may be escalated, one level up each time'),
    then: z.enum(finalDeadlineActions).default('timeout').describe('What happens when the last escalation passes its deadline too'),
  })
  .describe('Escalation when the deadline passes');
export type Escalation = z.infer<typeof escalationSchema>;

export const approvalStageSchema = z
  .strictObject({
    label: label.describe('A name for the stage, shown to approvers'),
    approvers: z.array(approverSchema).min(1).max(50).describe('Who decides in this stage'),
    mode: z
      .enum(approvalModes)
      .default('any')
      .describe('any: the first answer decides; all: everyone must approve (one rejection rejects); quorum: the number of approvals in `quorum`'),
    quorum: z.number().int().min(1).max(100).optional().describe('How many approvals a quorum stage needs'),
    deadline: deadlineSchema.optional(),
    reminders: z
      .array(durationSchema)
      .max(10)
      .optional()
      .describe('Reminder emails to approvers who have not answered, this long after the stage opens (or is escalated), counted like the deadline'),
    onDeadline: z
      .enum(deadlineActions)
      .default('timeout')
      .describe('What the deadline does: leave through the timeout output, escalate, or approve or reject automatically'),
    escalation: escalationSchema.optional(),
  })
  .superRefine((stage, ctx) => {
    if (stage.mode === 'quorum' && stage.quorum === undefined) ctx.addIssue({ code: 'custom', path: ['quorum'], message: 'a quorum stage needs the number of approvals it takes (quorum)' });
    if (stage.mode !== 'quorum' && stage.quorum !== undefined) ctx.addIssue({ code: 'custom', path: ['quorum'], message: 'quorum applies only to mode "quorum"' });
    if (stage.onDeadline !== 'timeout' && stage.deadline === undefined) ctx.addIssue({ code: 'custom', path: ['deadline'], message: `set a deadline for "${stage.onDeadline}" to happen at` });
    if (stage.escalation !== undefined && stage.onDeadline !== 'escalate') ctx.addIssue({ code: 'custom', path: ['escalation'], message: 'escalation applies only when onDeadline is "escalate"' });
  })
  .describe('One round of approval');
export type ApprovalStage = z.infer<typeof approvalStageSchema>;

export const approvalNotifySchema = z
  .strictObject({
    connectionId: identifier.describe('The email connection that sends approval requests, reminders and escalations'),
    linkValidity: durationSchema.default({ days: 7 }).describe('How long the approve and reject links in an email work'),
  })
  .describe('Email approvers, with links that decide without logging in');

export const approvalDataSchema = z
  .strictObject({
    label,
    description,
    question: z.string().max(2000).optional().describe('What the approvers are asked, shown in the inbox and the email'),
    onApprove: z
      .string()
      .max(2000)
      .optional()
      .describe('What approving will do, in words the approver reads; by default the steps that follow the approved output are listed'),
    approvers: z.array(approverSchema).min(1).max(50).optional().describe('Single-stage shorthand: the first answer of any of these decides; use stages for more'),
    timeout: durationSchema.optional().describe('Single-stage shorthand: without a decision by then the step leaves through its timeout output'),
    stages: z.array(approvalStageSchema).min(1).max(10).optional().describe('Rounds of approval in order; each must approve before the next opens'),
    fallback: z
      .array(approverSchema)
      .max(50)
      .optional()
      .describe('Who decides when a stage finds no approver (or only the person concerned or the requester, who never approve their own change)'),
    notify: approvalNotifySchema.optional(),
  })
  .superRefine((data, ctx) => {
    if ((data.approvers === undefined) === (data.stages === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['stages'], message: 'give either approvers (one stage) or stages, not both and not neither' });
    }
    if (data.timeout !== undefined && data.stages !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['timeout'], message: 'with stages, give each stage a deadline instead of timeout' });
    }
  });
export type ApprovalData = z.infer<typeof approvalDataSchema>;

/** The stages a run walks, whichever shape the step was written in. */
export function approvalStages(data: ApprovalData): ApprovalStage[] {
  if (data.stages !== undefined) return data.stages;
  return [
    {
      approvers: data.approvers ?? [],
      mode: 'any',
      onDeadline: 'timeout',
      ...(data.timeout !== undefined ? { deadline: { after: data.timeout, businessDays: false } } : {}),
    },
  ];
}

/** The user ids an approval names outright (the `user` approvers of its first stage). */
export function namedApprovers(data: ApprovalData): string[] {
  return (approvalStages(data)[0]?.approvers ?? []).flatMap((a) => (a.kind === 'user' ? [a.userId] : []));
}

/** Whether some stage can end through the `timeout` output (so that output must be connected). */
export function approvalCanTimeOut(data: ApprovalData): boolean {
  return approvalStages(data).some(
    (s) => s.deadline !== undefined && (s.onDeadline === 'timeout' || (s.onDeadline === 'escalate' && (s.escalation?.then ?? 'timeout') === 'timeout')),
  );
}

/** What an approval step's shape cannot say by itself: expressions that do not parse, unknown zones, unreachable quorums. */
export function approvalProblems(data: ApprovalData, here: string): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const checkApprovers = (list: readonly (Approver | EscalationTarget)[], path: string) => {
    list.forEach((a, i) => {
      if (a.kind !== 'expression') return;
      const parsed = parseExpression(a.expression);
      if (!parsed.ok) problems.push({ path: `${path}[${i}].expression`, message: `Expression error at line ${parsed.error.line}, column ${parsed.error.column}: ${parsed.error.message}` });
    });
  };
  const base = `${here}.data`;
  if (data.approvers) checkApprovers(data.approvers, `${base}.approvers`);
  if (data.fallback) checkApprovers(data.fallback, `${base}.fallback`);
  data.stages?.forEach((stage, i) => {
    const at = `${base}.stages[${i}]`;
    checkApprovers(stage.approvers, `${at}.approvers`);
    if (stage.escalation) checkApprovers(stage.escalation.to, `${at}.escalation.to`);
    const tz = stage.deadline?.timeZone;
    if (tz !== undefined && !isTimeZone(tz)) problems.push({ path: `${at}.deadline.timeZone`, message: `"${tz}" is not a time zone; use an IANA name such as Europe/Paris.` });
    const onlyUsers = stage.approvers.every((a) => a.kind === 'user');
    const named = new Set(stage.approvers.flatMap((a) => (a.kind === 'user' ? [a.userId] : []))).size;
    if (stage.mode === 'quorum' && stage.quorum !== undefined && onlyUsers && (data.fallback ?? []).length === 0 && stage.quorum > named) {
      problems.push({ path: `${at}.quorum`, message: `The stage needs ${stage.quorum} approvals but names only ${named} approver${named === 1 ? '' : 's'}; lower the quorum or add approvers.` });
    }
  });
  return problems;
}
