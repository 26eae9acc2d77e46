/**
 * The shapes of the API's answers, as the designer reads them. Loose where the server may add
 * fields; definitions stay as the JSON the server keeps, since the canvas edits that JSON directly.
 */
import { z } from 'zod';

export const nodeTypes = ['start', 'action', 'decision', 'wait', 'approval', 'parallel', 'join', 'end'] as const;
export type FlowNodeType = (typeof nodeTypes)[number];

export const problemSchema = z.object({ path: z.string(), message: z.string(), nodeId: z.string().optional(), edgeId: z.string().optional() });
export type ProblemView = z.infer<typeof problemSchema>;

/** POST /api/definitions/validate: what publishing the draft would refuse, connections included. */
export const validationAnswerSchema = z.object({ valid: z.boolean(), problems: z.array(problemSchema) });

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(problemSchema).optional() }),
});

const record = z.record(z.string(), z.unknown());

export const catalogActionSchema = z.object({
  id: z.string(),
  label: z.string(),
  description: z.string(),
  category: z.string(),
  connector: z.string(),
  undoable: z.boolean(),
  secretInputs: z.array(z.string()).default([]),
  input: record,
  output: record,
});
export type CatalogAction = z.infer<typeof catalogActionSchema>;
export const catalogSchema = z.object({ actions: z.array(catalogActionSchema) });

export const draftNodeSchema = z.object({
  id: z.string(),
  type: z.enum(nodeTypes),
  position: z.object({ x: z.number(), y: z.number() }),
  data: record,
});
export const draftEdgeSchema = z.object({
  id: z.string(),
  source: z.string(),
  sourceHandle: z.string().nullish(),
  target: z.string(),
  targetHandle: z.string().nullish(),
});
export const draftSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  lifecycle: z.string(),
  trigger: record.optional(),
  nodes: z.array(draftNodeSchema),
  edges: z.array(draftEdgeSchema),
  viewport: z.object({ x: z.number(), y: z.number(), zoom: z.number() }).optional(),
});
export type Draft = z.infer<typeof draftSchema>;

export const storedDefinitionSchema = z.object({
  id: z.string(),
  version: z.number(),
  latestRevision: z.number().nullable(),
  definition: draftSchema,
  problems: z.array(problemSchema).default([]),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type StoredDefinitionView = z.infer<typeof storedDefinitionSchema>;

export const definitionListSchema = z.object({
  definitions: z.array(
    z.object({ id: z.string(), name: z.string(), lifecycle: z.string(), version: z.number(), latestRevision: z.number().nullable(), updatedAt: z.string(), updatedBy: z.string() }),
  ),
});
export type DefinitionSummary = z.infer<typeof definitionListSchema>['definitions'][number];

export const revisionSchema = z.object({ definitionId: z.string(), number: z.number(), hash: z.string(), publishedAt: z.string(), publishedBy: z.string() });
export type RevisionView = z.infer<typeof revisionSchema>;
export const revisionListSchema = z.object({ revisions: z.array(revisionSchema) });
export const publishAnswerSchema = z.object({ revision: revisionSchema, created: z.boolean() });

export const nodeStateSchema = z.object({
  /** pending, running, waiting, done, failed, skipped (kept open: a newer server may add one). */
  status: z.string(),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  handle: z.string().optional(),
  visits: z.number().optional(),
  error: z.string().optional(),
  waitingUntil: z.string().optional(),
  waitingFor: z.array(z.string()).optional(),
  /** A failed action step held for an operator to retry or skip, instead of failing the run. */
  awaitingOperator: z.boolean().optional(),
});
export type NodeStateView = z.infer<typeof nodeStateSchema>;

export const conditionTraceSchema = z.object({
  fact: z.string(),
  path: z.string().optional(),
  operator: z.string(),
  // A missing fact (or a JSON-less value) is simply absent from the answer.
  value: z.unknown().optional(),
  factValue: z.unknown().optional(),
  result: z.boolean(),
});
export type ConditionTraceView = z.infer<typeof conditionTraceSchema>;

export const traceEntrySchema = z.object({
  nodeId: z.string(),
  at: z.string(),
  handle: z.string().optional(),
  rules: z.array(z.object({ outcome: z.string(), matched: z.boolean(), conditions: z.array(conditionTraceSchema) })).optional(),
  input: record.optional(),
  output: z.unknown().optional(),
  error: z.string().optional(),
  until: z.string().optional(),
  approvers: z.array(z.string()).optional(),
  decisions: z.array(z.object({ approver: z.string(), decision: z.string(), comment: z.string().optional(), at: z.string() })).optional(),
});
export type TraceEntryView = z.infer<typeof traceEntrySchema>;

export const operationSchema = z.object({ nodeId: z.string(), action: z.string(), connectionId: z.string().optional(), input: record });
export type OperationView = z.infer<typeof operationSchema>;

export const simulationSchema = z.object({
  /** running, succeeded, failed, cancelled. */
  outcome: z.string(),
  error: z.string().optional(),
  path: z.array(z.string()),
  nodes: z.record(z.string(), nodeStateSchema),
  trace: z.array(traceEntrySchema),
  operations: z.array(operationSchema),
  vars: record,
  problems: z.array(problemSchema),
  startedAt: z.string(),
  trigger: z.object({
    eventMatches: z.boolean().nullable(),
    scope: z.object({ matched: z.boolean(), conditions: z.array(conditionTraceSchema) }).nullable(),
    changeMatches: z.boolean().nullable(),
    wouldStart: z.boolean(),
  }),
  revision: z.object({ definitionId: z.string(), number: z.number(), hash: z.string(), definition: draftSchema }).optional(),
});
export type SimulationView = z.infer<typeof simulationSchema>;

export const openApprovalSchema = z.object({
  nodeId: z.string(),
  approvers: z.array(z.string()),
  question: z.string().optional(),
  openedAt: z.string(),
  deadline: z.string().optional(),
});

export const runRecordSchema = z.object({
  id: z.string(),
  workflowId: z.string(),
  definitionId: z.string(),
  revision: z.number(),
  employeeId: z.string(),
  requestedBy: z.string(),
  startedAt: z.string(),
});

/** An activity of the run in progress (Temporal's pending activity): a step's attempt, last error and next retry. */
export const activityAttemptSchema = z.object({
  /** The step it belongs to; null for the run's own work, or when two running steps could have scheduled it. */
  nodeId: z.string().nullable(),
  activityType: z.string(),
  /** scheduled (waiting for a worker or its next retry), started, … (kept open). */
  state: z.string(),
  attempt: z.number(),
  maximumAttempts: z.number().nullable(),
  lastError: z.object({ message: z.string(), type: z.string().optional() }).nullable(),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export type ActivityAttemptView = z.infer<typeof activityAttemptSchema>;

export const runViewSchema = z.object({
  run: runRecordSchema,
  workflowStatus: z.string(),
  closedAt: z.string().nullable(),
  /** running, succeeded, failed, cancelled. */
  outcome: z.string(),
  nodes: z.record(z.string(), nodeStateSchema),
  trace: z.array(traceEntrySchema),
  vars: record,
  openApprovals: z.array(openApprovalSchema).default([]),
  error: z.string().optional(),
  activities: z.array(activityAttemptSchema).default([]),
});
export type RunView = z.infer<typeof runViewSchema>;

export const runListSchema = z.object({
  runs: z.array(runRecordSchema.extend({ workflowStatus: z.string(), closedAt: z.string().nullable() })),
  nextCursor: z.string().nullable(),
});
export type RunListItem = z.infer<typeof runListSchema>['runs'][number];

export const startedRunsSchema = z.object({ runs: z.array(z.object({ id: z.string(), employeeId: z.string(), revision: z.number() })) });

export const approvalItemSchema = z.object({
  id: z.string(),
  runId: z.string(),
  nodeId: z.string(),
  employeeId: z.string(),
  definitionId: z.string(),
  question: z.string().optional(),
  approvers: z.array(z.string()),
  openedAt: z.string(),
  deadline: z.string().optional(),
});
export type ApprovalItem = z.infer<typeof approvalItemSchema>;
export const approvalListSchema = z.object({ approvals: z.array(approvalItemSchema.loose()) });
export const decisionAnswerSchema = z.object({ approval: z.string(), outcome: z.string() }).loose();

export const connectionListSchema = z.object({ connections: z.array(z.object({ id: z.string(), kind: z.string(), name: z.string() }).loose()) });

export const resolveAnswerSchema = z.object({}).loose();

export const personViewSchema = z.object({
  source: z.string(),
  employeeId: z.string(),
  /** Absent until an HR event sets one. */
  state: z.string().nullish(),
  attributes: record,
  timeline: z.array(
    z.object({ at: z.string(), kind: z.string(), message: z.string(), eventId: z.string().optional(), runId: z.string().optional(), definitionId: z.string().optional() }).loose(),
  ),
  runs: z.array(
    z.object({ runId: z.string(), definitionId: z.string(), revision: z.number(), lifecycle: z.string(), eventType: z.string(), startedAt: z.string(), status: z.string() }).loose(),
  ),
  scheduled: z.array(z.object({ definitionId: z.string(), dateAttribute: z.string(), offsetDays: z.number() }).loose()),
  /** Absent from people whose workflow started before linked accounts were kept. */
  accounts: z
    .record(z.string(), z.object({ connectionId: z.string(), kind: z.string(), id: z.string(), status: z.string(), runId: z.string(), action: z.string(), at: z.string() }).loose())
    .default({}),
});
export type PersonView = z.infer<typeof personViewSchema>;
