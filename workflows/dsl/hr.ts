/**
 * HR events: the shape every inbound channel (webhook, SCIM bulk, CSV) produces, and the text rules
 * they are held to. What an event means for a person is in personState.ts.
 */
import { z } from 'zod';
import { calendarDate } from './dates.ts';
import { hrEventTypes } from './schema.ts';
import { cleanEmployeeId, cleanHrText, idTextProblem, lineTextProblem } from './text.ts';

/**
 * The limits every channel holds HR data to, and which attributes are dates. One declaration: the
 * schemas below and the HR reference (docs/hr.md) read it.
 */
export const hrLimits = {
  /** Characters in one attribute value. */
  valueLength: 10_000,
  /** Values in a list-valued attribute. */
  listItems: 1000,
  /** Characters in an employee id. */
  employeeIdLength: 200,
  /** Characters in an event id. */
  eventIdLength: 200,
  /** Characters in an attribute name. */
  attributeNameLength: 200,
} as const;

/** Attributes whose names end in "Date" must hold a date (YYYY-MM-DD or an ISO timestamp) or be empty. */
export const dateAttributePattern = /Date$/;

/**
 * HR text, as every channel (webhook, SCIM bulk, CSV) hands it over: no control characters (tab and
 * line breaks included: an HR value is one line), then cleaned once here so all channels agree —
 * NFC, trimmed, runs of whitespace made one space. Only the cleaned value is kept.
 */
export const hrTextSchema = z
  .string()
  .max(hrLimits.valueLength)
  .superRefine((text, ctx) => {
    const problem = lineTextProblem(text);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `holds ${problem}` });
  })
  .overwrite(cleanHrText);

export const attributeValueSchema = z.union([hrTextSchema, z.number(), z.boolean(), z.null(), z.array(hrTextSchema).max(hrLimits.listItems)]);
export type AttributeValue = z.infer<typeof attributeValueSchema>;

/** An event id: one line, nothing invisible. */
const eventIdSchema =
  z
    .string()
    .min(1)
    .max(hrLimits.eventIdLength)
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
  .max(hrLimits.employeeIdLength, `an employee id has at most ${hrLimits.employeeIdLength} characters`)
  .superRefine((id, ctx) => {
    const problem = idTextProblem(id);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `the employee id holds ${problem}` });
  })
  .overwrite(cleanEmployeeId)
  .min(1, 'the employee id is empty (or only spaces)');

/**
 * Attribute names are identifiers: 1 to 200 characters, no control or format characters. Attributes
 * whose names end in "Date" must hold a date (YYYY-MM-DD or an ISO timestamp) or be empty.
 */
export const attributesSchema = z.record(z.string(), attributeValueSchema).superRefine((attributes, ctx) => {
  for (const [name, value] of Object.entries(attributes)) {
    const badLength = name.length === 0 || name.length > hrLimits.attributeNameLength;
    const nameProblem = badLength ? `an attribute name has 1 to ${hrLimits.attributeNameLength} characters` : idTextProblem(name);
    if (nameProblem !== undefined) {
      ctx.addIssue({ code: 'custom', path: [name], message: badLength ? nameProblem : `the attribute name holds ${nameProblem}` });
      continue;
    }
    if (!dateAttributePattern.test(name) || value === null || value === '') continue;
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
