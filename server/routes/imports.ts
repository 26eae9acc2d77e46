/**
 * CSV snapshot imports: `POST /api/hr/imports` (Content-Type: text/csv) with every worker of an HR
 * source, one per line. Tenure compares the snapshot with what it knows — new workers are hired,
 * changed ones updated, inactive or missing ones terminated — stores the import and its derived
 * events (in the HR outbox) in one transaction and answers 202; the dispatcher then delivers them
 * (`GET /api/hr/imports/:id` shows progress). `?dryRun=true` only shows the events. An import that
 * would disable too many people is held until an admin approves (`POST /api/hr/imports/:id/approve`)
 * or rejects it; the same approval works for held SCIM bulk requests.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { identifier } from '../../workflows/dsl/index.ts';
import { isDisabling } from '../../workflows/dsl/hrDiff.ts';
import type { AppDeps } from '../app.ts';
import { NotFound } from '../db/definitions.ts';
import { createImportStore, type ImportRecordView, type ImportStore, type ImportSummary, type NewImportRecord, type RecordProblem } from '../db/imports.ts';
import { callerOf, type Caller } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { CsvInvalid, csvSnapshotFormat, decodeSnapshot, parseSnapshot } from '../hr/csvSnapshot.ts';
import { createOutboxStore } from '../db/outbox.ts';
import { countRecords, createDeriver } from '../hr/derive.ts';
import { knownOfSource } from '../hr/known.ts';
import { assessBatch, limitsFor, safetyOverrideQuery } from '../hr/safety.ts';
import { storeCall } from './definitions.ts';
import { sourceOf } from './hr.ts';

const csvTypes: string[] = [...csvSnapshotFormat.mediaTypes];
const csvBodyLimit = csvSnapshotFormat.maxBytes;
const shownProblems = 200;
const shownSources = 50;

const importQuery = z.strictObject({
  source: identifier
    .describe('The HR source the snapshot is filed under (admins only; an HR source always files under its own id): a configured HR source, as GET /api/hr-sources lists them, or "hr", the default when left out')
    .optional(),
  dryRun: z.stringbool().default(false),
  ...safetyOverrideQuery,
});
const idParams = z.strictObject({ id: z.uuid() });
const pageQuery = z.strictObject({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(0).max(5000).default(500),
});
const listQuery = z.strictObject({ source: identifier.optional(), limit: z.coerce.number().int().min(1).max(500).default(50) });

/**
 * Refuses a source an admin names that is not a configured HR source (a typo would file people
 * under a source nobody feeds), as sync jobs refuse their hrSource. `defaultSource`, where events go
 * when no source is named, stays allowed unconfigured: admins' webhook events land there too.
 */
async function requireKnownSource(hrSources: AppDeps['hrSources'], source: string, defaultSource: string): Promise<void> {
  if (source === defaultSource) return;
  try {
    await hrSources.get(source);
  } catch (error) {
    if (!(error instanceof NotFound)) throw error;
    const configured = (await hrSources.list()).map((s) => s.id);
    const shown = configured.length > shownSources ? [...configured.slice(0, shownSources), `… (${configured.length - shownSources} more)`] : configured;
    const message = `"${source}" is not a configured HR source; name ${configured.length === 0 ? 'none' : `one of ${shown.join(', ')}`} (GET /api/hr-sources), leave it out for the default "${defaultSource}", or create the source first (POST /api/users with the hr-source role)`;
    throw new ApiError(400, 'invalid_request', `querystring.source ${message}`, [{ path: 'querystring.source', message }]);
  }
}

async function requireCsvContentType(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!csvTypes.includes(type)) throw new ApiError(415, 'unsupported_media_type', `send the snapshot as Content-Type: text/csv, not ${type === '' ? 'without a content type' : type}`);
  return Promise.resolve();
}

const eventView = (r: ImportRecordView) => ({ seq: r.seq, line: r.line, index: r.index, bulkId: r.bulkId, employeeId: r.employeeId, status: r.status, note: r.note, event: r.event });

/** What an HR source may see: its own batches; operators, auditors and admins see every source's. */
function visibleTo(caller: Caller, summary: ImportSummary | undefined, id: string): ImportSummary {
  const elevated = caller.roles.some((r) => r === 'admin' || r === 'operator' || r === 'auditor');
  if (!summary || (!elevated && summary.source !== caller.id)) throw new ApiError(404, 'not_found', `no HR import ${id}`);
  return summary;
}

async function view(imports: ImportStore, summary: ImportSummary, page: { offset: number; limit: number }) {
  const [events, withProblems] = await Promise.all([
    imports.records(summary.id, { ...page, only: 'events' }),
    imports.records(summary.id, { offset: 0, limit: shownProblems, only: 'problems' }),
  ]);
  return { ...summary, errors: withProblems.flatMap((r) => r.errors), events: events.map(eventView), page: { ...page, total: summary.progress.events } };
}

export const importRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const imports = createImportStore(deps.db);
    const outbox = createOutboxStore(deps.db);
    // Read as bytes and decoded strictly: a lenient decoding would turn bytes that are not UTF-8 into U+FFFD unseen.
    app.addContentTypeParser(csvTypes, { parseAs: 'buffer', bodyLimit: csvBodyLimit }, (_request, body, done) => {
      let text: string;
      try {
        // parseAs: 'buffer' hands bytes; Fastify's types do not narrow by it.
        text = decodeSnapshot(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
      } catch (error) {
        if (!(error instanceof CsvInvalid)) throw error;
        done(new ApiError(400, 'invalid_csv', error.message, error.problems));
        return;
      }
      done(null, text);
    });

    app.post('/api/hr/imports', { bodyLimit: csvBodyLimit, onRequest: requireCsvContentType, schema: { body: z.string(), querystring: importQuery } }, async (request, reply) => {
      const caller = callerOf(request);
      const source = sourceOf(caller, request.query.source);
      // For an admin, what an unnamed import is filed under; an HR source only ever gets its own id.
      if (request.query.source !== undefined) await requireKnownSource(deps.hrSources, source, sourceOf(caller, undefined));
      const limits = limitsFor(deps.safety, caller, request.query);
      let snapshot;
      try {
        snapshot = parseSnapshot(request.body);
      } catch (error) {
        if (error instanceof CsvInvalid) throw new ApiError(400, 'invalid_csv', error.message, error.problems);
        throw error;
      }
      const problems = snapshot.invalid.flatMap((r) => r.problems);
      if (snapshot.rows.length === 0 && problems.length > 0) {
        throw new ApiError(400, 'invalid_csv', `no line of the CSV can be imported: ${problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems.slice(0, shownProblems));
      }

      const now = new Date();
      const known = await knownOfSource({ people: deps.people, outbox }, source, now);
      const byId = new Map(known.map((k) => [k.employeeId, k]));
      const deriver = createDeriver({ channel: 'import', source, now, lookup: (employeeId) => byId.get(employeeId), ...(deps.hireDatePolicy ? { hireDatePolicy: deps.hireDatePolicy } : {}) });
      const lines = [...snapshot.rows.map((r) => ({ line: r.line, row: r, invalid: undefined })), ...snapshot.invalid.map((r) => ({ line: r.line, row: undefined, invalid: r }))].sort((a, b) => a.line - b.line);
      const records: NewImportRecord[] = [];
      const listed = new Set<string>();
      for (const l of lines) {
        if (l.invalid) {
          if (l.invalid.employeeId !== undefined) listed.add(l.invalid.employeeId);
          const errors: RecordProblem[] = l.invalid.problems;
          records.push({ seq: records.length, line: l.line, employeeId: l.invalid.employeeId, status: 'invalid', note: 'left out: fix the line and import again', errors });
        } else {
          listed.add(l.row.worker.employeeId);
          records.push({ seq: records.length, line: l.line, employeeId: l.row.worker.employeeId, ...deriver.stated(l.row.worker) });
        }
      }
      for (const person of known) {
        if (listed.has(person.employeeId)) continue;
        records.push({ seq: records.length, employeeId: person.employeeId, ...deriver.absent(person) });
      }

      const disables = records.filter((r) => r.event !== undefined && isDisabling(r.event.type)).length;
      const safety = await assessBatch(imports, source, disables, limits);
      const status = request.query.dryRun ? 'dry-run' : safety.hold ? 'held' : 'running';
      const summary = await imports.create({ id: randomUUID(), source, kind: 'csv', status, createdBy: caller.id, receivedAt: now, counts: countRecords(records), safety, records });
      return reply.code(202).header('location', `/api/hr/imports/${summary.id}`).send(await view(imports, summary, { offset: 0, limit: 1000 }));
    });

    app.get('/api/hr/imports', { schema: { querystring: listQuery } }, async (request) => {
      const caller = callerOf(request);
      const elevated = caller.roles.some((r) => r === 'admin' || r === 'operator' || r === 'auditor');
      return { imports: await imports.list(elevated ? request.query.source : caller.id, request.query.limit) };
    });

    app.get('/api/hr/imports/:id', { schema: { params: idParams, querystring: pageQuery } }, async (request) => {
      const caller = callerOf(request);
      const summary = visibleTo(caller, await imports.get(request.params.id), request.params.id);
      return view(imports, summary, request.query);
    });

    app.post('/api/hr/imports/:id/approve', { schema: { params: idParams } }, async (request, reply) => {
      const caller = callerOf(request);
      // Only the first approve puts the batch's events in the outbox; a second finds it running or done.
      const { changed, summary } = await storeCall(() => imports.approve(request.params.id, caller.id));
      return reply.code(changed ? 202 : 200).send({ ...summary, changed });
    });

    app.post('/api/hr/imports/:id/reject', { schema: { params: idParams } }, async (request) => {
      const caller = callerOf(request);
      const { changed, summary } = await storeCall(() => imports.reject(request.params.id, caller.id));
      return { ...summary, changed };
    });
    return Promise.resolve();
  };
