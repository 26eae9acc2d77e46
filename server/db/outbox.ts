/**
 * The HR intake outbox (migration 011): every accepted HR event waits here until the dispatcher
 * (server/hr/dispatcher.ts) has handed it to its person workflow. Writers add rows inside the
 * transaction that accepts a request, so the 202 means "stored"; the dispatcher reads the oldest
 * undelivered rows and marks them delivered in batches, keeping the progress of the SCIM and CSV
 * batches the rows came from. Delivered rows stay for a day: the SCIM and CSV derivers replay a
 * person's recent events over the people projection, which follows deliveries with a lag.
 *
 * `seq` is a bigserial, read and written as text: node-postgres returns int8 as a string, and the
 * order is the database's to keep (queries order by the column, `hr_outbox.seq`, never by its text).
 */
import { hrEventSchema, type HrEvent, type ReceivedHrEvent } from '../../workflows/dsl/index.ts';
import type { HrChannel } from '../observability/metrics.ts';
import type { Database, Queryable } from './database.ts';

/** How long delivered rows are kept, and how far back the derivers look. */
export const retainedHours = 24;

export interface NewOutboxEvent {
  source: string;
  channel: HrChannel;
  event: HrEvent;
  /** The moment the request was accepted. */
  receivedAt: Date;
  importId?: string | undefined;
  importSeq?: number | undefined;
}

/** An undelivered row. `event` is undefined when the stored event no longer reads as an HR event. */
export interface OutboxEntry {
  seq: string;
  source: string;
  employeeId: string;
  channel: HrChannel;
  event: ReceivedHrEvent | undefined;
  problem: string | undefined;
}

/** An event accepted for a person within the retention window, delivered or not. */
export interface QueuedEvent {
  employeeId: string;
  event: HrEvent;
}

interface EntryRow {
  seq: string;
  source: string;
  employee_id: string;
  channel: HrChannel;
  event: unknown;
  received_at: Date;
}

const columns = 7;
const chunk = 500;

function readEvent(raw: unknown): { event: HrEvent; problem?: undefined } | { event?: undefined; problem: string } {
  const parsed = hrEventSchema.safeParse(raw);
  if (parsed.success) return { event: parsed.data };
  return { problem: `the stored event is not a valid HR event: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
}

const listeners = new WeakMap<Database, Set<() => void>>();

/** Calls `listener` whenever this process has committed rows to the outbox of `db`. */
export function onEnqueued(db: Database, listener: () => void): () => void {
  const set = listeners.get(db) ?? new Set();
  listeners.set(db, set);
  set.add(listener);
  return () => set.delete(listener);
}

/** Tells the dispatcher of this process that rows were committed; call it after the commit. */
export function announceEnqueued(db: Database): void {
  for (const listener of listeners.get(db) ?? []) listener();
}

/** Adds events in the caller's transaction, in the order given. */
export async function enqueue(tx: Queryable, events: readonly NewOutboxEvent[]): Promise<void> {
  for (let start = 0; start < events.length; start += chunk) {
    const slice = events.slice(start, start + chunk);
    const params: unknown[] = [];
    const tuples = slice.map((e, i) => {
      params.push(e.source, e.event.employeeId, e.channel, JSON.stringify(e.event), e.receivedAt.toISOString(), e.importId ?? null, e.importSeq ?? null);
      const b = i * columns;
      return `(${Array.from({ length: columns }, (_, k) => `$${b + k + 1}`).join(', ')})`;
    });
    await tx.query(`INSERT INTO hr_outbox (source, employee_id, channel, event, received_at, import_id, import_seq) VALUES ${tuples.join(', ')}`, params);
  }
}

/**
 * Adds a batch's pending records, in record order, in the caller's transaction (an approved held
 * batch). Records already in the outbox are left alone. Returns how many were added.
 */
export async function enqueueImport(tx: Queryable, importId: string): Promise<number> {
  const rows = await tx.query<{ seq: string }>(
    `INSERT INTO hr_outbox (source, employee_id, channel, event, received_at, import_id, import_seq)
     SELECT i.source, r.employee_id, i.kind, r.event, now(), r.import_id, r.seq
     FROM hr_import_records r JOIN hr_imports i ON i.id = r.import_id
     WHERE r.import_id = $1 AND r.status = 'pending' AND r.event IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM hr_outbox o WHERE o.import_id = r.import_id AND o.import_seq = r.seq)
     ORDER BY r.seq
     RETURNING seq::text`,
    [importId],
  );
  return rows.length;
}

/**
 * A batch's `last_error` once delivery moves on: how many of its events were refused, or nothing.
 * (A note that delivery is waiting for Temporal is cleared by the next delivery.)
 */
const refusedNote = `(SELECT CASE WHEN count(*) = 0 THEN NULL ELSE count(*) || ' of its events could not be delivered and were refused; see its records marked refused' END
  FROM hr_import_records r WHERE r.import_id = i.id AND r.status = 'refused')`;

/** Completes the running batches among `importIds` that have nothing pending any more. */
export async function completeImports(tx: Queryable, importIds: readonly string[]): Promise<void> {
  if (importIds.length === 0) return;
  await tx.query(
    `UPDATE hr_imports i SET status = 'completed', finished_at = now(), updated_at = now(), last_error = ${refusedNote}
     WHERE i.id = ANY($1::text[]) AND i.status = 'running'
       AND NOT EXISTS (SELECT 1 FROM hr_import_records r WHERE r.import_id = i.id AND r.status = 'pending')`,
    [[...importIds]],
  );
}

export function createOutboxStore(db: Database) {
  return {
    /** The oldest undelivered rows, in acceptance order. */
    async next(limit: number): Promise<OutboxEntry[]> {
      const rows = await db.query<EntryRow>(
        `SELECT seq::text AS seq, source, employee_id, channel, event, received_at FROM hr_outbox
         WHERE delivered_at IS NULL AND refused_at IS NULL ORDER BY hr_outbox.seq LIMIT $1`,
        [limit],
      );
      return rows.map((r) => {
        const read = readEvent(r.event);
        const event: ReceivedHrEvent | undefined = read.event ? { ...read.event, source: r.source, receivedAt: r.received_at.toISOString() } : undefined;
        return { seq: r.seq, source: r.source, employeeId: r.employee_id, channel: r.channel, event, problem: read.problem };
      });
    },

    /** Marks rows delivered, with the batch records they came from; completes batches with nothing left pending. */
    async markDelivered(seqs: readonly string[]): Promise<void> {
      if (seqs.length === 0) return;
      await db.transaction(async (tx) => {
        const marked = await tx.query<{ import_id: string | null }>(
          'UPDATE hr_outbox SET delivered_at = now(), last_error = NULL WHERE seq = ANY($1::bigint[]) AND delivered_at IS NULL RETURNING import_id',
          [[...seqs]],
        );
        const importIds = [...new Set(marked.flatMap((m) => (m.import_id === null ? [] : [m.import_id])))];
        if (importIds.length === 0) return;
        await tx.query(
          `UPDATE hr_import_records r SET status = 'delivered', delivered_at = now() FROM hr_outbox o
           WHERE o.seq = ANY($1::bigint[]) AND r.import_id = o.import_id AND r.seq = o.import_seq AND r.status = 'pending'`,
          [[...seqs]],
        );
        await tx.query(`UPDATE hr_imports i SET updated_at = now(), last_error = ${refusedNote} WHERE i.id = ANY($1::text[]) AND i.status = 'running'`, [importIds]);
        await completeImports(tx, importIds);
      });
    },

    /** Gives up on a row Temporal will never take: it is refused, visibly, and its batch record too. */
    async refuse(seq: string, message: string): Promise<void> {
      await db.transaction(async (tx) => {
        const [row] = await tx.query<{ import_id: string | null; import_seq: number | null }>(
          'UPDATE hr_outbox SET refused_at = now(), last_error = $2 WHERE seq = $1::bigint RETURNING import_id, import_seq',
          [seq, message],
        );
        if (!row || row.import_id === null) return;
        await tx.query(
          `UPDATE hr_import_records SET status = 'refused', errors = errors || jsonb_build_array(jsonb_build_object('path', 'event', 'message', $3::text))
           WHERE import_id = $1 AND seq = $2 AND status = 'pending'`,
          [row.import_id, row.import_seq, message],
        );
        await tx.query(`UPDATE hr_imports i SET updated_at = now(), last_error = ${refusedNote} WHERE i.id = $1`, [row.import_id]);
        await completeImports(tx, [row.import_id]);
      });
    },

    /** Notes why delivery is stalled on the batches waiting in the outbox (shown as their lastError). */
    async noteStalled(message: string): Promise<void> {
      await db.query(
        `UPDATE hr_imports SET last_error = $1, updated_at = now()
         WHERE status = 'running' AND id IN (SELECT DISTINCT import_id FROM hr_outbox WHERE delivered_at IS NULL AND refused_at IS NULL AND import_id IS NOT NULL)`,
        [message],
      );
    },

    /**
     * The events of `source` accepted within the retention window and not refused, in acceptance
     * order: for the people named, or for everyone of the source when `employeeIds` is undefined.
     */
    async queued(source: string, employeeIds?: readonly string[]): Promise<QueuedEvent[]> {
      if (employeeIds !== undefined && employeeIds.length === 0) return [];
      const rows = await db.query<{ employee_id: string; event: unknown }>(
        `SELECT employee_id, event FROM hr_outbox
         WHERE source = $1 AND ($2::text[] IS NULL OR employee_id = ANY($2::text[])) AND refused_at IS NULL
           AND (delivered_at IS NULL OR delivered_at > now() - make_interval(hours => $3))
         ORDER BY hr_outbox.seq`,
        [source, employeeIds === undefined ? null : [...employeeIds], retainedHours],
      );
      return rows.flatMap((r) => {
        const read = readEvent(r.event);
        return read.event ? [{ employeeId: r.employee_id, event: read.event }] : [];
      });
    },

    /** Deletes rows delivered before the retention window. */
    async prune(): Promise<number> {
      const [row] = await db.query<{ n: number }>('WITH gone AS (DELETE FROM hr_outbox WHERE delivered_at < now() - make_interval(hours => $1) RETURNING 1) SELECT count(*)::int AS n FROM gone', [retainedHours]);
      return row?.n ?? 0;
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
