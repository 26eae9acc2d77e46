/**
 * Reaching an external Temporal cluster: TEMPORAL_TLS_* and TEMPORAL_API_KEY (and the task-queue
 * split, TENURE_CONNECTOR_QUEUES / TENURE_WORKER_QUEUES) are checked at start with one line naming
 * the variable, and both the API's client and the worker's native connection use them. The mTLS case is proven for real: a TLS terminator that demands a client certificate
 * signed by a test CA (node:tls, HTTP/2 over ALPN) in front of the run's Temporal dev server, with
 * certificates made by openssl in a temp dir.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { connectClient, connectionOptions, connectWorker, TemporalUnavailable } from '../../server/temporal/connect.ts';
import { freePort } from '../support/ports.ts';

const run = promisify(execFile);
let dir = '';
let files: { ca: string; serverCert: string; serverKey: string; clientCert: string; clientKey: string; notPem: string; locked: string };
let terminator: Server;
let terminatorAddress = '';

/** An EC key and a certificate for `cn`, signed by the test CA, with the given extensions. */
async function issue(name: string, cn: string, extensions: string): Promise<void> {
  await run('openssl', ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.csr`), '-subj', `/CN=${cn}`]);
  await writeFile(join(dir, `${name}.ext`), extensions);
  await run('openssl', ['x509', '-req', '-in', join(dir, `${name}.csr`), '-CA', join(dir, 'ca.pem'), '-CAkey', join(dir, 'ca.key'), '-CAcreateserial', '-out', join(dir, `${name}.pem`), '-days', '2', '-extfile', join(dir, `${name}.ext`)]);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tenure-temporal-tls-'));
  await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'ca.key'), '-out', join(dir, 'ca.pem'), '-days', '2', '-subj', '/CN=Tenure Test CA']);
  await issue('server', 'temporal.test', 'subjectAltName=DNS:temporal.test\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n');
  await issue('client', 'tenure-worker', 'extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n');
  files = { ca: join(dir, 'ca.pem'), serverCert: join(dir, 'server.pem'), serverKey: join(dir, 'server.key'), clientCert: join(dir, 'client.pem'), clientKey: join(dir, 'client.key'), notPem: join(dir, 'not.pem'), locked: join(dir, 'missing.pem') };
  await writeFile(files.notPem, 'this is not a certificate\n');
  await chmod(files.clientKey, 0o600);

  // TLS in front, plaintext gRPC behind: what a cluster's frontend with mTLS looks like to a client.
  const [host, port] = inject('temporalAddress').split(':');
  terminator = createServer({ key: await readFile(files.serverKey), cert: await readFile(files.serverCert), ca: await readFile(files.ca), requestCert: true, rejectUnauthorized: true, ALPNProtocols: ['h2'] }, (socket) => {
    const upstream = tcpConnect(Number(port), host ?? '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  const listenPort = await freePort();
  await new Promise<void>((resolve) => terminator.listen(listenPort, '127.0.0.1', () => resolve()));
  terminatorAddress = `127.0.0.1:${listenPort}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => (terminator.listening ? terminator.close(() => resolve()) : resolve()));
  await rm(dir, { recursive: true, force: true });
});

const configError = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('Temporal connection settings', () => {
  it('connects in plaintext with no TLS settings, and polls every queue by default', () => {
    const { temporal } = loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233' });
    expect(temporal).toMatchObject({ address: 'temporal:7233', tls: undefined, apiKey: undefined, connectorQueues: [], workerQueues: ['lifecycle'] });
  });

  it('splits connectors off to their own queues, and lets a worker poll a chosen few', () => {
    const split = loadConfig({ TENURE_CONNECTOR_QUEUES: 'ad, entra,ad' }).temporal;
    expect(split).toMatchObject({ connectorQueues: ['ad', 'entra'], workerQueues: ['lifecycle', 'ad', 'entra'] });
    expect(loadConfig({ TENURE_CONNECTOR_QUEUES: 'ad,entra', TENURE_WORKER_QUEUES: 'ad' }).temporal.workerQueues).toEqual(['ad']);
    expect(configError({ TENURE_CONNECTOR_QUEUES: 'ad,sap' })).toMatch(/^TENURE_CONNECTOR_QUEUES names "sap", which is not a connector; use a comma-separated list of core, ad, /);
    expect(configError({ TENURE_CONNECTOR_QUEUES: 'ad', TENURE_WORKER_QUEUES: 'lifecycle,entra' })).toMatch(/^TENURE_WORKER_QUEUES names "entra", which is neither lifecycle nor a connector in TENURE_CONNECTOR_QUEUES \(ad\)/);
    expect(configError({ TENURE_WORKER_QUEUES: ' , ' })).toMatch(/^TENURE_WORKER_QUEUES is empty/);
  });

  it('refuses a certificate without its key, a key without its certificate, and unreadable files, naming the variable', () => {
    expect(configError({ TEMPORAL_TLS_CERT_FILE: files.clientCert })).toMatch(/^TEMPORAL_TLS_CERT_FILE is set but TEMPORAL_TLS_KEY_FILE is not/);
    expect(configError({ TEMPORAL_TLS_KEY_FILE: files.clientKey })).toMatch(/^TEMPORAL_TLS_KEY_FILE is set but TEMPORAL_TLS_CERT_FILE is not/);
    expect(configError({ TEMPORAL_TLS_CERT_FILE: files.clientCert, TEMPORAL_TLS_KEY_FILE: files.locked })).toBe(`TEMPORAL_TLS_KEY_FILE ${files.locked} cannot be read (ENOENT); point it at a PEM file this process may read`);
    expect(configError({ TEMPORAL_TLS_CA_FILE: join(dir, 'nope.pem') })).toMatch(/^TEMPORAL_TLS_CA_FILE .*nope\.pem cannot be read \(ENOENT\)/);
    expect(configError({ TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'k' })).toMatch(/^TEMPORAL_TLS is false, but TLS settings or TEMPORAL_API_KEY are set/);
    expect(configError({ TEMPORAL_TLS: 'yes' })).toMatch(/^TEMPORAL_TLS /);
  });

  it('turns an API key into TLS with a bearer key, as Temporal Cloud expects, and never puts the key in an error', async () => {
    const { temporal } = loadConfig({ TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_API_KEY: 'cloud-key-secret' });
    expect(await connectionOptions({ address: 'ns.acct.tmprl.cloud:7233', tls: temporal.tls, apiKey: temporal.apiKey })).toEqual({ address: 'ns.acct.tmprl.cloud:7233', tls: {}, apiKey: 'cloud-key-secret' });
    // Plain TLS (system CAs): TEMPORAL_TLS=true alone.
    const tlsOnly = loadConfig({ TEMPORAL_ADDRESS: 'temporal.example.com:7233', TEMPORAL_TLS: 'true' }).temporal;
    expect(tlsOnly.tls).toEqual({});
    // A server that does not speak TLS: the error names the address, not the key.
    const refused = await connectClient({ address: inject('temporalAddress'), tls: {}, apiKey: 'cloud-key-secret' }, 'default').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TemporalUnavailable);
    expect(String(refused)).toContain(inject('temporalAddress'));
    expect(String(refused)).not.toContain('cloud-key-secret');
  });

  it('builds mTLS options from the files: client certificate and key, CA, server name', async () => {
    const { temporal } = loadConfig({ TEMPORAL_ADDRESS: terminatorAddress, TEMPORAL_TLS_CERT_FILE: files.clientCert, TEMPORAL_TLS_KEY_FILE: files.clientKey, TEMPORAL_TLS_CA_FILE: files.ca, TEMPORAL_TLS_SERVER_NAME: 'temporal.test' });
    const options = await connectionOptions({ address: terminatorAddress, tls: temporal.tls });
    expect(options.tls?.serverNameOverride).toBe('temporal.test');
    expect(Buffer.from(options.tls?.clientCertPair?.crt ?? []).equals(await readFile(files.clientCert))).toBe(true);
    expect(Buffer.from(options.tls?.clientCertPair?.key ?? []).equals(await readFile(files.clientKey))).toBe(true);
    expect(Buffer.from(options.tls?.serverRootCACertificate ?? []).equals(await readFile(files.ca))).toBe(true);
    const notPem = await connectionOptions({ address: terminatorAddress, tls: { caFile: files.notPem } }).catch((e: unknown) => e);
    expect(notPem).toBeInstanceOf(ConfigError);
    expect(String(notPem)).toContain(`TEMPORAL_TLS_CA_FILE ${files.notPem} does not hold a PEM certificate`);
  });

  it('reaches a cluster that demands a client certificate, from the API client and from the worker; without the certificate it is refused', async () => {
    const tls = { certFile: files.clientCert, keyFile: files.clientKey, caFile: files.ca, serverName: 'temporal.test' };
    const client = await connectClient({ address: terminatorAddress, tls }, 'default');
    try {
      const ns = await client.workflowService.describeNamespace({ namespace: 'default' });
      expect(ns.namespaceInfo?.name).toBe('default');
    } finally {
      await client.connection.close();
    }
    const worker = await connectWorker({ address: terminatorAddress, tls });
    try {
      const info = await worker.workflowService.getSystemInfo({});
      expect(info.serverVersion).toBeTruthy();
    } finally {
      await worker.close();
    }
    const anonymous = await connectClient({ address: terminatorAddress, tls: { caFile: files.ca, serverName: 'temporal.test' } }, 'default').catch((e: unknown) => e);
    expect(anonymous).toBeInstanceOf(TemporalUnavailable);
  }, 60_000);
});
