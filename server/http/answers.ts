/**
 * The answers clients read field by field — a stored draft, a run's status, a dry run, a person, the
 * action catalog — declared in full, so the OpenAPI document says what the designer reads and the
 * designer's types (designer/src/api/openapi.ts, generated from the document) can hold it to that.
 * Each mirrors the type the server answers with (workflows/dsl/status.ts, workflows/messages.ts,
 * workflows/dsl/simulate.ts, workflows/personMessages.ts); the serializer checks every answer
 * against these as it is sent, so a field declared here is a field the answer has.
 *
 * Objects stay open (`looseObject`, see responses.ts) and free-form values (attributes, step inputs
 * and outputs, rule values) stay `unknown`: they are the person's and the definition's data, not API.
 * Stored drafts and people are read back from the database, where older versions may have left
 * fewer fields: what such a record can lack is optional.
 */
import { z } from 'zod';
import { nodeSchemaUnion, nodeStatuses } from '../../workflows/dsl/index.ts';

const timestamp = z.string().describe('ISO 8601');
const record = z.record(z.string(), z.unknown());

export const problemAnswer = z.looseObject({ path: z.string(), message: z.string(), nodeId: z.string().optional(), edgeId: z.string().optional() });

/** A draft as stored: it passed the definition schema when it was saved, and the canvas reads its JSON as it is. */
export const storedDraftAnswer = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  lifecycle: z.string(),
  trigger: record.optional(),
  nodes: z.array(
    z.looseObject({
      id: z.string(),
      type: z.enum(nodeSchemaUnion.options.flatMap((o) => [...o.shape.type.values])),
      position: z.looseObject({ x: z.number(), y: z.number() }),
      data: record,
    }),
  ),
  edges: z.array(z.looseObject({ id: z.string(), source: z.string(), sourceHandle: z.string().nullish(), target: z.string(), targetHandle: z.string().nullish() })),
  viewport: z.looseObject({ x: z.number(), y: z.number(), zoom: z.number() }).optional(),
});

/** GET /api/actions: each action's declaration, with its input and output as JSON Schema. */
export const catalogActionAnswer = z.looseObject({
  id: z.string(),
  label: z.string(),
  description: z.string(),
  category: z.string(),
  connector: z.string(),
  undoable: z.boolean(),
  /** The inputs whose values are secrets (redacted in traces, never shown back). */
  secretInputs: z.array(z.string()),
  input: record,
  output: record,
});

/** NodeState (workflows/dsl/status.ts). */
const nodeStateAnswer = z.looseObject({
  status: z.enum(nodeStatuses),
  startedAt: timestamp.optional(),
  endedAt: timestamp.optional(),
  handle: z.string().optional(),
  visits: z.number().int().optional(),
  error: z.string().optional(),
  awaitingOperator: z.boolean().optional(),
  waitingUntil: timestamp.optional(),
  waitingFor: z.array(z.string()).optional(),
});

/** ConditionTrace (workflows/dsl/rules.ts): a missing fact is absent from the answer. */
const conditionTraceAnswer = z.looseObject({
  fact: z.string(),
  path: z.string().optional(),
  operator: z.string(),
  value: z.unknown().optional(),
  factValue: z.unknown().optional(),
  result: z.boolean(),
});

/** TraceEntry (workflows/dsl/status.ts). */
const traceEntryAnswer = z.looseObject({
  nodeId: z.string(),
  at: timestamp,
  handle: z.string().optional(),
  rules: z.array(z.looseObject({ outcome: z.string(), matched: z.boolean(), conditions: z.array(conditionTraceAnswer) })).optional(),
  action: z.string().optional(),
  connectionId: z.string().optional(),
  input: record.optional(),
  output: z.unknown().optional(),
  error: z.string().optional(),
  until: timestamp.optional(),
  approvers: z.array(z.string()).optional(),
  decisions: z
    .array(z.looseObject({ approver: z.string(), decision: z.enum(['approve', 'reject']), comment: z.string().optional(), at: timestamp, stage: z.number().int().optional() }))
    .optional(),
});

const runOutcome = z.enum(['running', 'succeeded', 'failed', 'cancelled']);

/** RunStatus (workflows/dsl/status.ts): what a run, or a dry run, reports about itself. */
const runStatusFields = {
  outcome: runOutcome,
  nodes: z.record(z.string(), nodeStateAnswer),
  trace: z.array(traceEntryAnswer),
  vars: record,
  error: z.string().optional(),
};

/** OpenApproval (workflows/messages.ts). */
const openApprovalAnswer = z.looseObject({
  nodeId: z.string(),
  approvers: z.array(z.string()),
  question: z.string().optional(),
  openedAt: timestamp,
  deadline: timestamp.optional(),
});

export const runRecordAnswer = z.looseObject({
  id: z.string(),
  workflowId: z.string(),
  definitionId: z.string(),
  revision: z.number().int(),
  employeeId: z.string(),
  requestedBy: z.string(),
  startedAt: timestamp,
});

/** GET /api/runs/:id: the run's record, Temporal's view of it and the run's own status (LifecycleRunStatus). */
export const runViewFields = {
  run: runRecordAnswer,
  workflowStatus: z.string(),
  closedAt: timestamp.nullable(),
  ...runStatusFields,
  openApprovals: z.array(openApprovalAnswer),
};

/** POST /api/simulate: SimulationResult (workflows/dsl/simulate.ts) with the trigger check and the revision it ran. */
export const simulationAnswer = z.looseObject({
  ...runStatusFields,
  path: z.array(z.string()),
  operations: z.array(z.looseObject({ nodeId: z.string(), action: z.string(), connectionId: z.string().optional(), input: record })),
  problems: z.array(problemAnswer),
  startedAt: timestamp,
  employeeId: z.string().optional(),
  trigger: z.looseObject({
    eventMatches: z.boolean().nullable(),
    scope: z.looseObject({ matched: z.boolean(), conditions: z.array(conditionTraceAnswer) }).nullable(),
    changeMatches: z.boolean().nullable(),
    wouldStart: z.boolean(),
  }),
  /** Only when a published revision ran: the draft it was published from, layout included. */
  revision: z.looseObject({ definitionId: z.string(), number: z.number().int(), hash: z.string(), definition: storedDraftAnswer }).optional(),
});

/** GET /api/people/:employeeId: the snapshot the person workflow recorded (PersonState, workflows/personMessages.ts). */
export const personFields = {
  source: z.string(),
  employeeId: z.string(),
  /** Absent until an HR event sets one. */
  state: z.string().nullish(),
  attributes: record,
  timeline: z.array(
    z.looseObject({ at: timestamp, kind: z.string(), message: z.string(), eventId: z.string().optional(), runId: z.string().optional(), definitionId: z.string().optional(), nodeId: z.string().optional() }),
  ),
  runs: z.array(
    z.looseObject({ runId: z.string(), definitionId: z.string(), revision: z.number().int(), lifecycle: z.string(), eventType: z.string(), startedAt: timestamp, status: z.string() }),
  ),
  scheduled: z.array(z.looseObject({ definitionId: z.string(), dateAttribute: z.string(), offsetDays: z.number().int() })),
  /** The person's account in each target, by connection id; absent from people whose workflow started before accounts were kept. */
  accounts: z
    .record(z.string(), z.looseObject({ connectionId: z.string(), kind: z.string(), id: z.string(), status: z.string(), runId: z.string(), action: z.string(), at: timestamp }))
    .optional(),
};
