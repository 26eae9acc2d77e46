/**
 * The email connection test against real SMTP servers: each stage (dns → tcp → tls → smtp → auth)
 * passes on a good connection, and a broken one stops at the stage that failed, saying why.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, TestReport } from '../../../activities/connections.ts';
import { emailConnector } from '../../../activities/email/connector.ts';
import { typedConnection } from '../../../activities/connections.ts';
import { startSmtpPeer, type SmtpPeer } from '../../peers/smtp.ts';
import { freePort } from '../../support/ports.ts';
import { emailConnection } from './connection.ts';

const credentials = { username: 'tenure', password: 'correct horse battery staple' };
let starttls: SmtpPeer;
let implicit: SmtpPeer;
let plain: SmtpPeer;

beforeAll(async () => {
  [starttls, implicit, plain] = await Promise.all([
    startSmtpPeer({ auth: credentials, tls: 'starttls' }),
    startSmtpPeer({ auth: credentials, tls: 'implicit' }),
    startSmtpPeer({ tls: 'none' }),
  ]);
});
afterAll(async () => {
  await Promise.all([starttls.stop(), implicit.stop(), plain.stop()]);
});

const test = async (connection: Connection): Promise<TestReport> => emailConnector.test(typedConnection(emailConnector, connection));
const stages = (report: TestReport) => report.steps.map((s) => `${s.step}:${s.ok ? 'ok' : 'failed'}`);

describe('email connection test', () => {
  it('passes every stage with STARTTLS and AUTH', async () => {
    const report = await test(emailConnection(starttls, {}, credentials));
    expect(stages(report)).toEqual(['dns:ok', 'tcp:ok', 'tls:ok', 'smtp:ok', 'auth:ok']);
    expect(report.ok).toBe(true);
    expect(report.steps.find((s) => s.step === 'tls')?.detail).toContain('STARTTLS');
  });

  it('passes every stage with implicit TLS, naming the protocol and the certificate', async () => {
    const report = await test(emailConnection(implicit, { secure: true }, credentials));
    expect(stages(report)).toEqual(['dns:ok', 'tcp:ok', 'tls:ok', 'smtp:ok', 'auth:ok']);
    expect(report.steps.find((s) => s.step === 'tls')?.detail).toMatch(/TLSv1\.[23] established; the certificate names localhost/);
  });

  it('stops at dns for a host that does not resolve', async () => {
    const report = await test(emailConnection(starttls, { host: 'no-such-host.invalid' }));
    expect(stages(report)).toEqual(['dns:failed']);
    expect(report.ok).toBe(false);
    expect(report.steps[0]?.detail).toContain('cannot resolve no-such-host.invalid');
  });

  it('stops at tcp when nothing listens on the port', async () => {
    const report = await test(emailConnection(starttls, { port: await freePort() }));
    expect(stages(report)).toEqual(['dns:ok', 'tcp:failed']);
    expect(report.steps[1]?.detail).toContain('ECONNREFUSED');
  });

  it("stops at tls when the server's certificate is not trusted, for STARTTLS and implicit TLS", async () => {
    const viaStartTls = await test(emailConnection(starttls, { tls: {} }, credentials));
    expect(stages(viaStartTls)).toEqual(['dns:ok', 'tcp:ok', 'tls:failed']);
    expect(viaStartTls.steps[2]?.detail).toContain('add its CA as tls.ca');

    const viaImplicit = await test(emailConnection(implicit, { secure: true, tls: {} }, credentials));
    expect(stages(viaImplicit)).toEqual(['dns:ok', 'tcp:ok', 'tls:failed']);
    expect(viaImplicit.steps[2]?.detail).toContain('self-signed');
  });

  it('stops at tls when STARTTLS is required and the server does not offer it, and passes when opportunistic', async () => {
    const required = await test(emailConnection(plain));
    expect(stages(required)).toEqual(['dns:ok', 'tcp:ok', 'tls:failed']);
    expect(required.steps[2]?.detail).toContain('STARTTLS');

    const opportunistic = await test(emailConnection(plain, { startTls: 'opportunistic' }));
    expect(stages(opportunistic)).toEqual(['dns:ok', 'tcp:ok', 'tls:ok', 'smtp:ok', 'auth:ok']);
    expect(opportunistic.steps[2]?.detail).toContain('unencrypted');
  });

  it('stops at smtp when the port answers with something other than SMTP', async () => {
    // A web server where the mail server should be: it answers, but not with an SMTP greeting.
    const web = createServer((socket) => {
      // The client hangs up abruptly once it sees no greeting; that reset is expected here.
      socket.on('error', () => socket.destroy());
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    });
    const port = await freePort();
    await new Promise<void>((resolve) => web.listen(port, '127.0.0.1', resolve));
    try {
      const report = await test(emailConnection(starttls, { port }));
      expect(stages(report)).toEqual(['dns:ok', 'tcp:ok', 'smtp:failed']);
      expect(report.steps[2]?.detail).toContain('greeting');
    } finally {
      await new Promise((resolve) => web.close(resolve));
    }
  });

  it('stops at auth when the password is wrong, without echoing it', async () => {
    const report = await test(emailConnection(starttls, {}, { username: 'tenure', password: 'not-the-password' }));
    expect(stages(report)).toEqual(['dns:ok', 'tcp:ok', 'tls:ok', 'smtp:ok', 'auth:failed']);
    expect(report.steps[4]?.detail).toContain('535');
    expect(JSON.stringify(report)).not.toContain('not-the-password');
  });

  it('stops at config when only half of the credentials are set', async () => {
    const report = await test(emailConnection(starttls, {}, { username: 'tenure' }));
    expect(stages(report)).toEqual(['config:failed']);
    expect(report.steps[0]?.detail).toContain('username but no password');
  });
});
