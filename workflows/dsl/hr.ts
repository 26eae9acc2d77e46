/**
 * HR events and what they mean for a person: the event shape every inbound channel produces, the
 * lifecycle state an event moves a person to, which attributes changed, and whether a definition's
 * trigger applies. Pure, so the person workflow and the API agree without I/O.
 */
import { z } from 'zod';
import { calendarDate } from './dates.ts';
import { evaluateCondition } from './rules.ts';
import { hrEventTypes, type Trigger } from './schema.ts';
import { cleanHrText, idTextProblem, lineTextProblem } from './text.ts';

/**
 * HR text, as every channel (webhook, SCIM bulk, CSV) hands it over: no control characters (tab and
 * line breaks included: an HR value is one line), then cleaned once here so all channels agree —
 * NFC, trimmed, runs of whitespace made one space. Only the cleaned value is kept.
 */
export const hrTextSchema = z
  .string()
  .max(10_000)
  .superRefine((text, ctx) => {
    const problem = lineTextProblem(text);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `holds ${problem}` });
  })
  .overwrite(cleanHrText);

export const attributeValueSchema = z.union([hrTextSchema, z.number(), z.boolean(), z.null(), z.array(hrTextSchema).max(1000)]);
export type AttributeValue = z.infer<typeof attributeValueSchema>;

/** An event id: one line, nothing invisible. */
const eventIdSchema =
  z
    .string()
    .min(1)
    .max(200)
    .superRefine((text, ctx) => {
      const problem = idTextProblem(text);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `holds ${problem}` });
    });

/**
 * An employee id: matched on, and part of the person's workflow id, so it must mean one thing. No
 * control or format characters (a byte-order mark or zero-width space would make a second person
 * who looks the same), NFC, trimmed, and not empty after trimming.
 */
export const employeeIdSchema = z
  .string()
  .max(200, 'an employee id has at most 200 characters')
  .superRefine((id, ctx) => {
    const problem = idTextProblem(id);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `the employee id holds ${problem}` });
  })
  .overwrite((id) => id.normalize('NFC').trim())
  .min(1, 'the employee id is empty (or only spaces)');

/**
 * Attribute names are identifiers: 1 to 200 characters, no control or format characters. Attributes
 * whose names end in "Date" must hold a date (YYYY-MM-DD or an ISO timestamp) or be empty.
 */
export const attributesSchema = z.record(z.string(), attributeValueSchema).superRefine((attributes, ctx) => {
  for (const [name, value] of Object.entries(attributes)) {
    const nameProblem = name.length === 0 || name.length > 200 ? 'an attribute name has 1 to 200 characters' : idTextProblem(name);
    if (nameProblem !== undefined) {
      ctx.addIssue({ code: 'custom', path: [name], message: name.length === 0 || name.length > 200 ? nameProblem : `the attribute name holds ${nameProblem}` });
      continue;
    }
    if (!/Date$/.test(name) || value === null || value === '') continue;
    // A value refused for its characters is not shown again, and is not a date either way.
    if (typeof value === 'string' && lineTextProblem(value) !== undefined) continue;
    if (calendarDate(value, 'UTC') === undefined) ctx.addIssue({ code: 'custom', path: [name], message: `${name} must be a date (YYYY-MM-DD or an ISO timestamp), not ${JSON.stringify(value)}` });
  }
});
export type Attributes = z.infer<typeof attributesSchema>;

export const hrEventSchema = z.strictObject({
  eventId: eventIdSchema,
  type: z.enum(hrEventTypes),
  employeeId: employeeIdSchema,
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
