/**
 * What a PostgreSQL HR source's error may say. PostgreSQL's error text quotes the data it choked on
 * (`invalid input syntax for type integer: "850101-1234"`, a national id), and so do its `detail`
 * and `where`, and a RAISE in the admin's own function says whatever it was told. The reason a cycle
 * fails travels through the activity failure into the cycle's Temporal history, the worker's log
 * and the cycle's `failure` (read through the API), none of which may hold HR data. So a server
 * error is described from its structured fields only — the SQLSTATE and its condition name, the
 * schema, table, column, data type and constraint it names, the PostgreSQL routine that raised it,
 * the names of the admin's functions it passed through — and never from `message`, `detail`, `hint`
 * or the rest of `where`, with what the admin should check.
 *
 * Errors that are not the server's (refused or timed-out connections, TLS, DNS) come from the
 * network, not from the data: their message is kept. Host, port, database and user are
 * configuration and are named; the password never is.
 */
import pg from 'pg';
import type { PostgresSource } from './job.ts';

/** Condition names (PostgreSQL, Appendix A) of the codes an HR source is likely to raise. */
const conditions: Record<string, string> = {
  '08000': 'connection_exception',
  '08001': 'sqlclient_unable_to_establish_sqlconnection',
  '08004': 'sqlserver_rejected_establishment_of_sqlconnection',
  '08006': 'connection_failure',
  '0A000': 'feature_not_supported',
  '21000': 'cardinality_violation',
  '22000': 'data_exception',
  '22001': 'string_data_right_truncation',
  '22003': 'numeric_value_out_of_range',
  '22004': 'null_value_not_allowed',
  '22007': 'invalid_datetime_format',
  '22008': 'datetime_field_overflow',
  '22012': 'division_by_zero',
  '22021': 'character_not_in_repertoire',
  '22023': 'invalid_parameter_value',
  '2202E': 'array_subscript_error',
  '22P02': 'invalid_text_representation',
  '22P05': 'untranslatable_character',
  '23502': 'not_null_violation',
  '23514': 'check_violation',
  '25006': 'read_only_sql_transaction',
  '28000': 'invalid_authorization_specification',
  '28P01': 'invalid_password',
  '3D000': 'invalid_catalog_name',
  '3F000': 'invalid_schema_name',
  '40001': 'serialization_failure',
  '40P01': 'deadlock_detected',
  '42501': 'insufficient_privilege',
  '42601': 'syntax_error',
  '42703': 'undefined_column',
  '42704': 'undefined_object',
  '42883': 'undefined_function',
  '42P01': 'undefined_table',
  '42702': 'ambiguous_column',
  '42804': 'datatype_mismatch',
  '53000': 'insufficient_resources',
  '53300': 'too_many_connections',
  '54000': 'program_limit_exceeded',
  '55P03': 'lock_not_available',
  '57014': 'query_canceled',
  '57P01': 'admin_shutdown',
  '57P03': 'cannot_connect_now',
  P0001: 'raise_exception',
  XX000: 'internal_error',
};

/** Condition classes (the code's first two characters), for codes the table above does not name. */
const classes: Record<string, string> = {
  '08': 'connection_exception',
  '0A': 'feature_not_supported',
  '21': 'cardinality_violation',
  '22': 'data_exception',
  '23': 'integrity_constraint_violation',
  '25': 'invalid_transaction_state',
  '28': 'invalid_authorization_specification',
  '3D': 'invalid_catalog_name',
  '3F': 'invalid_schema_name',
  '40': 'transaction_rollback',
  '42': 'syntax_error_or_access_rule_violation',
  '53': 'insufficient_resources',
  '54': 'program_limit_exceeded',
  '55': 'object_not_in_prerequisite_state',
  '57': 'operator_intervention',
  '58': 'system_error',
  P0: 'plpgsql_error',
  XX: 'internal_error',
};

// SQLSTATE classes a retry cannot fix: data exception (22: a row's value stays bad until HR corrects
// it), syntax or access rule violation (42), invalid authorization (28), invalid catalog name (3D),
// invalid schema name (3F), feature not supported (0A). An error the admin's own function raises
// (P0) may be passing, so it is retried like an outage.
const permanentClasses = ['22', '42', '28', '3D', '3F', '0A'];

/** What the admin should look at, by condition class (or code, where one code means something else). */
const advice: Record<string, string> = {
  '22': 'a value in the source does not fit the type the query reads it as; check the casts and conversions in the query and correct the row in HR (or read the column as text)',
  '22001': 'a value in the source is longer than the type the query reads it as allows; check the casts in the query and the row in HR',
  '22012': 'a computation in the query divides by zero for some row; check the query',
  '23': 'a value in the source breaks a rule of the table; check the row in HR',
  '28': 'check the user and the password of the job',
  '3D': 'check the database name of the job',
  '3F': 'check the schema named in the query',
  '42': 'check the query, the key and change columns and the login’s privileges',
  '0A': 'check the query: PostgreSQL does not support what it asks',
  '57014': 'the page query ran past its statement timeout or was cancelled; check the query’s speed (an index on the key and change columns) and the database’s load',
  '57': 'the database was shut down or restarted; check the database server',
  '53': 'the database server ran out of resources (connections, memory or disk); check the database server',
  '08': 'check that the database server is up and that the host and port of the job are right',
  '40': 'the read conflicted with another transaction; the next attempt usually passes',
  P0: 'a function the query calls raised an error; check that function',
};

export interface SourceErrorDescription {
  /** What went wrong and what to check, without any value from the data or the password. */
  message: string;
  /** Retrying cannot help: the query, the login or a row must change first. */
  permanent: boolean;
}

function adviceFor(code: string): string | undefined {
  return advice[code] ?? advice[code.slice(0, 2)];
}

/** The condition's name: `22P02 invalid_text_representation`. */
export function sqlState(code: string): string {
  const name = conditions[code] ?? classes[code.slice(0, 2)];
  return name === undefined ? code : `${code} ${name}`;
}

/** PostgreSQL's names for what the error concerns: `column "badge" of table "staff"`. Names, never values. */
function named(error: pg.DatabaseError): string[] {
  const where: string[] = [];
  const relation = error.table !== undefined ? `${error.schema !== undefined ? `${error.schema}.` : ''}${error.table}` : undefined;
  if (error.column !== undefined) where.push(`column "${error.column}"${relation !== undefined ? ` of table "${relation}"` : ''}`);
  else if (relation !== undefined) where.push(`table "${relation}"`);
  if (error.dataType !== undefined) where.push(`type ${error.dataType}`);
  if (error.constraint !== undefined) where.push(`constraint "${error.constraint}"`);
  return where;
}

/**
 * The admin's PL/pgSQL functions the error passed through, innermost first: from the context lines
 * PostgreSQL writes as `PL/pgSQL function roster_check(text) line 3 at RAISE`. Only the bare names
 * are taken; the rest of `where` (SQL statements, COPY lines) can quote values and is never read.
 */
function functionsIn(where: string | undefined): string[] {
  if (where === undefined) return [];
  return [...new Set([...where.matchAll(/^PL\/pgSQL function ([A-Za-z_][A-Za-z0-9_$]*(?:\.[A-Za-z_][A-Za-z0-9_$]*)?)\(/gm)].map((m) => m[1] ?? ''))].filter((name) => name !== '');
}

/** Describes an error of reading `source`, keeping out whatever the data put in its text. */
export function describeSourceError(error: unknown, source: PostgresSource): SourceErrorDescription {
  const { host, port, database, user } = source.connection;
  const reading = `reading the source ${host}:${port}/${database} as ${user} failed`;
  if (error instanceof pg.DatabaseError) {
    const code = error.code ?? 'XX000';
    const concerns = named(error);
    const place = [
      ...(concerns.length > 0 ? [`at ${concerns.join(', ')}`] : []),
      ...functionsIn(error.where).map((name) => `in function ${name}`),
      ...(error.position !== undefined ? [`at character ${error.position} of the page query`] : []),
      ...(error.routine !== undefined ? [`raised by PostgreSQL's ${error.routine}`] : []),
    ];
    const check = adviceFor(code);
    const what = code.startsWith('22') && error.column !== undefined ? `; a value in column "${error.column}" does not fit${error.dataType !== undefined ? ` type ${error.dataType}` : ' its type'}` : '';
    return {
      message: `${reading}: SQLSTATE ${sqlState(code)}${place.length > 0 ? ` (${place.join('; ')})` : ''}${what}${check !== undefined ? `; ${check}` : ''}. The server's message is not shown, as it may quote a row`,
      permanent: permanentClasses.includes(code.slice(0, 2)),
    };
  }
  // Not the server's: the connection (refused, timed out, TLS, DNS) or the driver. No row is in it.
  const message = error instanceof Error ? error.message : String(error);
  return { message: `${reading}: ${message}; check that the database server is up and that the host and port of the job are right`, permanent: false };
}
