/**
 * The shapes of the API's answers, as the designer names them: each is the answer of a route in
 * the types generated from the server's OpenAPI document (operations.ts), so none is written twice.
 *
 * Two zod schemas remain, where parsing at run time adds something the types cannot:
 * - the error envelope: a failure may come from something in front of the server (a proxy, a load
 *   balancer) whose body is not the API's, and client.ts must tell the two apart;
 * - a draft read from a file the person chose (the toolbar's import), which no server has checked.
 */
import { z } from 'zod';
import type { Answer } from './operations.ts';

export const nodeTypes = ['start', 'action', 'decision', 'wait', 'approval', 'parallel', 'join', 'end'] as const;
export type FlowNodeType = (typeof nodeTypes)[number];

/** A field at fault; HR batches add the CSV line and column (the import page shows where to look). */
const problemSchema = z.object({ path: z.string(), message: z.string(), nodeId: z.string().optional(), edgeId: z.string().optional(), line: z.number().optional(), columnName: z.string().optional() });
export type ProblemView = z.infer<typeof problemSchema>;

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(problemSchema).optional() }),
});

const record = z.record(z.string(), z.unknown());

/** A draft from a file: the JSON the canvas loads, checked before it reaches the canvas. */
export const draftSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  lifecycle: z.string(),
  trigger: record.optional(),
  nodes: z.array(z.object({ id: z.string(), type: z.enum(nodeTypes), position: z.object({ x: z.number(), y: z.number() }), data: record })),
  edges: z.array(z.object({ id: z.string(), source: z.string(), sourceHandle: z.string().nullish(), target: z.string(), targetHandle: z.string().nullish() })),
  viewport: z.object({ x: z.number(), y: z.number(), zoom: z.number() }).optional(),
});

export type CatalogAction = Answer<'get', '/api/actions'>['actions'][number];

export type StoredDefinitionView = Answer<'get', '/api/definitions/{id}'>;
/** A definition as the server keeps it: the JSON the canvas edits. */
export type Draft = StoredDefinitionView['definition'];
export type DefinitionSummary = Answer<'get', '/api/definitions'>['definitions'][number];
export type RevisionView = Answer<'get', '/api/definitions/{id}/revisions'>['revisions'][number];

export type SimulationView = Answer<'post', '/api/simulate'>;
export type NodeStateView = SimulationView['nodes'][string];
export type TraceEntryView = SimulationView['trace'][number];

export type RunView = Answer<'get', '/api/runs/{id}'>;
export type ActivityAttemptView = RunView['activities'][number];
export type RunListItem = Answer<'get', '/api/runs'>['runs'][number];

export type ApprovalItem = Answer<'get', '/api/approvals'>['approvals'][number];

export type PersonView = Answer<'get', '/api/people/{employeeId}'>;
