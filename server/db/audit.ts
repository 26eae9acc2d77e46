/** Appends to the audit log. Every admin action writes one entry in the same transaction as the change. */
import type { Queryable } from './database.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

export async function audit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query('INSERT INTO audit_log (actor, action, target_type, target_id, details) VALUES ($1, $2, $3, $4, $5)', [
    entry.actor,
    entry.action,
    entry.targetType,
    entry.targetId,
    JSON.stringify(entry.details ?? {}),
  ]);
}
