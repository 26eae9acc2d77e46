/**
 * Reads one page of a PostgreSQL HR source: the admin's table, view or SELECT wrapped in keyset
 * paging, in a read-only transaction with a statement timeout, on a connection of its own that is
 * closed after the page. Every value comes back as PostgreSQL's own text (no driver parsing), so a
 * date stays `2026-03-01` and a change value compares exactly with the column when it is sent back
 * as the next page's lower bound. Column names are quoted with the driver's identifier escaping.
 */
import pg from 'pg';
import type { Cursor, PostgresSource } from './job.ts';
import { describeSourceError } from './sourceError.ts';

export interface SourceRow {
  /** The key column as text; null when the row has none. */
  key: string | null;
  /** The change column as text (delta mode). */
  change: string | null;
  /** Every column of the row, as text. */
  values: Record<string, string | null>;
}

/** The source cannot be read as configured (bad query, missing column, refused login, a value the query cannot read): retrying will not help. */
export class SourceMisconfigured extends Error {}

const keyAlias = '__tenure_key';
const changeAlias = '__tenure_change';
const bareName = /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/;

function fromClause(query: string): string {
  const q = query.trim().replace(/;\s*$/, '');
  if (bareName.test(q)) return q.split('.').map((part) => pg.escapeIdentifier(part)).join('.');
  return `(${q})`;
}

const text = (value: string) => value;
/** Every type as its text form. */
const asText = { getTypeParser: () => text };

/**
 * The page after `cursor`, and the rows that share the page's last position (`boundary`): keys may
 * repeat in a view, and a page must never end between two rows of one key, or the second would be
 * passed over unseen instead of being reported as a duplicate.
 */
export function pageQuery(source: PostgresSource, cursor: Cursor): { text: string; values: unknown[]; boundary: (last: { key: string | null; change: string | null }) => { text: string; values: unknown[] } } {
  const key = `src.${pg.escapeIdentifier(source.keyColumn)}`;
  const keyText = `COALESCE(${key}::text, '') COLLATE "C"`;
  const from = `${fromClause(source.query)} AS src`;
  if (source.mode === 'delta' && source.changeColumn !== undefined) {
    const change = `src.${pg.escapeIdentifier(source.changeColumn)}`;
    const select = `SELECT src.*, ${key}::text AS ${keyAlias}, ${change}::text AS ${changeAlias} FROM ${from}`;
    const order = `ORDER BY ${change}, ${keyText} LIMIT $1`;
    const boundary = (last: { key: string | null; change: string | null }) => ({ text: `${select} WHERE ${change} = $1 AND ${keyText} = $2`, values: [last.change, last.key ?? ''] });
    if (cursor === null || !('change' in cursor)) return { text: `${select} WHERE ${change} IS NOT NULL ${order}`, values: [source.pageSize], boundary };
    return { text: `${select} WHERE ${change} IS NOT NULL AND (${change}, ${keyText}) > ($2, $3) ${order}`, values: [source.pageSize, cursor.change, cursor.key], boundary };
  }
  // The first page has no lower bound, so rows without a key (sorted first, as '') are read and reported.
  const select = `SELECT src.*, ${key}::text AS ${keyAlias} FROM ${from}`;
  const order = `ORDER BY ${keyText} LIMIT $1`;
  const boundary = (last: { key: string | null }) => ({ text: `${select} WHERE ${keyText} = $1`, values: [last.key ?? ''] });
  if (cursor === null) return { text: `${select} ${order}`, values: [source.pageSize], boundary };
  return { text: `${select} WHERE ${keyText} > $2 ${order}`, values: [source.pageSize, cursor.key], boundary };
}

export interface ReadOptions {
  source: PostgresSource;
  password: string | undefined;
  cursor: Cursor;
  /** Milliseconds one page query may take. */
  statementTimeoutMs?: number;
}

/** One page after `cursor`, in key (snapshot) or change-then-key (delta) order. */
export async function readPage(options: ReadOptions): Promise<SourceRow[]> {
  const { source } = options;
  const client = new pg.Client({
    host: source.connection.host,
    port: source.connection.port,
    database: source.connection.database,
    user: source.connection.user,
    ...(options.password !== undefined ? { password: options.password } : {}),
    ssl: source.connection.ssl === 'require' ? { rejectUnauthorized: true } : false,
    connectionTimeoutMillis: 15_000,
    application_name: 'tenure-sync',
  });
  // A connection that dies between queries reports through the query that fails; the event must not crash the worker.
  client.on('error', () => undefined);
  try {
    await client.connect();
    // One snapshot for the page and its boundary rows.
    await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.trunc(options.statementTimeoutMs ?? 120_000))}`);
    const query = pageQuery(source, options.cursor);
    const result = await client.query<Record<string, string | null>>({ text: query.text, values: query.values, types: asText });
    let rows = result.rows;
    const last = rows.at(-1);
    if (last !== undefined && rows.length >= source.pageSize) {
      const position = { key: last[keyAlias] ?? null, change: last[changeAlias] ?? null };
      const same = (r: Record<string, string | null>) => (r[keyAlias] ?? '') === (position.key ?? '') && (r[changeAlias] ?? null) === position.change;
      const boundary = query.boundary(position);
      const tied = await client.query<Record<string, string | null>>({ text: boundary.text, values: boundary.values, types: asText });
      rows = [...rows.filter((r) => !same(r)), ...tied.rows];
    }
    await client.query('COMMIT');
    const names = new Set(result.fields.map((f) => f.name));
    const missing = Object.entries(source.attributes).filter(([, col]) => !names.has(col));
    if (source.termination && !names.has(source.termination.column)) missing.push([source.termination.kind === 'status' ? 'termination status' : 'termination date', source.termination.column]);
    if (missing.length > 0) throw new SourceMisconfigured(`the source query has no column ${missing.map(([what, col]) => `"${col}" (mapped to ${what})`).join(', ')}; it has ${[...names].filter((n) => n !== keyAlias && n !== changeAlias).join(', ')}`);
    return rows.map((row) => {
      const { [keyAlias]: key = null, [changeAlias]: change = null, ...values } = row;
      return { key, change, values };
    });
  } catch (error) {
    if (error instanceof SourceMisconfigured) throw error;
    // The driver's error stays here: its text (and so a `cause`, which Temporal records and the
    // worker logs) can quote a row. What leaves is described from its structured fields.
    const described = describeSourceError(error, source);
    if (described.permanent) throw new SourceMisconfigured(described.message);
    // eslint-disable-next-line preserve-caught-error -- the cause's text quotes rows (see above)
    throw new Error(described.message);
  } finally {
    // Closing a connection that already broke fails too; the failure that matters was thrown above.
    await client.end().catch(() => undefined);
  }
}
