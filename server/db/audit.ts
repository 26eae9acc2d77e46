/**
 * The audit log: append-only (the database refuses UPDATE, DELETE and TRUNCATE on it, migrations 001
 * and 010). Every admin action writes one entry in the same transaction as the change; the worker
 * writes one per provisioning operation (activities/audit.ts). Reads are newest first, paged by
 * keyset (at, id) so a page never shifts while entries keep arriving.
 */
import type { ProvisioningAudit } from '../../activities/audit.ts';
import type { Queryable } from './database.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
  /** The person the entry concerns, when there is one: the log is searchable by person. */
  employeeId?: string;
  runId?: string;
}

export async function audit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query('INSERT INTO audit_log (actor, action, target_type, target_id, details, employee_id, run_id) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    entry.actor,
    entry.action,
    entry.targetType,
    entry.targetId,
    JSON.stringify(entry.details ?? {}),
    entry.employeeId ?? null,
    entry.runId ?? null,
  ]);
}

/**
 * Where the worker's provisioning entries go. The worker knows the run id; the run's person and who
 * asked for it come from the runs table (every run is recorded there before it starts).
 */
export function provisioningAuditSink(db: Queryable): (entry: ProvisioningAudit) => Promise<void> {
  return async (entry) => {
    const [run] = await db.query<{ employee_id: string; requested_by: string }>('SELECT employee_id, requested_by FROM runs WHERE id = $1', [entry.runId]);
    await audit(db, {
      actor: run?.requested_by ?? `run:${entry.runId}`,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      runId: entry.runId,
      ...(run ? { employeeId: run.employee_id } : {}),
      details: { ...entry.details, ...(run ? { employeeId: run.employee_id } : {}) },
    });
  };
}

export interface AuditFilter {
  employeeId?: string | undefined;
  actor?: string | undefined;
  /** An action (`definition.publish`) or a dotted prefix of actions (`provision`, `provision.ad`). */
  action?: string | undefined;
  /** Inclusive. */
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
}

export interface AuditRecord {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  employeeId: string | null;
  runId: string | null;
  details: Record<string, unknown>;
}

interface AuditRow {
  id: string | number | bigint;
  at: Date;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  employee_id: string | null;
  run_id: string | null;
  details: Record<string, unknown>;
}

const record = (r: AuditRow): AuditRecord => ({
  id: String(r.id),
  at: r.at.toISOString(),
  actor: r.actor,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  employeeId: r.employee_id,
  runId: r.run_id,
  details: r.details,
});

/** LIKE treats % _ and \ specially; a prefix given by a caller matches literally. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One page, newest first, strictly older than the entry `after` (an id from a previous page). */
export async function queryAudit(db: Queryable, filter: AuditFilter, page: { limit: number; after?: string | undefined }): Promise<AuditRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.employeeId !== undefined) where.push(`employee_id = ${param(filter.employeeId)}`);
  if (filter.actor !== undefined) where.push(`actor = ${param(filter.actor)}`);
  if (filter.action !== undefined) {
    const exact = param(filter.action);
    where.push(`(action = ${exact} OR action LIKE ${param(`${likeLiteral(filter.action)}.%`)})`);
  }
  if (filter.from !== undefined) where.push(`at >= ${param(filter.from)}`);
  if (filter.to !== undefined) where.push(`at < ${param(filter.to)}`);
  if (page.after !== undefined) {
    // The cursor row's own (at, id): exact to the microsecond, which a JavaScript Date is not.
    const id = param(page.after);
    where.push(`(at, id) < (SELECT at, id FROM audit_log WHERE id = ${id})`);
  }
  const sql = `SELECT id, at, actor, action, target_type, target_id, employee_id, run_id, details FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ${param(page.limit)}`;
  return (await db.query<AuditRow>(sql, params)).map(record);
}

/** Every matching entry, newest first, fetched page by page (exports of any size in bounded memory). */
export async function* allAudit(db: Queryable, filter: AuditFilter, pageSize = 500): AsyncGenerator<AuditRecord> {
  let after: string | undefined;
  for (;;) {
    const rows = await queryAudit(db, filter, { limit: pageSize, after });
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]?.id;
  }
}
