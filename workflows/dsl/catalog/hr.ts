/**
 * Actions on hr connections: writing what Tenure provisioned (work email, UPN, phone, and any extra
 * attribute) back to the HR system the person came from, so HR stays the record of how to reach them.
 * The connection chooses how: a signed webhook to the HR system's integration endpoint, or a SCIM 2.0
 * service in front of it (as Workday or SuccessFactors integration layers expose).
 */
import { z } from 'zod';
import { declareAction, type ActionDeclaration } from './declare.ts';
import { objectOrJsonText } from './email.ts';

const text = z.string().max(2048);

/**
 * Extra attributes by name. In webhook mode they travel as given; in SCIM mode each name is a SCIM
 * attribute path the service accepts (`title`, or `<schema URN>:<attribute>` for an extension).
 */
const extraAttributes = objectOrJsonText(
  z.record(z.string().min(1).max(256).regex(/^[^\s"[\]]+$/, 'an attribute name has no spaces, quotes or brackets'), text),
  'extra attributes as { name: value }',
);

/** The parameters of their own; `attributes` may not repeat them (the HR system would get two values). */
const namedFields = ['email', 'userPrincipalName', 'phone'] as const;

export const hrWriteBack = declareAction({
  id: 'hr.writeBack',
  label: 'Write back to HR',
  description:
    'Writes the person’s work email, UPN and phone (and any extra attributes) back to the HR system. Webhook connections receive one signed JSON POST whose Idempotency-Key is the run and step, so a retried step is recognised; SCIM connections get the worker looked up by employee id and one PATCH with only what differs (nothing when all match). Values left out are not touched; in SCIM mode an extra attribute given empty is removed.',
  category: 'HR',
  connector: 'hr',
  input: z
    .strictObject({
      employeeId: text.min(1).describe('The person’s id in the HR system.'),
      email: text.min(1).optional().describe('The work email address to record.'),
      userPrincipalName: text.min(1).optional().describe('The sign-in name (UPN) to record.'),
      phone: text.min(1).optional().describe('The work phone number to record.'),
      attributes: extraAttributes.optional().describe('Extra attributes to record, as { name: value }.'),
    })
    .refine((i) => !namedFields.some((name) => i.attributes !== undefined && name in i.attributes), {
      message: 'give email, userPrincipalName and phone as their own parameters, not in attributes',
      path: ['attributes'],
    }),
  output: z.strictObject({
    mode: z.enum(['webhook', 'scim']),
    /** The attribute names written: in SCIM mode only those that differed; in webhook mode all that were sent. */
    changed: z.array(z.string()),
    /** The HTTP status of the webhook or of the PATCH; null when SCIM had nothing to change. */
    status: z.number().int().nullable(),
  }),
  undoable: false,
  defaults: { timeoutSeconds: 120 },
});

export const hrActions: readonly ActionDeclaration[] = [hrWriteBack];
