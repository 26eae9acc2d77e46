/**
 * Sends mail through an email connection: one pooled nodemailer transport per connection, reused by
 * every activity (no new SMTP session and login per message), within the connection's limits.
 *
 * Used by the email.send action and by approval emails. Exactly-once delivery is something SMTP
 * cannot promise: when the server's final "250 queued" is lost (connection drop, timeout), the
 * message may have gone out and a retry sends it again. Callers pass a Message-ID derived from what
 * they are sending (e.g. run and step), so a retried message carries the same id and receiving
 * systems can recognise the duplicate.
 */
import { ApplicationFailure } from '@temporalio/common';
import { createTransport } from 'nodemailer';
import type { SMTPPoolOptions } from 'nodemailer/lib/smtp-pool';
import type { z } from 'zod';
import { emailAddress, hasLineBreak } from '../../workflows/dsl/catalog/email.ts';
import { typedConnection, type Connection } from '../connections.ts';
import { withinLimits } from '../limits.ts';
import { ClientPool } from '../pool.ts';
import { emailConnector } from './connector.ts';
import { smtpFailure } from './errors.ts';
import { credentials, smtpOptions } from './transport.ts';

export interface MailMessage {
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  /** Extra headers (e.g. X-Tenure-Run); the headers Tenure sets itself cannot be overridden. */
  headers?: Record<string, string>;
  /** `<unique@domain>`; the same id for a retried message lets receivers drop the duplicate. */
  messageId?: string;
}

export interface SentMail {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

type Transport = ReturnType<typeof pooledTransport>;

const transports = new ClientPool<Transport>();

function pooledTransport(connection: Connection<z.infer<typeof emailConnector.config>, z.infer<typeof emailConnector.secrets>>, auth: { user: string; pass: string } | undefined) {
  const { config } = connection;
  const options: SMTPPoolOptions & { pool: true } = {
    ...smtpOptions(config),
    pool: true,
    maxConnections: config.limits.maxConcurrent,
    ...(auth ? { auth } : {}),
    // Nothing Tenure sends refers to files or URLs; refuse them rather than read them.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  const transport = createTransport(options);
  // A transport that reports an error of its own is replaced on the next send.
  transport.on('error', () => transports.discard(connection.id));
  return transport;
}

const reservedHeaders = new Set(['from', 'to', 'cc', 'bcc', 'subject', 'message-id', 'sender', 'reply-to', 'date', 'mime-version', 'content-type', 'content-transfer-encoding']);

/** Refuses anything that could add or change headers: line breaks, odd header names, bad addresses. */
function checkMessage(message: MailMessage): void {
  const refuse = (problem: string) => {
    throw ApplicationFailure.nonRetryable(`refusing to send: ${problem}`, 'HeaderInjection');
  };
  if (message.to.length === 0) throw ApplicationFailure.nonRetryable('refusing to send: the message has no recipient', 'InvalidMessage');
  for (const address of [...message.to, ...(message.cc ?? [])]) {
    if (!emailAddress.safeParse(address).success) refuse(`"${address.replace(/[\r\n]/g, '\\n')}" is not a plain email address`);
  }
  if (hasLineBreak(message.subject)) refuse('the subject holds a line break');
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,75}$/.test(name)) refuse(`"${name.replace(/[\r\n]/g, '\\n')}" is not a header name`);
    if (reservedHeaders.has(name.toLowerCase())) refuse(`the header ${name} is set by Tenure`);
    if (hasLineBreak(value)) refuse(`the header ${name} holds a line break`);
  }
  if (message.messageId !== undefined && !/^<[^<>\s@]+@[^<>\s@]+>$/.test(message.messageId)) refuse(`"${message.messageId}" is not a Message-ID (<id@domain>)`);
}

/** The domain of the connection's sender address, for Message-IDs. */
export function senderDomain(connection: Connection): string {
  const config = emailConnector.config.safeParse(connection.config);
  return config.success ? config.data.from.slice(config.data.from.lastIndexOf('@') + 1) : 'tenure.invalid';
}

export async function sendMail(connection: Connection, message: MailMessage): Promise<SentMail> {
  let typed: ReturnType<typeof typedConnection<typeof emailConnector.config, typeof emailConnector.secrets>>;
  try {
    typed = typedConnection(emailConnector, connection);
  } catch (error) {
    throw ApplicationFailure.nonRetryable(
      `connection "${connection.id}" cannot send mail: ${error instanceof Error ? error.message : String(error)}; edit the connection`,
      'EmailConnectionInvalid',
    );
  }
  checkMessage(message);
  const creds = credentials(typed.secrets);
  if (!creds.ok) throw ApplicationFailure.nonRetryable(`connection "${typed.id}": ${creds.problem}`, 'EmailConnectionInvalid');
  const { config } = typed;

  const transport = await transports.get(typed.id, typed.version, {
    create: async () => Promise.resolve(pooledTransport(typed, creds.auth)),
    close: async (t) => Promise.resolve(t.close()),
  });
  const recipients = [...message.to, ...(message.cc ?? [])];
  try {
    const info = await withinLimits(typed.id, typed.version, config.limits, () =>
      transport.sendMail({
        from: config.fromName !== undefined ? { name: config.fromName, address: config.from } : config.from,
        ...(config.replyTo !== undefined ? { replyTo: config.replyTo } : {}),
        to: message.to,
        ...(message.cc && message.cc.length > 0 ? { cc: message.cc } : {}),
        subject: message.subject,
        text: message.text,
        ...(message.html !== undefined ? { html: message.html } : {}),
        ...(message.headers ? { headers: message.headers } : {}),
        ...(message.messageId !== undefined ? { messageId: message.messageId } : {}),
      }),
    );
    return { messageId: info.messageId, accepted: info.accepted.map(String), rejected: info.rejected.map(String) };
  } catch (error) {
    throw smtpFailure(error, `sending mail to ${recipients.join(', ')} through ${config.host}:${config.port}`);
  }
}

/** Closes every pooled transport (worker shutdown, tests). */
export async function closeMailTransports(): Promise<void> {
  await transports.closeAll(async (t) => Promise.resolve(t.close()));
}
