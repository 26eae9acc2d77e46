/**
 * HR inbound: one event at a time (`POST /api/hr/events`), and what Tenure knows of a person
 * (`GET /api/people/:employeeId`). An HR source's events are filed under its user id; an admin
 * may name the source. An event is accepted once it is stored in the HR outbox; the dispatcher
 * hands it to the person workflow moments later (server/hr/dispatcher.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { employeeIdSchema, hrEventSchema, identifier } from '../../workflows/dsl/index.ts';
import { personWorkflowId } from '../../workflows/personMessages.ts';
import type { AppDeps } from '../app.ts';
import { announceEnqueued, enqueue } from '../db/outbox.ts';
import { callerOf, type Caller } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { provisioningStatus } from '../hr/provisioningStatus.ts';

const sourceQuery = z.strictObject({ source: identifier.optional() });

/** A page's cursor: the key of the last person on it, opaque to callers. */
const cursorSchema = z.tuple([z.string(), z.string()]);
const encodeCursor = (source: string, employeeId: string) => Buffer.from(JSON.stringify([source, employeeId])).toString('base64url');
function decodeCursor(cursor: string): { source: string; employeeId: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  const key = cursorSchema.safeParse(parsed);
  if (!key.success) throw new ApiError(400, 'invalid_request', 'cursor must be the nextCursor of a previous page', [{ path: 'cursor', message: 'not a cursor this API gave' }]);
  return { source: key.data[0], employeeId: key.data[1] };
}

const listQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  source: identifier.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional(),
});

export function sourceOf(caller: Caller, requested: string | undefined): string {
  if (caller.roles.includes('admin')) return requested ?? 'hr';
  if (requested !== undefined && requested !== caller.id) throw new ApiError(403, 'forbidden', `an HR source files events under its own id (${caller.id}), not "${requested}"`);
  return caller.id;
}

export const hrRoutes =
  ({ db, people }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/api/hr/events', { schema: { body: hrEventSchema, querystring: sourceQuery } }, async (request, reply) => {
      const caller = callerOf(request);
      const source = sourceOf(caller, request.query.source);
      const event = request.body;
      await enqueue(db, [{ source, channel: 'webhook', event, receivedAt: new Date() }]);
      announceEnqueued(db);
      return reply.code(202).send({ accepted: true, eventId: event.eventId, employeeId: event.employeeId, source, personWorkflowId: personWorkflowId(source, event.employeeId) });
    });

    // Searched in the people projection: the employee id and the name and e-mail attributes HR sent.
    app.get('/api/people', { schema: { querystring: listQuery } }, async (request) => {
      const caller = callerOf(request);
      const { q, limit, cursor } = request.query;
      let source = request.query.source;
      if (caller.roles.includes('hr-source') && !caller.roles.some((r) => r === 'admin' || r === 'operator' || r === 'auditor')) source = sourceOf(caller, source);
      const found = await people.search({ q, source }, limit, cursor === undefined ? undefined : decodeCursor(cursor));
      const last = found.length === limit ? found[found.length - 1] : undefined;
      return { people: found, nextCursor: last ? encodeCursor(last.source, last.employeeId) : null };
    });

    // Read from the people projection the person workflow keeps, never from a query: a busy worker
    // never turns a page view into an error. An HR source reads only the people it feeds.
    app.get('/api/people/:employeeId', { schema: { params: z.strictObject({ employeeId: employeeIdSchema }), querystring: sourceQuery } }, async (request) => {
      const caller = callerOf(request);
      const { employeeId } = request.params;
      let source = request.query.source;
      if (caller.roles.includes('hr-source') && !caller.roles.some((r) => r === 'admin' || r === 'operator' || r === 'auditor')) source = sourceOf(caller, source);
      if (source === undefined) {
        const sources = await people.sourcesOf(employeeId);
        if (sources.length > 1) throw new ApiError(409, 'conflict', `employee ${employeeId} is known from several HR sources (${sources.join(', ')}); name one with ?source=`);
        source = sources[0] ?? 'hr';
      }
      const view = await people.view(source, employeeId);
      if (!view) throw new ApiError(404, 'not_found', `no person ${employeeId} from source ${source} (an event just accepted shows here once the person has applied it)`);
      const { seenEventIds: _seen, recordedBy: _recordedBy, ...person } = view.snapshot;
      // A failed joiner or rehire also reads as "provisioning failed" with its step and reason.
      const provisioning = provisioningStatus(view.snapshot, view.attention);
      return { ...person, status: view.attention ? 'needs-attention' : 'ok', attention: view.attention, ...(provisioning ? { provisioning } : {}), recordedAt: view.updatedAt };
    });
    return Promise.resolve();
  };
