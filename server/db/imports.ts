/**
 * HR batches (CSV imports and SCIM bulk requests) and the records Tenure derived from them: what
 * each record was, the event it produced, whether that event has been delivered. A batch accepted
 * for delivery puts its events in the HR outbox in the same transaction (server/db/outbox.ts); the
 * dispatcher marks the records delivered and completes the batch, so progress survives a restart.
 * A held batch enters the outbox when an admin approves it. Approving and rejecting a held batch
 * are conditional updates: a second approve changes nothing.
 */
import { formatPath, hrEventSchema, type HrEvent } from '../../workflows/dsl/index.ts';
import type { SafetyVerdict } from '../../workflows/dsl/hrDiff.ts';
import type { ErrorDetail } from '../http/errors.ts';
import { audit } from './audit.ts';
import type { Database } from './database.ts';
import { Conflict, NotFound } from './definitions.ts';
import { announceEnqueued, completeImports, enqueue, enqueueImport } from './outbox.ts';

export const importStatuses = ['dry-run', 'held', 'running', 'completed', 'failed', 'rejected'] as const;
export type ImportStatus = (typeof importStatuses)[number];
export type ImportKind = 'csv' | 'scim';
/** `refused`: Temporal refused the record's event for good (see server/hr/dispatcher.ts). */
export type RecordStatus = 'pending' | 'delivered' | 'unchanged' | 'skipped' | 'invalid' | 'refused';

/** A problem with one record; CSV problems add line and column, SCIM ones the operation index. */
export type RecordProblem = ErrorDetail & { line?: number; column?: number; columnName?: string; index?: number; bulkId?: string };

export interface NewImportRecord {
  seq: number;
  line?: number | undefined;
  opIndex?: number | undefined;
  bulkId?: string | undefined;
  employeeId?: string | undefined;
  status: RecordStatus;
  event?: HrEvent | undefined;
  note?: string | undefined;
  errors: RecordProblem[];
}

export type ImportCounts = Record<string, number>;

export interface NewImport {
  id: string;
  source: string;
  kind: ImportKind;
  status: Extract<ImportStatus, 'dry-run' | 'held' | 'running'>;
  createdBy: string;
  /** When the request was accepted: the received time of its events. */
  receivedAt: Date;
  counts: ImportCounts;
  safety: SafetyVerdict;
  records: NewImportRecord[];
}

export interface ImportSummary {
  id: string;
  source: string;
  kind: ImportKind;
  status: ImportStatus;
  dryRun: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  counts: ImportCounts;
  safety: SafetyVerdict;
  heldReason: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  rejectedBy: string | null;
  rejectedAt: string | null;
  finishedAt: string | null;
  lastError: string | null;
  progress: { events: number; delivered: number; pending: number };
}

export interface ImportRecordView {
  seq: number;
  line: number | null;
  index: number | null;
  bulkId: string | null;
  employeeId: string | null;
  status: RecordStatus;
  event: HrEvent | null;
  note: string | null;
  errors: RecordProblem[];
}

interface ImportRow {
  id: string;
  source: string;
  kind: ImportKind;
  status: ImportStatus;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  counts: ImportCounts;
  safety: SafetyVerdict;
  held_reason: string | null;
  approved_by: string | null;
  approved_at: Date | null;
  rejected_by: string | null;
  rejected_at: Date | null;
  finished_at: Date | null;
  last_error: string | null;
  events: number;
  delivered: number;
  pending: number;
}

interface RecordRow {
  seq: number;
  line: number | null;
  op_index: number | null;
  bulk_id: string | null;
  employee_id: string | null;
  status: RecordStatus;
  event: unknown;
  note: string | null;
  errors: RecordProblem[];
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

const toSummary = (r: ImportRow): ImportSummary => ({
  id: r.id,
  source: r.source,
  kind: r.kind,
  status: r.status,
  dryRun: r.status === 'dry-run',
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  counts: r.counts,
  safety: r.safety,
  heldReason: r.safety.reason ?? null,
  approvedBy: r.approved_by,
  approvedAt: iso(r.approved_at),
  rejectedBy: r.rejected_by,
  rejectedAt: iso(r.rejected_at),
  finishedAt: iso(r.finished_at),
  lastError: r.last_error,
  progress: { events: r.events, delivered: r.delivered, pending: r.pending },
});

/**
 * Events are stored as delivered to the person workflow; reading one back re-checks its shape. One
 * stored under older rules that no longer passes is that record's problem, never a failed read.
 */
function eventOf(raw: unknown): { event: HrEvent | null; problems: RecordProblem[] } {
  if (raw === null || raw === undefined) return { event: null, problems: [] };
  const parsed = hrEventSchema.safeParse(raw);
  if (parsed.success) return { event: parsed.data, problems: [] };
  return { event: null, problems: parsed.error.issues.map((i) => ({ path: formatPath(['event', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))]), message: `the stored event no longer passes the HR event rules: ${i.message}` })) };
}

const toRecord = (r: RecordRow): ImportRecordView => {
  const { event, problems } = eventOf(r.event);
  // The note is what every view of a record shows: an unreadable event says so there too.
  const note = problems.length === 0 ? r.note : [r.note, ...problems.map((p) => `${p.path}: ${p.message}`)].filter((n) => n !== null).join('; ');
  return { seq: r.seq, line: r.line, index: r.op_index, bulkId: r.bulk_id, employeeId: r.employee_id, status: r.status, event, note, errors: [...r.errors, ...problems] };
};

const summarySql = `
  SELECT i.*,
    (SELECT count(*)::int FROM hr_import_records r WHERE r.import_id = i.id AND r.event IS NOT NULL) AS events,
    (SELECT count(*)::int FROM hr_import_records r WHERE r.import_id = i.id AND r.status = 'delivered') AS delivered,
    (SELECT count(*)::int FROM hr_import_records r WHERE r.import_id = i.id AND r.status = 'pending') AS pending
  FROM hr_imports i`;

const recordColumns = 11;
const chunk = 300;

export function createImportStore(db: Database) {
  const get = async (id: string): Promise<ImportSummary | undefined> => {
    const [row] = await db.query<ImportRow>(`${summarySql} WHERE i.id = $1`, [id]);
    return row ? toSummary(row) : undefined;
  };
  const mustGet = async (id: string): Promise<ImportSummary> => {
    const found = await get(id);
    if (!found) throw new NotFound(`no HR import ${id}`);
    return found;
  };

  return {
    get,

    /**
     * Stores a batch and all its records in one transaction, with a running batch's events in the
     * outbox: after this, nothing accepted is lost. A running batch without events is completed.
     * The audit entry says who sent it, for which source, how many lines (CSV) or operations (SCIM)
     * and what became of it; counts only, never a person's data.
     */
    async create(input: NewImport): Promise<ImportSummary> {
      const events = input.records.flatMap((r) => (r.event && r.status === 'pending' ? [{ source: input.source, channel: input.kind, event: r.event, receivedAt: input.receivedAt, importId: input.id, importSeq: r.seq }] : []));
      const delivering = input.status === 'running' && events.length > 0;
      const status = input.status === 'running' && events.length === 0 ? 'completed' : input.status;
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO hr_imports (id, source, kind, status, created_by, counts, safety, held_reason, finished_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9::boolean THEN now() END)`,
          [input.id, input.source, input.kind, status, input.createdBy, JSON.stringify(input.counts), JSON.stringify(input.safety), input.safety.reason ?? null, status === 'completed'],
        );
        for (let start = 0; start < input.records.length; start += chunk) {
          const slice = input.records.slice(start, start + chunk);
          const params: unknown[] = [];
          const tuples = slice.map((r, i) => {
            params.push(input.id, r.seq, r.line ?? null, r.opIndex ?? null, r.bulkId ?? null, r.employeeId ?? null, r.status, r.event?.type ?? null, r.event ? JSON.stringify(r.event) : null, r.note ?? null, JSON.stringify(r.errors));
            const b = i * recordColumns;
            return `(${Array.from({ length: recordColumns }, (_, k) => `$${b + k + 1}`).join(', ')})`;
          });
          await tx.query(
            `INSERT INTO hr_import_records (import_id, seq, line, op_index, bulk_id, employee_id, status, event_type, event, note, errors) VALUES ${tuples.join(', ')}`,
            params,
          );
        }
        if (delivering) await enqueue(tx, events);
        const rows = input.records.filter((r) => r.line !== undefined || r.opIndex !== undefined).length;
        await audit(tx, {
          actor: input.createdBy,
          action: 'hr-import.receive',
          targetType: 'hr-import',
          targetId: input.id,
          details: { kind: input.kind, source: input.source, rows, outcome: status, counts: input.counts, ...(input.safety.reason !== undefined ? { heldReason: input.safety.reason } : {}) },
        });
      });
      if (delivering) announceEnqueued(db);
      return mustGet(input.id);
    },

    async list(source: string | undefined, limit: number): Promise<ImportSummary[]> {
      const rows = await db.query<ImportRow>(`${summarySql} WHERE ($1::text IS NULL OR i.source = $1) ORDER BY i.created_at DESC, i.id LIMIT $2`, [source ?? null, limit]);
      return rows.map(toSummary);
    },

    /** Records in order; `only: 'events'` keeps those that derived an event, `'problems'` those with errors. */
    async records(id: string, options: { offset: number; limit: number; only?: 'events' | 'problems' }): Promise<ImportRecordView[]> {
      const filter = options.only === 'events' ? 'AND event IS NOT NULL' : options.only === 'problems' ? "AND errors <> '[]'::jsonb" : '';
      const rows = await db.query<RecordRow>(`SELECT * FROM hr_import_records WHERE import_id = $1 ${filter} ORDER BY seq OFFSET $2 LIMIT $3`, [id, options.offset, options.limit]);
      return rows.map(toRecord);
    },

    /**
     * Releases a held batch (or one a former version gave up on) for delivery: its pending events
     * enter the outbox, received now. Only the first approve changes anything; later ones find it
     * running or completed and report `changed: false`.
     */
    async approve(id: string, actor: string): Promise<{ changed: boolean; summary: ImportSummary }> {
      const changed = await db.transaction(async (tx) => {
        const rows = await tx.query<{ id: string; status: ImportStatus }>(
          `UPDATE hr_imports SET status = 'running', approved_by = $2, approved_at = now(), updated_at = now(), last_error = NULL
           WHERE id = $1 AND status IN ('held', 'failed') RETURNING id`,
          [id, actor],
        );
        if (rows.length === 0) return false;
        await enqueueImport(tx, id);
        await completeImports(tx, [id]);
        await audit(tx, { actor, action: 'hr-import.approve', targetType: 'hr-import', targetId: id });
        return true;
      });
      if (changed) announceEnqueued(db);
      const summary = await mustGet(id);
      if (!changed && (summary.status === 'dry-run' || summary.status === 'rejected')) {
        throw new Conflict(`HR import ${id} is ${summary.status === 'dry-run' ? 'a dry run; post it again without dryRun to apply it' : `rejected (by ${summary.rejectedBy ?? 'an admin'}); post it again to apply it`}`);
      }
      return { changed, summary };
    },

    async reject(id: string, actor: string): Promise<{ changed: boolean; summary: ImportSummary }> {
      const changed = await db.transaction(async (tx) => {
        const rows = await tx.query<{ id: string }>(
          "UPDATE hr_imports SET status = 'rejected', rejected_by = $2, rejected_at = now(), updated_at = now() WHERE id = $1 AND status = 'held' RETURNING id",
          [id, actor],
        );
        if (rows.length === 0) return false;
        await audit(tx, { actor, action: 'hr-import.reject', targetType: 'hr-import', targetId: id });
        return true;
      });
      const summary = await mustGet(id);
      if (!changed && summary.status !== 'rejected') throw new Conflict(`HR import ${id} is ${summary.status}, not held: only a held import can be rejected`);
      return { changed, summary };
    },

    /**
     * Disables from `source` accepted for delivery without an admin's approval within the last
     * `minutes`, delivered or still queued: delivery trails acceptance, and a mass deletion sent as
     * many small requests must count before it reaches the people.
     */
    async recentDisables(source: string, minutes: number): Promise<number> {
      if (minutes <= 0) return 0;
      const [row] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM hr_import_records r JOIN hr_imports i ON i.id = r.import_id
         WHERE i.source = $1 AND i.approved_by IS NULL AND i.status IN ('running', 'completed', 'failed')
           AND r.status IN ('pending', 'delivered') AND r.event_type IN ('terminate', 'cancel')
           AND i.created_at > now() - make_interval(mins => $2)`,
        [source, minutes],
      );
      return row?.n ?? 0;
    },

    /** People of `source` Tenure counts as active (everyone not terminated, leavers included). */
    async activeCount(source: string): Promise<number> {
      const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM people WHERE source = $1 AND (state IS NULL OR state <> 'terminated')", [source]);
      return row?.n ?? 0;
    },
  };
}

export type ImportStore = ReturnType<typeof createImportStore>;
