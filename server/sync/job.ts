/**
 * A sync job as the API, the store and the cycle read it: one zod declaration. The first source kind
 * is a PostgreSQL table or view of workers (`postgres-hr`): each row states a worker, and the cycle
 * turns what changed into HR events for the intake outbox. The password is not part of the config:
 * it is a write-only secret the store seals with the keyring.
 */
import { z } from 'zod';
import { identifier } from '../../workflows/dsl/index.ts';

/** A column name of the source query's result; quoted with the driver's identifier escaping when used. */
const column = z.string().min(1).max(63, 'PostgreSQL column names have at most 63 characters');

export const postgresConnectionSchema = z.strictObject({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65_535).default(5432),
  database: z.string().min(1).max(63),
  user: z.string().min(1).max(63),
  /** TLS to the source: `require` checks the certificate against the system's CAs. */
  ssl: z.enum(['disable', 'require']).default('disable'),
});

/** How a row says the worker has left: a status column holding one of some values, or a termination date column. */
export const terminationSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('status'),
    column,
    /** Values (compared without regard to case or surrounding space) that mean "no longer works here". */
    inactiveValues: z.array(z.string().min(1).max(100)).min(1).max(20),
  }),
  z.strictObject({
    kind: z.literal('date'),
    column,
    /** The date is sent as this attribute of the terminate event (the last day). */
    attribute: z.string().min(1).max(100).default('lastDay'),
  }),
]);

export const postgresSourceSchema = z
  .strictObject({
    connection: postgresConnectionSchema,
    /** A table or view name (optionally schema-qualified), or a SELECT whose result the cycle pages through. */
    query: z.string().min(1).max(20_000),
    /** The column holding the employee id. */
    keyColumn: column,
    /** `delta`: rows whose change column passed the watermark; `snapshot`: every row, and people missing from it have left. */
    mode: z.enum(['delta', 'snapshot']),
    /** Required in delta mode: a column that grows with every change (updated_at, a row version). */
    changeColumn: column.optional(),
    /** Tenure attribute name → source column. */
    attributes: z.record(z.string().min(1).max(100), column).refine((m) => Object.keys(m).length <= 200, 'map at most 200 attributes'),
    termination: terminationSchema.optional(),
    pageSize: z.number().int().min(1).max(5_000).default(500),
  })
  .superRefine((s, ctx) => {
    if (s.mode === 'delta' && s.changeColumn === undefined) ctx.addIssue({ code: 'custom', path: ['changeColumn'], message: 'delta mode needs a change column (e.g. updated_at); use mode "snapshot" for a table without one' });
  });
export type PostgresSource = z.infer<typeof postgresSourceSchema>;

export const syncJobInputSchema = z.strictObject({
  id: identifier,
  name: z.string().min(1).max(200),
  kind: z.literal('postgres-hr'),
  /** The HR source the events are filed under (the same people as its webhook events). */
  hrSource: identifier.default('hr'),
  source: postgresSourceSchema,
  /** Write-only: the source password. On update, absent keeps the stored one and null removes it. */
  secrets: z.strictObject({ password: z.string().min(1).max(1_000).nullable() }).partial().optional(),
  /** Seconds between scheduled cycles; null or absent runs only on demand. */
  intervalSeconds: z.number().int().min(60).max(7 * 24 * 3600).nullable().default(null),
  enabled: z.boolean().default(true),
  thresholds: z
    .strictObject({
      /** Hold terminations when a snapshot has more than this share fewer rows than the last one. */
      maxDropShare: z.number().min(0).max(1).default(0.2),
      /** Hold terminations when one cycle would send more than this many. */
      maxTerminations: z.number().int().min(0).max(1_000_000).default(500),
    })
    .default({ maxDropShare: 0.2, maxTerminations: 500 }),
});
export type SyncJobInput = z.infer<typeof syncJobInputSchema>;

/** Where a delta cycle resumes: the change value and key of the last row read, as the source's text. */
export const watermarkSchema = z.strictObject({ change: z.string(), key: z.string() });
export type Watermark = z.infer<typeof watermarkSchema>;

/** A snapshot cycle's position: the last key read. */
export const cursorSchema = z.union([watermarkSchema, z.strictObject({ key: z.string() })]).nullable();
export type Cursor = z.infer<typeof cursorSchema>;

export const cycleCountNames = ['rows', 'hire', 'update', 'terminate', 'rehire', 'cancel', 'unchanged', 'skipped', 'invalid', 'absent'] as const;
export type CycleCounts = Partial<Record<(typeof cycleCountNames)[number], number>>;

export interface RecordError {
  /** The employee id, when the row had a usable one. */
  key?: string | undefined;
  page: number;
  path: string;
  message: string;
}
