/**
 * Which text Tenure can accept, and how HR text is cleaned. PostgreSQL's text and JSON types refuse
 * NUL and unpaired UTF-16 surrogates, and Temporal's payloads carry them only as escapes that break
 * again on the way into the database: such text must be refused where it enters, with the field
 * named, and never reach a person or a query. Control characters have no place in any value Tenure
 * stores, except tab and line breaks in free text (a description).
 *
 * Pure and without recursion: the walker below reads hostile, deeply nested input with an explicit
 * stack, so no input can overflow the call stack of the server, the designer or a workflow.
 */
import { formatPath } from './problems.ts';

/** How deep a JSON request body may nest (objects and arrays); a definition needs about 50. */
export const maxJsonDepth = 64;

export interface TextProblem {
  /** Where, e.g. `body.nodes[2].data.label`. */
  path: string;
  message: string;
}

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
const named: Readonly<Record<number, string>> = { 0x00: 'NUL', 0x09: 'tab', 0x0a: 'line feed', 0x0d: 'carriage return', 0x7f: 'DEL', 0xfeff: 'byte-order mark' };
const formatCharacter = /^\p{Cf}$/u;
const describe = (code: number) => (named[code] !== undefined ? `${hex(code)} (${named[code]})` : hex(code));

/** The control characters (C0, DEL, C1), inclusive ranges: no stored text holds one, unless its kind allows it. */
export const controlCharacterRanges = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
] as const;
/** The only control characters any text may hold, and only free text: tab, line feed, carriage return. */
export const freeTextControls: readonly number[] = [0x09, 0x0a, 0x0d];

/**
 * The kinds of text Tenure accepts, each with what it refuses besides what no text may hold (NUL,
 * unpaired surrogates): `lineBreaks` lets free text keep tab and line breaks; `format` refuses
 * Unicode format characters (category Cf: byte-order mark, zero-width space and joiners) too, as in
 * ids. One declaration: the checks below and the HR reference (docs/hr.md) read it.
 */
export const textKinds = {
  free: { lineBreaks: true, format: false, holds: 'free text: a definition\'s name or description, any JSON field of a request' },
  line: { lineBreaks: false, format: false, holds: 'a single-line value: every HR attribute value' },
  id: { lineBreaks: false, format: true, holds: 'an identifier: an employee id, an event id, an attribute or CSV column name' },
} as const satisfies Readonly<Record<string, { lineBreaks: boolean; format: boolean; holds: string }>>;
type TextKind = (typeof textKinds)[keyof typeof textKinds];

const isControl = (code: number) => controlCharacterRanges.some(([from, to]) => code >= from && code <= to);

/** The first character of `text` that cannot be stored, or that text of this kind may not hold, with what it is. */
function firstBadCharacter(text: string, kind: TextKind): string | undefined {
  for (let i = 0; i < text.length; ) {
    // A surrogate pair is one code point; an unpaired surrogate comes back as itself.
    const code = text.codePointAt(i) ?? 0;
    const at = `at position ${i + 1}`;
    if (code >= 0xd800 && code <= 0xdfff) return `an unpaired UTF-16 surrogate (${hex(code)}) ${at}: not valid Unicode, and nothing can store it; send well-formed UTF-8`;
    if (code === 0) return `a NUL character (U+0000) ${at}, which no field accepts`;
    if (isControl(code) && !(kind.lineBreaks && freeTextControls.includes(code))) {
      return `the control character ${describe(code)} ${at}; ${kind.lineBreaks ? 'free text accepts tab and line breaks, no other control character' : 'no control character is accepted here, tab and line breaks included'}`;
    }
    if (kind.format && formatCharacter.test(String.fromCodePoint(code))) return `the invisible format character ${describe(code)} ${at}; remove it`;
    i += code > 0xffff ? 2 : 1;
  }
  return undefined;
}

/** What is wrong with free text (a name, a description), or undefined: tab and line breaks are fine. */
export const freeTextProblem = (text: string) => firstBadCharacter(text, textKinds.free);
/** What is wrong with a single-line value (an HR attribute): no control characters at all. */
export const lineTextProblem = (text: string) => firstBadCharacter(text, textKinds.line);
/** What is wrong with an identifier (an employee id, an attribute name): no control or format characters. */
export const idTextProblem = (text: string) => firstBadCharacter(text, textKinds.id);

/** A name as it can be shown and stored: control, format and unpaired surrogate code units as `\u` and four hex digits (`\u0007`). */
export function printable(text: string): string {
  // With the u flag, a surrogate range matches only unpaired surrogates: pairs are whole code points.
  return text.replace(/\p{Cc}|\p{Cf}|[\ud800-\udfff]/gu, (c) => {
    const code = c.codePointAt(0) ?? 0;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * How HR text is cleaned, step by step, in this order. One declaration: HR values and employee ids
 * are cleaned by these steps, and the HR reference (docs/hr.md) lists them.
 */
export const hrTextCleaning = {
  /** An "é" typed as e + accent and one typed as é are the same name. */
  nfc: { does: 'put in Unicode NFC (e + combining accent and é are one character)', apply: (text: string) => text.normalize('NFC') },
  trim: { does: 'leading and trailing whitespace removed', apply: (text: string) => text.trim() },
  collapse: { does: 'each run of whitespace (non-breaking and ideographic spaces included) made one space', apply: (text: string) => text.replace(/\s+/gu, ' ') },
} as const;
export type CleaningStep = keyof typeof hrTextCleaning;

/** The cleaning of an HR attribute value, and of an employee id (which keeps its inner spaces as sent). */
export const hrValueCleaning: readonly CleaningStep[] = ['nfc', 'trim', 'collapse'];
export const employeeIdCleaning: readonly CleaningStep[] = ['nfc', 'trim'];

const cleaner = (steps: readonly CleaningStep[]) => (text: string) => steps.reduce((t, step) => hrTextCleaning[step].apply(t), text);

/**
 * HR text as Tenure keeps it: Unicode NFC, no leading or trailing spaces, and every run of spaces
 * one space.
 */
export const cleanHrText = cleaner(hrValueCleaning);
/** An employee id as Tenure matches it: NFC and trimmed. */
export const cleanEmployeeId = cleaner(employeeIdCleaning);

export interface TextWalk {
  problems: TextProblem[];
  /** Set when the value nests deeper than allowed: where the walk stopped. */
  tooDeep?: TextProblem;
}

/**
 * Every string and key in a parsed JSON value that free text may not hold, with its path from
 * `root`, and whether the value nests deeper than `maxDepth`. At most `limit` problems are listed.
 */
export function findTextProblems(value: unknown, options: { root: readonly (string | number)[]; maxDepth?: number; limit?: number }): TextWalk {
  const maxDepth = options.maxDepth ?? maxJsonDepth;
  const limit = options.limit ?? 20;
  const problems: TextProblem[] = [];
  const pending: { value: unknown; path: (string | number)[]; depth: number; keyProblem?: string }[] = [{ value, path: [...options.root], depth: 0 }];
  while (pending.length > 0 && problems.length < limit) {
    const next = pending.pop();
    if (next === undefined) break;
    const { value: v, path, depth } = next;
    if (next.keyProblem !== undefined) problems.push({ path: formatPath(path), message: `the field name holds ${next.keyProblem}` });
    if (typeof v === 'string') {
      const problem = freeTextProblem(v);
      if (problem !== undefined) problems.push({ path: formatPath(path), message: `holds ${problem}` });
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > maxDepth) {
      return { problems, tooDeep: { path: formatPath(path), message: `nests deeper than ${maxDepth} levels of objects and arrays, the limit; flatten it` } };
    }
    // Pushed in reverse so problems come out in document order.
    if (Array.isArray(v)) {
      const items: unknown[] = v;
      for (let i = items.length - 1; i >= 0; i--) pending.push({ value: items[i], path: [...path, i], depth: depth + 1 });
      continue;
    }
    const entries: [string, unknown][] = Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, inner] = entries[i] ?? ['', undefined];
      const keyProblem = freeTextProblem(key);
      // A bad name is shown escaped, so the problem itself can be stored and sent back.
      pending.push({ value: inner, path: [...path, keyProblem === undefined ? key : printable(key)], depth: depth + 1, ...(keyProblem !== undefined ? { keyProblem } : {}) });
    }
  }
  return { problems: problems.slice(0, limit) };
}
