/**
 * The scale path's Temporal settings, read with the rest of the configuration (server/config.ts
 * spreads `temporalEnv` into its schema and calls `temporalFromEnv`): TLS, mTLS client certificates
 * and an API key for an external cluster or Temporal Cloud, and the per-connector task queues.
 *
 * Only paths are kept here; connect.ts reads the files when it connects, so no key material sits in
 * the configuration object that other code may print.
 */
import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { connectorKinds, type ConnectorKind } from '../../workflows/dsl/index.ts';

/** `ad,entra` → ['ad', 'entra']; blanks and spaces ignored. */
const list = z.string().transform((s) => s.split(',').map((item) => item.trim()).filter((item) => item !== ''));

export const temporalEnv = {
  /** `true` for TLS with the system's trusted CAs and no client certificate; implied by the other TLS settings and the API key. */
  TEMPORAL_TLS: z.enum(['true', 'false']).optional(),
  TEMPORAL_TLS_CERT_FILE: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_FILE: z.string().min(1).optional(),
  TEMPORAL_TLS_CA_FILE: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).max(253).optional(),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TENURE_CONNECTOR_QUEUES: list.optional(),
  TENURE_WORKER_QUEUES: list.optional(),
};

type TemporalEnv = z.infer<z.ZodObject<typeof temporalEnv>>;

export interface TemporalTls {
  /** mTLS: the client certificate (PEM) and its private key; both or neither. */
  certFile?: string;
  keyFile?: string;
  /** The CA that signed the server's certificate, when the system does not trust it. */
  caFile?: string;
  /** The name to check the server's certificate against, when it differs from the address's host. */
  serverName?: string;
}

/** `lifecycle` is the main task queue: the workflows and every activity not split off. */
export type PollQueue = 'lifecycle' | ConnectorKind;

export interface TemporalAccessSettings {
  /** TLS to the cluster; plaintext when undefined (the dev server, a cluster inside a private network). */
  tls: TemporalTls | undefined;
  /** Temporal Cloud API key (sent as a bearer token; implies TLS). A secret: never logged. */
  apiKey: string | undefined;
  /** Connectors whose activities run on a task queue of their own, `<taskQueue>-<kind>`. */
  connectorQueues: ConnectorKind[];
  /** The queues a worker process polls: `lifecycle` and/or split connectors (all of them by default). */
  workerQueues: PollQueue[];
}

function readable(name: string, path: string, fail: (message: string) => Error): string {
  const full = resolve(path);
  try {
    accessSync(full, constants.R_OK);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw fail(`${name} ${full} cannot be read (${code}); point it at a PEM file this process may read`);
  }
  return full;
}

const isKind = (s: string): s is ConnectorKind => connectorKinds.some((k) => k === s);

export function temporalFromEnv(e: TemporalEnv, fail: (message: string) => Error): TemporalAccessSettings {
  const cert = e.TEMPORAL_TLS_CERT_FILE;
  const key = e.TEMPORAL_TLS_KEY_FILE;
  if (cert !== undefined && key === undefined) throw fail('TEMPORAL_TLS_CERT_FILE is set but TEMPORAL_TLS_KEY_FILE is not: an mTLS client certificate needs its private key');
  if (key !== undefined && cert === undefined) throw fail('TEMPORAL_TLS_KEY_FILE is set but TEMPORAL_TLS_CERT_FILE is not: an mTLS private key needs its client certificate');
  const wantsTls = cert !== undefined || e.TEMPORAL_TLS_CA_FILE !== undefined || e.TEMPORAL_TLS_SERVER_NAME !== undefined || e.TEMPORAL_API_KEY !== undefined;
  if (e.TEMPORAL_TLS === 'false' && wantsTls) throw fail('TEMPORAL_TLS is false, but TLS settings or TEMPORAL_API_KEY are set (they need TLS); remove one or the other');
  const tls: TemporalTls | undefined =
    wantsTls || e.TEMPORAL_TLS === 'true'
      ? {
          ...(cert !== undefined && key !== undefined ? { certFile: readable('TEMPORAL_TLS_CERT_FILE', cert, fail), keyFile: readable('TEMPORAL_TLS_KEY_FILE', key, fail) } : {}),
          ...(e.TEMPORAL_TLS_CA_FILE !== undefined ? { caFile: readable('TEMPORAL_TLS_CA_FILE', e.TEMPORAL_TLS_CA_FILE, fail) } : {}),
          ...(e.TEMPORAL_TLS_SERVER_NAME !== undefined ? { serverName: e.TEMPORAL_TLS_SERVER_NAME } : {}),
        }
      : undefined;

  const connectorQueues: ConnectorKind[] = [];
  for (const item of e.TENURE_CONNECTOR_QUEUES ?? []) {
    if (!isKind(item)) throw fail(`TENURE_CONNECTOR_QUEUES names "${item}", which is not a connector; use a comma-separated list of ${connectorKinds.join(', ')}`);
    if (!connectorQueues.includes(item)) connectorQueues.push(item);
  }
  const workerQueues: PollQueue[] = [];
  for (const item of e.TENURE_WORKER_QUEUES ?? ['lifecycle', ...connectorQueues]) {
    const queue = item === 'lifecycle' ? item : isKind(item) && connectorQueues.includes(item) ? item : undefined;
    if (queue === undefined) {
      throw fail(`TENURE_WORKER_QUEUES names "${item}", which is neither lifecycle nor a connector in TENURE_CONNECTOR_QUEUES (${connectorQueues.join(',') || 'empty'}); list the queues this worker polls, e.g. lifecycle,ad`);
    }
    if (!workerQueues.includes(queue)) workerQueues.push(queue);
  }
  if (workerQueues.length === 0) throw fail('TENURE_WORKER_QUEUES is empty; list the queues this worker polls, e.g. lifecycle,ad (or leave it unset for all)');
  return { tls, apiKey: e.TEMPORAL_API_KEY, connectorQueues, workerQueues };
}
