/**
 * What each API route answers when it succeeds: one entry per route (`'METHOD /path/:param'` as in
 * access.ts), one schema per status. server/http/openapi.ts attaches them to the routes as they
 * register, so the OpenAPI document lists them and the serializer checks every answer against its
 * schema as it is sent; the error envelope of every route comes from there too. The OpenAPI test
 * fails for an API route with no entry, and the contract fuzzer (test/contract/) fails for an
 * answer whose status or body is not declared here.
 *
 * Records (a definition, a run, an import…) are declared with the fields clients rely on and stay
 * open (`looseObject`): the serializer strips what a closed schema does not name, so a closed
 * schema that missed a field would silently drop it from the answer.
 */
import { z } from 'zod';
import { connectorKinds } from '../../workflows/dsl/index.ts';
import { operatorActions } from '../../workflows/messages.ts';
import { activityAttemptSchema } from '../temporal/stepAttempts.ts';
import { catalogActionAnswer, personFields, problemAnswer, runRecordAnswer, runViewFields, simulationAnswer, storedDraftAnswer } from './answers.ts';
import { errorBodySchema } from './errors.ts';

/** A response in a media type other than JSON: the body is text the route renders itself. */
const text = (mediaType: string, description: string) => ({ description, content: { [mediaType]: { schema: z.string() } } });
/** No body (204, and redirects). */
const empty = z.null().describe('no body');
/** Browser-facing routes answer a refusal as a page, or in the error envelope (bad input, an API client). */
const pageOrError = { description: 'an HTML page for a browser, or the error envelope', content: { 'text/html': { schema: z.string() }, 'application/json': { schema: errorBodySchema } } };

const timestamp = z.string().describe('ISO 8601');
const nullableTimestamp = timestamp.nullable();
const problem = problemAnswer;

const storedDefinition = z.looseObject({
  id: z.string(),
  version: z.number().int(),
  definition: storedDraftAnswer,
  latestRevision: z.number().int().nullable(),
  createdAt: timestamp,
  createdBy: z.string(),
  updatedAt: timestamp,
  updatedBy: z.string(),
  problems: z.array(problem),
});
const revision = z.looseObject({ definitionId: z.string(), number: z.number().int(), hash: z.string(), publishedAt: timestamp, publishedBy: z.string() });

const runRecord = runRecordAnswer;
const runView = z.looseObject({
  ...runViewFields,
  /** Temporal's pending activities: a running step's attempt, last error and next retry. */
  activities: z.array(activityAttemptSchema),
});

const approvalEntry = z.looseObject({
  id: z.string(),
  runId: z.string(),
  nodeId: z.string(),
  employeeId: z.string(),
  definitionId: z.string(),
  question: z.string(),
  approvers: z.array(z.string()),
  openedAt: timestamp,
  deadline: timestamp.optional(),
  /** Who the change is about, as the approver knows them (the display name from HR when there is one). */
  person: z.looseObject({ employeeId: z.string(), displayName: z.string().optional() }),
  step: z.string(),
  /** What approving lets through: the steps the run takes next. */
  onApprove: z.string(),
  requestedBy: z.string(),
});
const delegation = z.looseObject({ id: z.string(), from: z.string(), to: z.string(), startsAt: timestamp, endsAt: timestamp, reason: z.string().nullable() });
const approverGroup = z.looseObject({ id: z.string(), name: z.string(), members: z.array(z.string()), updatedAt: timestamp });
const decision = z.looseObject({ approval: z.string(), outcome: z.string(), stage: z.number().int().optional() });

const lastTest = z.object({ ok: z.boolean(), at: timestamp, failedStep: z.string().nullable() }).nullable();
const connection = z.looseObject({ id: z.string(), kind: z.string(), name: z.string(), config: z.record(z.string(), z.unknown()), secretFields: z.array(z.string()), version: z.number().int(), createdAt: timestamp, updatedAt: timestamp, updatedBy: z.string(), lastTest });
const connectionTest = z.looseObject({ ok: z.boolean(), steps: z.array(z.looseObject({ step: z.string(), ok: z.boolean(), detail: z.string().optional(), ms: z.number().optional() })) });
const connector = z.looseObject({ kind: z.enum(connectorKinds), label: z.string(), config: z.record(z.string(), z.unknown()), secrets: z.record(z.string(), z.unknown()) });

const user = z.looseObject({ id: z.string(), displayName: z.string(), email: z.string().nullable(), employeeId: z.string().nullable(), roles: z.array(z.string()), createdAt: timestamp, disabled: z.boolean() });
const tokenInfo = z.looseObject({ id: z.string(), name: z.string(), createdAt: timestamp, createdBy: z.string(), expiresAt: nullableTimestamp, revokedAt: nullableTimestamp, lastUsedAt: nullableTimestamp });
const issuedToken = z.looseObject({ id: z.string(), token: z.string().describe('shown once: store it now'), expiresAt: nullableTimestamp });

const hrSource = z.looseObject({ id: z.string(), displayName: z.string(), configured: z.boolean(), hasSigningSecret: z.boolean(), requireSignature: z.boolean(), allowedIps: z.array(z.string()), ratePerMinute: z.number().int().nullable(), updatedAt: nullableTimestamp, updatedBy: z.string().nullable() });
const importSummary = z.looseObject({
  id: z.string(),
  source: z.string(),
  kind: z.string(),
  status: z.string(),
  dryRun: z.boolean(),
  createdBy: z.string(),
  createdAt: timestamp,
  counts: z.record(z.string(), z.number()),
  heldReason: z.string().nullable(),
  progress: z.looseObject({ events: z.number().int(), delivered: z.number().int(), pending: z.number().int() }),
});
const importProblem = z.looseObject({ path: z.string(), message: z.string(), line: z.number().int().optional(), columnName: z.string().optional() });
const importEvent = z.looseObject({
  seq: z.number().int(),
  line: z.number().int().nullable(),
  employeeId: z.string().nullable(),
  status: z.string(),
  note: z.string().nullable(),
  event: z.looseObject({ eventId: z.string(), type: z.string(), employeeId: z.string(), attributes: z.record(z.string(), z.unknown()).optional() }).nullable(),
});
const importView = importSummary.extend({ errors: z.array(importProblem), events: z.array(importEvent) });
const importDecision = importSummary.extend({ changed: z.boolean() });

const auditEntry = z.looseObject({ id: z.string(), at: timestamp, actor: z.string(), action: z.string(), targetType: z.string(), targetId: z.string(), details: z.record(z.string(), z.unknown()) });
const payloads = z.object({ payloads: z.array(z.object({ metadata: z.record(z.string(), z.string()), data: z.string() })) });

const hrAccepted = z.looseObject({ accepted: z.literal(true), eventId: z.string(), employeeId: z.string(), source: z.string(), personWorkflowId: z.string() });
const person = z.looseObject({ ...personFields, status: z.enum(['ok', 'needs-attention']), recordedAt: timestamp });
const personListing = z.looseObject({ source: z.string(), employeeId: z.string(), state: z.string().nullable(), displayName: z.string().nullable(), email: z.string().nullable(), updatedAt: timestamp });
const scimBulkResponse = z.looseObject({ schemas: z.array(z.string()), importId: z.string(), source: z.string(), status: z.string(), Operations: z.array(z.looseObject({ method: z.string(), status: z.string() })) });

export type ResponseDeclaration = z.ZodType | { description: string; content: Record<string, { schema: z.ZodType }> };
/** A status (`200`) or a range (`4xx`). */
type Responses = Readonly<Record<string, ResponseDeclaration>>;

export const routeResponses: Readonly<Record<string, Responses>> = {
  'GET /metrics': { 200: text('text/plain', 'Prometheus metrics in the text exposition format') },
  'GET /api/actions': { 200: z.object({ actions: z.array(catalogActionAnswer) }) },

  'GET /auth/login': { 302: empty, '4xx': pageOrError, '5xx': pageOrError },
  'GET /auth/callback': { 303: empty, '4xx': pageOrError, '5xx': pageOrError },
  'POST /auth/logout': { 204: empty },

  'GET /api/definitions': {
    200: z.object({ definitions: z.array(z.object({ id: z.string(), name: z.string(), lifecycle: z.string(), version: z.number().int(), latestRevision: z.number().int().nullable(), updatedAt: timestamp, updatedBy: z.string() })) }),
  },
  'POST /api/definitions': { 201: storedDefinition },
  'POST /api/definitions/validate': { 200: z.object({ valid: z.boolean(), problems: z.array(problem) }) },
  'GET /api/definitions/:id': { 200: storedDefinition },
  'PUT /api/definitions/:id': { 200: storedDefinition },
  'POST /api/definitions/:id/publish': { 200: z.object({ revision, created: z.literal(false) }), 201: z.object({ revision, created: z.literal(true) }) },
  'GET /api/definitions/:id/revisions': { 200: z.object({ revisions: z.array(revision) }) },
  'GET /api/definitions/:id/revisions/:number': { 200: z.looseObject({ number: z.number().int(), hash: z.string() }) },
  'POST /api/simulate': { 200: simulationAnswer },

  'POST /api/runs': { 202: z.object({ runs: z.array(z.object({ id: z.string(), workflowId: z.string(), employeeId: z.string(), definitionId: z.string(), revision: z.number().int() })) }) },
  'GET /api/runs': { 200: z.object({ runs: z.array(runRecord.extend({ workflowStatus: z.string(), closedAt: nullableTimestamp })), nextCursor: z.string().nullable() }) },
  'GET /api/runs/:id': { 200: runView },
  'POST /api/runs/:id/steps/:nodeId/resolve': { 200: z.looseObject({ nodeId: z.string(), action: z.enum(operatorActions) }) },
  'POST /api/runs/:id/retry': {
    202: z.looseObject({
      id: z.string(),
      workflowId: z.string(),
      mode: z.enum(['resolve', 'reset']).describe('resolve: steps waiting for an operator are retried in the running run; reset: the failed run is reset to just before its failed step'),
      nodeIds: z.array(z.string()).describe('the steps retried'),
      execution: z.string().describe('the Temporal run id that carries on: the new one after a reset'),
    }),
  },
  'POST /api/runs/:id/cancel': { 202: z.looseObject({ id: z.string(), workflowId: z.string(), cancelRequested: z.literal(true) }) },

  'GET /api/approvals': { 200: z.object({ approvals: z.array(approvalEntry) }) },
  'POST /api/approvals/:id/decision': { 200: decision },
  'GET /api/approvals/delegations': { 200: z.object({ delegations: z.array(delegation) }) },
  'POST /api/approvals/delegations': { 201: z.object({ delegation, moved: z.array(z.string()), kept: z.array(z.object({ approval: z.string(), reason: z.string() })) }) },
  'DELETE /api/approvals/delegations/:id': { 204: empty },
  'GET /api/approver-groups': { 200: z.object({ groups: z.array(approverGroup) }) },
  'PUT /api/approver-groups/:id': { 200: approverGroup },
  'GET /hooks/approvals/*': { 200: { description: 'the confirmation page, or its JSON when the client asks only for JSON', content: { 'text/html': { schema: z.string() }, 'application/json': { schema: z.looseObject({}) } } }, '4xx': pageOrError },
  'POST /hooks/approvals/*': { 200: { description: 'the decision, as a page or as JSON when the client asks only for JSON', content: { 'text/html': { schema: z.string() }, 'application/json': { schema: decision } } }, '4xx': pageOrError },

  'GET /api/connectors': { 200: z.object({ connectors: z.array(connector) }) },
  'GET /api/connections': { 200: z.object({ connections: z.array(connection) }) },
  'POST /api/connections': { 201: connection },
  'GET /api/connections/:id': { 200: connection },
  'PUT /api/connections/:id': { 200: connection },
  'POST /api/connections/:id/test': { 200: connectionTest },

  'GET /api/users': { 200: z.object({ users: z.array(user) }) },
  'POST /api/users': { 201: user },
  'PUT /api/users/:id/roles': { 200: user },
  'GET /api/users/:id/tokens': { 200: z.object({ tokens: z.array(tokenInfo) }) },
  'POST /api/users/:id/tokens': { 201: issuedToken },
  'DELETE /api/users/:id/tokens/:tokenId': { 204: empty },
  // The other sync job routes declare their answers with the route (server/routes/syncJobs.ts).
  'DELETE /api/sync-jobs/:id': { 204: empty },

  'POST /api/hr/events': { 202: hrAccepted },
  'POST /api/inbound/scim/bulkUpload': { 202: scimBulkResponse },
  'GET /api/hr/imports': { 200: z.object({ imports: z.array(importSummary) }) },
  'POST /api/hr/imports': { 202: importView },
  'GET /api/hr/imports/:id': { 200: importView },
  'POST /api/hr/imports/:id/approve': { 200: importDecision, 202: importDecision },
  'POST /api/hr/imports/:id/reject': { 200: importDecision },
  'GET /api/people': { 200: z.object({ people: z.array(personListing), nextCursor: z.string().nullable() }) },
  'GET /api/people/:employeeId': { 200: person },
  'GET /api/hr-sources': { 200: z.object({ sources: z.array(hrSource) }) },
  'GET /api/hr-sources/:id': { 200: hrSource },
  'PUT /api/hr-sources/:id': { 200: hrSource },

  'POST /api/codec/decode': { 200: payloads },
  'POST /api/codec/encode': { 200: payloads },

  'GET /api/audit': { 200: z.object({ entries: z.array(auditEntry), nextCursor: z.string().nullable() }) },
  'GET /api/audit/export': { 200: { description: 'every matching entry, as a JSON array or CSV (`format`)', content: { 'application/json': { schema: z.array(auditEntry) }, 'text/csv': { schema: z.string() } } } },
};

/** The declared answers of a route, or undefined when the table has none. */
export function responsesFor(method: string, url: string): Responses | undefined {
  return routeResponses[`${method} ${url}`] ?? (method === 'HEAD' ? routeResponses[`GET ${url}`] : undefined);
}
