/**
 * The mail server for email tests: a real `smtp-server` on a free loopback port, optionally with
 * AUTH (one username and password) and TLS — STARTTLS or implicit — using a self-signed
 * certificate made with openssl for this server alone (its PEM is `ca`, for connections to trust).
 * Every accepted message is parsed with mailparser's simpleParser and kept with its envelope.
 *
 * Recipients can be made to fail: local part `reject` gets 550 (permanent), `busy` gets 451
 * (temporary), so tests see the server's own replies.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { simpleParser, type ParsedMail } from 'mailparser';
import smtpServer, { type SMTPServerError, type SMTPServerOptions } from 'smtp-server';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/ports.ts';

export interface ReceivedMail {
  mailFrom: string;
  rcptTo: string[];
  /** The user who authenticated, when AUTH was used. */
  user: string | undefined;
  /** Whether the session was encrypted when the message came in. */
  secure: boolean;
  parsed: ParsedMail;
}

export interface SmtpPeerOptions {
  /** Require AUTH with these credentials (PLAIN and LOGIN). */
  auth?: { username: string; password: string };
  /** `starttls`: plaintext port offering STARTTLS; `implicit`: TLS from the first byte; `none`: no TLS at all. */
  tls?: 'starttls' | 'implicit' | 'none';
}

export interface SmtpPeer {
  host: string;
  port: number;
  /** The server's self-signed certificate (PEM): trust it as the connection's tls.ca. */
  ca: string;
  messages: ReceivedMail[];
  /** Waits until at least `count` messages arrived. */
  received(count: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

const run = promisify(execFile);

async function selfSignedCertificate(dir: string): Promise<{ key: string; cert: string }> {
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8') };
}

function replyError(message: string, responseCode: number): SMTPServerError {
  return Object.assign(new Error(message), { responseCode });
}

export async function startSmtpPeer(options: SmtpPeerOptions = {}): Promise<SmtpPeer> {
  const dir = await mkdtemp(join(tmpdir(), 'tenure-test-smtp-'));
  const tlsMode = options.tls ?? 'starttls';
  const { key, cert } = await selfSignedCertificate(dir);
  const messages: ReceivedMail[] = [];
  const auth = options.auth;

  const config: SMTPServerOptions = {
    key,
    cert,
    secure: tlsMode === 'implicit',
    name: 'localhost',
    // Tests close their mail transports; whatever is left open is cut promptly on stop.
    closeTimeout: 200,
    logger: false,
    disabledCommands: [...(tlsMode === 'none' ? ['STARTTLS'] : []), ...(auth ? [] : ['AUTH'])],
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: !auth,
    // Only the no-TLS server accepts AUTH in plaintext; a TLS server wants STARTTLS first.
    allowInsecureAuth: tlsMode === 'none',
    onAuth(login, _session, callback) {
      if (auth && login.username === auth.username && login.password === auth.password) {
        callback(null, { user: login.username });
        return;
      }
      callback(replyError('Authentication credentials invalid', 535));
    },
    onRcptTo(address, _session, callback) {
      const local = address.address.split('@')[0] ?? '';
      if (local === 'reject') {
        callback(replyError(`no mailbox here by the name ${address.address}`, 550));
        return;
      }
      if (local === 'busy') {
        callback(replyError('mailbox busy, try again later', 451));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const from = session.envelope.mailFrom;
          messages.push({
            mailFrom: from === false ? '' : from.address,
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            user: typeof session.user === 'string' ? session.user : undefined,
            secure: session.secure,
            parsed,
          });
          callback();
        })
        .catch((error: unknown) => callback(replyError(`cannot parse the message: ${String(error)}`, 554)));
    },
  };
  const server = new smtpServer.SMTPServer(config);
  // Client disconnects surface here; they are part of the tests, not failures of the peer.
  server.on('error', () => undefined);
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.removeListener('error', reject);
      resolve();
    });
  });

  return {
    host: '127.0.0.1',
    port,
    ca: cert,
    messages,
    received: async (count) => eventually(async () => Promise.resolve(messages.length >= count ? [...messages] : undefined), `${count} message(s) at the SMTP peer`, 15_000, 50),
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
