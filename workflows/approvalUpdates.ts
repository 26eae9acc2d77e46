/**
 * The decide and delegate Updates of a run's approval steps. Validators refuse before anything is
 * recorded (refused Updates never enter the history) and say why in a typed failure the API maps
 * to a 4xx: a decision from someone not seated, a second decision by the same approver, a decision
 * for a stage or step that closed, anything that would let the person concerned or the requester
 * decide. Handlers then change the step's state and wake its loop.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import type { ApprovalDecision } from './dsl/index.ts';
import { moveSeat, noteOnce, pendingOf, seatOnce, verdictOf, type OpenStep, type Stage, type StagedStep } from './approvalSteps.ts';
import type { ApprovalRefusal, DecisionInput, DecisionResult, DelegationInput, DelegationResult } from './messages.ts';

const refuse = (type: ApprovalRefusal, message: string) => ApplicationFailure.nonRetryable(message, type);

export function checkDecision(steps: ReadonlyMap<string, OpenStep>, excluded: ReadonlyMap<string, string> | undefined, d: DecisionInput): void {
  const step = steps.get(d.nodeId);
  if (!step) throw refuse('ApprovalClosed', `step "${d.nodeId}" is not waiting for a decision`);
  if (step.kind === 'legacy') {
    if (!step.approvers.includes(d.approver)) throw refuse('NotAnApprover', `${d.approver} is not an approver of step "${d.nodeId}"`);
    if (step.decisions.length > 0) throw refuse('ApprovalClosed', `step "${d.nodeId}" has already been decided`);
    return;
  }
  const reason = excluded?.get(d.approver);
  if (reason !== undefined) throw refuse('SelfApproval', `${reason}: nobody approves their own change`);
  const stage = step.stage;
  if (step.closed) throw refuse('ApprovalClosed', `step "${d.nodeId}" is not waiting for a decision`);
  if (!stage) throw refuse('ApprovalClosed', `step "${d.nodeId}" is still choosing its approvers; try again in a moment`);
  if (d.stage !== undefined && d.stage !== stage.number) throw refuse('ApprovalClosed', `stage ${d.stage} of step "${d.nodeId}" has closed; the step is at stage ${stage.number} of ${step.stages.length}`);
  if (verdictOf(stage) !== 'pending') throw refuse('ApprovalClosed', `step "${d.nodeId}" has already been decided`);
  if (!stage.seats.some((s) => s.userId === d.approver)) throw refuse('NotAnApprover', `${d.approver} is not an approver of step "${d.nodeId}"`);
  if (stage.decisions.some((x) => x.approver === d.approver)) throw refuse('AlreadyDecided', `${d.approver} has already decided step "${d.nodeId}"`);
}

/** Records a decision the validator accepted; answers where the stage stands now. */
export function applyDecision(steps: ReadonlyMap<string, OpenStep>, d: DecisionInput): DecisionResult {
  const step = steps.get(d.nodeId);
  if (!step) throw ApplicationFailure.nonRetryable('decided', 'ApprovalClosed');
  const at = new Date().toISOString();
  if (step.kind === 'legacy') {
    step.decisions.push({ approver: d.approver, decision: d.decision, at, ...(d.comment !== undefined ? { comment: d.comment } : {}) });
    return { nodeId: d.nodeId, outcome: d.decision === 'approve' ? 'approved' : 'rejected' };
  }
  const stage = step.stage;
  if (!stage) throw refuse('ApprovalClosed', `step "${d.nodeId}" is still choosing its approvers`);
  const onBehalfOf = stage.seats.find((s) => s.userId === d.approver)?.onBehalfOf;
  const decision: ApprovalDecision = {
    approver: d.approver,
    decision: d.decision,
    at,
    stage: stage.number,
    ...(d.comment !== undefined ? { comment: d.comment } : {}),
    ...(onBehalfOf !== undefined ? { onBehalfOf } : {}),
    ...(d.via !== undefined ? { via: d.via } : {}),
  };
  stage.decisions.push(decision);
  step.decisions.push(decision);
  step.version++;
  return { nodeId: d.nodeId, outcome: verdictOf(stage), stage: stage.number };
}

function openStages(steps: ReadonlyMap<string, OpenStep>): [StagedStep, Stage][] {
  return [...steps.values()].flatMap((s) => (s.kind === 'staged' && !s.closed && s.stage !== undefined ? [[s, s.stage] satisfies [StagedStep, Stage]] : []));
}

export function checkDelegation(steps: ReadonlyMap<string, OpenStep>, excluded: ReadonlyMap<string, string> | undefined, d: DelegationInput): void {
  if (d.from === d.to) throw refuse('NothingToDelegate', `${d.from} cannot delegate to themselves`);
  const reason = excluded?.get(d.to);
  if (reason !== undefined) throw refuse('SelfApproval', `${reason}, so they cannot decide for ${d.from} on this run`);
  if (!openStages(steps).some(([, stage]) => pendingOf(stage).includes(d.from))) throw refuse('NothingToDelegate', `${d.from} has no open approval on this run`);
}

/** Moves every undecided seat of `from` in this run to `to`. */
export function applyDelegation(steps: ReadonlyMap<string, OpenStep>, excluded: ReadonlyMap<string, string> | undefined, d: DelegationInput): DelegationResult {
  const result: DelegationResult = { moved: [], kept: [] };
  for (const [step, stage] of openStages(steps)) {
    if (!pendingOf(stage).includes(d.from)) continue;
    const moved = moveSeat(stage, d.from, d.to, excluded ?? new Map<string, string>());
    if (moved.moved) {
      seatOnce(step, [{ userId: d.to }]);
      noteOnce(step, `${d.from} delegated to ${d.to}`);
      step.version++;
      result.moved.push(step.node.id);
    } else {
      noteOnce(step, moved.reason);
      result.kept.push({ nodeId: step.node.id, reason: moved.reason });
    }
  }
  return result;
}
