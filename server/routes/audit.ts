/**
 * Reading the audit log: `GET /api/audit` pages through it newest first (keyset cursor), and
 * `GET /api/audit/export` streams every matching entry as CSV or JSON, in bounded memory, for
 * auditors and admins. CSV cells that a spreadsheet would run as a formula (= + - @, tab, CR) are
 * prefixed with a quote, as OWASP recommends for CSV injection. Exports are themselves audited.
 */
import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { allAudit, audit, queryAudit, type AuditFilter, type AuditRecord } from '../db/audit.ts';
import { requireRole } from '../http/auth.ts';

const when = z
  .string()
  .max(40)
  .refine((s) => (/^\d{4}-\d{2}-\d{2}$/.test(s) || z.iso.datetime({ offset: true }).safeParse(s).success) && !Number.isNaN(Date.parse(s)), {
    message: 'must be an ISO 8601 date or date-time with a time zone, e.g. 2026-01-31 or 2026-01-31T08:00:00Z',
  });

const filterFields = {
  employeeId: z.string().min(1).max(200).optional(),
  actor: z.string().min(1).max(200).optional(),
  action: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'must be an action such as definition.publish, or a prefix of one such as provision.ad')
    .optional(),
  from: when.optional(),
  to: when.optional(),
};

const fromBeforeTo = (q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) => {
  if (q.from !== undefined && q.to !== undefined && Date.parse(q.from) > Date.parse(q.to)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
};

const listQuery = z
  .strictObject({
    ...filterFields,
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: z.string().regex(/^\d{1,18}$/, 'must be the nextCursor of a previous page').optional(),
  })
  .superRefine(fromBeforeTo);

const exportQuery = z.strictObject({ ...filterFields, format: z.enum(['csv', 'json']).default('csv') }).superRefine(fromBeforeTo);

const dayOnly = /^\d{4}-\d{2}-\d{2}$/;
/** `to` as a day includes that whole day (UTC): `from=2026-12-08&to=2026-12-08` is the 8th. A date-time is the exact end, not included. */
const endOf = (to: string) => (dayOnly.test(to) ? new Date(Date.parse(to) + 86_400_000) : new Date(to));

const filterOf = (q: z.infer<typeof exportQuery> | z.infer<typeof listQuery>): AuditFilter => ({
  employeeId: q.employeeId,
  actor: q.actor,
  action: q.action,
  from: q.from === undefined ? undefined : new Date(q.from),
  to: q.to === undefined ? undefined : endOf(q.to),
});

/** OWASP CSV injection: a leading = + - @ tab or CR makes spreadsheets evaluate the cell. */
export const csvSafe = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

const csvColumns = ['id', 'at', 'actor', 'action', 'targetType', 'targetId', 'employeeId', 'runId', 'details'] as const;

async function* csvRows(entries: AsyncIterable<AuditRecord>): AsyncGenerator<string[]> {
  for await (const e of entries) {
    yield [e.id, e.at, e.actor, e.action, e.targetType, e.targetId, e.employeeId ?? '', e.runId ?? '', JSON.stringify(e.details)].map(csvSafe);
  }
}

async function* jsonChunks(entries: AsyncIterable<AuditRecord>): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const e of entries) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(e)}`;
    first = false;
  }
  yield '\n]\n';
}

export const auditRoutes =
  ({ db }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/audit', { schema: { querystring: listQuery } }, async (request) => {
      requireRole(request, 'auditor');
      const q = request.query;
      const entries = await queryAudit(db, filterOf(q), { limit: q.limit, after: q.cursor });
      return { entries, nextCursor: entries.length === q.limit ? (entries[entries.length - 1]?.id ?? null) : null };
    });

    app.get('/api/audit/export', { schema: { querystring: exportQuery } }, async (request, reply) => {
      const caller = requireRole(request, 'auditor');
      const q = request.query;
      const filter = filterOf(q);
      // Written before the export is read, so the export is in the log even when it is the newest thing there.
      await audit(db, { actor: caller.id, action: 'audit.export', targetType: 'audit_log', targetId: q.format, details: { filter: { employeeId: q.employeeId, actor: q.actor, action: q.action, from: q.from, to: q.to } } });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      reply.header('content-disposition', `attachment; filename="audit-${stamp}.${q.format}"`);
      reply.header('cache-control', 'no-store');
      if (q.format === 'json') {
        reply.type('application/json; charset=utf-8');
        return reply.send(Readable.from(jsonChunks(allAudit(db, filter))));
      }
      reply.type('text/csv; charset=utf-8');
      const csv = stringify({ header: true, columns: [...csvColumns] });
      pipeline(Readable.from(csvRows(allAudit(db, filter))), csv, (error) => {
        // Headers are gone by then: the client sees a cut-off download; the log says why.
        if (error) request.log.error({ err: error }, 'audit export failed');
      });
      return reply.send(csv);
    });
    return Promise.resolve();
  };
