// Splits expression text into tokens. Lexical problems are thrown as ParseFailure, which the
// parser turns into an ExpressionError.

import type { ComparisonOperator } from './ast.ts';

export type Token =
  | { readonly kind: 'lparen' | 'rparen' | 'comma' | 'eof'; readonly start: number; readonly end: number }
  | { readonly kind: 'string'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly kind: 'number'; readonly value: number; readonly raw: string; readonly start: number; readonly end: number }
  | { readonly kind: 'attribute'; readonly name: string; readonly start: number; readonly end: number }
  | { readonly kind: 'identifier'; readonly name: string; readonly start: number; readonly end: number }
  | { readonly kind: 'operator'; readonly operator: ComparisonOperator | '&'; readonly start: number; readonly end: number };

/** A syntax problem at `offset`; `describe` receives "line L, column C" and builds the message. */
export class ParseFailure extends Error {
  readonly offset: number;
  readonly describe: (where: string) => string;

  constructor(offset: number, describe: (where: string) => string) {
    super(describe(`offset ${offset}`));
    this.offset = offset;
    this.describe = describe;
  }
}

const WHITESPACE = /\s/;
const DIGIT = /[0-9]/;
const HEX_DIGITS = /^[0-9a-fA-F]+/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*/;
const NUMBER = /^-?[0-9]+(\.[0-9]+)?/;
const OPERATOR_LIST: readonly (ComparisonOperator | '&')[] = ['<>', '<=', '>=', '=', '<', '>', '&'];
const OPERATORS = new Map<string, ComparisonOperator | '&'>(OPERATOR_LIST.map((op) => [op, op]));
const ATTRIBUTE_CHAR = /[\p{L}\p{N}_.:-]/u;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source.charAt(i);
    const rest = source.slice(i);
    if (WHITESPACE.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma', start: i, end: i + 1 });
      i++;
    } else if (ch === '"') {
      const token = readString(source, i);
      tokens.push(token);
      i = token.end;
    } else if (ch === '[') {
      const token = readAttribute(source, i);
      tokens.push(token);
      i = token.end;
    } else if (DIGIT.test(ch) || (ch === '-' && DIGIT.test(source.charAt(i + 1)))) {
      const raw = NUMBER.exec(rest)?.[0] ?? ch;
      tokens.push({ kind: 'number', value: Number(raw), raw, start: i, end: i + raw.length });
      i += raw.length;
    } else if (ch === '&' && /^&[hH][0-9a-fA-F]/.test(rest)) {
      const digits = HEX_DIGITS.exec(rest.slice(2))?.[0] ?? '';
      const raw = `&H${digits}`;
      tokens.push({ kind: 'number', value: parseInt(digits, 16), raw, start: i, end: i + raw.length });
      i += raw.length;
    } else if (IDENTIFIER.test(rest)) {
      const name = IDENTIFIER.exec(rest)?.[0] ?? ch;
      tokens.push({ kind: 'identifier', name, start: i, end: i + name.length });
      i += name.length;
    } else {
      const text = /^(<>|<=|>=|=|<|>|&)/.exec(rest)?.[0];
      const operator = text === undefined ? undefined : OPERATORS.get(text);
      if (text === undefined || operator === undefined) {
        const shown = ch === "'" ? `'${ch}' (text goes in double quotes)` : `'${ch}'`;
        throw new ParseFailure(i, (where) => `unexpected character ${shown} at ${where}`);
      }
      tokens.push({ kind: 'operator', operator, start: i, end: i + text.length });
      i += text.length;
    }
  }
  tokens.push({ kind: 'eof', start: source.length, end: source.length });
  return tokens;
}

/** `"…"` with `\"` and `\\` escapes; any other backslash is kept as written (regex patterns use them). */
function readString(source: string, start: number): Token {
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === '"') return { kind: 'string', value, start, end: i + 1 };
    if (ch === '\\' && (source.charAt(i + 1) === '"' || source.charAt(i + 1) === '\\')) {
      value += source.charAt(i + 1);
      i += 2;
    } else {
      value += ch;
      i++;
    }
  }
  throw new ParseFailure(start, (where) => `unterminated string starting at ${where}: add the closing "`);
}

function readAttribute(source: string, start: number): Token {
  const close = source.indexOf(']', start + 1);
  if (close < 0) throw new ParseFailure(start, (where) => `unterminated attribute reference starting at ${where}: add the closing ]`);
  const inner = source.slice(start + 1, close);
  const name = inner.trim();
  if (name === '') throw new ParseFailure(start, (where) => `empty attribute reference [] at ${where}: write the attribute name inside the brackets`);
  const nameStart = start + 1 + inner.indexOf(name);
  let k = 0;
  for (const ch of name) {
    if (!ATTRIBUTE_CHAR.test(ch)) {
      const shown = ch === ' ' ? 'a space' : `'${ch}'`;
      const hint = name.includes('[') ? ' (is a ] missing?)' : '';
      const at = nameStart + k;
      throw new ParseFailure(at, (where) => `attribute names cannot contain ${shown}, found at ${where}${hint}`);
    }
    k += ch.length;
  }
  return { kind: 'attribute', name, start, end: close + 1 };
}
