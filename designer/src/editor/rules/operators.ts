/**
 * json-rules-engine operators and the kinds of value each compares with. The rule builder edits
 * the engine's JSON directly (so it round-trips exactly); these tables only decide which inputs
 * to show and how to convert a value when its kind changes. An operator with no kinds takes no
 * value (the presence operators): its condition carries `value: null`, which the engine requires.
 */
import { isPresenceOperator } from '../../../../workflows/dsl/index.ts';

export const valueKinds = ['text', 'number', 'boolean', 'list', 'empty'] as const;
export type ValueKind = (typeof valueKinds)[number];

export interface OperatorInfo {
  id: string;
  label: string;
  kinds: readonly ValueKind[];
}

export const operators: readonly OperatorInfo[] = [
  { id: 'equal', label: 'equals', kinds: ['text', 'number', 'boolean', 'empty'] },
  { id: 'notEqual', label: 'does not equal', kinds: ['text', 'number', 'boolean', 'empty'] },
  { id: 'in', label: 'is one of', kinds: ['list'] },
  { id: 'notIn', label: 'is none of', kinds: ['list'] },
  { id: 'contains', label: 'contains (list fact)', kinds: ['text', 'number'] },
  { id: 'doesNotContain', label: 'does not contain (list fact)', kinds: ['text', 'number'] },
  { id: 'lessThan', label: 'is less than', kinds: ['number'] },
  { id: 'lessThanInclusive', label: 'is at most', kinds: ['number'] },
  { id: 'greaterThan', label: 'is greater than', kinds: ['number'] },
  { id: 'greaterThanInclusive', label: 'is at least', kinds: ['number'] },
  { id: 'isPresent', label: 'is present', kinds: [] },
  { id: 'isMissing', label: 'is missing (absent or null)', kinds: [] },
  { id: 'isEmpty', label: 'is empty (missing, blank or [])', kinds: [] },
];

/** Whether the operator compares with a value; the presence operators look only at the fact. */
export function takesValue(operator: string): boolean {
  return !isPresenceOperator(operator);
}

export const kindLabels: Record<ValueKind, string> = { text: 'text', number: 'number', boolean: 'yes / no', list: 'list', empty: 'nothing (null)' };

export function kindOf(value: unknown): ValueKind {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'list';
  if (value === null || value === undefined) return 'empty';
  return 'text';
}

export function kindsFor(operator: string): readonly ValueKind[] {
  return operators.find((o) => o.id === operator)?.kinds ?? valueKinds;
}

function firstOf(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const list: readonly unknown[] = value;
  return list[0];
}

/** The value converted to another kind, keeping what can be kept. */
export function convert(value: unknown, to: ValueKind): unknown {
  const from = kindOf(value);
  if (from === to) return value;
  const first = firstOf(value);
  switch (to) {
    case 'text':
      return first === null || first === undefined ? '' : typeof first === 'string' ? first : JSON.stringify(first);
    case 'number': {
      const n = Number(first);
      return Number.isFinite(n) ? n : 0;
    }
    case 'boolean':
      return first === true || first === 'true';
    case 'list':
      return first === null || first === undefined || first === '' ? [] : [first];
    case 'empty':
      return null;
  }
}

/** A list as typed in one field: comma-separated, numbers kept as numbers when the list holds numbers. */
export function parseList(text: string, numeric: boolean): unknown[] {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return numeric ? items.map((s) => (Number.isFinite(Number(s)) ? Number(s) : s)) : items;
}
