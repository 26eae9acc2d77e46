/**
 * Mustache rendering of an email step's subject and bodies against `{ person, manager, vars }`.
 * `{{ }}` HTML-escapes in the HTML body (a `<script>` in a name arrives as text); the subject and
 * the text body are not HTML, so they are rendered without escaping. A subject that renders to more
 * than one line is refused: a value must never be able to add mail headers.
 */
import { ApplicationFailure } from '@temporalio/common';
import Mustache from 'mustache';
import { hasLineBreak, type EmailTemplateData } from '../../workflows/dsl/catalog/email.ts';

export interface EmailTemplates {
  subject: string;
  text: string;
  html?: string | undefined;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html?: string;
}

const verbatim = (value: unknown) => String(value);

function render(template: string, view: EmailTemplateData, field: string, escape?: (value: unknown) => string): string {
  try {
    return Mustache.render(template, view, {}, escape ? { escape } : {});
  } catch (error) {
    throw ApplicationFailure.nonRetryable(
      `the ${field} template is not valid mustache: ${error instanceof Error ? error.message : String(error)}; fix the step's ${field}`,
      'TemplateError',
    );
  }
}

export function renderEmail(templates: EmailTemplates, data: EmailTemplateData): RenderedEmail {
  const view: EmailTemplateData = { person: data.person ?? {}, manager: data.manager ?? {}, vars: data.vars ?? {} };
  const subject = render(templates.subject, view, 'subject', verbatim).trim();
  if (hasLineBreak(subject)) {
    throw ApplicationFailure.nonRetryable('the subject renders to more than one line (a value holds a line break); refusing it, as it could add mail headers', 'HeaderInjection');
  }
  if (subject === '') throw ApplicationFailure.nonRetryable('the subject renders empty; check the subject template and the data it reads', 'TemplateError');
  const text = render(templates.text, view, 'text', verbatim);
  return { subject, text, ...(templates.html !== undefined ? { html: render(templates.html, view, 'html') } : {}) };
}
