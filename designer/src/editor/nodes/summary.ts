/** One-line descriptions of a node's configuration, read tolerantly (the data may be half-filled). */
import { isPresenceOperator } from '../../../../workflows/dsl/index.ts';
import type { NodeData } from '../types.ts';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

export function labelOf(data: NodeData, fallback: string): string {
  return text(data.label) ?? fallback;
}

export function durationText(d: unknown): string {
  if (!isRecord(d)) return '';
  const parts = (['days', 'hours', 'minutes', 'seconds'] as const).flatMap((unit) => {
    const n = num(d[unit]);
    return n !== undefined && n > 0 ? [`${n} ${n === 1 ? unit.slice(0, -1) : unit}`] : [];
  });
  return parts.join(' ');
}

export function waitText(data: NodeData): string {
  const w = data.wait;
  if (!isRecord(w)) return 'not configured';
  if (w.kind === 'duration') return `for ${durationText(w.duration) || '…'}`;
  const attribute = text(w.attribute) ?? '…';
  const offset = num(w.offsetDays) ?? 0;
  const shift = offset === 0 ? '' : ` ${offset > 0 ? '+' : '−'} ${Math.abs(offset)} d`;
  const at = text(w.at) !== undefined ? ` at ${text(w.at) ?? ''}` : '';
  const zone = text(w.timeZone) !== undefined ? ` ${text(w.timeZone) ?? ''}` : '';
  return `until ${attribute}${shift}${at}${zone}`;
}

function approverText(a: unknown): string {
  if (!isRecord(a)) return '?';
  switch (a.kind) {
    case 'user':
      return text(a.userId) ?? '(no user)';
    case 'manager':
      return (num(a.level) ?? 1) > 1 ? `manager +${(num(a.level) ?? 1) - 1}` : 'manager';
    case 'group':
      return `group ${text(a.groupId) ?? '?'}`;
    case 'expression':
      return 'expression';
    default:
      return String(a.kind);
  }
}

export function approvalText(data: NodeData): string {
  const stages = Array.isArray(data.stages) ? data.stages : undefined;
  if (stages !== undefined) return `${stages.length} stage${stages.length === 1 ? '' : 's'}`;
  const approvers = Array.isArray(data.approvers) ? data.approvers : [];
  return approvers.length === 0 ? 'no approvers' : approvers.map(approverText).join(', ');
}

/** A parameter value as one line: a constant as written, an expression as its source. */
export function paramText(v: unknown): string {
  if (isRecord(v) && typeof v.expression === 'string') return v.expression;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ');
  if (typeof v === 'string') return v;
  return json(v);
}

/** A JSON value as text; nothing at all (a half-filled field) as an ellipsis. */
function json(v: unknown): string {
  return v === undefined ? '…' : JSON.stringify(v);
}

/** What a setting step sets: `upnSuffix = example.com`. */
export function settingText(params: unknown): string {
  if (!isRecord(params)) return 'not configured';
  const name = text(params.name) ?? '…';
  return 'value' in params ? `${name} = ${paramText(params.value)}` : `${name} = …`;
}

/**
 * Parameters that say what a step does, most telling first: for "add to groups" the groups, for
 * an email its subject, before the anchor every account step also carries.
 */
const telling = ['groups', 'ou', 'subject', 'skuIds', 'message', 'url', 'manager', 'managerAnchor', 'email', 'userPrincipalName', 'sAMAccountName', 'value', 'matchValue', 'anchor', 'user', 'employeeId'];

/** The one parameter a node shows: the most telling one it sets, else its first. */
export function keyParam(params: unknown): { name: string; value: string } | undefined {
  if (!isRecord(params)) return undefined;
  const names = Object.keys(params);
  const name = telling.find((n) => names.includes(n)) ?? names[0];
  return name === undefined ? undefined : { name, value: paramText(params[name]) };
}

const operatorWords: Record<string, string> = {
  equal: 'is',
  notEqual: 'is not',
  in: 'is one of',
  notIn: 'is none of',
  contains: 'contains',
  doesNotContain: 'does not contain',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  isPresent: 'is present',
  isMissing: 'is missing',
  isEmpty: 'is empty',
};

function subjectOf(fact: string, path: string | undefined): string {
  const inner = path?.replace(/^\$\.?/, '');
  if (inner === undefined || inner === '') return fact;
  // Steps are named by their node id: `findAd.found` reads better than `steps findAd.found`.
  return fact === 'steps' ? inner : `${fact}.${inner}`;
}

/** A json-rules-engine condition in words: `employeeType is not "Contractor"`, `…and 1 more`. */
export function conditionText(c: unknown): string {
  if (!isRecord(c)) return '…';
  for (const [key, joiner] of [['all', 'and'], ['any', 'or']] as const) {
    const list = c[key];
    if (!Array.isArray(list)) continue;
    const items: readonly unknown[] = list;
    if (items.length === 0) return key === 'all' ? 'always' : 'never';
    const first = conditionText(items[0]);
    return items.length === 1 ? first : `${first} ${joiner} ${items.length - 1} more`;
  }
  if ('not' in c) return `not (${conditionText(c.not)})`;
  const fact = text(c.fact) ?? '…';
  const operator = text(c.operator) ?? '…';
  const subject = `${subjectOf(fact, text(c.path))} ${operatorWords[operator] ?? operator}`;
  return isPresenceOperator(operator) ? subject : `${subject} ${json(c.value)}`;
}

/** A decision's first rule: `found if findAd.found is true`, and how many rules follow. */
export function decisionText(data: NodeData): string {
  const rules: readonly unknown[] = Array.isArray(data.rules) ? data.rules : [];
  const first = rules[0];
  if (!isRecord(first)) return 'no rules yet: always default';
  const more = rules.length > 1 ? ` (+${rules.length - 1} more)` : '';
  return `${text(first.outcome) ?? '…'} if ${conditionText(first.conditions)}${more}`;
}
