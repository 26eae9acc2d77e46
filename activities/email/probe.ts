/**
 * The email connection test: dns → tcp → tls → smtp (greeting and EHLO) → auth, stopping at the
 * first stage that fails and saying what to change. It sends no message. With STARTTLS the TLS
 * stage happens inside the SMTP session, so it is reported once the upgrade succeeded or failed.
 */
import { lookup } from 'node:dns/promises';
import { connect as tcpConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { StageLog, type TestReport, type TestStep } from '../connections.ts';
import type { EmailConfig, EmailSecrets } from './connector.ts';
import { describeSmtpError, isTlsProblem } from './errors.ts';
import { credentials, smtpOptions, tlsOptions } from './transport.ts';

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function probeSmtp(config: EmailConfig, secrets: EmailSecrets): Promise<TestReport> {
  const steps = new StageLog();
  const done = (step: TestStep) => {
    steps.push(step);
    return { ok: steps.every((s) => s.ok), steps };
  };
  const timeoutMs = config.timeoutSeconds * 1000;

  const creds = credentials(secrets);
  if (!creds.ok) return done({ step: 'config', ok: false, detail: creds.problem });

  let address = config.host;
  if (isIP(config.host) === 0) {
    try {
      const found = await lookup(config.host);
      address = found.address;
      steps.push({ step: 'dns', ok: true, detail: `${config.host} resolves to ${address}` });
    } catch (error) {
      return done({ step: 'dns', ok: false, detail: `cannot resolve ${config.host} (${reason(error)}); check the host name and this server's DNS` });
    }
  } else {
    steps.push({ step: 'dns', ok: true, detail: `${config.host} is an IP address; no lookup needed` });
  }

  let socket: Socket;
  try {
    socket = await openTcp(address, config.port, timeoutMs);
    steps.push({ step: 'tcp', ok: true, detail: `connected to ${address}:${config.port}` });
  } catch (error) {
    return done({ step: 'tcp', ok: false, detail: `cannot connect to ${address}:${config.port} (${reason(error)}); check the port and that a firewall lets this server through` });
  }

  if (config.secure) {
    try {
      const detail = await handshake(socket, config, timeoutMs);
      steps.push({ step: 'tls', ok: true, detail });
    } catch (error) {
      return done({ step: 'tls', ok: false, detail: `TLS with ${config.host}:${config.port} failed: ${reason(error)}; ${tlsHint(error)}` });
    }
  } else {
    socket.destroy();
  }

  let smtp: SMTPConnection;
  try {
    smtp = await openSmtp(config);
  } catch (error) {
    if (isTlsProblem(error) && !config.secure) {
      return done({ step: 'tls', ok: false, detail: `STARTTLS with ${config.host}:${config.port} failed: ${reason(error)}; ${tlsHint(error)}` });
    }
    return done({ step: 'smtp', ok: false, detail: `the SMTP session failed: ${describeSmtpError(error)}` });
  }
  try {
    if (!config.secure) {
      steps.push(
        smtp.secure
          ? { step: 'tls', ok: true, detail: 'STARTTLS upgraded the session to TLS' }
          : { step: 'tls', ok: true, detail: 'the server did not upgrade to TLS; mail goes unencrypted (allowed: startTls is opportunistic)' },
      );
    }
    steps.push({ step: 'smtp', ok: true, detail: `the server greeted and accepted EHLO (${config.host}:${config.port})` });

    if (!creds.auth) return done({ step: 'auth', ok: true, detail: 'no credentials set: messages are sent without AUTH' });
    if (!smtp.allowsAuth) {
      return done({ step: 'auth', ok: false, detail: 'the server offers no AUTH on this session (some servers offer it only after STARTTLS); remove the credentials or fix the TLS settings' });
    }
    try {
      await login(smtp, creds.auth);
      return done({ step: 'auth', ok: true, detail: 'the server accepted the username and password' });
    } catch (error) {
      return done({ step: 'auth', ok: false, detail: `the server refused the login: ${describeSmtpError(error)}; check the username and password` });
    }
  } finally {
    smtp.quit();
  }
}

async function openTcp(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.setTimeout(0);
      resolve(socket);
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs / 1000} s`));
    });
    socket.once('error', reject);
  });
}

async function handshake(socket: Socket, config: EmailConfig, timeoutMs: number): Promise<string> {
  const servername = config.tls.servername ?? (isIP(config.host) === 0 ? config.host : undefined);
  return new Promise((resolve, reject) => {
    const secured = tlsConnect({ ...tlsOptions(config), socket, ...(servername !== undefined ? { servername } : {}) });
    const timer = setTimeout(() => {
      secured.destroy();
      reject(new Error(`no TLS handshake within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    secured.once('secureConnect', () => {
      clearTimeout(timer);
      const cert = secured.getPeerCertificate();
      // An empty object when the server sent no certificate (possible with rejectUnauthorized off).
      const names = Object.keys(cert).length > 0 ? [cert.subject.CN].flat().join(', ') : '';
      const detail = `${secured.getProtocol() ?? 'TLS'} established${names !== '' ? `; the certificate names ${names}` : ''}`;
      secured.destroy();
      resolve(detail);
    });
    secured.once('error', (error: Error) => {
      clearTimeout(timer);
      secured.destroy();
      reject(error);
    });
  });
}

function tlsHint(error: unknown): string {
  const text = `${reason(error)} ${typeof error === 'object' && error !== null ? String(Reflect.get(error, 'code') ?? '') : ''}`;
  if (/self[- ]signed|unable to (get|verify)|certificate|CERT_/i.test(text)) {
    return "the server's certificate is not trusted or does not name the host: add its CA as tls.ca, or set tls.servername to the name it carries";
  }
  if (/STARTTLS/i.test(text)) return 'the server does not offer STARTTLS: use secure (implicit TLS, port 465) or set startTls to opportunistic';
  return 'check that the port speaks TLS the way the connection says (secure for implicit TLS, otherwise STARTTLS)';
}

async function openSmtp(config: EmailConfig): Promise<SMTPConnection> {
  const smtp = new SMTPConnection(smtpOptions(config));
  return new Promise((resolve, reject) => {
    smtp.once('error', reject);
    smtp.once('end', () => reject(new Error('the server closed the connection during the greeting')));
    smtp.connect(() => {
      smtp.removeListener('error', reject);
      // Errors after the handshake reach the caller through login(); the listener keeps an
      // unhandled 'error' event from crashing the process.
      smtp.on('error', () => undefined);
      resolve(smtp);
    });
  });
}

async function login(smtp: SMTPConnection, auth: { user: string; pass: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    smtp.login({ user: auth.user, pass: auth.pass }, (error) => (error ? reject(error) : resolve()));
  });
}
