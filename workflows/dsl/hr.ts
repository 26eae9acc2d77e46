/**
 * HR events and what they mean for a person: the event shape every inbound channel produces, the
 * lifecycle state an event moves a person to, which attributes changed, and whether a definition's
 * trigger applies. Pure, so the person workflow and the API agree without I/O.
 */
import { z } from 'zod';
import { calendarDate } from './dates.ts';
import { evaluateCondition } from './rules.ts';
import { hrEventTypes, type Trigger } from './schema.ts';

export const attributeValueSchema = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null(), z.array(z.string().max(10_000)).max(1000)]);
export type AttributeValue = z.infer<typeof attributeValueSchema>;

/** Attributes whose names end in "Date" must hold a date (YYYY-MM-DD or an ISO timestamp) or be empty. */
export const attributesSchema = z.record(z.string().min(1).max(200), attributeValueSchema).superRefine((attributes, ctx) => {
  for (const [name, value] of Object.entries(attributes)) {
    if (!/Date$/.test(name) || value === null || value === '') continue;
    if (calendarDate(value, 'UTC') === undefined) ctx.addIssue({ code: 'custom', path: [name], message: `${name} must be a date (YYYY-MM-DD or an ISO timestamp), not ${JSON.stringify(value)}` });
  }
});
export type Attributes = z.infer<typeof attributesSchema>;

export const hrEventSchema = z.strictObject({
  eventId: z.string().min(1).max(200),
  type: z.enum(hrEventTypes),
  employeeId: z.string().min(1).max(200),
  /** When the change takes effect (e.g. the last day for a terminate); now when absent. */
  effectiveAt: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  attributes: attributesSchema.default({}),
});
export type HrEventInput = z.input<typeof hrEventSchema>;
export type HrEvent = z.infer<typeof hrEventSchema>;

/** An event as the person workflow receives it: where it came from and when it was accepted. */
export interface ReceivedHrEvent extends HrEvent {
  source: string;
  receivedAt: string;
}

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

/** Whether a definition's trigger applies to this event for this person (the date part is scheduling, not matching). */
export async function triggerMatches(trigger: Trigger, eventType: HrEvent['type'], changed: readonly string[], attributes: Readonly<Record<string, unknown>>): Promise<boolean> {
  if (!trigger.events.includes(eventType)) return false;
  if (trigger.changedAttributes && trigger.changedAttributes.length > 0 && !trigger.changedAttributes.some((a) => changed.includes(a))) return false;
  if (trigger.scope) {
    const { matched } = await evaluateCondition(trigger.scope, { attributes, vars: {}, steps: {} });
    if (!matched) return false;
  }
  return true;
}
