/**
 * Key rotation for secrets at rest (`node server/main.ts rotate-keys`): every sealed value written
 * under a previous key is decrypted and sealed again under the current key, all in one transaction
 * (a value that no configured key can open aborts the whole rotation, and nothing changes). After it,
 * the previous keys are no longer needed for the database; Temporal histories written before the
 * rotation still carry payloads under the old key id, so keep the old key in
 * TENURE_PREVIOUS_SECRET_KEYS until those histories have aged out of retention.
 */
import { audit } from '../db/audit.ts';
import { sealedConnectionSecrets } from '../db/connections.ts';
import type { Database, Queryable } from '../db/database.ts';
import { KeyError, type Keyring } from './keyring.ts';

/** A column holding keyring ciphertexts, and what each is bound to (the AAD given to encrypt). */
export interface SealedColumn {
  readonly table: string;
  readonly idColumn: string;
  readonly column: string;
  readonly context: (id: string) => string;
}

/** Every place a secret is stored sealed. A store that seals a new column adds it here. */
export const sealedColumns: readonly SealedColumn[] = [
  sealedConnectionSecrets,
  // HR sources' HMAC signing secrets; the context is the one server/db/hrSources.ts binds them to.
  { table: 'hr_sources', idColumn: 'user_id', column: 'signing_secret', context: (id) => `hr-source:${id}` },
  // Sync jobs' source passwords; the context is server/db/syncJobs.ts's syncJobSecretContext.
  { table: 'sync_jobs', idColumn: 'id', column: 'source_secret', context: (id) => `sync-job:${id}` },
];

export interface RotationReport {
  keyId: string;
  /** Per table: values re-encrypted, and values already under the current key. */
  tables: Record<string, { reencrypted: number; current: number }>;
}

const identifier = /^[a-z_][a-z0-9_]*$/;

async function reseal(tx: Queryable, keyring: Keyring, spec: SealedColumn): Promise<{ reencrypted: number; current: number }> {
  // Identifiers come from the constant list above, never from outside; checked anyway because they are spliced into SQL.
  for (const name of [spec.table, spec.idColumn, spec.column]) if (!identifier.test(name)) throw new Error(`invalid SQL identifier in sealed column list: ${name}`);
  const rows = await tx.query<{ id: string; sealed: string | null }>(`SELECT ${spec.idColumn}::text AS id, ${spec.column} AS sealed FROM ${spec.table} ORDER BY 1 FOR UPDATE`);
  let reencrypted = 0;
  let current = 0;
  for (const row of rows) {
    if (row.sealed === null || row.sealed === '') continue;
    if (keyring.keyIdOf(row.sealed) === keyring.keyId) {
      current++;
      continue;
    }
    const context = spec.context(row.id);
    let plain: string;
    try {
      plain = keyring.decrypt(row.sealed, context);
    } catch (error) {
      throw new KeyError(`${spec.table} "${row.id}": ${error instanceof Error ? error.message : String(error)}`);
    }
    await tx.query(`UPDATE ${spec.table} SET ${spec.column} = $2 WHERE ${spec.idColumn}::text = $1`, [row.id, keyring.encrypt(plain, context)]);
    reencrypted++;
  }
  return { reencrypted, current };
}

export async function rotateSecrets(db: Database, keyring: Keyring, actor: string, columns: readonly SealedColumn[] = sealedColumns): Promise<RotationReport> {
  return db.transaction(async (tx) => {
    const tables: RotationReport['tables'] = {};
    for (const spec of columns) tables[`${spec.table}.${spec.column}`] = await reseal(tx, keyring, spec);
    await audit(tx, { actor, action: 'secrets.rotate', targetType: 'keyring', targetId: keyring.keyId, details: { previousKeyIds: keyring.previousKeyIds, tables } });
    return { keyId: keyring.keyId, tables };
  });
}
