/**
 * Fixtures for approval tests: a fresh in-memory app database (PGlite, migrations applied) with the
 * approval store on it, and quick ways to add users, people and groups the directory reads.
 */
import { z } from 'zod';
import { openPglite, type Database } from '../../server/db/database.ts';
import { createApprovalStore, type ApprovalStore } from '../../server/db/approvals.ts';
import { migrate } from '../../server/db/migrate.ts';
import type { DefinitionInput } from '../../workflows/dsl/index.ts';
import { runView, startedRuns } from './api.ts';
import { definition, edge, node } from './definitions.ts';
import { eventually } from './eventually.ts';
import type { TestSystem } from './system.ts';

export interface ApprovalDb {
  db: Database;
  store: ApprovalStore;
  close(): Promise<void>;
}

export async function openApprovalDb(): Promise<ApprovalDb> {
  const db = await openPglite(undefined);
  await migrate(db);
  return { db, store: createApprovalStore(db), close: () => db.close() };
}

/** A user as POST /api/users would create it (no token; tests that need one use the API). */
export async function addUser(db: Database, id: string, options: { employeeId?: string; email?: string } = {}): Promise<void> {
  await db.query('INSERT INTO users (id, display_name, email, employee_id, roles, created_by) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    `User ${id}`,
    options.email ?? `${id}@example.test`,
    options.employeeId ?? null,
    JSON.stringify(['approver']),
    'test',
  ]);
}

/** A person as the person workflow projects them (the manager chain is read from here). */
export async function addPerson(db: Database, employeeId: string, attributes: Record<string, unknown>): Promise<void> {
  await db.query('INSERT INTO people (source, employee_id, state, attributes) VALUES ($1, $2, $3, $4)', ['test', employeeId, 'active', JSON.stringify(attributes)]);
}

// ---- Through the API of a test system -------------------------------------------------------

export type Headers = Record<string, string>;

/** Creates a user through the API and returns the headers that call as them. */
export async function userWithToken(sys: TestSystem, id: string, options: { employeeId?: string; email?: string; roles?: string[] } = {}): Promise<Headers> {
  const created = await sys.api('POST', '/api/users', {
    id,
    displayName: `User ${id}`,
    email: options.email ?? `${id}@example.test`,
    roles: options.roles ?? ['approver'],
    ...(options.employeeId !== undefined ? { employeeId: options.employeeId } : {}),
  });
  if (created.status !== 201) throw new Error(`creating user ${id} answered ${created.status}: ${JSON.stringify(created.body)}`);
  const issued = await sys.api('POST', `/api/users/${id}/tokens`, { name: 'test' });
  return { authorization: `Bearer ${z.object({ token: z.string() }).parse(issued.body).token}` };
}

/** Calls the API as the user whose headers these are. */
export async function callAs(sys: TestSystem, headers: Headers, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await sys.app.inject({
    method,
    url,
    headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, body: res.body === '' ? undefined : (JSON.parse(res.body) as unknown) };
}

/** Publishes the definition (once) and starts a run for one person, requested by `requester`. */
export async function publishAndRun(sys: TestSystem, def: DefinitionInput, person: { employeeId: string; attributes: Record<string, unknown> }, requester: Headers): Promise<string> {
  const existing = await sys.api('GET', `/api/definitions/${def.id}`);
  if (existing.status === 404) {
    if ((await sys.api('POST', '/api/definitions', def)).status !== 201) throw new Error(`definition ${def.id} was refused`);
    if ((await sys.api('POST', `/api/definitions/${def.id}/publish`)).status !== 201) throw new Error(`definition ${def.id} did not publish`);
  }
  const started = await callAs(sys, requester, 'POST', '/api/runs', { definitionId: def.id, people: [person] });
  const run = startedRuns.parse(started.body).runs[0];
  if (!run) throw new Error(`no run started: ${JSON.stringify(started.body)}`);
  return run.id;
}

export const approvalRunView = runView.extend({
  openApprovals: z.array(z.object({ nodeId: z.string(), approvers: z.array(z.string()), pending: z.array(z.string()).optional(), stage: z.number().optional() }).loose()),
  trace: z.array(
    z
      .object({
        nodeId: z.string(),
        handle: z.string().optional(),
        approvers: z.array(z.string()).optional(),
        input: z.record(z.string(), z.unknown()).optional(),
        decisions: z.array(z.object({ approver: z.string(), decision: z.string(), stage: z.number().optional(), onBehalfOf: z.string().optional(), via: z.string().optional(), comment: z.string().optional() }).loose()).optional(),
      })
      .loose(),
  ),
});
export type ApprovalRunView = z.infer<typeof approvalRunView>;

export async function runUntil(sys: TestSystem, runId: string, what: string, ok: (v: ApprovalRunView) => boolean, timeoutMs?: number): Promise<ApprovalRunView> {
  return eventually(
    async () => {
      const res = await sys.api('GET', `/api/runs/${runId}`);
      const view = approvalRunView.parse(res.body);
      return ok(view) ? view : undefined;
    },
    what,
    timeoutMs,
  );
}

/** What GET /api/approvals answers, as the designer's inbox reads it. */
export const inboxAnswer = z.object({
  approvals: z.array(
    z
      .object({
        id: z.string(),
        runId: z.string(),
        nodeId: z.string(),
        employeeId: z.string(),
        definitionId: z.string(),
        question: z.string(),
        approvers: z.array(z.string()),
        openedAt: z.string(),
        deadline: z.string().optional(),
        stage: z.number(),
        stages: z.number(),
        person: z.object({ employeeId: z.string(), displayName: z.string().optional() }),
        step: z.string(),
        onApprove: z.string(),
        onBehalfOf: z.string().optional(),
      })
      .loose(),
  ),
});

export async function inboxOf(sys: TestSystem, headers: Headers): Promise<z.infer<typeof inboxAnswer>['approvals']> {
  const res = await callAs(sys, headers, 'GET', '/api/approvals');
  if (res.status !== 200) throw new Error(`GET /api/approvals answered ${res.status}`);
  return inboxAnswer.parse(res.body).approvals;
}

export async function decideAs(sys: TestSystem, headers: Headers, approvalId: string, decision: 'approve' | 'reject', comment?: string) {
  return callAs(sys, headers, 'POST', `/api/approvals/${approvalId}/decision`, { decision, ...(comment !== undefined ? { comment } : {}) });
}

/** start → approval `ask` → approved: log, rejected/timeout: end. */
export function approvalDefinition(id: string, data: Record<string, unknown>, timeoutEdge = false): DefinitionInput {
  return definition(
    id,
    [
      node({ id: 'start', type: 'start', data: {} }),
      node({ id: 'ask', type: 'approval', data: { label: 'Grant access', question: 'Grant production access?', ...data } }),
      node({ id: 'granted', type: 'action', data: { label: 'Log the grant', action: 'core.log', params: { message: { expression: 'Join(" ", "approved by", Join(",", [steps.ask.approvedBy]))' } } } }),
      node({ id: 'done', type: 'end', data: {} }),
      node({ id: 'refused', type: 'end', data: { label: 'Refused' } }),
    ],
    [
      edge('start', 'ask'),
      edge('ask', 'granted', 'approved'),
      edge('granted', 'done'),
      edge('ask', 'refused', 'rejected'),
      ...(timeoutEdge ? [edge('ask', 'refused', 'timeout')] : []),
    ],
  );
}
