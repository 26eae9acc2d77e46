/** Nodemailer options from a connection's settings, shared by the sender and the connection test. */
import type { ConnectionOptions } from 'node:tls';
import type { EmailConfig, EmailSecrets } from './connector.ts';

export interface SmtpOptions {
  host: string;
  port: number;
  secure: boolean;
  requireTLS: boolean;
  opportunisticTLS: boolean;
  tls: ConnectionOptions;
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
}

export function smtpOptions(config: EmailConfig): SmtpOptions {
  const ms = config.timeoutSeconds * 1000;
  return {
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: !config.secure && config.startTls === 'required',
    opportunisticTLS: !config.secure && config.startTls === 'opportunistic',
    tls: tlsOptions(config),
    connectionTimeout: ms,
    greetingTimeout: ms,
    socketTimeout: ms,
  };
}

export function tlsOptions(config: EmailConfig): ConnectionOptions {
  return {
    minVersion: 'TLSv1.2',
    rejectUnauthorized: config.tls.rejectUnauthorized,
    ...(config.tls.ca !== undefined ? { ca: config.tls.ca } : {}),
    ...(config.tls.servername !== undefined ? { servername: config.tls.servername } : {}),
  };
}

/** Username and password together, or neither (no AUTH); one without the other is a setup mistake. */
export function credentials(secrets: EmailSecrets): { ok: true; auth?: { user: string; pass: string } } | { ok: false; problem: string } {
  const { username, password } = secrets;
  if (username === undefined && password === undefined) return { ok: true };
  if (username === undefined || password === undefined) {
    return { ok: false, problem: `the connection has a ${username === undefined ? 'password but no username' : 'username but no password'}; set both, or neither to send without AUTH` };
  }
  return { ok: true, auth: { user: username, pass: password } };
}
