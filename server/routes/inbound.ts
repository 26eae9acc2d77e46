/**
 * SCIM 2.0 bulk inbound, compatible with Microsoft Entra API-driven inbound provisioning:
 * `POST /api/inbound/scim/bulkUpload` with `Content-Type: application/scim+json`, a BulkRequest of
 * at most 50 `POST /Users` operations. Each operation states a worker; Tenure compares it with what
 * it knows of them and derives hire, update, terminate, rehire or nothing. The request and its
 * derived events are stored in one transaction (the events in the HR outbox) and the 202 goes back:
 * the dispatcher delivers them to the person workflows moments later (server/hr/dispatcher.ts) —
 * unless the request (with the recent window) would disable too many people: then they wait for an
 * admin (`POST /api/hr/imports/:id/approve`). A bad operation is answered by its index; the others go on.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatPath, identifier, type HrEvent } from '../../workflows/dsl/index.ts';
import { isDisabling } from '../../workflows/dsl/hrDiff.ts';
import type { AppDeps } from '../app.ts';
import { createImportStore, type NewImportRecord, type RecordProblem } from '../db/imports.ts';
import { createOutboxStore } from '../db/outbox.ts';
import { callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { parseJsonBody } from '../http/jsonBody.ts';
import { countRecords, createDeriver, type Derived } from '../hr/derive.ts';
import { lifecycleOutlook, type Outlook } from '../hr/lifecycleOutlook.ts';
import { knownPeople } from '../hr/known.ts';
import { assessBatch, limitsFor, safetyOverrideQuery } from '../hr/safety.ts';
import { bulkRequestSchema, bulkResponseUrn, maxOperations, readOperations, scimErrorUrn } from '../hr/scimBulk.ts';
import { defaultEmployeeIdSource, employeeIdSources } from '../hr/scimUser.ts';
import { sourceOf } from './hr.ts';

export const scimMediaType = 'application/scim+json';

const inboundQuery = z.strictObject({
  source: identifier.optional(),
  /** Which SCIM attribute is the employee id (Entra's matching attribute; externalId by default). */
  employeeIdFrom: z.enum(employeeIdSources).default(defaultEmployeeIdSource),
  ...safetyOverrideQuery,
});

async function requireScimContentType(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== scimMediaType) {
    throw new ApiError(415, 'unsupported_media_type', `send the bulk request as Content-Type: ${scimMediaType} (SCIM 2.0), not ${type === undefined || type === '' ? 'without a content type' : type}`);
  }
  return Promise.resolve();
}

export const inboundRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const imports = createImportStore(deps.db);
    const outbox = createOutboxStore(deps.db);
    // Encapsulated: the SCIM media type is JSON for these routes only, read by the API's JSON parser (UTF-8 only, no prototype keys).
    app.addContentTypeParser(scimMediaType, { parseAs: 'buffer' }, parseJsonBody);

    app.post('/api/inbound/scim/bulkUpload', { onRequest: requireScimContentType, schema: { body: bulkRequestSchema, querystring: inboundQuery } }, async (request, reply) => {
      const caller = callerOf(request);
      const source = sourceOf(caller, request.query.source);
      const limits = limitsFor(deps.safety, caller, request.query);
      const operations = request.body.Operations;
      if (operations.length > maxOperations) {
        throw new ApiError(413, 'payload_too_large', `the bulk request has ${operations.length} operations; send at most ${maxOperations} per request (split it into ${Math.ceil(operations.length / maxOperations)} requests)`, [
          { path: 'body.Operations', message: `${operations.length} operations; at most ${maxOperations}` },
        ]);
      }

      const read = readOperations(operations, request.query.employeeIdFrom);
      const problems: RecordProblem[] = read.flatMap((r) => (r.ok ? [] : r.problems.map((p) => ({ ...p, index: r.index, ...(r.bulkId !== undefined ? { bulkId: r.bulkId } : {}) }))));
      const invalid = read.filter((r) => !r.ok).length;
      const failOnErrors = request.body.failOnErrors ?? undefined;
      if (failOnErrors !== undefined && invalid >= failOnErrors) {
        throw new ApiError(400, 'invalid_request', `${invalid} of ${read.length} operations are invalid, failOnErrors is ${failOnErrors}: nothing was accepted`, problems);
      }
      if (invalid === read.length) throw new ApiError(400, 'invalid_request', `none of the ${read.length} operations can be accepted: ${problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);

      const now = new Date();
      const known = await knownPeople({ people: deps.people, outbox }, source, read.flatMap((r) => (r.ok ? [r.worker.employeeId] : [])), now);
      const deriver = createDeriver({ channel: 'scimbulk', source, now, lookup: (employeeId) => known.get(employeeId), ...(deps.hireDatePolicy ? { hireDatePolicy: deps.hireDatePolicy } : {}) });
      const records: NewImportRecord[] = [];
      // What each accepted event will start, by operation index: a record that starts nothing says so in the answer.
      const outlooks = new Map<number, Outlook>();
      // Read once per event type and request: intake stays about one database write per request.
      const triggersOf = new Map<string, ReturnType<typeof deps.people.triggeredRevisions>>();
      const triggered = (type: HrEvent['type']) => {
        const found = triggersOf.get(type) ?? deps.people.triggeredRevisions(type);
        triggersOf.set(type, found);
        return found;
      };
      for (const r of read) {
        if (!r.ok) {
          records.push({ seq: r.index, opIndex: r.index, bulkId: r.bulkId, status: 'invalid', errors: problems.filter((p) => p.index === r.index) });
          continue;
        }
        const derived: Derived = deriver.stated(r.worker);
        let note = derived.note;
        if (derived.event && derived.after) {
          const outlook = await lifecycleOutlook(await triggered(derived.event.type), { type: derived.event.type, changed: derived.after.changed }, derived.after.attributes, now);
          outlooks.set(r.index, outlook);
          if (outlook.warning !== undefined) note = note !== undefined ? `${note}; ${outlook.warning}` : outlook.warning;
        }
        // A record the policies refuse (a hire without a date under TENURE_HIRE_WITHOUT_DATE=refuse) is reported like a bad operation.
        const errors = derived.errors.map((p) => ({ ...p, path: formatPath(['Operations', r.index, 'data', p.path]), index: r.index, bulkId: r.bulkId }));
        problems.push(...errors);
        records.push({ seq: r.index, opIndex: r.index, bulkId: r.bulkId, employeeId: r.worker.employeeId, status: derived.status, event: derived.event, note, errors });
      }
      const disables = records.filter((r) => r.event !== undefined && isDisabling(r.event.type)).length;
      const safety = await assessBatch(imports, source, disables, limits);
      const counts = countRecords(records);
      const id = randomUUID();
      const after = await imports.create({ id, source, kind: 'scim', status: safety.hold ? 'held' : 'running', createdBy: caller.id, receivedAt: now, counts, safety, records });
      return reply
        .code(202)
        .header('location', `/api/hr/imports/${id}`)
        .send({
          schemas: [bulkResponseUrn],
          importId: id,
          source,
          status: after.status,
          ...(safety.hold ? { heldReason: safety.reason } : {}),
          counts,
          Operations: records.map((r) => {
            const outlook = r.opIndex !== undefined ? outlooks.get(r.opIndex) : undefined;
            return {
            method: 'POST',
            bulkId: r.bulkId,
            status: r.status === 'invalid' ? '400' : r.event ? '202' : '200',
            employeeId: r.employeeId,
            outcome: r.event ? r.event.type : r.status,
            // Accepted and queued for the person workflow (delivered moments later), or held for an admin.
            ...(r.event ? { eventId: r.event.eventId, queued: !safety.hold } : {}),
            ...(r.note !== undefined ? { note: r.note } : {}),
            // Which published lifecycles the event starts and when; `warning` when it starts none that it should.
            ...(outlook ? { lifecycles: outlook.lifecycles, ...(outlook.warning !== undefined ? { warning: outlook.warning } : {}) } : {}),
            ...(r.status === 'invalid' ? { response: { schemas: [scimErrorUrn], status: '400', scimType: 'invalidValue', detail: r.errors.map((p) => `${p.path}: ${p.message}`).join('; ') } } : {}),
            };
          }),
          errors: problems,
        });
    });
    return Promise.resolve();
  };
