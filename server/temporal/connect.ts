/**
 * Connections to Temporal — the client (API server) and the worker's native connection — built
 * from one set of options, so both reach the same cluster the same way: plaintext to the embedded
 * dev server, TLS / mTLS / an API key to an external cluster or Temporal Cloud. A cluster that
 * cannot be reached, or a certificate file that cannot be used, stops start-up with one line.
 */
import { readFile } from 'node:fs/promises';
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, type TLSConfig } from '@temporalio/worker';
import { ConfigError } from '../config.ts';
import { tracingClientInterceptors } from '../observability/tracing.ts';
import type { TemporalTls } from './settings.ts';

export class TemporalUnavailable extends Error {}

/** How to reach the cluster: the address plus what config.ts read from TEMPORAL_TLS_* and TEMPORAL_API_KEY. */
export interface TemporalEndpoint {
  address: string;
  tls?: TemporalTls | undefined;
  apiKey?: string | undefined;
}

/** What both Connection.connect and NativeConnection.connect accept. */
export interface ConnectionOptions {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
}

async function pem(variable: string, path: string, kind: 'CERTIFICATE' | 'PRIVATE KEY'): Promise<Buffer> {
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch (error) {
    throw new ConfigError(`${variable} ${path} cannot be read: ${reason(error)}`);
  }
  // "-----BEGIN PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----"
  const marker = kind === 'CERTIFICATE' ? /-----BEGIN CERTIFICATE-----/ : /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/;
  if (!marker.test(content.toString('latin1'))) throw new ConfigError(`${variable} ${path} does not hold a PEM ${kind.toLowerCase()} (-----BEGIN ${kind}-----)`);
  return content;
}

/**
 * Reads the certificate files and returns the options for either kind of connection. Throws a
 * ConfigError naming the variable when a file is missing, unreadable or not PEM.
 */
export async function connectionOptions(endpoint: TemporalEndpoint): Promise<ConnectionOptions> {
  const { address, tls, apiKey } = endpoint;
  if (tls === undefined && apiKey === undefined) return { address };
  const config: TLSConfig = {};
  if (tls?.certFile !== undefined && tls.keyFile !== undefined) {
    config.clientCertPair = { crt: await pem('TEMPORAL_TLS_CERT_FILE', tls.certFile, 'CERTIFICATE'), key: await pem('TEMPORAL_TLS_KEY_FILE', tls.keyFile, 'PRIVATE KEY') };
  }
  if (tls?.caFile !== undefined) config.serverRootCACertificate = await pem('TEMPORAL_TLS_CA_FILE', tls.caFile, 'CERTIFICATE');
  if (tls?.serverName !== undefined) config.serverNameOverride = tls.serverName;
  return { address, tls: config, ...(apiKey !== undefined ? { apiKey } : {}) };
}

export async function connectClient(endpoint: TemporalEndpoint, namespace: string, dataConverter?: DataConverter): Promise<Client> {
  const options = await connectionOptions(endpoint);
  try {
    const connection = await Connection.connect({ ...options, connectTimeout: 5000 });
    await connection.withDeadline(Date.now() + 5000, () => connection.workflowService.describeNamespace({ namespace }));
    // With tracing on, each workflow start and signal opens a span whose context travels in the headers.
    return new Client({ connection, namespace, interceptors: { workflow: tracingClientInterceptors() }, ...(dataConverter ? { dataConverter } : {}) });
  } catch (error) {
    throw new TemporalUnavailable(`cannot reach Temporal at ${endpoint.address} (namespace ${namespace}${options.tls ? ', TLS' : ''}): ${reason(error)}`);
  }
}

export async function connectWorker(endpoint: TemporalEndpoint): Promise<NativeConnection> {
  const options = await connectionOptions(endpoint);
  try {
    return await NativeConnection.connect(options);
  } catch (error) {
    throw new TemporalUnavailable(`the worker cannot reach Temporal at ${endpoint.address}${options.tls ? ' (TLS)' : ''}: ${reason(error)}`);
  }
}
