/**
 * How HR events move a person: the lifecycle state an event leads to, which attributes changed, and
 * whether a definition's trigger applies. The person workflow runs this, so it imports no schema
 * library: Temporal's worker evaluates a workflow's modules anew for every workflow it holds, and a
 * workforce is tens of thousands of person workflows. The rule engine is loaded only for a trigger
 * that has a scope.
 */
import { calendarDate } from './dates.ts';
import type { HrEvent } from './hr.ts';
import type { Trigger, TriggerEventType } from './schema.ts';

export const lifecycleStates = ['prehire', 'active', 'leaver', 'terminated'] as const;
export type LifecycleState = (typeof lifecycleStates)[number];

function isFuture(value: unknown, now: Date): boolean {
  if (typeof value !== 'string' || value === '') return false;
  const d = calendarDate(value, 'UTC');
  if (!d) return false;
  return Date.UTC(d.y, d.m - 1, d.d) > Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

/** The state an event moves a person to: a future start is a pre-hire, a future last day a leaver. */
export function nextState(current: LifecycleState | undefined, event: HrEvent, attributes: Readonly<Record<string, unknown>>, now: Date): LifecycleState | undefined {
  switch (event.type) {
    case 'hire':
    case 'rehire':
      return isFuture(attributes.hireDate, now) ? 'prehire' : 'active';
    case 'terminate':
      return isFuture(event.effectiveAt ?? attributes.lastDay ?? attributes.terminationDate, now) ? 'leaver' : 'terminated';
    case 'cancel':
      return current === 'prehire' ? 'terminated' : current === 'leaver' ? 'active' : current;
    case 'update':
      if (current === 'prehire' && !isFuture(attributes.hireDate, now)) return 'active';
      return current;
  }
}

/** Names of the attributes whose values differ, sorted. */
export function changedAttributes(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => JSON.stringify(before[n] ?? null) !== JSON.stringify(after[n] ?? null)).sort();
}

/**
 * Whether a definition's trigger applies to this event for this person (the date part is scheduling,
 * not matching). `managerReady` changes no attribute, so a changed-attribute filter does not hold it back.
 */
export async function triggerMatches(trigger: Trigger, eventType: TriggerEventType, changed: readonly string[], attributes: Readonly<Record<string, unknown>>): Promise<boolean> {
  if (!trigger.events.includes(eventType)) return false;
  if (eventType !== 'managerReady' && trigger.changedAttributes && trigger.changedAttributes.length > 0 && !trigger.changedAttributes.some((a) => changed.includes(a))) return false;
  if (trigger.scope) {
    const { evaluateCondition } = await import(/* webpackMode: "eager" */ './rules.ts');
    const { matched } = await evaluateCondition(trigger.scope, { attributes, vars: {}, steps: {} });
    if (!matched) return false;
  }
  return true;
}
