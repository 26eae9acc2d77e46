/**
 * Connections in the app database. Secrets are encrypted before they are written and decrypted only
 * for the worker's activities (load); the API sees which secret fields are set, never their values.
 */
import { z } from 'zod';
import type { Connection, ConnectionSource } from '../../activities/connections.ts';
import { ConnectionNotFound } from '../../activities/connections.ts';
import type { ConnectorKind } from '../../workflows/dsl/index.ts';
import type { Keyring } from '../secrets/keyring.ts';
import { audit } from './audit.ts';
import type { Database } from './database.ts';
import { Conflict, NotFound } from './definitions.ts';

interface ConnectionRow {
  id: string;
  kind: ConnectorKind;
  name: string;
  config: Record<string, unknown>;
  secrets: string;
  secret_fields: string[];
  version: number;
  created_at: Date;
  updated_at: Date;
  updated_by: string;
  last_test_ok: boolean | null;
  last_test_at: Date | null;
  last_test_failed_step: string | null;
}

/** The last test of the connection as it is now; null when never tested since its settings last changed. */
export interface LastTest {
  ok: boolean;
  at: string;
  /** The first stage that failed, when one did. */
  failedStep: string | null;
}

/** A connection as the API shows it: no secret values. */
export interface ConnectionView {
  id: string;
  kind: ConnectorKind;
  name: string;
  config: Record<string, unknown>;
  secretFields: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  lastTest: LastTest | null;
}

export interface ConnectionInput {
  id: string;
  kind: ConnectorKind;
  name: string;
  config: Record<string, unknown>;
  secrets: Record<string, unknown>;
}

const view = (r: ConnectionRow): ConnectionView => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  config: r.config,
  secretFields: r.secret_fields,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  updatedBy: r.updated_by,
  lastTest: r.last_test_ok === null || r.last_test_at === null ? null : { ok: r.last_test_ok, at: r.last_test_at.toISOString(), failedStep: r.last_test_failed_step },
});

const secretRecord = z.record(z.string(), z.unknown());

/** A value with its object keys sorted, so stored JSON (jsonb reorders keys) compares by content. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  return value;
}

const setFields = (secrets: Record<string, unknown>) => Object.keys(secrets).filter((k) => secrets[k] !== undefined && secrets[k] !== null && secrets[k] !== '').sort();

/** Where connection secrets are sealed, and what each ciphertext is bound to: for key rotation (server/secrets/rotate.ts). */
export const sealedConnectionSecrets = { table: 'connections', idColumn: 'id', column: 'secrets', context: (id: string) => id } as const;

export function createConnectionStore(db: Database, keyring: Keyring) {
  async function row(id: string): Promise<ConnectionRow> {
    const [r] = await db.query<ConnectionRow>('SELECT * FROM connections WHERE id = $1', [id]);
    if (!r) throw new NotFound(`no connection "${id}"`);
    return r;
  }

  const store = {
    async list(): Promise<ConnectionView[]> {
      return (await db.query<ConnectionRow>('SELECT * FROM connections ORDER BY name, id')).map(view);
    },

    async get(id: string): Promise<ConnectionView> {
      return view(await row(id));
    },

    async create(input: ConnectionInput, actor: string): Promise<ConnectionView> {
      await db.transaction(async (tx) => {
        const [exists] = await tx.query<{ id: string }>('SELECT id FROM connections WHERE id = $1', [input.id]);
        if (exists) throw new Conflict(`a connection with the id "${input.id}" already exists`);
        await tx.query(
          'INSERT INTO connections (id, kind, name, config, secrets, secret_fields, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)',
          [input.id, input.kind, input.name, JSON.stringify(input.config), keyring.encrypt(JSON.stringify(input.secrets), input.id), JSON.stringify(setFields(input.secrets)), actor],
        );
        await audit(tx, { actor, action: 'connection.create', targetType: 'connection', targetId: input.id, details: { kind: input.kind, name: input.name, secretFields: setFields(input.secrets) } });
      });
      return store.get(input.id);
    },

    /** Replaces config and name; secrets given replace the stored ones field by field, absent ones are kept. */
    async update(input: Omit<ConnectionInput, 'secrets'> & { secrets?: Record<string, unknown> }, actor: string): Promise<ConnectionView> {
      await db.transaction(async (tx) => {
        const [current] = await tx.query<ConnectionRow>('SELECT * FROM connections WHERE id = $1 FOR UPDATE', [input.id]);
        if (!current) throw new NotFound(`no connection "${input.id}"`);
        if (current.kind !== input.kind) throw new Conflict(`connection "${input.id}" is a ${current.kind} connection; its kind cannot change`);
        const secrets = { ...secretRecord.parse(JSON.parse(keyring.decrypt(current.secrets, input.id))), ...(input.secrets ?? {}) };
        // A rename keeps the last test; new settings or secrets make it say nothing about the connection.
        const retest = JSON.stringify(canonical(current.config)) !== JSON.stringify(canonical(input.config)) || Object.keys(input.secrets ?? {}).length > 0;
        await tx.query(
          `UPDATE connections SET name = $2, config = $3, secrets = $4, secret_fields = $5, version = version + 1, updated_at = now(), updated_by = $6${
            retest ? ', last_test_ok = NULL, last_test_at = NULL, last_test_failed_step = NULL' : ''
          } WHERE id = $1`,
          [input.id, input.name, JSON.stringify(input.config), keyring.encrypt(JSON.stringify(secrets), input.id), JSON.stringify(setFields(secrets)), actor],
        );
        await audit(tx, { actor, action: 'connection.update', targetType: 'connection', targetId: input.id, details: { changedSecrets: Object.keys(input.secrets ?? {}).sort() } });
      });
      return store.get(input.id);
    },

    /** Keeps a test's outcome, unless the connection changed while it ran (the result is about the old settings). */
    async recordTest(id: string, version: number, report: { ok: boolean; steps: { step: string; ok: boolean }[] }): Promise<void> {
      await db.query('UPDATE connections SET last_test_ok = $3, last_test_at = now(), last_test_failed_step = $4 WHERE id = $1 AND version = $2', [
        id,
        version,
        report.ok,
        report.steps.find((s) => !s.ok)?.step ?? null,
      ]);
    },

    /** The connection with its secrets decrypted: for the worker's activities and connection tests only. */
    async load(id: string): Promise<Connection> {
      const [r] = await db.query<ConnectionRow>('SELECT * FROM connections WHERE id = $1', [id]);
      if (!r) throw new ConnectionNotFound(id);
      const secrets: unknown = JSON.parse(keyring.decrypt(r.secrets, id));
      return { id: r.id, kind: r.kind, name: r.name, version: r.version, config: r.config, secrets };
    },
  } satisfies ConnectionSource & Record<string, unknown>;
  return store;
}

export type ConnectionStore = ReturnType<typeof createConnectionStore>;
