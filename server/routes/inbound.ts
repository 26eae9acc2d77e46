/**
 * SCIM 2.0 bulk inbound, compatible with Microsoft Entra API-driven inbound provisioning:
 * `POST /api/inbound/scim/bulkUpload` with `Content-Type: application/scim+json`, a BulkRequest of
 * at most 50 `POST /Users` operations. Each operation states a worker; Tenure compares it with what
 * it knows of them and derives hire, update, terminate, rehire or nothing. The derived events are
 * stored, then delivered to the person workflows before the 202 goes back — unless the request
 * (with the recent window) would disable too many people: then they wait for an admin
 * (`POST /api/hr/imports/:id/approve`). A bad operation is answered by its index; the others go on.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { identifier } from '../../workflows/dsl/index.ts';
import { isDisabling } from '../../workflows/dsl/hrDiff.ts';
import type { AppDeps } from '../app.ts';
import { createImportStore, type NewImportRecord, type RecordProblem } from '../db/imports.ts';
import { callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { countRecords, createDeriver } from '../hr/derive.ts';
import { createImportRunner, importRunnerFor } from '../hr/runner.ts';
import { assessBatch, limitsFor, safetyOverrideQuery } from '../hr/safety.ts';
import { bulkRequestSchema, bulkResponseUrn, maxOperations, readOperations, scimErrorUrn } from '../hr/scimBulk.ts';
import { employeeIdSources } from '../hr/scimUser.ts';
import { sourceOf } from './hr.ts';

export const scimMediaType = 'application/scim+json';

const inboundQuery = z.strictObject({
  source: identifier.optional(),
  /** Which SCIM attribute is the employee id (Entra's matching attribute; externalId by default). */
  employeeIdFrom: z.enum(employeeIdSources).default('externalId'),
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
    const runner = importRunnerFor(deps, () => createImportRunner({ imports, temporal: deps.temporal, taskQueue: deps.taskQueue, log: app.log }));
    app.addHook('onClose', () => runner.close());
    // Encapsulated: the SCIM media type is JSON for these routes only, with Fastify's safe JSON parser.
    app.addContentTypeParser(scimMediaType, { parseAs: 'string' }, app.getDefaultJsonParser('error', 'ignore'));

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

      const deriver = createDeriver({ channel: 'scimbulk', source, now: new Date(), lookup: (employeeId) => deps.people.get(source, employeeId) });
      const records: NewImportRecord[] = [];
      for (const r of read) {
        if (!r.ok) {
          records.push({ seq: r.index, opIndex: r.index, bulkId: r.bulkId, status: 'invalid', errors: problems.filter((p) => p.index === r.index) });
          continue;
        }
        const derived = await deriver.stated(r.worker);
        records.push({ seq: r.index, opIndex: r.index, bulkId: r.bulkId, employeeId: r.worker.employeeId, ...derived, errors: [] });
      }
      const disables = records.filter((r) => r.event !== undefined && isDisabling(r.event.type)).length;
      const safety = await assessBatch(imports, source, disables, limits);
      const counts = countRecords(records);
      const id = randomUUID();
      const summary = await imports.create({ id, source, kind: 'scim', status: safety.hold ? 'held' : 'running', createdBy: caller.id, counts, safety, records });
      if (!safety.hold) {
        try {
          await runner.deliver(id);
        } catch (error) {
          runner.start(id);
          request.log.warn({ err: error, importId: id }, 'SCIM bulk delivery failed; retrying in the background');
          throw new ApiError(503, 'temporal_unavailable', `the operations are stored (import ${id}) but could not all be handed to the person workflows yet; Tenure keeps retrying (GET /api/hr/imports/${id}), and sending the same request again is safe`);
        }
      }
      const after = (await imports.get(id)) ?? summary;
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
          Operations: records.map((r) => ({
            method: 'POST',
            bulkId: r.bulkId,
            status: r.status === 'invalid' ? '400' : r.event ? '202' : '200',
            employeeId: r.employeeId,
            outcome: r.event ? r.event.type : r.status,
            ...(r.event ? { eventId: r.event.eventId, delivered: !safety.hold } : {}),
            ...(r.note !== undefined ? { note: r.note } : {}),
            ...(r.status === 'invalid' ? { response: { schemas: [scimErrorUrn], status: '400', scimType: 'invalidValue', detail: r.errors.map((p) => `${p.path}: ${p.message}`).join('; ') } } : {}),
          })),
          errors: problems,
        });
    });
    return Promise.resolve();
  };
