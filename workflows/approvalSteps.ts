/**
 * The state of open approval steps inside a run, and the pure rules over it: who is still pending,
 * where a stage stands, moving a seat to a delegate, and the views the query and the inbox show.
 * No Temporal calls here; workflows/approval.ts drives the state, approvalUpdates.ts guards it.
 */
import type { InboxItem, NoticeKind } from '../activities/approvals/index.ts';
import type { ApprovalStage } from './dsl/approval.ts';
import type { Seat } from './dsl/approvers.ts';
import { tallyStage, type StageVerdict } from './dsl/approvalTally.ts';
import { afterOpening } from './dsl/businessDays.ts';
import type { CompiledNodeOf } from './dsl/compile.ts';
import type { ApprovalContext } from './dsl/scheduler.ts';
import type { ApprovalDecision } from './dsl/status.ts';
import type { OpenApproval } from './messages.ts';

export interface ApprovalRun {
  runId: string;
  definitionId: string;
  revision: number;
  employeeId: string;
  requestedBy: string;
}

/** A step opened by code before approval-v2: one stage, any one of named users, optional timeout. */
export interface LegacyStep {
  kind: 'legacy';
  nodeId: string;
  approvers: string[];
  question?: string;
  openedAt: string;
  deadline?: string;
  decisions: ApprovalDecision[];
}

export interface Stage {
  /** 1-based. */
  number: number;
  config: ApprovalStage;
  seats: Seat[];
  decisions: ApprovalDecision[];
  openedAt: Date;
  deadline: Date | undefined;
  /** Reminders still to send, earliest first. */
  reminders: Date[];
  remindersSent: number;
  /** Escalations so far. */
  level: number;
  /** Seated users who have been sent their notice. */
  noticed: Set<string>;
  /** The notice a newly seated user gets (an escalation notice after an escalation). */
  noticeKind: Map<string, NoticeKind>;
}

export interface StagedStep {
  kind: 'staged';
  node: CompiledNodeOf<'approval'>;
  id: string;
  visit: number;
  stages: ApprovalStage[];
  stage: Stage | undefined;
  decisions: ApprovalDecision[];
  everSeated: string[];
  openedAt: Date;
  /** Bumped by every decision and delegation: the step's loop wakes on it. */
  version: number;
  closed: boolean;
  outcome?: InboxItem['outcome'];
  notes: string[];
  projected: boolean;
  context: ApprovalContext;
}

export type OpenStep = LegacyStep | StagedStep;

export const pendingOf = (stage: Stage) => stage.seats.filter((s) => !stage.decisions.some((d) => d.approver === s.userId)).map((s) => s.userId);

export const verdictOf = (stage: Stage): StageVerdict =>
  tallyStage(
    stage.config.mode,
    stage.config.quorum,
    stage.seats.map((s) => s.userId),
    stage.decisions,
  );

export function remindersFrom(start: Date, config: ApprovalStage, deadline: Date | undefined): Date[] {
  return (config.reminders ?? [])
    .map((r) => afterOpening(start, r, config.deadline))
    .filter((t) => t.getTime() > start.getTime() && (deadline === undefined || t.getTime() < deadline.getTime()))
    .sort((a, b) => a.getTime() - b.getTime());
}

export function noteOnce(step: StagedStep, ...notes: string[]): void {
  for (const n of notes) if (!step.notes.includes(n)) step.notes.push(n);
}

export function seatOnce(step: StagedStep, seats: readonly Seat[]): void {
  for (const s of seats) if (!step.everSeated.includes(s.userId)) step.everSeated.push(s.userId);
}

/** Gives `from`'s undecided seat to `to`, unless `to` may not decide here or already has a seat. */
export function moveSeat(stage: Stage, from: string, to: string, excluded: ReadonlyMap<string, string>): { moved: true } | { moved: false; reason: string } {
  const reason = excluded.get(to);
  if (reason !== undefined) return { moved: false, reason: `${from} delegated to ${to}, but ${reason}; ${from} stays the approver` };
  if (stage.seats.some((s) => s.userId === to)) return { moved: false, reason: `${from} delegated to ${to}, who already decides in this stage; ${from} stays the approver` };
  const index = stage.seats.findIndex((s) => s.userId === from);
  const seat = stage.seats[index];
  if (seat === undefined) return { moved: false, reason: `${from} has no seat in this stage` };
  stage.seats[index] = { userId: to, onBehalfOf: seat.onBehalfOf ?? from };
  stage.noticed.delete(to);
  stage.noticeKind.set(to, stage.noticeKind.get(from) ?? 'request');
  return { moved: true };
}

/** The step as the run's status query shows it; a staged step appears once its approvers are known. */
export function openView(step: OpenStep): OpenApproval[] {
  if (step.kind === 'legacy') {
    const { kind: _k, decisions: _d, ...open } = step;
    return [open];
  }
  const stage = step.stage;
  if (stage === undefined || step.closed) return [];
  return [
    {
      nodeId: step.node.id,
      id: step.id,
      approvers: stage.seats.map((s) => s.userId),
      pending: pendingOf(stage),
      openedAt: step.openedAt.toISOString(),
      stage: stage.number,
      stages: step.stages.length,
      decisions: step.decisions,
      notes: step.notes,
      ...(step.node.data.question !== undefined ? { question: step.node.data.question } : {}),
      ...(stage.deadline !== undefined ? { deadline: stage.deadline.toISOString() } : {}),
    },
  ];
}

function displayName(attributes: Readonly<Record<string, unknown>>): string | undefined {
  const text = (k: string) => (typeof attributes[k] === 'string' && attributes[k] !== '' ? attributes[k] : undefined);
  const given = text('givenName');
  const family = text('surname') ?? text('familyName') ?? text('sn');
  return text('displayName') ?? (given !== undefined || family !== undefined ? [given, family].filter((x) => x !== undefined).join(' ') : undefined);
}

/** The step as the inbox projection holds it. `seq` orders projections of the same run. */
export function inboxItem(step: StagedStep, run: ApprovalRun, workflowId: string, seq: number): InboxItem {
  const stage = step.stage;
  const config = stage?.config ?? step.stages[0];
  const name = displayName(step.context.facts().attributes);
  const data = step.node.data;
  const onBehalfOf = Object.fromEntries((stage?.seats ?? []).flatMap((s) => (s.onBehalfOf !== undefined ? [[s.userId, s.onBehalfOf]] : [])));
  return {
    id: step.id,
    runId: run.runId,
    workflowId,
    nodeId: step.node.id,
    definitionId: run.definitionId,
    revision: run.revision,
    employeeId: run.employeeId,
    requestedBy: run.requestedBy,
    person: { employeeId: run.employeeId, ...(name !== undefined ? { displayName: name } : {}) },
    step: data.label ?? step.node.id,
    onApprove: step.context.onApprove,
    stage: stage?.number ?? 1,
    stages: step.stages.length,
    mode: config?.mode ?? 'any',
    approvers: stage?.seats.map((s) => s.userId) ?? [],
    pending: stage ? pendingOf(stage) : [],
    onBehalfOf,
    decisions: step.decisions,
    openedAt: step.openedAt.toISOString(),
    stageOpenedAt: (stage?.openedAt ?? step.openedAt).toISOString(),
    status: step.closed ? 'closed' : 'open',
    notes: step.notes,
    seq,
    ...(data.question !== undefined ? { question: data.question } : {}),
    ...(config?.label !== undefined ? { stageLabel: config.label } : {}),
    ...(config?.quorum !== undefined ? { quorum: config.quorum } : {}),
    ...(stage?.deadline !== undefined ? { deadline: stage.deadline.toISOString() } : {}),
    ...(step.outcome !== undefined ? { outcome: step.outcome } : {}),
  };
}
