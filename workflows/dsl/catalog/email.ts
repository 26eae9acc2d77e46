/**
 * Actions on email (SMTP) connections. Templates are mustache, rendered by the activity against the
 * step's `data` ({ person, manager, vars }); only values inserted with `{{ }}` are HTML-escaped in
 * the HTML body, so person values belong in `data`, not spliced into a template by an expression.
 */
import { z } from 'zod';
import { declareAction, type ActionDeclaration } from './declare.ts';

/** Line breaks in a header value would let it add headers of its own (header injection). */
export const hasLineBreak = (s: string) => /[\r\n]/.test(s);

/** A bare address (no display name): zod's check refuses spaces, quotes and line breaks. */
export const emailAddress = z.email('not an email address').max(320);

/** One address or a list; always a list once parsed. */
const recipients = (min: number) =>
  z.union([emailAddress.transform((a) => [a]), z.array(emailAddress).min(min).max(100)], {
    error: `an email address, or a list of ${min > 0 ? `${min} to ` : 'up to '}100 email addresses`,
  });

const templateValues = z.record(z.string(), z.unknown());
export const emailTemplateData = z.strictObject({
  person: templateValues.optional(),
  manager: templateValues.optional(),
  vars: templateValues.optional(),
});
export type EmailTemplateData = z.infer<typeof emailTemplateData>;

/**
 * A JSON object given as an object, or as its JSON text: a step's parameters hold only text, numbers,
 * booleans and lists today, so a definition passes structured data as JSON text.
 */
export function objectOrJsonText<T extends z.ZodType>(schema: T, what: string) {
  const jsonText = z
    .string()
    .transform((text, ctx) => {
      try {
        const value: unknown = JSON.parse(text);
        return value;
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` });
        return z.NEVER;
      }
    })
    .pipe(schema);
  return z.union([schema, jsonText], { error: `${what}, as an object or as its JSON text` });
}

export const emailSend = declareAction({
  id: 'email.send',
  label: 'Send an email',
  description:
    'Sends one message through an SMTP connection. Subject, text and HTML are mustache templates over `data` ({ person, manager, vars }), e.g. "Welcome {{person.givenName}}"; values are HTML-escaped in the HTML body. A retried step sends the same Message-ID, so receivers can drop the duplicate.',
  category: 'Notifications',
  connector: 'email',
  input: z.strictObject({
    to: recipients(1),
    cc: recipients(0).optional(),
    subject: z
      .string()
      .min(1)
      .max(998)
      .refine((s) => !hasLineBreak(s), 'the subject must be one line: a line break would let it add mail headers'),
    text: z.string().min(1).max(200_000),
    html: z.string().min(1).max(500_000).optional(),
    data: objectOrJsonText(emailTemplateData, 'the template data { person, manager, vars }').default({}),
  }),
  output: z.strictObject({
    messageId: z.string(),
    accepted: z.array(z.string()),
    rejected: z.array(z.string()),
  }),
  undoable: false,
  defaults: { timeoutSeconds: 120 },
});

export const emailActions: readonly ActionDeclaration[] = [emailSend];
