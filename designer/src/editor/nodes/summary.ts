/** One-line descriptions of a node's configuration, read tolerantly (the data may be half-filled). */
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
