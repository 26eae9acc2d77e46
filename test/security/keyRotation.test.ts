/**
 * Rotating the master key loses nothing: secrets sealed under the previous key still open while it
 * is listed in TENURE_PREVIOUS_SECRET_KEYS; `rotate-keys` reseals every stored secret under the new
 * key in one audited transaction, after which the old key is not needed for the database; Temporal
 * histories written under the old key stay readable with it, and new payloads use the new key.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { audit } from '../../server/db/audit.ts';
import { createConnectionStore } from '../../server/db/connections.ts';
import { openPglite, type Database } from '../../server/db/database.ts';
import { createHrSourceStore } from '../../server/db/hrSources.ts';
import { createSyncJobStore } from '../../server/db/syncJobs.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createUserStore } from '../../server/db/users.ts';
import { createKeyring, KeyError, parsePreviousKeys } from '../../server/secrets/keyring.ts';
import { rotateSecrets } from '../../server/secrets/rotate.ts';
import { syncJobInputSchema } from '../../server/sync/job.ts';
import { PayloadKeyMissing, payloadCodec } from '../../server/temporal/codec.ts';
import { runWorkflowId } from '../../workflows/messages.ts';
import { startedRuns } from '../support/api.ts';
import { definition, edge, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const strayKey = randomBytes(32);

const connectionInput = (id: string, password: string) => ({ id, kind: 'ldap' as const, name: id, config: { url: 'ldaps://ldap.example.com' }, secrets: { bindPassword: password } });

async function freshDb(dir?: string): Promise<Database> {
  const db = await openPglite(dir);
  await migrate(db);
  return db;
}

async function keyIdsIn(db: Database): Promise<string[]> {
  return (await db.query<{ secrets: string }>('SELECT secrets FROM connections ORDER BY id')).map((r) => r.secrets.split('.')[1] ?? '');
}

describe('key rotation: the keyring', () => {
  it('opens secrets sealed under a previous key, seals new ones under the current key, and names the missing key otherwise', () => {
    const before = createKeyring(oldKey);
    const sealed = before.encrypt('s3cret', 'ctx');
    const rotated = createKeyring(newKey, [oldKey]);
    expect(rotated.decrypt(sealed, 'ctx')).toBe('s3cret');
    expect(rotated.keyIdOf(rotated.encrypt('x', 'ctx'))).toBe(rotated.keyId);
    expect(rotated.keyId).not.toBe(before.keyId);
    expect(rotated.previousKeyIds).toEqual([before.keyId]);
    expect(() => createKeyring(newKey).decrypt(sealed, 'ctx')).toThrow(/TENURE_PREVIOUS_SECRET_KEYS/);
    // The binding to the context survives rotation: a swapped ciphertext still fails.
    expect(() => rotated.decrypt(sealed, 'other')).toThrow();
  });

  it('reads TENURE_PREVIOUS_SECRET_KEYS as comma-separated base64 or hex keys, and names a bad entry', () => {
    expect(parsePreviousKeys(` ${oldKey.toString('base64')} , ${strayKey.toString('hex')},`)).toEqual([oldKey, strayKey]);
    expect(parsePreviousKeys(undefined)).toEqual([]);
    expect(() => parsePreviousKeys(`${oldKey.toString('base64')},nope`)).toThrow(/entry 2/);
  });
});

describe('key rotation: stored secrets', () => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('reseals every connection, HR source and sync job secret under the current key, audited, after which the old key is not needed', async () => {
    const before = createKeyring(oldKey);
    const oldStore = createConnectionStore(db, before);
    await oldStore.create(connectionInput('dir-a', 'pw-a'), 'admin');
    await oldStore.create(connectionInput('dir-b', 'pw-b'), 'admin');
    await createUserStore(db).create({ id: 'workday', displayName: 'Workday', roles: ['hr-source'] }, 'admin');
    await createHrSourceStore(db, before).put('workday', { signingSecret: 'hmac-secret', requireSignature: true, allowedIps: [], ratePerMinute: null }, 'admin');
    const hrTable = { host: 'hr-db.example.com', database: 'hr', user: 'tenure' };
    await createSyncJobStore(db, before).create(
      syncJobInputSchema.parse({ id: 'hr-table', name: 'HR table', kind: 'postgres-hr', source: { connection: hrTable, query: 'workers', keyColumn: 'id', mode: 'snapshot', attributes: {} }, secrets: { password: 'db-secret' } }),
      'admin',
    );

    const rotated = createKeyring(newKey, [oldKey]);
    const report = await rotateSecrets(db, rotated, 'cli:test');
    expect(report).toEqual({ keyId: rotated.keyId, tables: { 'connections.secrets': { reencrypted: 2, current: 0 }, 'hr_sources.signing_secret': { reencrypted: 1, current: 0 }, 'sync_jobs.source_secret': { reencrypted: 1, current: 0 } } });
    expect(await keyIdsIn(db)).toEqual([rotated.keyId, rotated.keyId]);

    // The new key alone now opens everything.
    const newOnly = createKeyring(newKey);
    const loaded = await createConnectionStore(db, newOnly).load('dir-b');
    expect(loaded.secrets).toEqual({ bindPassword: 'pw-b' });
    expect((await createHrSourceStore(db, newOnly).settingsFor('workday'))?.signingSecret).toBe('hmac-secret');
    expect((await createSyncJobStore(db, newOnly).load('hr-table')).password).toBe('db-secret');

    // A second run finds nothing to do.
    expect((await rotateSecrets(db, rotated, 'cli:test')).tables['connections.secrets']).toEqual({ reencrypted: 0, current: 2 });
    const [entry] = await db.query<{ actor: string; target_id: string; details: { previousKeyIds: string[] } }>("SELECT actor, target_id, details FROM audit_log WHERE action = 'secrets.rotate' ORDER BY id LIMIT 1");
    expect(entry).toMatchObject({ actor: 'cli:test', target_id: rotated.keyId, details: { previousKeyIds: [createKeyring(oldKey).keyId] } });
  });

  it('changes nothing when one secret is under a key it was not given', async () => {
    await createConnectionStore(db, createKeyring(oldKey)).create(connectionInput('dir-c', 'pw-c'), 'admin');
    await createConnectionStore(db, createKeyring(strayKey)).create(connectionInput('dir-z', 'pw-z'), 'admin');
    const idsBefore = await keyIdsIn(db);
    const rotationsBefore = await db.query("SELECT 1 FROM audit_log WHERE action = 'secrets.rotate'");
    const rotation = rotateSecrets(db, createKeyring(newKey, [oldKey]), 'cli:test');
    await expect(rotation).rejects.toThrow(KeyError);
    await expect(rotation).rejects.toThrow(/connections "dir-z"/);
    expect(await keyIdsIn(db)).toEqual(idsBefore);
    expect(idsBefore).toContain(createKeyring(oldKey).keyId);
    expect(await db.query("SELECT 1 FROM audit_log WHERE action = 'secrets.rotate'")).toEqual(rotationsBefore);
  });

  it('rotates through `node server/main.ts rotate-keys`, and a generated key file is owner-only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tenure-rotate-'));
    try {
      const db = await freshDb(join(dir, 'db'));
      await createConnectionStore(db, createKeyring(oldKey)).create(connectionInput('dir-a', 'pw-a'), 'admin');
      await audit(db, { actor: 'setup', action: 'setup', targetType: 'test', targetId: 'x' });
      await db.close();

      const env = { ...process.env, TENURE_DATA_DIR: dir, TENURE_SECRET_KEY: newKey.toString('base64'), TENURE_PREVIOUS_SECRET_KEYS: oldKey.toString('base64'), TENURE_LOG_LEVEL: 'silent' };
      const out = await runMain(['rotate-keys'], env);
      expect(out.code, out.output).toBe(0);
      expect(out.output).toContain('connections.secrets: 1 re-encrypted, 0 already under the current key');

      const after = await openPglite(join(dir, 'db'));
      try {
        expect((await createConnectionStore(after, createKeyring(newKey)).load('dir-a')).secrets).toEqual({ bindPassword: 'pw-a' });
      } finally {
        await after.close();
      }

      // Without the previous key the command refuses, naming the variable to set, and changes nothing.
      const failed = await runMain(['rotate-keys'], { ...env, TENURE_SECRET_KEY: strayKey.toString('base64'), TENURE_PREVIOUS_SECRET_KEYS: '' });
      expect(failed.code).toBe(1);
      expect(failed.output).toContain('TENURE_PREVIOUS_SECRET_KEYS');

      // No TENURE_SECRET_KEY at all: the generated key file is created readable by its owner only.
      const generated = await runMain(['rotate-keys'], { ...env, TENURE_SECRET_KEY: '', TENURE_PREVIOUS_SECRET_KEYS: newKey.toString('base64') });
      expect(generated.code, generated.output).toBe(0);
      expect((await stat(join(dir, 'secret.key'))).mode & 0o777).toBe(0o600);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

async function runMain(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(import.meta.dirname, '../../server/main.ts'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', fail);
    child.once('exit', (code) => done({ code, output }));
  });
}

describe('key rotation: Temporal payloads', () => {
  let sys: TestSystem;
  let connection: Connection;
  beforeAll(async () => {
    sys = await startTestSystem({ secretKey: oldKey });
    connection = await Connection.connect({ address: inject('temporalAddress') });
  });
  afterAll(async () => {
    await connection.close();
    await sys.stop();
  });

  it('reads histories written under the previous key and encrypts new payloads under the current one', async () => {
    const greet = { action: 'core.log', params: { message: { expression: 'Join(" ", "Welcome", [givenName])' } } };
    await sys.api('POST', '/api/definitions', definition('rotation', [node({ id: 'start', type: 'start', data: {} }), node({ id: 'greet', type: 'action', data: greet }), node({ id: 'end', type: 'end', data: {} })], [edge('start', 'greet'), edge('greet', 'end')]));
    await sys.api('POST', '/api/definitions/rotation/publish');
    const started = startedRuns.parse((await sys.api('POST', '/api/runs', { definitionId: 'rotation', people: [{ employeeId: 'E-ROT', attributes: { givenName: 'Rotated-Réka' } }] })).body);
    const workflowId = runWorkflowId(started.runs[0]?.id ?? '');
    await eventually(async () => ((await sys.client.workflow.getHandle(workflowId).describe()).status.name === 'COMPLETED' ? true : undefined), 'the run to complete');

    const rotatedCodec = payloadCodec(createKeyring(newKey, [oldKey]));
    const rotated = new Client({ connection, dataConverter: { payloadCodecs: [rotatedCodec] } });
    expect(JSON.stringify(await rotated.workflow.getHandle(workflowId).result())).toContain('Welcome Rotated-Réka');

    const newOnly = new Client({ connection, dataConverter: { payloadCodecs: [payloadCodec(createKeyring(newKey))] } });
    await expect(newOnly.workflow.getHandle(workflowId).result()).rejects.toThrow(/TENURE_PREVIOUS_SECRET_KEYS/);

    const [sealed] = await rotatedCodec.encode([{ metadata: { encoding: new TextEncoder().encode('json/plain') }, data: new TextEncoder().encode('"x"') }]);
    expect(new TextDecoder().decode(sealed?.metadata?.['encryption-key-id'])).toBe(createKeyring(newKey).keyId);
    await expect(payloadCodec(createKeyring(oldKey)).decode(sealed ? [sealed] : [])).rejects.toThrow(PayloadKeyMissing);
  });
});
