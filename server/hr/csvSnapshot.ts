/**
 * A CSV snapshot of all workers: a header naming the columns (Tenure attribute names, `employeeId`
 * required, `active` optional), one line per worker. A file whose structure is broken — bad
 * quoting, a header without `employeeId`, a line with more or fewer fields than the header — is
 * refused whole: shifted columns would put one person's department into another's title, and a
 * worker whose line cannot be read would look absent, that is, gone. A line whose values are wrong
 * (a malformed date, an unreadable `active`, a repeated employee id) is reported with its line and
 * column and left out, and the others go on. A file that is not UTF-8 is refused whole too: read
 * leniently, each bad byte would become U+FFFD and change a name without anyone seeing it.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { attributesSchema, employeeIdSchema, type AttributeValue } from '../../workflows/dsl/index.ts';
import { idTextProblem, lineTextProblem, printable } from '../../workflows/dsl/text.ts';
import type { StatedWorker } from '../../workflows/dsl/hrDiff.ts';
import type { ErrorDetail } from '../http/errors.ts';

export interface CsvProblem extends ErrorDetail {
  /** The line (from 1) where the record starts. */
  line: number;
  /** The field (from 1) and its header name, when the problem is in one field. */
  column?: number;
  columnName?: string;
}

export interface SnapshotRow {
  line: number;
  worker: StatedWorker;
}

export interface SnapshotRowProblem {
  line: number;
  /** Present when the line names an employee: they are not treated as absent from the snapshot. */
  employeeId: string | undefined;
  problems: CsvProblem[];
}

export interface ParsedSnapshot {
  columns: string[];
  rows: SnapshotRow[];
  invalid: SnapshotRowProblem[];
}

export class CsvInvalid extends Error {
  readonly problems: CsvProblem[];
  constructor(message: string, problems: CsvProblem[]) {
    super(message);
    this.problems = problems;
  }
}

/**
 * The snapshot format `POST /api/hr/imports` accepts. One declaration: the parser below, the route
 * (server/routes/imports.ts) and the HR reference (docs/hr.md) read it.
 */
export const csvSnapshotFormat = {
  /** The Content-Type values the route accepts. */
  mediaTypes: ['text/csv', 'application/csv'],
  /** The largest snapshot, in bytes. */
  maxBytes: 100 * 1024 * 1024,
  /** The required column: the worker's employee id. */
  idColumn: 'employeeId',
  /** The optional column saying whether HR counts the worker as working here. */
  activeColumn: 'active',
  /** What the active column may hold, without regard to case; empty means the line does not say. */
  activeValues: { true: ['true', 'yes', 'y', '1', 'active'], false: ['false', 'no', 'n', '0', 'inactive', 'terminated'] },
  /** Characters in a column name. */
  maxColumnNameLength: 200,
  /** Structural problems listed when a file is refused. */
  maxReported: 100,
} as const;

const { activeColumn, maxReported } = csvSnapshotFormat;
const truthy = new Set<string>(csvSnapshotFormat.activeValues.true);
const falsy = new Set<string>(csvSnapshotFormat.activeValues.false);

function problem(line: number, message: string, column?: number, columnName?: string): CsvProblem {
  const where = column === undefined ? `line ${line}` : `line ${line}, column ${column}${columnName !== undefined ? ` (${columnName})` : ''}`;
  return { path: where, message, line, ...(column !== undefined ? { column } : {}), ...(columnName !== undefined ? { columnName } : {}) };
}

/** Line numbers of byte offsets in the input (records may span lines inside quotes). */
function lineIndex(input: Buffer): (offset: number) => number {
  const starts: number[] = [0];
  for (let i = 0; i < input.length; i++) if (input[i] === 0x0a) starts.push(i + 1);
  return (offset) => {
    // A record starts after any empty lines the parser skipped.
    let at = offset;
    while (at < input.length && (input[at] === 0x0a || input[at] === 0x0d)) at++;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

interface RawRecord {
  fields: string[];
  line: number;
}

function readRecords(input: Buffer): RawRecord[] {
  const lineOf = lineIndex(input);
  const records: RawRecord[] = [];
  let end = 0;
  try {
    parse(input, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      on_record: (fields: string[], context) => {
        records.push({ fields, line: lineOf(end) });
        end = context.bytes_records;
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = lineOf(end);
    const column = typeof error.column === 'number' ? error.column + 1 : undefined;
    const header = records[0]?.fields;
    const columnName = column !== undefined && header !== undefined && line > (records[0]?.line ?? 0) ? header[column - 1] : undefined;
    const what = error.code.startsWith('CSV_QUOTE_NOT_CLOSED')
      ? 'a quoted field is opened here and never closed; close the quote or double any quote inside it ("")'
      : error.code === 'INVALID_OPENING_QUOTE' || error.code === 'CSV_INVALID_CLOSING_QUOTE'
        ? 'a quote appears inside an unquoted field or after a closing quote; quote the whole field and double the quotes inside it ("")'
        : error.message;
    throw new CsvInvalid(`the CSV cannot be read at line ${line}${column !== undefined ? `, column ${column}` : ''}: ${what}`, [problem(line, what, column, columnName)]);
  }
  return records;
}

/** Decodes UTF-8 and throws (a TypeError) at a byte sequence that is not UTF-8; a byte-order mark is kept for the parser. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** The bytes as text, or undefined when they are not UTF-8. */
const utf8Text = (bytes: Uint8Array): string | undefined => {
  try {
    return strictUtf8.decode(bytes);
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
};
const isUtf8 = (bytes: Uint8Array) => utf8Text(bytes) !== undefined;
const utf8Bom = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The field (from 1) whose bytes are the first that are not UTF-8, with its header name: csv-parse
 * splits the raw bytes (with `encoding: null` its fields are bytes; delimiters, quotes and line
 * breaks are ASCII, never inside a multi-byte character) and each field is decoded strictly.
 * Undefined when the file's structure breaks before that field: then only the line is known.
 */
function undecodableField(input: Buffer): { column: number; columnName: string | undefined } | undefined {
  let header: string[] | undefined;
  let found: { column: number; columnName: string | undefined } | undefined;
  // csv-parse's types know only string fields; with `encoding: null` its fields are bytes.
  const onRecord = (fields: readonly (string | Uint8Array)[]) => {
    if (found !== undefined) return null;
    const at = fields.findIndex((f) => typeof f !== 'string' && !isUtf8(f));
    if (at >= 0) {
      const name = header?.[at];
      found = { column: at + 1, columnName: name === undefined || name === '' ? undefined : printable(name) };
    } else header ??= fields.map((f) => (typeof f === 'string' ? f : (utf8Text(f) ?? '')).trim());
    return null;
  };
  const body = input.subarray(0, utf8Bom.length).equals(utf8Bom) ? input.subarray(utf8Bom.length) : input;
  try {
    parse(body, { encoding: null, skip_empty_lines: true, relax_column_count: true, on_record: onRecord });
  } catch (error) {
    // A structural problem further on is beside the point: the file is refused for its bytes.
    if (!(error instanceof CsvError)) throw error;
  }
  return found;
}

/**
 * The snapshot's bytes as text. A byte sequence that is not UTF-8 (a file saved as Windows-1252 or
 * Latin-1, or cut inside a character) refuses the whole file, naming the line and, when the file
 * can be split into fields there, the column: which names were meant cannot be known, so no line
 * of it is imported.
 */
export function decodeSnapshot(input: Buffer): string {
  const text = utf8Text(input);
  if (text !== undefined) return text;
  // The line: a line feed is never part of a multi-byte character, so the first bad line holds the first bad byte.
  let line = 1;
  for (let start = 0; ; line++) {
    const end = input.indexOf(0x0a, start);
    if (end < 0 || !isUtf8(input.subarray(start, end))) break;
    start = end + 1;
  }
  const field = undecodableField(input);
  const what = `${field !== undefined ? 'this field' : 'this line'} holds bytes that are not UTF-8 (a file saved as Windows-1252 or Latin-1?); save the CSV as UTF-8 and import it again`;
  const at = problem(line, what, field?.column, field?.columnName);
  throw new CsvInvalid(`the CSV is not UTF-8 at ${at.path}, so nothing of it was imported; save it as UTF-8 and import it again`, [at]);
}

function readActive(value: string): boolean | undefined | 'invalid' {
  const v = value.trim().toLowerCase();
  if (v === '') return undefined;
  if (truthy.has(v)) return true;
  if (falsy.has(v)) return false;
  return 'invalid';
}

/** Reads a snapshot; throws CsvInvalid (every structural problem, with line and column) when the file cannot be trusted. */
export function parseSnapshot(csv: string, idColumn: string = csvSnapshotFormat.idColumn): ParsedSnapshot {
  const records = readRecords(Buffer.from(csv, 'utf8'));
  const head = records[0];
  if (!head) throw new CsvInvalid(`the CSV is empty; its first line must name the columns, ${idColumn} first`, [problem(1, `the first line must name the columns (${idColumn}, givenName, surname, …)`)]);
  const columns = head.fields.map((c) => c.trim());

  const structural: CsvProblem[] = [];
  const seen = new Map<string, number>();
  columns.forEach((name, i) => {
    const nameProblem = idTextProblem(name);
    if (name === '') structural.push(problem(head.line, 'this column has no name; name every column in the header', i + 1));
    else if (nameProblem !== undefined) structural.push(problem(head.line, `this column's name holds ${nameProblem}`, i + 1, printable(name)));
    else if (name.length > csvSnapshotFormat.maxColumnNameLength) structural.push(problem(head.line, `a column name may have at most ${csvSnapshotFormat.maxColumnNameLength} characters`, i + 1));
    else if (seen.has(name)) structural.push(problem(head.line, `the column ${name} appears twice (also column ${(seen.get(name) ?? 0) + 1})`, i + 1, name));
    else seen.set(name, i);
  });
  const idAt = columns.indexOf(idColumn);
  if (idAt < 0) structural.push(problem(head.line, `the header has no ${idColumn} column (it has: ${columns.map(printable).join(', ')}); every line must name the worker's ${idColumn}`));
  for (const r of records.slice(1)) {
    if (r.fields.length === columns.length) continue;
    const column = Math.min(r.fields.length, columns.length) + 1;
    const message =
      r.fields.length < columns.length
        ? `this line has ${r.fields.length} fields but the header has ${columns.length}: ${columns.slice(r.fields.length).join(', ')} ${columns.length - r.fields.length === 1 ? 'is' : 'are'} missing (a lost delimiter?)`
        : `this line has ${r.fields.length} fields but the header has ${columns.length}: an extra delimiter, or a field with a comma that is not quoted?`;
    structural.push(problem(r.line, message, column, columns[column - 1]));
  }
  if (structural.length > 0) {
    const first = structural[0];
    throw new CsvInvalid(`the CSV has ${structural.length} structural problem${structural.length === 1 ? '' : 's'}${first ? `, the first at ${first.path}: ${first.message}` : ''}`, structural.slice(0, maxReported));
  }

  const rows: SnapshotRow[] = [];
  const invalid: SnapshotRowProblem[] = [];
  const lineOfEmployee = new Map<string, number>();
  const duplicates = new Set<string>();
  for (const r of records.slice(1)) {
    const problems: CsvProblem[] = [];
    // The same employee id rules as every channel: trimmed, NFC, no control or format characters.
    const id = employeeIdSchema.safeParse(r.fields[idAt] ?? '');
    const employeeId = id.success ? id.data : '';
    if (!id.success) problems.push(...id.error.issues.map((i) => problem(r.line, (r.fields[idAt] ?? '').trim() === '' ? `${idColumn} is empty` : i.message, idAt + 1, idColumn)).slice(0, 1));
    else if (lineOfEmployee.has(employeeId)) {
      problems.push(problem(r.line, `${idColumn} ${employeeId} is also on line ${lineOfEmployee.get(employeeId) ?? 0}; a snapshot lists each worker once`, idAt + 1, idColumn));
      duplicates.add(employeeId);
    } else lineOfEmployee.set(employeeId, r.line);

    let active: boolean | undefined;
    const attributes: Record<string, AttributeValue> = {};
    columns.forEach((name, i) => {
      if (i === idAt) return;
      const value = r.fields[i] ?? '';
      // A cell Tenure cannot keep is reported here, once, and never echoed into another message.
      const textProblem = lineTextProblem(value);
      if (textProblem !== undefined) {
        problems.push(problem(r.line, `${name} holds ${textProblem}`, i + 1, name));
        return;
      }
      if (name === activeColumn) {
        const a = readActive(value);
        if (a === 'invalid') problems.push(problem(r.line, `active must be true or false (also yes/no, 1/0, active/inactive), not ${JSON.stringify(value)}`, i + 1, name));
        else active = a;
        return;
      }
      attributes[name] = value === '' ? null : value;
    });
    // Cleaned here as in every channel (NFC, trimmed, one space between words): only that is kept.
    const checked = attributesSchema.safeParse(attributes);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const name = String(issue.path[0] ?? '');
        const at = columns.indexOf(name);
        problems.push(problem(r.line, issue.message, at >= 0 ? at + 1 : undefined, at >= 0 ? name : undefined));
      }
    }
    if (problems.length > 0 || !checked.success) invalid.push({ line: r.line, employeeId: employeeId === '' ? undefined : employeeId, problems });
    else rows.push({ line: r.line, worker: { employeeId, active, attributes: checked.data } });
  }

  // The first line of a repeated employee is as doubtful as the later ones: which one is true?
  for (const id of duplicates) {
    const at = rows.findIndex((row) => row.worker.employeeId === id);
    const row = rows[at];
    if (at < 0 || !row) continue;
    rows.splice(at, 1);
    invalid.push({ line: row.line, employeeId: id, problems: [problem(row.line, `${idColumn} ${id} appears on more than one line; fix the snapshot so it lists each worker once`, idAt + 1, idColumn)] });
  }
  invalid.sort((a, b) => a.line - b.line);
  return { columns, rows, invalid };
}
