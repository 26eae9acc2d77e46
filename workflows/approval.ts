/**
 * The approval step on Temporal: a deterministic state machine per open step. It resolves the
 * approvers of each stage when the stage opens (through directory activities), counts decisions by
 * the stage's mode, keeps the deadline, sends reminders, escalates, decides automatically when told
 * to, moves seats to delegates, and keeps the inbox projection and the emails in step with itself.
 * The workflow is the source of truth; the inbox table only mirrors it.
 *
 * Decisions and delegations arrive as Updates whose validators refuse, before anything is recorded,
 * a decision from someone not seated, a second decision by the same approver, any decision after the
 * stage closed, and anything from the person concerned or the requester (nobody approves their own
 * change). The caller hears the refusal synchronously; refused Updates never enter the history.
 *
 * Replay safety: runs that reached an approval before this module existed are replayed by
 * `legacyApproval`, which issues exactly the commands the old step did; everything new is behind
 * `patched('approval-v2')`.
 */
import { ActivityFailure, ApplicationFailure, CancellationScope, condition, isCancellation, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ApprovalActivities, InboxItem, NoticeKind } from '../activities/approvals/index.ts';
import { inboxItem, moveSeat, noteOnce, openView, pendingOf, remindersFrom, seatOnce, verdictOf, type ApprovalRun, type LegacyStep, type OpenStep, type Stage, type StagedStep } from './approvalSteps.ts';
import { applyDecision, applyDelegation, checkDecision, checkDelegation } from './approvalUpdates.ts';
// The language's own modules, not its index: a lifecycle run evaluates what it imports, and the
// index would bring in definition schemas, validation and simulation, which a run never uses.
import { approvalStages, type ApprovalStage, type Approver, type EscalationTarget } from './dsl/approval.ts';
import { ApproverRuleError, excludedDeciders, NoApprovers, resolveApprovers, type ApproverLookups, type Resolution, type ResolveOptions } from './dsl/approvers.ts';
import { deadlineAt } from './dsl/businessDays.ts';
import type { CompiledNodeOf } from './dsl/compile.ts';
import { durationMs } from './dsl/dates.ts';
import type { ApprovalOutcome } from './dsl/handles.ts';
import type { ApprovalContext } from './dsl/scheduler.ts';
import type { ApprovalDecision, ApprovalResult } from './dsl/status.ts';
import { decideUpdate, delegateUpdate, type DecisionInput, type DelegationInput, type OpenApproval } from './messages.ts';

export type { ApprovalRun } from './approvalSteps.ts';

/** Directory reads and the projection: retried until the database answers, since the step cannot go on without them. */
const directory = proxyActivities<ApprovalActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});
/** Email: a few attempts, then the step goes on without it (the inbox still shows the item). */
const mail = proxyActivities<ApprovalActivities>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '2m', maximumAttempts: 5 },
});

const lookups: ApproverLookups = {
  usersForEmployees: async (ids) => directory['approvals.usersForEmployees']({ employeeIds: [...ids] }),
  employeesForUsers: async (ids) => directory['approvals.employeesForUsers']({ userIds: [...ids] }),
  managersOf: async (ids, attribute) => directory['approvals.managersOf']({ employeeIds: [...ids], attribute }),
  groupMembers: async (groupId) => (await directory['approvals.groupMembers']({ groupId })) ?? undefined,
  delegations: async (ids) => directory['approvals.delegations']({ userIds: [...ids] }),
};

const noContext: ApprovalContext = { facts: () => ({ attributes: {}, vars: {}, steps: {} }), onApprove: '', waiting: () => undefined };

export class ApprovalDesk {
  private readonly run: ApprovalRun;
  private readonly steps = new Map<string, OpenStep>();
  private readonly visits = new Map<string, number>();
  private excluded: Map<string, string> | undefined;
  private excluding: Promise<Map<string, string>> | undefined;
  private seq = 0;

  constructor(run: ApprovalRun) {
    this.run = run;
  }

  /** Registers the decide and delegate Updates; call before the workflow's first await. */
  listen(): void {
    setHandler(decideUpdate, (d) => applyDecision(this.steps, d), { validator: (d: DecisionInput) => checkDecision(this.steps, this.excluded, d) });
    setHandler(delegateUpdate, (d) => applyDelegation(this.steps, this.excluded, d), { validator: (d: DelegationInput) => checkDelegation(this.steps, this.excluded, d) });
  }

  /** The open approvals, for the run's status query. */
  open(): OpenApproval[] {
    return [...this.steps.values()].flatMap(openView);
  }

  /** The executor's approval: the legacy step for histories from before approval-v2, the staged one otherwise. */
  async approval(node: CompiledNodeOf<'approval'>, approvers: string[], context: ApprovalContext | undefined): Promise<ApprovalResult> {
    if (!patched('approval-v2')) return this.legacyApproval(node, approvers, context ?? noContext);
    return this.staged(node, context ?? noContext);
  }

  private async legacyApproval(node: CompiledNodeOf<'approval'>, approvers: string[], context: ApprovalContext): Promise<ApprovalResult> {
    const pending: LegacyStep = {
      kind: 'legacy',
      nodeId: node.id,
      approvers,
      openedAt: new Date().toISOString(),
      decisions: [],
      ...(node.data.question !== undefined ? { question: node.data.question } : {}),
    };
    const timeout = node.data.timeout ? durationMs(node.data.timeout) : undefined;
    if (timeout !== undefined) pending.deadline = new Date(Date.now() + timeout).toISOString();
    this.steps.set(node.id, pending);
    context.waiting(approvers, pending.deadline !== undefined ? new Date(pending.deadline) : undefined);
    try {
      const isDecided = () => pending.decisions.length > 0;
      const decided = timeout === undefined ? (await condition(isDecided), true) : await condition(isDecided, timeout);
      const first = pending.decisions[0];
      if (!decided || !first) return { outcome: 'timeout', decisions: [] };
      return { outcome: first.decision === 'approve' ? 'approved' : 'rejected', decisions: pending.decisions };
    } finally {
      this.steps.delete(node.id);
    }
  }

  private exclusions(): Promise<Map<string, string>> {
    this.excluding ??= excludedDeciders(this.run.employeeId, this.run.requestedBy, lookups).then((m) => {
      this.excluded = m;
      return m;
    });
    return this.excluding;
  }

  private async staged(node: CompiledNodeOf<'approval'>, context: ApprovalContext): Promise<ApprovalResult> {
    const visit = (this.visits.get(node.id) ?? 0) + 1;
    this.visits.set(node.id, visit);
    const step: StagedStep = {
      kind: 'staged',
      node,
      id: `${this.run.runId}:${node.id}`,
      visit,
      stages: approvalStages(node.data),
      stage: undefined,
      decisions: [],
      everSeated: [],
      openedAt: new Date(),
      version: 0,
      closed: false,
      notes: [],
      projected: false,
      context,
    };
    this.steps.set(node.id, step);
    try {
      const excluded = await this.exclusions();
      let outcome: ApprovalOutcome = 'approved';
      for (const [i, config] of step.stages.entries()) {
        const verdict = await this.runStage(step, config, i + 1, excluded);
        if (verdict !== 'approved') {
          outcome = verdict;
          break;
        }
      }
      step.outcome = outcome;
      return { outcome, decisions: step.decisions, approvers: step.everSeated };
    } catch (error) {
      step.outcome = isCancellation(error) ? 'cancelled' : 'failed';
      throw error;
    } finally {
      step.closed = true;
      this.steps.delete(node.id);
      // The inbox must drop the item even when the branch was cancelled.
      if (step.projected) await CancellationScope.nonCancellable(() => this.project(step));
    }
  }

  private async resolve(step: StagedStep, rules: readonly (Approver | EscalationTarget)[], options: ResolveOptions, excluded: Map<string, string>): Promise<Resolution> {
    try {
      return await resolveApprovers(rules, { ...step.context.facts(), now: new Date(), random: () => Math.random(), excluded }, lookups, options);
    } catch (error) {
      if (error instanceof NoApprovers || error instanceof ApproverRuleError) throw ApplicationFailure.nonRetryable(error.message, error.name);
      throw error;
    }
  }

  private async runStage(step: StagedStep, config: ApprovalStage, number: number, excluded: Map<string, string>): Promise<'approved' | 'rejected' | 'timeout'> {
    const openedAt = new Date();
    const minimum = config.mode === 'quorum' ? (config.quorum ?? 1) : 1;
    const resolution = await this.resolve(step, config.approvers, { fallback: step.node.data.fallback, minimum }, excluded);
    const deadline = config.deadline ? deadlineAt(openedAt, config.deadline) : undefined;
    const stage: Stage = {
      number,
      config,
      seats: resolution.seats,
      decisions: [],
      openedAt,
      deadline,
      reminders: remindersFrom(openedAt, config, deadline),
      remindersSent: 0,
      level: 0,
      noticed: new Set(),
      noticeKind: new Map(),
    };
    step.stage = stage;
    seatOnce(step, resolution.seats);
    noteOnce(step, ...resolution.notes);
    step.context.waiting(pendingOf(stage), stage.deadline);
    for (;;) {
      // Read before settling: a decision or delegation that arrives while the projection is written
      // wakes the loop at once, so the inbox never keeps showing it as pending.
      const seen = step.version;
      await this.settle(step, stage, excluded);
      const verdict = verdictOf(stage);
      if (verdict !== 'pending') return verdict;
      const due = [stage.reminders[0], stage.deadline].filter((d) => d !== undefined).sort((a, b) => a.getTime() - b.getTime())[0];
      const woken = due === undefined ? (await condition(() => step.version !== seen), true) : await condition(() => step.version !== seen, Math.max(1, due.getTime() - Date.now()));
      if (woken) continue;
      const now = Date.now();
      if (stage.deadline !== undefined && stage.deadline.getTime() <= now) {
        const action = this.deadlineAction(stage);
        if (action === 'escalate' && (await this.escalate(step, stage, excluded))) continue;
        const final = action === 'escalate' ? (config.escalation?.then ?? 'timeout') : action;
        if (final === 'timeout') {
          noteOnce(step, `stage ${number} had no decision by its deadline`);
          return 'timeout';
        }
        const automatic: ApprovalDecision = {
          approver: 'tenure',
          decision: final,
          at: new Date().toISOString(),
          comment: `${final === 'approve' ? 'approved' : 'rejected'} automatically: no decision by the deadline`,
          stage: number,
          via: 'deadline',
        };
        stage.decisions.push(automatic);
        step.decisions.push(automatic);
        return final === 'approve' ? 'approved' : 'rejected';
      }
      const reminder = stage.reminders[0];
      if (reminder !== undefined && reminder.getTime() <= now) {
        stage.reminders.shift();
        stage.remindersSent++;
        await this.send(step, stage, 'reminder', pendingOf(stage), `reminder${stage.remindersSent}`);
      }
    }
  }

  private deadlineAction(stage: Stage): 'escalate' | 'timeout' | 'approve' | 'reject' {
    const c = stage.config;
    if (c.onDeadline !== 'escalate') return c.onDeadline;
    return stage.level < (c.escalation?.levels ?? 1) ? 'escalate' : (c.escalation?.then ?? 'timeout');
  }

  /** Seats the escalation's targets in place of those who did not answer; false when it found no one. */
  private async escalate(step: StagedStep, stage: Stage, excluded: Map<string, string>): Promise<boolean> {
    const undecided = pendingOf(stage);
    const decided = stage.seats.filter((s) => !undecided.includes(s.userId));
    let resolution: Resolution;
    try {
      resolution = await this.resolve(step, stage.config.escalation?.to ?? [{ kind: 'approversManager' }], { fallback: step.node.data.fallback, undecided, seated: decided.map((s) => s.userId) }, excluded);
    } catch (error) {
      if (error instanceof ApplicationFailure && error.type === 'NoApprovers') {
        noteOnce(step, `stage ${stage.number} could not be escalated: ${error.message}`);
        return false;
      }
      throw error;
    }
    const now = new Date();
    stage.level++;
    stage.seats = [...decided, ...resolution.seats];
    stage.deadline = stage.config.deadline ? deadlineAt(now, stage.config.deadline) : undefined;
    stage.reminders = remindersFrom(now, stage.config, stage.deadline);
    for (const s of resolution.seats) {
      stage.noticed.delete(s.userId);
      stage.noticeKind.set(s.userId, 'escalation');
    }
    seatOnce(step, resolution.seats);
    noteOnce(step, ...resolution.notes, `stage ${stage.number} escalated to ${resolution.seats.map((s) => s.userId).join(', ')}: ${undecided.join(', ')} did not answer by the deadline`);
    return true;
  }

  /** Projects the step to the inbox, applies delegations the projection reports, emails whoever is newly seated. */
  private async settle(step: StagedStep, stage: Stage, excluded: Map<string, string>): Promise<void> {
    for (let round = 0; round < 3; round++) {
      const { delegations } = await this.project(step);
      let moved = false;
      for (const [from, to] of Object.entries(delegations)) {
        if (!pendingOf(stage).includes(from)) continue;
        const result = moveSeat(stage, from, to, excluded);
        if (result.moved) {
          moved = true;
          seatOnce(step, [{ userId: to }]);
        } else noteOnce(step, result.reason);
      }
      if (!moved) break;
    }
    const fresh = pendingOf(stage).filter((u) => !stage.noticed.has(u));
    for (const kind of ['request', 'escalation'] satisfies NoticeKind[]) {
      const recipients = fresh.filter((u) => (stage.noticeKind.get(u) ?? 'request') === kind);
      if (recipients.length > 0) await this.send(step, stage, kind, recipients, kind);
    }
    step.context.waiting(pendingOf(stage), stage.deadline);
  }

  private async project(step: StagedStep): Promise<{ delegations: Record<string, string> }> {
    const result = await directory['approvals.project'](this.item(step));
    step.projected = true;
    return result;
  }

  private async send(step: StagedStep, stage: Stage, kind: NoticeKind, recipients: string[], label: string): Promise<void> {
    for (const r of recipients) stage.noticed.add(r);
    const notify = step.node.data.notify;
    if (notify === undefined || recipients.length === 0) return;
    try {
      const result = await mail['approvals.notify']({
        kind,
        connectionId: notify.connectionId,
        linkValidity: notify.linkValidity,
        item: this.item(step),
        recipients,
        key: `${step.id}:v${step.visit}:s${stage.number}:l${stage.level}:${label}`,
      });
      noteOnce(step, ...result.skipped.map((s) => `no ${kind} email for ${s.userId}: ${s.reason}`));
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      const cause = error.cause instanceof Error ? error.cause.message : error.message;
      noteOnce(step, `the ${kind} email to ${recipients.join(', ')} could not be sent: ${cause}`);
    }
  }

  private item(step: StagedStep): InboxItem {
    return inboxItem(step, this.run, workflowInfo().workflowId, ++this.seq);
  }
}
