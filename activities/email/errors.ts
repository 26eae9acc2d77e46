/**
 * SMTP failures as Temporal failures. Retrying helps with what is temporary (4xx replies, dropped
 * or refused connections, timeouts); it cannot fix refused credentials (535), a permanently
 * rejected recipient or message (5xx) or an untrusted certificate, so those fail at once.
 * Messages carry the server's reply, never the credentials.
 */
import { ApplicationFailure } from '@temporalio/common';

interface SmtpErrorFields {
  message: string;
  code: string | undefined;
  originalCode: string | undefined;
  responseCode: number | undefined;
  response: string | undefined;
  command: string | undefined;
}

function fields(error: unknown): SmtpErrorFields {
  const get = (k: string): unknown => (typeof error === 'object' && error !== null ? Reflect.get(error, k) : undefined);
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const responseCode = get('responseCode');
  return {
    message: error instanceof Error ? error.message : String(error),
    code: text(get('code')),
    originalCode: text(get('originalCode')),
    responseCode: typeof responseCode === 'number' ? responseCode : undefined,
    response: text(get('response')),
    command: text(get('command')),
  };
}

/** One line for an operator: what the server said, and to which command. */
export function describeSmtpError(error: unknown): string {
  const f = fields(error);
  const reply = f.response !== undefined && !f.message.includes(f.response) ? ` (server said: ${f.response.trim()})` : '';
  const during = f.command !== undefined && f.command !== 'CONN' && f.command !== 'API' ? ` [${f.command}]` : '';
  return `${f.message}${reply}${during}`;
}

const connectionCodes = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

const certificateProblem = (f: SmtpErrorFields) => /certificate|self[- ]signed|CERT_|unable to verify/i.test(`${f.message} ${f.originalCode ?? ''}`);

/** Whether setting up TLS failed (STARTTLS refused, or a certificate the client does not trust). */
export function isTlsProblem(error: unknown): boolean {
  const f = fields(error);
  return f.code === 'ETLS' || certificateProblem(f);
}

export function smtpFailure(error: unknown, where: string): ApplicationFailure {
  const f = fields(error);
  const what = `${where}: ${describeSmtpError(error)}`;
  const temporary = f.responseCode !== undefined && f.responseCode >= 400 && f.responseCode < 500;

  if (f.code === 'EAUTH' || f.code === 'ENOAUTH') {
    if (temporary) return ApplicationFailure.retryable(`${what}; the server could not check the login just now`, 'SmtpAuthUnavailable');
    return ApplicationFailure.nonRetryable(`${what}; the SMTP server refused the login: fix the connection's username and password`, 'SmtpAuthFailed');
  }
  if (certificateProblem(f)) {
    return ApplicationFailure.nonRetryable(`${what}; the server's certificate is not trusted: add its CA to the connection (tls.ca) or fix tls.servername`, 'SmtpTlsFailed');
  }
  if (f.code === 'ETLS') {
    return ApplicationFailure.nonRetryable(`${what}; TLS could not be set up: check secure/startTls against what the server offers`, 'SmtpTlsFailed');
  }
  if (f.responseCode !== undefined) {
    // 503 (bad sequence of commands) is a session state problem: a new connection can succeed.
    if (f.responseCode >= 500 && f.responseCode !== 503) {
      return ApplicationFailure.nonRetryable(`${what}; the server rejected the message for good: check the addresses and the sender's permissions`, 'SmtpRejected');
    }
    return ApplicationFailure.retryable(`${what}; the server refused for now, retrying`, 'SmtpTemporaryFailure');
  }
  if (f.code !== undefined && (connectionCodes.has(f.code) || (f.originalCode !== undefined && connectionCodes.has(f.originalCode)))) {
    return ApplicationFailure.retryable(`${what}; the SMTP server could not be reached, retrying`, 'SmtpUnavailable');
  }
  if (f.code === 'EENVELOPE' || f.code === 'EMESSAGE' || f.code === 'ECONFIG') {
    return ApplicationFailure.nonRetryable(what, 'SmtpRejected');
  }
  return ApplicationFailure.retryable(what, 'SmtpError');
}
