/**
 * When a stage of approval is decided: the counting rule of each mode, kept pure so the workflow,
 * the update validator (which must answer "already decided" before the run has moved on) and the
 * tests all count the same way.
 */
import type { ApprovalMode } from './approval.ts';

export type StageVerdict = 'approved' | 'rejected' | 'pending';

export interface CastDecision {
  approver: string;
  decision: 'approve' | 'reject';
}

/**
 * `seated` is everyone the stage is assigned to right now, whether they answered or not (someone
 * who answered stays seated through delegation and escalation).
 * - any: the first answer decides.
 * - all: every seated approver must approve; one rejection rejects.
 * - quorum: `quorum` approvals approve; it rejects once so many rejected that the quorum is out of reach.
 */
export function tallyStage(mode: ApprovalMode, quorum: number | undefined, seated: readonly string[], decisions: readonly CastDecision[]): StageVerdict {
  const first = decisions[0];
  if (mode === 'any') return first === undefined ? 'pending' : first.decision === 'approve' ? 'approved' : 'rejected';
  const approvedBy = new Set(decisions.filter((d) => d.decision === 'approve').map((d) => d.approver));
  const answered = new Set(decisions.map((d) => d.approver));
  if (mode === 'all') {
    if (decisions.some((d) => d.decision === 'reject')) return 'rejected';
    return seated.length > 0 && seated.every((s) => approvedBy.has(s)) ? 'approved' : 'pending';
  }
  const needed = quorum ?? 1;
  if (approvedBy.size >= needed) return 'approved';
  const undecided = seated.filter((s) => !answered.has(s)).length;
  return approvedBy.size + undecided < needed ? 'rejected' : 'pending';
}
