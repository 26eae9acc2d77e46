/**
 * What the approval step sends its activities, shared by the workflow (as types only), the
 * activities and the app database: the inbox item (a projection of the step's state, which the
 * workflow keeps as the source of truth) and the notification request.
 */
import type { ApprovalDecision, ApprovalMode, ApprovalOutcome, Duration } from '../../workflows/dsl/index.ts';

export interface InboxItem {
  /** `<runId>:<nodeId>`: the id the inbox and the decision API use. */
  id: string;
  runId: string;
  workflowId: string;
  nodeId: string;
  definitionId: string;
  revision: number;
  employeeId: string;
  requestedBy: string;
  /** The person the change is about, as the approver should recognise them. */
  person: { employeeId: string; displayName?: string };
  /** The step's label. */
  step: string;
  question?: string;
  /** What approving will do. */
  onApprove: string;
  /** The current stage, 1-based, of `stages`. */
  stage: number;
  stages: number;
  stageLabel?: string;
  mode: ApprovalMode;
  quorum?: number;
  /** Everyone the current stage is assigned to. */
  approvers: string[];
  /** Those of `approvers` who have not answered. */
  pending: string[];
  /** Delegates, with the approver each decides for. */
  onBehalfOf: Record<string, string>;
  decisions: ApprovalDecision[];
  openedAt: string;
  stageOpenedAt: string;
  deadline?: string;
  status: 'open' | 'closed';
  outcome?: ApprovalOutcome | 'failed' | 'cancelled';
  notes: string[];
  /** Increases with every projection of the run's approvals: a late retry never overwrites newer state. */
  seq: number;
}

export type NoticeKind = 'request' | 'reminder' | 'escalation';

export interface NotifyInput {
  kind: NoticeKind;
  connectionId: string;
  /** How long the links in the email work. */
  linkValidity: Duration;
  item: InboxItem;
  recipients: string[];
  /** Names this notice (visit, stage, escalation level, reminder number): a retry sends nobody the same notice twice. */
  key: string;
}

export interface NotifyResult {
  sent: string[];
  skipped: { userId: string; reason: string }[];
}
